/**
 * C2SP tlog-proof: an offline proof that an entry is in a log —
 *
 *   c2sp.org/tlog-proof@v1
 *   [extra <base64 opaque data>]
 *   index <n>
 *   <base64 hash per line: the RFC 6962 §2.1.1 audit path, leaf sibling first>
 *   <empty line>
 *   <signed checkpoint, verbatim>
 */
import { HASH_SIZE } from '../merkle/hashing.ts';
import { verifyInclusion } from '../merkle/proof.ts';
import { TlogProofError } from './errors.ts';
import { openCheckpoint, type Checkpoint, type CheckpointPolicy } from './checkpoint.ts';
import { decodeBase64, encodeBase64 } from './text.ts';

const HEADER = 'c2sp.org/tlog-proof@v1';
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/** TlogProof is a parsed tlog-proof; `checkpoint` is the signed checkpoint note, not yet verified. */
export interface TlogProof {
  readonly index: number;
  readonly proof: readonly Buffer[];
  readonly checkpoint: string;
  /** Opaque extra data; NOT authenticated by the proof. */
  readonly extra?: Buffer;
}

/**
 * tlogProof writes a C2SP tlog-proof for the entry at `index`, its audit path in the
 * checkpointed tree and the signed checkpoint (included verbatim). Requires 0 ≤ index ≤ 2^53 − 1,
 * HASH_SIZE-byte hashes and a checkpoint note ending in a newline.
 */
export function tlogProof(index: number, proofHashes: readonly Uint8Array[], signedCheckpoint: string, extra?: Uint8Array): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new TlogProofError(`index ${index} is not a non-negative safe integer`);
  for (const h of proofHashes) {
    if (h.length !== HASH_SIZE) throw new TlogProofError(`a proof hash has ${h.length} bytes, want ${HASH_SIZE}`);
  }
  if (!signedCheckpoint.endsWith('\n')) throw new TlogProofError('the signed checkpoint must end with a newline');
  let out = `${HEADER}\n`;
  if (extra !== undefined) out += `extra ${encodeBase64(extra)}\n`;
  out += `index ${index}\n`;
  for (const h of proofHashes) out += `${encodeBase64(h)}\n`;
  return `${out}\n${signedCheckpoint}`;
}

/** parseTlogProof reads a C2SP tlog-proof; throws TlogProofError if it is malformed. */
export function parseTlogProof(text: string): TlogProof {
  let pos = 0;
  const nextLine = (): string => {
    const end = text.indexOf('\n', pos);
    if (end < 0) throw new TlogProofError('unexpected end of proof');
    const line = text.slice(pos, end);
    pos = end + 1;
    return line;
  };
  if (nextLine() !== HEADER) throw new TlogProofError(`the first line must be ${HEADER}`);
  let line = nextLine();
  let extra: Buffer | undefined;
  if (line.startsWith('extra ')) {
    extra = decodeBase64(line.slice('extra '.length));
    if (extra === undefined) throw new TlogProofError('extra data is not standard base64');
    line = nextLine();
  }
  const indexText = line.startsWith('index ') ? line.slice('index '.length) : undefined;
  const index = Number(indexText);
  if (indexText === undefined || !DECIMAL.test(indexText) || !Number.isSafeInteger(index)) {
    throw new TlogProofError('expected "index <n>", a decimal without leading zeros');
  }
  const proof: Buffer[] = [];
  for (line = nextLine(); line !== ''; line = nextLine()) {
    const h = decodeBase64(line);
    if (h === undefined || h.length !== HASH_SIZE) throw new TlogProofError(`proof line ${JSON.stringify(line)} is not a base64 SHA-256 hash`);
    proof.push(h);
  }
  const checkpoint = text.slice(pos);
  if (checkpoint === '') throw new TlogProofError('the signed checkpoint is missing');
  return extra === undefined ? { index, proof, checkpoint } : { index, proof, checkpoint, extra };
}

/**
 * verifyTlogProof checks a tlog-proof for the entry whose RFC 6962 leaf hash is given: the
 * checkpoint must be signed by the log (openCheckpoint with the policy) and the audit path must
 * lead from the leaf at `index` to the checkpoint's root (RFC 9162 §2.1.3.2). Returns the index,
 * the checkpoint and the (unauthenticated) extra data; throws NoteError, ProofError or
 * RootMismatchError.
 */
export function verifyTlogProof(
  text: string,
  leafHash: Uint8Array,
  policy: CheckpointPolicy,
): { index: number; checkpoint: Checkpoint; extra?: Buffer } {
  const parsed = parseTlogProof(text);
  const { checkpoint } = openCheckpoint(parsed.checkpoint, policy);
  verifyInclusion(leafHash, parsed.index, checkpoint.size, parsed.proof, checkpoint.rootHash);
  return parsed.extra === undefined ? { index: parsed.index, checkpoint } : { index: parsed.index, checkpoint, extra: parsed.extra };
}
