/**
 * C2SP signed-note: a text ending in a newline, a blank line, then one or more signature lines
 * `— <key name> <base64(4-byte key ID ‖ signature)>` (U+2014 em dash). A signature covers the
 * text including its final newline. Verifiers ignore signatures from unknown keys, reject the
 * note if a known key's signature fails, and require one known key to verify.
 */
import { InvalidSignatureError, MalformedNoteError, NoteError, UnverifiedNoteError } from './errors.ts';
import { formatKeyId, type NoteSigner, type NoteVerifier } from './keys.ts';
import { decodeBase64, decodeUtf8, encodeBase64, isNoteText, isValidKeyName } from './text.ts';

/**
 * MAX_SIGNATURES is the most signature lines openNote reads (Go's sumdb/note limit); C2SP
 * signed-note requires accepting at least 16.
 */
export const MAX_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 ';

/** NoteSignature is one signature line: key name, key ID, and the signature without the ID. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly signature: Buffer;
}

/** OpenedNote is a note whose text at least one known key has signed. */
export interface OpenedNote {
  /** The signed text, with its final newline. */
  readonly text: string;
  /** Signatures from known keys, each verified; one per key. */
  readonly signatures: readonly NoteSignature[];
  /** Signatures from unknown keys, not verified (e.g. witnesses the caller does not trust). */
  readonly unverified: readonly NoteSignature[];
}

/**
 * signNote signs `text` with every signer, in order, and returns the signed note. Requires text
 * to end with a newline, to be valid for a note (no control characters except newline), at
 * least one signer, and valid signer names. Throws NoteError otherwise.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n')) throw new MalformedNoteError('note text must end with a newline');
  if (!isNoteText(text)) throw new MalformedNoteError('note text must be valid UTF-8 without control characters other than newline');
  if (signers.length === 0) throw new MalformedNoteError('a signed note needs at least one signature');
  const message = Buffer.from(text, 'utf8');
  let lines = '';
  for (const signer of signers) {
    if (!isValidKeyName(signer.name)) throw new MalformedNoteError(`invalid signer name ${JSON.stringify(signer.name)}`);
    if (!Number.isInteger(signer.keyId) || signer.keyId < 0 || signer.keyId > 0xffffffff) {
      throw new MalformedNoteError(`key ID ${signer.keyId} of ${signer.name} is not a uint32`);
    }
    const id = Buffer.alloc(4);
    id.writeUInt32BE(signer.keyId);
    lines += `${SIGNATURE_PREFIX}${signer.name} ${encodeBase64(Buffer.concat([id, signer.sign(message)]))}\n`;
  }
  return `${text}\n${lines}`;
}

/**
 * openNote parses a signed note and verifies it against the known keys, as C2SP signed-note and
 * Go's note.Open: signatures from unknown (name, key ID) pairs are set aside unverified;
 * repeated signatures by one key count once; a known key's failing signature throws
 * InvalidSignatureError; no verified signature throws UnverifiedNoteError; a malformed note or
 * more than MAX_SIGNATURES lines throws MalformedNoteError. Two verifiers with the same name
 * and key ID are refused (NoteError 'ambiguous-verifier').
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const msg = typeof note === 'string' ? note : decodeUtf8(note);
  if (msg === undefined) throw new MalformedNoteError('a note must be valid UTF-8');
  if (!isNoteText(msg)) throw new MalformedNoteError('a note must not contain control characters other than newline');

  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw new MalformedNoteError('a note needs a blank line before its signatures');
  const text = msg.slice(0, split + 1);
  const block = msg.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw new MalformedNoteError('signature lines must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new MalformedNoteError(`more than ${MAX_SIGNATURES} signatures`, 'too-many-signatures');

  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const key = verifierKey(v.name, v.keyId);
    if (known.has(key)) throw new NoteError('ambiguous-verifier', `two verifiers for key ${v.name}+${formatKeyId(v.keyId)}`);
    known.set(key, v);
  }

  const message = Buffer.from(text, 'utf8');
  const signatures: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  const seenUnverified = new Set<string>();
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new MalformedNoteError('a signature line starts with an em dash (U+2014) and a space');
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const b64 = space < 0 ? '' : rest.slice(space + 1);
    const raw = decodeBase64(b64);
    if (!isValidKeyName(name) || raw === undefined || raw.length < 5) throw new MalformedNoteError(`malformed signature line ${JSON.stringify(line)}`);
    const sig: NoteSignature = { name, keyId: raw.readUInt32BE(0), signature: raw.subarray(4) };
    const key = verifierKey(sig.name, sig.keyId);
    const verifier = known.get(key);
    if (verifier === undefined) {
      if (!seenUnverified.has(rest)) {
        seenUnverified.add(rest);
        unverified.push(sig);
      }
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    if (!verifier.verify(message, sig.signature)) throw new InvalidSignatureError(sig.name, sig.keyId);
    signatures.push(sig);
  }
  if (signatures.length === 0) throw new UnverifiedNoteError(unverified.map(({ name, keyId }) => ({ name, keyId })));
  return { text, signatures, unverified };
}

function verifierKey(name: string, keyId: number): string {
  return `${name}+${formatKeyId(keyId)}`;
}
