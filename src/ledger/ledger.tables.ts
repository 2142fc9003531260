import type { Generated } from 'kysely';

/** One log per agency plus the platform log; the head row is what appends lock. */
export interface LogsTable {
  id: string;
  /** Checkpoint origin line, e.g. `sanxiang/hy-whzf`. */
  origin: string;
  agency_id: string | null;
  created_at: string;
  head_seq: number;
  head_hash: Buffer;
}

/** The events of every log, as appended. Never updated, never deleted. */
export interface EventsTable {
  /** Global insertion order: replay order across logs when projections are rebuilt. */
  id: Generated<number>;
  log_id: string;
  seq: number;
  at: string;
  actor: string;
  type: string;
  subject: string | null;
  /** The `data` object as JSON text (text, not jsonb, so it reads back exactly as written). */
  data: string;
  leaf: Buffer;
  hash: Buffer;
}

/** A perfect-subtree hash of a log's Merkle tree: covers leaves [idx·2^level, (idx+1)·2^level). */
export interface TreeNodesTable {
  log_id: string;
  level: number;
  idx: number;
  hash: Buffer;
}

/** A signed checkpoint (C2SP signed note) of a log at a size. */
export interface CheckpointsTable {
  log_id: string;
  size: number;
  root: Buffer;
  note: string;
  created_at: string;
}

export interface LedgerTables {
  logs: LogsTable;
  events: EventsTable;
  tree_nodes: TreeNodesTable;
  checkpoints: CheckpointsTable;
}
