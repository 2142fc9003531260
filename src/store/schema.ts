import type { LedgerTables } from '../ledger/ledger.tables.ts';
import type { IdentityTables } from '../modules/identity/identity.tables.ts';
import type { CalendarTables } from '../calendar/calendar.tables.ts';
import type { CasesTables } from '../modules/cases/cases.tables.ts';
import type { BenchmarkTables } from '../modules/cases/benchmarks.tables.ts';
import type { BlobTables } from '../blobs/blobs.tables.ts';
import type { DocumentTables } from '../modules/documents/documents.tables.ts';
import type { ReviewTables } from '../modules/review/review.tables.ts';
import type { ReviewsTables } from '../modules/review/reviews.tables.ts';
import type { FeedTables } from '../modules/publicity/feed.tables.ts';
import type { PublicationsTables } from '../modules/publicity/publications.tables.ts';
import type { DisclosureTables } from '../modules/publicity/disclosures.tables.ts';

/**
 * The whole database as Kysely sees it. Each capability declares its own tables next to its
 * code; this file only joins them.
 */
export interface Database extends LedgerTables, IdentityTables, CalendarTables, CasesTables, BenchmarkTables, BlobTables, DocumentTables, ReviewTables, ReviewsTables, FeedTables, PublicationsTables, DisclosureTables {}
