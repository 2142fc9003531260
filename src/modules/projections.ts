import type { ProjectionModule } from '../ledger/ledger.ts';
import { identityProjections } from './identity/identity.projections.ts';

/** Every capability's projections, parents before children (the rebuild empties them in reverse). */
export const projectionModules: readonly ProjectionModule[] = [identityProjections];
