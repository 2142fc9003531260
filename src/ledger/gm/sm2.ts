/**
 * 国密 SM2 co-signatures on checkpoints (GM/T 0003, signer ID per GM/T 0009). node:crypto signs
 * SM2 as plain ECDSA with an empty ID, which Chinese tools reject, so signing uses sm-crypto-v2
 * (interoperable with `openssl pkeyutl -pkeyopt distid:1234567812345678`, both directions).
 *
 * In a signed note an SM2 signature is a key of its own type: C2SP signed-note verifiers ignore
 * signatures from keys they do not know, so standard tools still verify the Ed25519 signature
 * and never trip over this one.
 */
import { sm2 } from 'sm-crypto-v2';
import { keyId, type NoteSigner, type NoteVerifier } from '../note/index.ts';

/** The standard signer ID of GM/T 0009 that Chinese verifiers expect. */
export const SM2_SIGNER_ID = '1234567812345678';

/**
 * The note signature type byte for SM2-with-SM3. Not registered by C2SP; 0xff is the
 * signed-note spec's reserved "other" type, so no registered verifier will mistake it.
 */
export const SM2_NOTE_TYPE = 0xff;

const OPTIONS = { hash: true, der: true, userId: SM2_SIGNER_ID } as const;

export interface Sm2KeyPair {
  /** 32-byte private key, hex. */
  privateKey: string;
  /** Uncompressed public key 04‖X‖Y, hex. */
  publicKey: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const k = sm2.generateKeyPairHex();
  return { privateKey: k.privateKey, publicKey: k.publicKey };
}

/** Signs `message` (SM3 with Z over the standard ID); the signature is DER, as OpenSSL writes it. */
export function sm2Sign(message: Uint8Array, privateKey: string): Buffer {
  return Buffer.from(sm2.doSignature(message, privateKey, OPTIONS), 'hex');
}

export function sm2Verify(message: Uint8Array, signature: Uint8Array, publicKey: string): boolean {
  try {
    return sm2.doVerifySignature(message, Buffer.from(signature).toString('hex'), publicKey, OPTIONS);
  } catch {
    return false;
  }
}

export function sm2NoteVerifier(name: string, publicKey: string): NoteVerifier {
  return { name, keyId: keyId(name, SM2_NOTE_TYPE, Buffer.from(publicKey, 'hex')), verify: (m, s) => sm2Verify(m, s, publicKey) };
}

export function sm2NoteSigner(name: string, keys: Sm2KeyPair): NoteSigner & { verifier: NoteVerifier } {
  const verifier = sm2NoteVerifier(name, keys.publicKey);
  return { name, keyId: verifier.keyId, sign: (m) => sm2Sign(m, keys.privateKey), verifier };
}

// Fixed DER wrappers (RFC 5480 SubjectPublicKeyInfo, SEC 1 ECPrivateKey) with the SM2 curve OID
// 1.2.156.10197.1.301, so OpenSSL can read our keys as PEM.
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

function pem(label: string, der: Buffer): string {
  return `-----BEGIN ${label}-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;
}

export function sm2PublicKeyPem(publicKey: string): string {
  return pem('PUBLIC KEY', Buffer.concat([SPKI_PREFIX, Buffer.from(publicKey, 'hex')]));
}

export function sm2PrivateKeyPem(keys: Sm2KeyPair): string {
  const der = Buffer.concat([
    Buffer.from('30770201010420', 'hex'),
    Buffer.from(keys.privateKey, 'hex'),
    Buffer.from('a00a06082a811ccf5501822da144034200', 'hex'),
    Buffer.from(keys.publicKey, 'hex'),
  ]);
  return pem('EC PRIVATE KEY', der);
}

/** Reads the public key (04‖X‖Y hex) out of an SM2 SubjectPublicKeyInfo PEM. */
export function sm2PublicKeyFromPem(text: string): string {
  const der = Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  if (!der.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX) || der.length !== SPKI_PREFIX.length + 65) throw new Error('not an SM2 public key');
  return der.subarray(SPKI_PREFIX.length).toString('hex');
}
