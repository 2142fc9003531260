import type { CardVerification, OfficerLookupItem } from '@shared/officer-cards.ts';
import { api, withQuery } from './client.ts';

export type { CardVerdict, CardVerification, OfficerLookupItem } from '@shared/officer-cards.ts';

export const officerCardsApi = {
  /** Issues (and records) one officer's card and saves the PDF. */
  printCard: (officerId: string, fallbackName: string) => api.downloadPost(`/api/officers/${encodeURIComponent(officerId)}/card`, undefined, fallbackName),
  /** Issues the cards of every officer of the agency whose certificate is in force. */
  printAgencyCards: (agencyId: string, fallbackName: string) => api.downloadPost('/api/officers/cards', { agencyId }, fallbackName),
  /** Public: checks a card's token and reads the certificate's live status. */
  verify: (token: string, signal?: AbortSignal) => api.get<CardVerification>(withQuery('/api/public/officers/verify', { t: token }), { signal }),
  /** Public: officer lookup by agency and name or certificate number. */
  lookup: (query: { agencyId?: string | null; q?: string | null }, signal?: AbortSignal) =>
    api.get<{ items: OfficerLookupItem[]; more: boolean }>(withQuery('/api/public/officers', { agencyId: query.agencyId, q: query.q }), { signal }),
};
