/** One change in an object's history (who, when, what, why); the shape is shared with the server. */
export type { HistoryEntry } from '@shared/api.ts';
