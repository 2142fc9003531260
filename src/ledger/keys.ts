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
  /** The signer's own record of the last checkpoint it signed per log (beside the key). */
  stateFile: string;
  /** 国密 deployments: the SM2 co-signing key (its public key as PEM, for OpenSSL). */
  sm2?: { signer: NoteSigner & { verifier: NoteVerifier }; publicKeyPem: string };
}

export const SM2_KEY_NAME = 'sanxiang-sm2';

export const KEY_NAME = 'sanxiang';

export function keyPaths(dataDir: string): { secret: string; public: string; sm2Secret: string; sm2Public: string; state: string } {
  const secret = process.env.SANXIANG_SIGNING_KEY_FILE ?? path.join(dataDir, 'keys', 'checkpoint.key');
  const sm2Secret = path.join(path.dirname(secret), 'checkpoint-sm2.key');
  return { secret, public: `${secret}.pub`, sm2Secret, sm2Public: `${sm2Secret}.pub.pem`, state: `${secret}.signed.json` };
}

/**
 * Writes a secret once (0600): to a temporary file, fsynced, then linked into place, so another
 * instance never reads a half-written key and a crash never leaves an empty one.
 */
function writeOnce(file: string, secret: string, publicFile: string, publicText: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  fs.writeSync(fd, secret);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  try {
    fs.linkSync(tmp, file);
    fs.writeFileSync(publicFile, publicText, { mode: 0o644 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** A secret readable by others is no secret: refuse to use it. */
function requirePrivate(file: string): void {
  const mode = fs.statSync(file).mode & 0o077;
  if (mode !== 0) throw new Error(`${file} is readable by group or others (chmod 600 it)`);
}

/**
 * Loads the platform key (and, for 国密, the SM2 co-signing key). Keys are created only when the
 * platform itself is created (`create`); later a missing key is an error, never a fresh key —
 * a new key would silently break the link to every checkpoint signed before.
 */
export function loadOrCreateKeys(dataDir: string, withSm2 = false, create = true): PlatformKeys {
  const paths = keyPaths(dataDir);
  if (!fs.existsSync(paths.secret)) {
    if (!create) throw new Error(`The platform's checkpoint key is missing: ${paths.secret} (copy it from the machine that created the platform, or set SANXIANG_SIGNING_KEY_FILE)`);
    const { signerKey, verifierKey } = generateSignerKey(KEY_NAME);
    writeOnce(paths.secret, `${signerKey}\n`, paths.public, `${verifierKey}\n`);
  }
  requirePrivate(paths.secret);
  const signer = parseSignerKey(fs.readFileSync(paths.secret, 'utf8').trim());
  const keys: PlatformKeys = { signer, verifier: signer.verifier, verifierKey: publicKeyOf(signer), keyId: formatKeyId(signer.keyId), stateFile: paths.state };
  if (withSm2) {
    if (!fs.existsSync(paths.sm2Secret)) {
      if (!create) throw new Error(`The platform's SM2 co-signing key is missing: ${paths.sm2Secret}`);
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
