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

/**
 * entry bytes: the envelope canonicalised by RFC 8785 (JCS), UTF-8. The reference definition:
 * append and verify use `entryBytesOf`, which gives the same bytes without re-canonicalising
 * the data; `entryBytes` is for envelopes that come from elsewhere (a bundle being checked).
 */
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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The envelope's fields besides `data` (`v` is always 1). */
export type EnvelopeHead = Pick<Envelope, 'log' | 'seq' | 'at' | 'actor' | 'type' | 'subject'>;

/**
 * entryBytesOf gives the entry bytes from the envelope's other fields and the data's canonical
 * JSON text as stored (the `data` column): the text is spliced in verbatim, the rest written in
 * RFC 8785 order (member names sorted by UTF-16 code units — actor, at, data, log, seq, subject,
 * type, v — strings as `JSON.stringify` writes them, which RFC 8785 §3.2.2.2 adopts). Equal to
 * `entryBytes` whenever `dataText` is canonical, which the append path guarantees; a stored text
 * edited into another (even equivalent) form gives other bytes, hence another leaf — an edit is
 * an edit. The one function append and verify share, so they can never disagree.
 */
export function entryBytesOf(head: EnvelopeHead, dataText: string): Buffer {
  return Buffer.from(entryText(head, dataText), 'utf8');
}

/**
 * entryLeaf is `leafHash(entryBytesOf(head, dataText))` without the two intermediate copies of the
 * entry: the 0x00 prefix is the string's first character (U+0000 is the byte 0x00 in UTF-8) and
 * the hash encodes the text itself. Verify computes it for every event.
 */
export function entryLeaf(head: EnvelopeHead, dataText: string): Buffer {
  return hash('sha256', `\u0000${entryText(head, dataText)}`, 'buffer');
}

function entryText(head: EnvelopeHead, dataText: string): string {
  if (!Number.isSafeInteger(head.seq) || head.seq < 1) throw new Error(`seq ${head.seq} is not a positive integer`);
  // RFC 8785 refuses lone surrogates (canonicalize throws), so must we, or the two would differ
  // (a canonical data text cannot hold one: canonicalize refused it).
  for (const s of [head.log, head.at, head.actor, head.type, head.subject ?? '']) {
    if (LONE_SURROGATE.test(s)) throw new Error('envelope field holds a lone surrogate');
  }
  return `{"actor":${JSON.stringify(head.actor)},"at":${JSON.stringify(head.at)},"data":${dataText},"log":${JSON.stringify(head.log)},"seq":${head.seq},"subject":${head.subject === null ? 'null' : JSON.stringify(head.subject)},"type":${JSON.stringify(head.type)},"v":1}`;
}

/** The event's leaf in its log's Merkle tree: RFC 6962 §2.1, SHA-256(0x00 ‖ entry). */
export { leafHash } from './merkle/hashing.ts';

/** chainHash links an event to its predecessor: SHA-256(prev ‖ leaf); prev of seq 1 is 32 zero bytes. */
export function chainHash(prev: Buffer, leaf: Buffer): Buffer {
  return hash('sha256', Buffer.concat([prev, leaf]), 'buffer');
}
