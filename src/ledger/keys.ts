import fs from 'node:fs';
import path from 'node:path';
import { formatKeyId, formatVerifierKey, generateSignerKey, parseSignerKey, parseVerifierKey, type Ed25519Signer, type Ed25519Verifier } from './note/index.ts';

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
}

export const KEY_NAME = 'sanxiang';

export function keyPaths(dataDir: string): { secret: string; public: string } {
  const secret = process.env.SANXIANG_SIGNING_KEY_FILE ?? path.join(dataDir, 'keys', 'checkpoint.key');
  return { secret, public: `${secret}.pub` };
}

/** Loads the platform key, creating it (0600) on first use. */
export function loadOrCreateKeys(dataDir: string): PlatformKeys {
  const paths = keyPaths(dataDir);
  if (!fs.existsSync(paths.secret)) {
    const { signerKey, verifierKey } = generateSignerKey(KEY_NAME);
    fs.mkdirSync(path.dirname(paths.secret), { recursive: true, mode: 0o700 });
    // 'wx': never overwrite a key another instance created a moment ago.
    try {
      fs.writeFileSync(paths.secret, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
      fs.writeFileSync(paths.public, `${verifierKey}\n`, { mode: 0o644 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const signer = parseSignerKey(fs.readFileSync(paths.secret, 'utf8').trim());
  return { signer, verifier: signer.verifier, verifierKey: publicKeyOf(signer), keyId: formatKeyId(signer.keyId) };
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
