/**
 * C2SP tlog-checkpoint: the note text `<origin>\n<tree size>\n<base64 root hash>\n`, optionally
 * followed by non-empty extension lines, signed as a C2SP signed-note. The tree size is decimal
 * without leading zeros; the root is the RFC 6962 SHA-256 root.
 */
import { HASH_SIZE } from '../merkle/hashing.ts';
import { CheckpointError } from './errors.ts';
import type { NoteSigner, NoteVerifier } from './keys.ts';
import { openNote, signNote, type OpenedNote } from './note.ts';
import { decodeBase64, encodeBase64, isNoteText } from './text.ts';

/** Checkpoint is a parsed checkpoint body. Sizes beyond 2^53 − 1 are refused. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Buffer;
  /** Extension lines, opaque and NOT RECOMMENDED by the spec; usually empty. */
  readonly extensions: readonly string[];
}

const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/**
 * checkpointBody writes the checkpoint note text `<origin>\n<size>\n<base64 root>\n` (plus any
 * extension lines). Requires a non-empty single-line origin, 0 ≤ size ≤ 2^53 − 1, a
 * HASH_SIZE-byte root and non-empty single-line extensions; throws CheckpointError otherwise.
 */
export function checkpointBody(origin: string, size: number, rootHash: Uint8Array, extensions: readonly string[] = []): string {
  for (const [what, line] of [['origin', origin], ...extensions.map((e) => ['extension', e] as const)] as const) {
    if (line === '' || line.includes('\n') || !isNoteText(line)) {
      throw new CheckpointError('malformed-checkpoint', `the ${what} line must be non-empty, one line, without control characters`);
    }
  }
  if (!Number.isSafeInteger(size) || size < 0) throw new CheckpointError('malformed-checkpoint', `tree size ${size} is not a non-negative safe integer`);
  if (rootHash.length !== HASH_SIZE) throw new CheckpointError('malformed-checkpoint', `root hash has ${rootHash.length} bytes, want ${HASH_SIZE}`);
  return [origin, String(size), encodeBase64(rootHash), ...extensions].join('\n') + '\n';
}

/**
 * parseCheckpoint reads a checkpoint note text (the signed text, not the whole note): at least
 * three non-empty lines, each ending in a newline; a decimal size without leading zeros; a
 * standard-base64 HASH_SIZE-byte root. Throws CheckpointError otherwise.
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new CheckpointError('malformed-checkpoint', 'a checkpoint ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointError('malformed-checkpoint', 'a checkpoint has origin, size and root hash lines');
  if (lines.some((l) => l === '')) throw new CheckpointError('malformed-checkpoint', 'checkpoint lines must be non-empty');
  if (!isNoteText(text)) throw new CheckpointError('malformed-checkpoint', 'a checkpoint must not contain control characters');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  const size = Number(sizeText);
  if (!DECIMAL.test(sizeText) || !Number.isSafeInteger(size)) {
    throw new CheckpointError('malformed-checkpoint', `tree size ${JSON.stringify(sizeText)} is not a decimal without leading zeros below 2^53`);
  }
  const rootHash = decodeBase64(rootText);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE) {
    throw new CheckpointError('malformed-checkpoint', `root hash ${JSON.stringify(rootText)} is not ${HASH_SIZE} bytes of standard base64`);
  }
  return { origin, size, rootHash, extensions };
}

/** signCheckpoint signs the checkpoint body with the log's key (and any others): a signed note. */
export function signCheckpoint(checkpoint: Omit<Checkpoint, 'extensions'> & { extensions?: readonly string[] }, signers: readonly NoteSigner[]): string {
  return signNote(checkpointBody(checkpoint.origin, checkpoint.size, checkpoint.rootHash, checkpoint.extensions), signers);
}

/** CheckpointPolicy names the log a checkpoint must come from: its origin and its key. */
export interface CheckpointPolicy {
  readonly origin: string;
  /** The log's own key; its signature is required. */
  readonly log: NoteVerifier;
  /** Further known keys (e.g. witnesses); their signatures are verified when present. */
  readonly witnesses?: readonly NoteVerifier[];
}

/**
 * openCheckpoint verifies a signed checkpoint (openNote with the log's and witnesses' keys),
 * requires the log's own signature among the verified ones and the expected origin, and parses
 * it. Throws NoteError / CheckpointError ('missing-log-signature', 'wrong-origin', …).
 */
export function openCheckpoint(note: string | Uint8Array, policy: CheckpointPolicy): { checkpoint: Checkpoint; note: OpenedNote } {
  const opened = openNote(note, [policy.log, ...(policy.witnesses ?? [])]);
  if (!opened.signatures.some((s) => s.name === policy.log.name && s.keyId === policy.log.keyId)) {
    throw new CheckpointError('missing-log-signature', `checkpoint is not signed by the log key ${policy.log.name}`);
  }
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== policy.origin) {
    throw new CheckpointError('wrong-origin', `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not ${JSON.stringify(policy.origin)}`);
  }
  return { checkpoint, note: opened };
}
