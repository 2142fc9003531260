import type { CaseActInputs } from '@shared/case-inputs.ts';
import type { CaseAct, CaseListItem, CaseRecord, CaseStatus, CaseView, OverdueItem, Owed } from '@shared/cases.ts';
import type { HistoryEntry } from '@shared/api.ts';
import { api, ifMatch, withQuery } from './client.ts';

/* The case API (src/modules/cases/cases.routes.ts); its shapes are shared with the server (src/shared/cases.ts). */

export type { CaseActInputs, CaseListItem, CaseView, OverdueItem, Owed };

export interface CaseFilter {
  agencyId?: string | null;
  status?: CaseStatus | null;
  unitId?: string | null;
  field?: string | null;
  /** 承办人 (officer id), or 'me'. */
  handler?: string | null;
  overdue?: boolean;
  from?: string | null;
  to?: string | null;
  q?: string | null;
  /** Cursor of the page to read (the previous page's `next`). */
  after?: string | null;
  limit?: number;
}

export interface CasePage {
  items: CaseListItem[];
  /** Cursor of the next page; null on the last page. */
  next: string | null;
}

/** Acts performed on an existing case (the other two open a case). */
export type CaseActOnCase = Exclude<CaseAct, 'register-clue' | 'decide-on-the-spot'>;

/** One ledger event of a case (the timeline): the same shape as every object's history. */
export type CaseEvent = HistoryEntry;

const path = (id: string, suffix = '') => `/api/cases/${encodeURIComponent(id)}${suffix}`;

export const casesApi = {
  list: (f: CaseFilter, signal?: AbortSignal) =>
    api.get<CasePage>(
      withQuery('/api/cases', {
        agencyId: f.agencyId,
        status: f.status,
        unitId: f.unitId,
        field: f.field,
        handler: f.handler,
        overdue: f.overdue ? 'true' : null,
        from: f.from,
        to: f.to,
        q: f.q,
        after: f.after,
        limit: f.limit ? String(f.limit) : null,
      }),
      { signal },
    ),
  overdue: (f: { agencyId?: string | null; unitId?: string | null }, signal?: AbortSignal) =>
    api.get<OverdueItem[]>(withQuery('/api/cases/overdue', { agencyId: f.agencyId, unitId: f.unitId }), { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<CaseView>(path(id), { signal }),
  timeline: (id: string, signal?: AbortSignal) => api.get<CaseEvent[]>(path(id, '/timeline'), { signal }),
  /** 线索登记 */
  registerClue: (input: CaseActInputs['register-clue']) => api.post<CaseView>('/api/cases', input),
  /** 当场处罚 (简易程序) */
  decideOnTheSpot: (input: CaseActInputs['decide-on-the-spot']) => api.post<CaseView>('/api/cases/on-the-spot', input),
  /** One act on the case, against the version the user saw (If-Match). */
  act: <A extends CaseActOnCase>(c: Pick<CaseRecord, 'id' | 'version'>, act: A, input: CaseActInputs[A]) =>
    api.post<CaseView>(path(c.id, `/${act}`), input, { headers: ifMatch(c.version) }),
};

/** The documents a case issues (决定书, 告知书, 笔录 …): a PDF to preview, a DOCX to edit. */
export const documentsApi = {
  pdfUrl: (id: string) => `/api/documents/${encodeURIComponent(id)}/pdf`,
  downloadDocx: (id: string, fallbackName: string) => api.download(`/api/documents/${encodeURIComponent(id)}/docx`, fallbackName),
};
