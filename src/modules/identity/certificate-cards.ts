/**
 * The signed token on an officer's certificate card (执法证卡片, 事中公示). The card's QR code
 * opens `<public URL>/public/officers/verify?t=<token>`; the verify page checks the signature and
 * then reads the certificate's status LIVE, so a suspension or revocation shows the moment it is
 * recorded — the token proves only "the platform printed this card for this certificate".
 *
 * Token = base64url(payload ‖ Ed25519 signature), no padding, where payload is, byte by byte:
 *
 *   version   1 byte    0x01
 *   key ID    4 bytes   the platform key's C2SP key ID (big-endian), so a verifier can tell
 *                       "another key" from "a bad signature" without trying keys
 *   issued    4 bytes   the card's issue date as the integer YYYYMMDD (big-endian)
 *   officer   1 byte length ‖ UTF-8 officer id
 *   number    1 byte length ‖ UTF-8 certificate number
 *
 * The layout is canonical by construction (fixed order, exact lengths, no trailing bytes), and the
 * base64url text must be the canonical encoding of its bytes, so changing any character of a
 * token makes it invalid — none is ignored the way base64's spare bits would be.
 *
 * The signature is over DOMAIN ‖ payload with the platform's checkpoint key (node:crypto Ed25519
 * through src/ledger/note). DOMAIN holds a NUL byte and the payload starts with 0x01: a C2SP note
 * is UTF-8 text without control characters, so no card signature is ever a valid signature of a
 * checkpoint note, nor the other way round.
 */
import type { NoteSigner, NoteVerifier } from '../../ledger/note/index.ts';

export const CARD_TOKEN_VERSION = 1;
export const CARD_SIGNATURE_DOMAIN = Buffer.from('sanxiang/officer-card\u0000', 'utf8');
const DOMAIN = CARD_SIGNATURE_DOMAIN;
const SIGNATURE_SIZE = 64;
const MAX_FIELD = 255;

/** What a card claims: which certificate of which officer, printed when, under which key. */
export interface CardClaims {
  officerId: string;
  certificateNo: string;
  /** The card's issue date, YYYY-MM-DD (China). */
  issuedOn: string;
  /** The signing key's ID as 8 hex digits. */
  keyId: string;
}

export type CardTokenProblem = 'malformed' | 'unsupported-version' | 'unknown-key' | 'bad-signature';

export type CardTokenCheck = { ok: true; claims: CardClaims } | { ok: false; problem: CardTokenProblem };

function encodePayload(c: Omit<CardClaims, 'keyId'>, keyId: number): Buffer {
  const officer = Buffer.from(c.officerId, 'utf8');
  const number = Buffer.from(c.certificateNo, 'utf8');
  if (officer.length === 0 || officer.length > MAX_FIELD) throw new Error('officer id must be 1–255 bytes');
  if (number.length === 0 || number.length > MAX_FIELD) throw new Error('certificate number must be 1–255 bytes');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(c.issuedOn)) throw new Error(`issue date must be YYYY-MM-DD: ${c.issuedOn}`);
  const head = Buffer.alloc(9);
  head.writeUInt8(CARD_TOKEN_VERSION, 0);
  head.writeUInt32BE(keyId >>> 0, 1);
  head.writeUInt32BE(Number(c.issuedOn.replaceAll('-', '')), 5);
  return Buffer.concat([head, Buffer.from([officer.length]), officer, Buffer.from([number.length]), number]);
}

/** Makes the token of a card: signs its claims with the platform key. */
export function makeCardToken(signer: NoteSigner, claims: Omit<CardClaims, 'keyId'>): string {
  const payload = encodePayload(claims, signer.keyId);
  const signature = signer.sign(Buffer.concat([DOMAIN, payload]));
  return Buffer.concat([payload, signature]).toString('base64url');
}

/**
 * Checks a token against the platform's verifier. Nothing about the officer is trusted unless
 * this says ok; even then only the identity is — the status is the caller's to read live.
 */
export function verifyCardToken(verifier: NoteVerifier, token: string): CardTokenCheck {
  const bytes = decodeCanonicalBase64url(token);
  if (!bytes || bytes.length < 9 + 2 + SIGNATURE_SIZE) return { ok: false, problem: 'malformed' };
  const payload = bytes.subarray(0, bytes.length - SIGNATURE_SIZE);
  const signature = bytes.subarray(bytes.length - SIGNATURE_SIZE);
  if (payload[0] !== CARD_TOKEN_VERSION) return { ok: false, problem: 'unsupported-version' };
  const keyId = payload.readUInt32BE(1);
  const date = String(payload.readUInt32BE(5)).padStart(8, '0');
  const issuedOn = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
  let at = 9;
  const field = (): string | null => {
    if (at >= payload.length) return null;
    const len = payload[at]!;
    const end = at + 1 + len;
    if (len === 0 || end > payload.length) return null;
    const raw = payload.subarray(at + 1, end);
    at = end;
    const text = raw.toString('utf8');
    // Only well-formed UTF-8 (re-encoding gives the same bytes) is a canonical field.
    return Buffer.from(text, 'utf8').equals(raw) ? text : null;
  };
  const officerId = field();
  const certificateNo = field();
  if (officerId === null || certificateNo === null || at !== payload.length || !isDate(issuedOn)) return { ok: false, problem: 'malformed' };
  if (keyId !== verifier.keyId >>> 0) return { ok: false, problem: 'unknown-key' };
  if (!verifier.verify(Buffer.concat([DOMAIN, payload]), signature)) return { ok: false, problem: 'bad-signature' };
  return { ok: true, claims: { officerId, certificateNo, issuedOn, keyId: keyId.toString(16).padStart(8, '0') } };
}

/** base64url without padding, and only the one text that encodes these bytes. */
function decodeCanonicalBase64url(text: string): Buffer | null {
  if (text.length === 0 || text.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

function isDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The URL a card's QR code carries. */
export function cardVerifyUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/public/officers/verify?t=${token}`;
}
