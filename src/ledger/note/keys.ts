/**
 * Ed25519 note keys (C2SP signed-note "Ed25519 signatures") and the key strings of Go's
 * golang.org/x/mod/sumdb/note:
 *
 *   verifier key  <name>+<hex key ID>+<base64(0x01 ‖ 32-byte public key)>
 *   signer key    PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ 32-byte seed)>
 *
 * The cryptography is node:crypto's Ed25519 (RFC 8032); raw keys are wrapped in their fixed
 * PKCS #8 / SPKI DER prefixes to make KeyObjects.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, hash, sign, verify, type KeyObject } from 'node:crypto';
import { KeyFormatError } from './errors.ts';
import { decodeBase64, encodeBase64, isValidKeyName } from './text.ts';

export { isValidKeyName } from './text.ts';

/** ED25519 is the C2SP signed-note signature type byte of Ed25519. */
export const ED25519 = 0x01;

const ED25519_KEY_SIZE = 32;
// RFC 8410 §7 / §10.3: DER of PrivateKeyInfo and SubjectPublicKeyInfo, less the 32 key bytes.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** NoteSigner signs note texts with one key; keyId is the uint32 key ID of C2SP signed-note. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(message: Uint8Array): Buffer;
}

/** NoteVerifier verifies signatures of one key, identified by (name, keyId). */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** Ed25519Verifier is a NoteVerifier that also exposes its raw public key. */
export interface Ed25519Verifier extends NoteVerifier {
  readonly publicKey: Buffer;
}

/** Ed25519Signer is a NoteSigner that also exposes its raw public key and verifier. */
export interface Ed25519Signer extends NoteSigner {
  readonly publicKey: Buffer;
  readonly verifier: Ed25519Verifier;
}

/**
 * keyId is the C2SP signed-note key ID: SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4] read as a
 * big-endian uint32. Requires a valid key name.
 */
export function keyId(name: string, type: number, publicKey: Uint8Array): number {
  const digest = hash('sha256', Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([type]), publicKey]), 'buffer');
  return digest.readUInt32BE(0);
}

/** ed25519KeyId is keyId(name, 0x01, publicKey): SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte key)[:4]. */
export function ed25519KeyId(name: string, publicKey: Uint8Array): number {
  checkName(name);
  checkKeySize(publicKey, 'public key');
  return keyId(name, ED25519, publicKey);
}

/** formatKeyId writes a key ID as 8 lowercase hex digits, e.g. c74f20a3. */
export function formatKeyId(id: number): string {
  return id.toString(16).padStart(8, '0');
}

/** ed25519Verifier makes the verifier of a raw 32-byte Ed25519 public key under `name`. */
export function ed25519Verifier(name: string, publicKey: Uint8Array): Ed25519Verifier {
  const id = ed25519KeyId(name, publicKey);
  const raw = Buffer.from(publicKey);
  const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  return {
    name,
    keyId: id,
    publicKey: raw,
    verify(message, signature) {
      if (signature.length !== 64) return false;
      try {
        return verify(null, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}

/** ed25519Signer makes the signer of a raw 32-byte Ed25519 private key (RFC 8032 seed). */
export function ed25519Signer(name: string, seed: Uint8Array): Ed25519Signer {
  checkName(name);
  checkKeySize(seed, 'private key');
  const key: KeyObject = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  const verifier = ed25519Verifier(name, publicKey);
  return {
    name,
    keyId: verifier.keyId,
    publicKey: verifier.publicKey,
    verifier,
    sign: (message) => sign(null, message, key),
  };
}

/** formatVerifierKey writes `<name>+<hex key ID>+<base64(0x01 ‖ public key)>` (sumdb/note vkey). */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  const id = ed25519KeyId(name, publicKey);
  return `${name}+${formatKeyId(id)}+${encodeBase64(Buffer.concat([Buffer.from([ED25519]), publicKey]))}`;
}

/**
 * parseVerifierKey reads a sumdb/note verifier key. Requires a valid name, 8 hex digits of key
 * ID matching the key, and an Ed25519 key; throws KeyFormatError otherwise.
 */
export function parseVerifierKey(vkey: string): Ed25519Verifier {
  const parts = chop(vkey, 3);
  if (parts === undefined) throw new KeyFormatError('malformed-key', 'a verifier key has the form <name>+<hex key ID>+<base64 key>');
  const [name, hex, b64] = parts as [string, string, string];
  const publicKey = parseKeyParts(name, hex, b64);
  const verifier = ed25519Verifier(name, publicKey);
  if (verifier.keyId !== Number.parseInt(hex, 16)) throw new KeyFormatError('key-id-mismatch', `key ID ${hex} does not match the key of ${name}`);
  return verifier;
}

/** formatSignerKey writes `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ seed)>` (sumdb/note skey). */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  const signer = ed25519Signer(name, seed);
  return `PRIVATE+KEY+${name}+${formatKeyId(signer.keyId)}+${encodeBase64(Buffer.concat([Buffer.from([ED25519]), seed]))}`;
}

/**
 * parseSignerKey reads a sumdb/note signer key. Requires the PRIVATE+KEY prefix, a valid name,
 * an Ed25519 seed and a key ID matching its public key; throws KeyFormatError otherwise.
 */
export function parseSignerKey(skey: string): Ed25519Signer {
  const parts = chop(skey, 5);
  if (parts === undefined || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') {
    throw new KeyFormatError('malformed-key', 'a signer key has the form PRIVATE+KEY+<name>+<hex key ID>+<base64 key>');
  }
  const [, , name, hex, b64] = parts as [string, string, string, string, string];
  const seed = parseKeyParts(name, hex, b64);
  const signer = ed25519Signer(name, seed);
  if (signer.keyId !== Number.parseInt(hex, 16)) throw new KeyFormatError('key-id-mismatch', `key ID ${hex} does not match the key of ${name}`);
  return signer;
}

/** generateSignerKey makes a fresh Ed25519 key pair for `name` as sumdb/note key strings. */
export function generateSignerKey(name: string): { signerKey: string; verifierKey: string } {
  checkName(name);
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  const signer = ed25519Signer(name, seed);
  return { signerKey: formatSignerKey(name, seed), verifierKey: formatVerifierKey(name, signer.publicKey) };
}

/** chop splits s at its first count − 1 plus signs (the base64 key may itself contain '+'). */
function chop(s: string, count: number): string[] | undefined {
  const parts: string[] = [];
  let rest = s;
  for (let i = 1; i < count; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return undefined;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

function parseKeyParts(name: string, hex: string, b64: string): Buffer {
  checkName(name);
  if (!/^[0-9a-fA-F]{8}$/.test(hex)) throw new KeyFormatError('malformed-key', 'a key ID is 8 hex digits');
  const typed = decodeBase64(b64);
  if (typed === undefined || typed.length === 0) throw new KeyFormatError('malformed-key', 'the key is not standard base64');
  if (typed[0] !== ED25519) throw new KeyFormatError('unknown-algorithm', `signature type 0x${typed[0]!.toString(16).padStart(2, '0')} is not Ed25519`);
  const raw = typed.subarray(1);
  checkKeySize(raw, 'key');
  return raw;
}

function checkName(name: string): void {
  if (!isValidKeyName(name)) throw new KeyFormatError('invalid-key-name', `key name ${JSON.stringify(name)} is empty or has a space or a plus`);
}

function checkKeySize(key: Uint8Array, what: string): void {
  if (key.length !== ED25519_KEY_SIZE) throw new KeyFormatError('malformed-key', `an Ed25519 ${what} has ${ED25519_KEY_SIZE} bytes, got ${key.length}`);
}
