import type { ProjectionModule } from '../ledger/ledger.ts';
import { identityProjections } from './identity/identity.projections.ts';
import { documentsProjections } from './documents/documents.projections.ts';
import { calendarProjections } from '../calendar/calendar.projections.ts';
import { benchmarkProjections } from './cases/benchmarks.projections.ts';
import { casesProjections } from './cases/cases.projections.ts';
import { reviewCatalogProjections } from './review/catalog.projections.ts';
import { reviewsProjections } from './review/reviews.projections.ts';

/** Every capability's projections, parents before children (the rebuild empties them in reverse). */
export const projectionModules: readonly ProjectionModule[] = [identityProjections, documentsProjections, calendarProjections, benchmarkProjections, casesProjections, reviewCatalogProjections, reviewsProjections];
