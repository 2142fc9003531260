import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The event envelope of domain/ledger.md. `at` is when the platform recorded the act (RFC 3339
 * UTC with milliseconds); legal dates (decision date, service date) live inside `data`.
 */
export interface Envelope {
  v: 1;
  log: string;
  /** 1-based, per log. */
  seq: number;
  at: string;
  /** A user id, or "system". */
  actor: string;
  /** `module.past-tense`, e.g. `agency.created`. */
  type: string;
  subject: string | null;
  data: Record<string, unknown>;
}

export const ZERO_HASH = Buffer.alloc(32);

/** entry bytes: the envelope canonicalised by RFC 8785 (JCS), UTF-8. */
export function entryBytes(e: Envelope): Buffer {
  const text = canonicalize({
    v: e.v,
    log: e.log,
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    type: e.type,
    subject: e.subject,
    data: e.data,
  });
  if (text === undefined) throw new Error('envelope cannot be canonicalised');
  return Buffer.from(text, 'utf8');
}

/** The event's leaf in its log's Merkle tree: RFC 6962 §2.1, SHA-256(0x00 ‖ entry). */
export { leafHash } from './merkle/hashing.ts';

/** chainHash links an event to its predecessor: SHA-256(prev ‖ leaf); prev of seq 1 is 32 zero bytes. */
export function chainHash(prev: Buffer, leaf: Buffer): Buffer {
  return hash('sha256', Buffer.concat([prev, leaf]), 'buffer');
}
