/**
 * 核验: checks, in the reader's own browser, that a published decision AS SHOWN is what the
 * agency committed to in its tamper-evident log — not merely that the server says so.
 *
 *   1. 文本哈希  the public object → the `publication.published` event envelope → RFC 8785 (JCS)
 *                canonical bytes → leaf = SHA-256(0x00 ‖ bytes) (domain/ledger.md, RFC 6962 §2.1);
 *   2. 包含证明  the leaf's RFC 9162 §2.1.3.2 inclusion proof leads to the root of a signed
 *                checkpoint of the agency's log;
 *   3. 签名      that checkpoint is a C2SP signed note with a valid Ed25519 signature by the
 *                platform key (`<name>+<key ID>+<base64 key>`, key ID = SHA-256(name ‖ 0x0A ‖
 *                0x01 ‖ key)[:4]), and its origin is the log's.
 *
 * Browser-safe and Node-safe (WebCrypto SHA-256 and Ed25519, `canonicalize`), so the same code
 * runs on the page and in the tests. The Merkle step is a port of src/ledger/merkle/proof.ts
 * (which uses node:crypto synchronously); the tests check both agree.
 */
import canonicalize from 'canonicalize';
// Relative rather than @shared: this file also runs under Node in the tests (tsx), without Vite's alias.
import type { InclusionEvidence } from '../../../src/shared/portal.ts';

export type { InclusionEvidence, PendingEvidence, PublicationEvidence } from '../../../src/shared/portal.ts';

export type StepName = 'textHash' | 'inclusion' | 'signature';

export interface StepResult {
  step: StepName;
  ok: boolean;
  /** A short technical detail (hashes, sizes, key ID) for the curious reader. */
  detail: string;
}

export interface VerificationResult {
  ok: boolean;
  steps: StepResult[];
  /** The computed leaf hash and the checkpoint root (base64), for display. */
  leafHash?: string;
  root?: string;
  keyId?: string;
}

const SIGNATURE_PREFIX = '\u2014 ';
const ED25519 = 0x01;

/**
 * verifyPublication runs the three steps for `published` (the public object exactly as shown on
 * the page) against `evidence` and the platform's verifier key (the text of /api/public/key).
 * Every step is run and reported even when an earlier one fails, so the page can say which.
 */
export async function verifyPublication(published: unknown, evidence: InclusionEvidence, verifierKey: string): Promise<VerificationResult> {
  const steps: StepResult[] = [];

  // 1. 文本哈希: the bytes the ledger hashed, rebuilt from what is shown.
  let leaf: Uint8Array | null = null;
  try {
    const bytes = entryBytes(evidence.entry, published);
    leaf = await sha256(concat(new Uint8Array([0x00]), bytes));
    const recorded = fromBase64(evidence.leafHash);
    const same = recorded !== null && equal(leaf, recorded);
    steps.push({ step: 'textHash', ok: same, detail: `SHA-256 ${toHex(leaf).slice(0, 16)}…${same ? '' : ` ≠ ${recorded ? toHex(recorded).slice(0, 16) : '?'}…`}` });
  } catch (err) {
    steps.push({ step: 'textHash', ok: false, detail: message(err) });
  }

  // Parse the checkpoint (needed by steps 2 and 3).
  let note: ParsedNote | null = null;
  let cp: { origin: string; size: number; root: Uint8Array } | null = null;
  try {
    note = parseNote(evidence.checkpoint);
    cp = parseCheckpointBody(note.text);
  } catch {
    // Reported by both steps below.
  }

  // 2. 包含证明: our leaf, the proof, the checkpoint's root.
  if (!leaf || !cp) {
    steps.push({ step: 'inclusion', ok: false, detail: cp ? 'no leaf' : 'malformed checkpoint' });
  } else {
    try {
      const proof = evidence.proof.map((p) => {
        const h = fromBase64(p);
        if (!h || h.length !== 32) throw new Error('malformed proof');
        return h;
      });
      if (cp.size !== evidence.size) throw new Error(`checkpoint size ${cp.size} ≠ ${evidence.size}`);
      if (evidence.index !== evidence.entry.seq - 1) throw new Error(`index ${evidence.index} ≠ seq − 1`);
      const root = await rootFromInclusionProof(leaf, evidence.index, cp.size, proof);
      const ok = equal(root, cp.root);
      steps.push({ step: 'inclusion', ok, detail: `#${evidence.index + 1} / ${cp.size}${ok ? '' : ' root mismatch'}` });
    } catch (err) {
      steps.push({ step: 'inclusion', ok: false, detail: message(err) });
    }
  }

  // 3. 签名: the platform key signed that checkpoint, for this log.
  let keyIdHex: string | undefined;
  try {
    if (!note || !cp) throw new Error('malformed checkpoint');
    const key = await parseVerifierKey(verifierKey.trim());
    keyIdHex = key.keyIdHex;
    if (cp.origin !== evidence.origin) throw new Error(`origin ${cp.origin} ≠ ${evidence.origin}`);
    const sig = note.signatures.find((s) => s.name === key.name && s.keyId === key.keyId);
    if (!sig) throw new Error(`no signature by ${key.name}+${key.keyIdHex}`);
    const ok = await ed25519Verify(key.publicKey, sig.signature, new TextEncoder().encode(note.text));
    steps.push({ step: 'signature', ok, detail: `Ed25519 ${key.name}+${key.keyIdHex}` });
  } catch (err) {
    steps.push({ step: 'signature', ok: false, detail: message(err) });
  }

  return {
    ok: steps.length === 3 && steps.every((s) => s.ok),
    steps,
    ...(leaf ? { leafHash: toBase64(leaf) } : {}),
    ...(cp ? { root: toBase64(cp.root) } : {}),
    ...(keyIdHex ? { keyId: keyIdHex } : {}),
  };
}

/** entry bytes of domain/ledger.md: the envelope with `data` = the public object, RFC 8785, UTF-8. */
export function entryBytes(entry: InclusionEvidence['entry'], data: unknown): Uint8Array {
  const text = canonicalize({ v: entry.v, log: entry.log, seq: entry.seq, at: entry.at, actor: entry.actor, type: entry.type, subject: entry.subject, data });
  if (text === undefined) throw new Error('cannot canonicalise');
  return new TextEncoder().encode(text);
}

/**
 * rootFromInclusionProof is RFC 9162 §2.1.3.2 (the same steps as src/ledger/merkle/proof.ts):
 * the root implied by `leaf` at `index` in a tree of `size` leaves. Throws on a malformed proof.
 */
export async function rootFromInclusionProof(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Promise<Uint8Array> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) throw new Error(`index ${index} not below size ${size}`);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new Error('proof too long');
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Error('proof too short');
  return r;
}

function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(new Uint8Array([0x01]), left, right));
}

interface ParsedNote {
  text: string;
  signatures: { name: string; keyId: number; signature: Uint8Array }[];
}

/** C2SP signed-note: text ending in "\n", a blank line, then `— <name> <base64(keyID ‖ sig)>` lines. */
function parseNote(note: string): ParsedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('malformed note');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw new Error('malformed note');
  const signatures = block
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      if (!line.startsWith(SIGNATURE_PREFIX)) throw new Error('malformed signature line');
      const [name, b64] = line.slice(SIGNATURE_PREFIX.length).split(' ');
      const raw = b64 ? fromBase64(b64) : null;
      if (!name || !raw || raw.length < 5) throw new Error('malformed signature line');
      return { name, keyId: readUint32(raw), signature: raw.slice(4) };
    });
  return { text, signatures };
}

/** C2SP tlog-checkpoint body: origin, decimal size, base64 root (extension lines ignored). */
function parseCheckpointBody(text: string): { origin: string; size: number; root: Uint8Array } {
  const [origin, sizeText, rootText] = text.slice(0, -1).split('\n');
  const root = rootText ? fromBase64(rootText) : null;
  if (!origin || !sizeText || !/^(?:0|[1-9][0-9]*)$/.test(sizeText) || !root || root.length !== 32) throw new Error('malformed checkpoint');
  return { origin, size: Number(sizeText), root };
}

/** A sumdb/note verifier key `<name>+<hex key ID>+<base64(0x01 ‖ key)>`, its key ID re-derived. */
async function parseVerifierKey(vkey: string): Promise<{ name: string; keyId: number; keyIdHex: string; publicKey: Uint8Array }> {
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  if (first < 1 || second < 0) throw new Error('malformed key');
  const name = vkey.slice(0, first);
  const hex = vkey.slice(first + 1, second);
  const typed = fromBase64(vkey.slice(second + 1));
  if (!/^[0-9a-f]{8}$/i.test(hex) || !typed || typed.length !== 33 || typed[0] !== ED25519) throw new Error('malformed key');
  const publicKey = typed.slice(1);
  const id = readUint32(await sha256(concat(new TextEncoder().encode(`${name}\n`), typed)));
  if (id !== Number.parseInt(hex, 16)) throw new Error('key ID does not match the key');
  return { name, keyId: id, keyIdHex: hex.toLowerCase(), publicKey };
}

async function ed25519Verify(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  if (signature.length !== 64) return false;
  const key = await crypto.subtle.importKey('raw', buf(publicKey), { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, buf(signature), buf(message));
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', buf(bytes)));
}

/** A fresh ArrayBuffer holding exactly the bytes (WebCrypto's BufferSource typing wants one). */
function buf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function readUint32(b: Uint8Array): number {
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict standard base64 (RFC 4648 §4), or null. */
export function fromBase64(s: string): Uint8Array | null {
  if (!BASE64.test(s)) return null;
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toBase64(b: Uint8Array): string {
  let bin = '';
  for (const x of b) bin += String.fromCharCode(x);
  return btoa(bin);
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
