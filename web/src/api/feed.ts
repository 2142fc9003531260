import type { FeedAttempt, FeedAttemptOutcome, FeedDelivery, FeedDeliveryPage, FeedKind, FeedStatus } from '@shared/feed.ts';
import { api, withQuery } from './client.ts';

/* 对外推送 — the outbound feed's delivery log (src/modules/publicity/feed.routes.ts). */

export type { FeedAttempt, FeedAttemptOutcome, FeedDelivery, FeedDeliveryPage, FeedKind, FeedStatus };

export interface FeedFilter {
  agencyId?: string | null;
  status?: FeedStatus | null;
  /** The `next` of the previous page. */
  after?: string | null;
  limit?: number;
}

export const feedApi = {
  /** Newest first, a page at a time. */
  list: (f: FeedFilter, signal?: AbortSignal) =>
    api.get<FeedDeliveryPage>(withQuery('/api/feed/deliveries', { agencyId: f.agencyId, status: f.status, after: f.after, limit: f.limit ? String(f.limit) : null }), { signal }),
  /** Sends a failed item again (a new round of attempts), or a waiting one now. */
  retry: (id: string) => api.post<FeedDelivery>(`/api/feed/deliveries/${encodeURIComponent(id)}/retry`),
};
