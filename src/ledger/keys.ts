import fs from 'node:fs';
import path from 'node:path';
import { formatKeyId, formatVerifierKey, generateSignerKey, parseSignerKey, parseVerifierKey, type Ed25519Signer, type Ed25519Verifier, type NoteSigner, type NoteVerifier } from './note/index.ts';
import { generateSm2KeyPair, sm2NoteSigner, sm2NoteVerifier, sm2PublicKeyFromPem, sm2PublicKeyPem, type Sm2KeyPair } from './gm/sm2.ts';

/**
 * The platform key that signs every log's checkpoints. Generated at first start and kept outside
 * the database (a database administrator who could rewrite history must not also hold the key):
 * `<data dir>/keys/checkpoint.key` (0600) in Go's note key format, with the public key beside it.
 * Several app instances share the file like any secret; SANXIANG_SIGNING_KEY_FILE points elsewhere.
 */
export interface PlatformKeys {
  signer: Ed25519Signer;
  verifier: Ed25519Verifier;
  /** The public key in note "vkey" form, published at /api/public/key. */
  verifierKey: string;
  keyId: string;
  /** 国密 deployments: the SM2 co-signing key (its public key as PEM, for OpenSSL). */
  sm2?: { signer: NoteSigner & { verifier: NoteVerifier }; publicKeyPem: string };
}

export const SM2_KEY_NAME = 'sanxiang-sm2';

export const KEY_NAME = 'sanxiang';

export function keyPaths(dataDir: string): { secret: string; public: string; sm2Secret: string; sm2Public: string } {
  const secret = process.env.SANXIANG_SIGNING_KEY_FILE ?? path.join(dataDir, 'keys', 'checkpoint.key');
  const sm2Secret = path.join(path.dirname(secret), 'checkpoint-sm2.key');
  return { secret, public: `${secret}.pub`, sm2Secret, sm2Public: `${sm2Secret}.pub.pem` };
}

/** Writes a secret once (0600), never overwriting one another instance created a moment ago. */
function writeOnce(file: string, secret: string, publicFile: string, publicText: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    fs.writeFileSync(publicFile, publicText, { mode: 0o644 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** Loads the platform key (and, for 国密, the SM2 co-signing key), creating them (0600) on first use. */
export function loadOrCreateKeys(dataDir: string, withSm2 = false): PlatformKeys {
  const paths = keyPaths(dataDir);
  if (!fs.existsSync(paths.secret)) {
    const { signerKey, verifierKey } = generateSignerKey(KEY_NAME);
    writeOnce(paths.secret, `${signerKey}\n`, paths.public, `${verifierKey}\n`);
  }
  const signer = parseSignerKey(fs.readFileSync(paths.secret, 'utf8').trim());
  const keys: PlatformKeys = { signer, verifier: signer.verifier, verifierKey: publicKeyOf(signer), keyId: formatKeyId(signer.keyId) };
  if (withSm2) {
    if (!fs.existsSync(paths.sm2Secret)) {
      const pair = generateSm2KeyPair();
      writeOnce(paths.sm2Secret, `${JSON.stringify(pair)}\n`, paths.sm2Public, sm2PublicKeyPem(pair.publicKey));
    }
    const pair = JSON.parse(fs.readFileSync(paths.sm2Secret, 'utf8')) as Sm2KeyPair;
    keys.sm2 = { signer: sm2NoteSigner(SM2_KEY_NAME, pair), publicKeyPem: sm2PublicKeyPem(pair.publicKey) };
  }
  return keys;
}

/** The SM2 co-signing verifier, where the deployment has one. */
export function loadSm2Verifier(dataDir: string): NoteVerifier | null {
  const paths = keyPaths(dataDir);
  if (!fs.existsSync(paths.sm2Public)) return null;
  return sm2NoteVerifier(SM2_KEY_NAME, sm2PublicKeyFromPem(fs.readFileSync(paths.sm2Public, 'utf8')));
}

/** Loads only the public key (for `sanxiang verify` on a machine without the secret). */
export function loadVerifier(dataDir: string): Ed25519Verifier | null {
  const paths = keyPaths(dataDir);
  if (fs.existsSync(paths.public)) return parseVerifierKey(fs.readFileSync(paths.public, 'utf8').trim());
  if (fs.existsSync(paths.secret)) return parseVerifierKey(publicKeyOf(parseSignerKey(fs.readFileSync(paths.secret, 'utf8').trim())));
  return null;
}

function publicKeyOf(signer: Ed25519Signer): string {
  return formatVerifierKey(signer.name, signer.publicKey);
}
