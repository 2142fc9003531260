import type { PenaltyInputT } from '@shared/case-inputs.ts';
import type {
  ChecklistResult,
  EscalationTarget,
  ReviewListItem,
  ReviewOutcome,
  ReviewRecord,
  ReviewSettings,
  ReviewStats,
  ReviewStatsGroup,
  ReviewStatus,
  ReviewView,
} from '@shared/reviews.ts';
import { api, ifMatch, withQuery } from './client.ts';

/*
 * 法制审核 (src/modules/review/reviews.routes.ts). The shapes are the shared ones
 * (src/shared/reviews.ts); the request bodies mirror the route schemas.
 */

export type { ChecklistResult, EscalationTarget, ReviewListItem, ReviewOutcome, ReviewRecord, ReviewSettings, ReviewStats, ReviewStatsGroup, ReviewStatus, ReviewView };

export interface ReviewFilter {
  agencyId?: string | null;
  /** A status, or 'open' (submitted, assigned) / 'done' (returned, approved, escalated). */
  status?: ReviewStatus | 'open' | 'done' | null;
  /** 'me': assigned to the caller (as reviewer or co-reviewer); or a user id. */
  reviewer?: string | null;
  /** Only open reviews past their due date. */
  overdue?: boolean;
  limit?: number;
}

/** 送审: the proposal to review (the case's current one when absent; `noPenalty`: 不予行政处罚) and a note. */
export interface ReviewSubmission {
  penalty?: PenaltyInputT;
  noPenalty?: boolean;
  note?: string | null;
}

/** 分配审核人员: by name or round-robin, with an optional co-reviewing legal adviser. */
export interface AssignInput {
  reviewerUserId?: string;
  roundRobin?: boolean;
  coReviewerUserId?: string | null;
}

/** 审核意见: all ten points, 同意 or 存在问题 (with the changes required). */
export interface OpinionInput {
  outcome: ReviewOutcome;
  checklist: { point: number; ok: boolean; comment?: string }[];
  opinion: string;
  requiredChanges?: string | null;
}

export interface StatsQuery {
  agencyId: string;
  from?: string | null;
  to?: string | null;
}

export interface ReviewSettingsView {
  agencyId: string;
  settings: ReviewSettings;
  /** 0: the defaults, never set. */
  version: number;
}

type Versioned = { id: string; version: number };

const path = (id: string, suffix = '') => `/api/reviews/${encodeURIComponent(id)}${suffix}`;
const statsQuery = (q: StatsQuery) => ({ agencyId: q.agencyId, from: q.from, to: q.to });

export const reviewsApi = {
  /** The inbox: newest submission first. */
  list: (f: ReviewFilter, signal?: AbortSignal) =>
    api.get<ReviewListItem[]>(
      withQuery('/api/reviews', {
        agencyId: f.agencyId,
        status: f.status,
        reviewer: f.reviewer,
        overdue: f.overdue ? 'true' : null,
        limit: f.limit ? String(f.limit) : null,
      }),
      { signal },
    ),
  get: (id: string, signal?: AbortSignal) => api.get<ReviewView>(path(id), { signal }),
  /** Every round of a case, oldest first. */
  ofCase: (caseId: string, signal?: AbortSignal) => api.get<ReviewRecord[]>(`/api/cases/${encodeURIComponent(caseId)}/reviews`, { signal }),
  /** 送审, against the case version the user saw. */
  submit: (c: Versioned, input: ReviewSubmission) => api.post<ReviewView>(`/api/cases/${encodeURIComponent(c.id)}/review-submissions`, input, { headers: ifMatch(c.version) }),
  assign: (r: Versioned, input: AssignInput) => api.post<ReviewView>(path(r.id, '/assign'), input, { headers: ifMatch(r.version) }),
  reassign: (r: Versioned, input: AssignInput & { reason: string }) => api.post<ReviewView>(path(r.id, '/reassign'), input, { headers: ifMatch(r.version) }),
  decide: (r: Versioned, input: OpinionInput) => api.post<ReviewView>(path(r.id, '/decide'), input, { headers: ifMatch(r.version) }),
  escalate: (r: Versioned, input: { reason: string; to: EscalationTarget }) => api.post<ReviewView>(path(r.id, '/escalate'), input, { headers: ifMatch(r.version) }),
  /** 法律顾问意见: the co-reviewing adviser's opinion on the round (writing again replaces it). */
  coOpinion: (r: Versioned, input: { opinion: string }) => api.post<ReviewView>(path(r.id, '/co-opinion'), input, { headers: ifMatch(r.version) }),
  stats: (q: StatsQuery, signal?: AbortSignal) => api.get<ReviewStats>(withQuery('/api/reviews/stats', statsQuery(q)), { signal }),
  statsXlsxUrl: (q: StatsQuery) => withQuery('/api/reviews/stats.xlsx', statsQuery(q)),
  downloadStats: (q: StatsQuery, fallbackName: string) => api.download(withQuery('/api/reviews/stats.xlsx', statsQuery(q)), fallbackName),
  settings: (agencyId: string, signal?: AbortSignal) => api.get<ReviewSettingsView>(`/api/agencies/${encodeURIComponent(agencyId)}/review-settings`, { signal }),
  /** The head of legal review sets them, with the reason, against the version read (0: the defaults). */
  setSettings: (s: ReviewSettingsView, settings: ReviewSettings, reason: string) =>
    api.put<ReviewSettingsView>(`/api/agencies/${encodeURIComponent(s.agencyId)}/review-settings`, { settings, reason }, { headers: ifMatch(s.version) }),
};
