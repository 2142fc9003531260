import type { ProjectionModule } from '../../ledger/ledger.ts';

/**
 * `officer.card-issued` (a card printed or reprinted, data `CardIssued` in certificate-cards.service.ts)
 * changes no projection: a card's validity is its certificate's, read live when the QR is scanned.
 */
export const certificateCardProjections: ProjectionModule = { tables: [], projectors: { 'officer.card-issued': null } };
