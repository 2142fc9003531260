import type { ProjectionModule } from '../../ledger/ledger.ts';

/**
 * The outbound feed has no projection tables: its outbox and delivery log are operational state
 * (src/modules/publicity/feed.service.ts). Its one event, an admin's `feed.delivery-retried`
 * (platform log), records who asked for a delivery again; it changes no projection.
 */
export const feedProjections: ProjectionModule = { tables: [], projectors: { 'feed.delivery-retried': null } };
