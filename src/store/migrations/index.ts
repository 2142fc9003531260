import type { EngineMigration } from './types.ts';
import { createLedger } from './0001_create_ledger.ts';
import { createAgencies } from './0002_create_agencies.ts';
import { createPeopleAndAccess } from './0003_create_people_and_access.ts';
import { createTreeNodesAndCheckpoints } from './0004_create_tree_nodes_and_checkpoints.ts';
import { createCalendar } from './0005_create_calendar.ts';
import { createDocumentsAndBlobs } from './0006_create_documents_and_blobs.ts';
import { createDiscretionBenchmarks } from './0007_create_discretion_benchmarks.ts';
import { createCases } from './0008_create_cases.ts';
import { createCaseListIndexes } from './0009_case_list_indexes.ts';
import { createReviewCatalog } from './0010_create_review_catalog.ts';
import { createReviews } from './0011_create_reviews.ts';
import { caseHandlersByOfficer } from './0012_case_handlers_by_officer.ts';
import { caseSearch } from './0013_case_search.ts';
import { caseSearchAscending } from './0017_case_search_ascending.ts';
import { createPublications } from './0014_create_publications.ts';
import { createDisclosures } from './0015_create_disclosures.ts';
import { createFeedOutbox } from './0016_create_feed_outbox.ts';
import { portalSearchByDecisionDate } from './0018_portal_search_by_decision_date.ts';
import { portalListItems } from './0019_portal_list_items.ts';
import { eventsOfDerivedLists } from './0020_events_of_derived_lists.ts';
import { caseListByRegistration } from './0021_case_list_by_registration.ts';
import { caseNextDue } from './0022_case_next_due.ts';
import { portalGeneration } from './0023_portal_generation.ts';

/** Every migration, in order. Names are what they change; never rename or edit a shipped one. */
export const migrations: Record<string, EngineMigration> = {
  '0001_create_ledger': createLedger,
  '0002_create_agencies': createAgencies,
  '0003_create_people_and_access': createPeopleAndAccess,
  '0004_create_tree_nodes_and_checkpoints': createTreeNodesAndCheckpoints,
  '0005_create_calendar': createCalendar,
  '0006_create_documents_and_blobs': createDocumentsAndBlobs,
  '0007_create_discretion_benchmarks': createDiscretionBenchmarks,
  '0008_create_cases': createCases,
  '0009_case_list_indexes': createCaseListIndexes,
  '0010_create_review_catalog': createReviewCatalog,
  '0011_create_reviews': createReviews,
  '0012_case_handlers_by_officer': caseHandlersByOfficer,
  '0013_case_search': caseSearch,
  '0014_create_publications': createPublications,
  '0015_create_disclosures': createDisclosures,
  '0016_create_feed_outbox': createFeedOutbox,
  '0017_case_search_ascending': caseSearchAscending,
  '0018_portal_search_by_decision_date': portalSearchByDecisionDate,
  '0019_portal_list_items': portalListItems,
  '0020_events_of_derived_lists': eventsOfDerivedLists,
  '0021_case_list_by_registration': caseListByRegistration,
  '0022_case_next_due': caseNextDue,
  '0023_portal_generation': portalGeneration,
};
