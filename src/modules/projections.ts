import type { ProjectionModule } from '../ledger/ledger.ts';
import { identityProjections } from './identity/identity.projections.ts';
import { certificateCardProjections } from './identity/certificate-cards.projections.ts';
import { documentsProjections } from './documents/documents.projections.ts';
import { calendarProjections } from '../calendar/calendar.projections.ts';
import { benchmarkProjections } from './cases/benchmarks.projections.ts';
import { casesProjections } from './cases/cases.projections.ts';
import { reviewCatalogProjections } from './review/catalog.projections.ts';
import { reviewsProjections } from './review/reviews.projections.ts';
import { publicationsProjections } from './publicity/publications.projections.ts';
import { feedProjections } from './publicity/feed.projections.ts';
import { disclosureProjections } from './publicity/disclosures.projections.ts';

/** Every capability's projections, parents before children (the rebuild empties them in reverse). */
export const projectionModules: readonly ProjectionModule[] = [identityProjections, certificateCardProjections, documentsProjections, calendarProjections, benchmarkProjections, casesProjections, reviewCatalogProjections, reviewsProjections, publicationsProjections, feedProjections, disclosureProjections];
