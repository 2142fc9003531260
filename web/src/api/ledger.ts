import { api } from './client.ts';

/** A signed checkpoint of one log: the tree size and root it commits to, and the signed note itself. */
export interface Checkpoint {
  log: string;
  origin: string;
  size: number;
  /** base64 RFC 6962 root hash. */
  root: string;
  /** The C2SP signed note, exactly as signed. */
  note: string;
  createdAt: string;
}

/** One log (an agency's, or the platform's own when agencyName is null) and its latest checkpoint. */
export interface PublicLog {
  log: string;
  origin: string;
  agencyName: string | null;
  size: number;
  checkpoint: Checkpoint | null;
}

export interface PublicLogs {
  keyId: string;
  verifierKey: string;
  logs: PublicLog[];
}

const logPath = (log: string) => `/api/public/logs/${encodeURIComponent(log)}`;

/** The published tamper-evident record; none of it needs a login. */
export const ledgerApi = {
  logs: (signal?: AbortSignal) => api.get<PublicLogs>('/api/public/logs', { signal }),
  /** Newest first, at most 100. */
  checkpoints: (log: string, signal?: AbortSignal) => api.get<Checkpoint[]>(`${logPath(log)}/checkpoints`, { signal }),
  /** The latest signed note as text/plain, for a plain download link. */
  latestNoteUrl: (log: string) => `${logPath(log)}/checkpoint`,
  keyUrl: '/api/public/key',
};
