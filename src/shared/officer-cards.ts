/**
 * The public side of officer certificate cards (事中公示): what the QR's verify page and the
 * portal's officer lookup receive. Shared with the web app.
 */
import type { CertificateStatus } from './api.ts';

/**
 * The verdict the verify page shows in its big badge:
 * - valid, expired, not-yet-valid, suspended, revoked: the card is genuine and current; this is the
 *   certificate's LIVE status (never taken from the card);
 * - changed: genuine, but the certificate was changed (e.g. reissued under a new number) after the
 *   card was printed — the card is no longer valid;
 * - invalid: forged, altered or unknown (无效证件): nothing about any officer is shown.
 */
export type CardVerdict = 'valid' | 'expired' | 'not-yet-valid' | 'suspended' | 'revoked' | 'changed' | 'invalid';

export const CARD_VERDICT_LABELS: Record<CardVerdict, { zh: string; en: string }> = {
  valid: { zh: '有效', en: 'Valid' },
  expired: { zh: '已过期', en: 'Expired' },
  'not-yet-valid': { zh: '未生效', en: 'Not yet valid' },
  suspended: { zh: '已暂扣', en: 'Suspended' },
  revoked: { zh: '已吊销', en: 'Revoked' },
  changed: { zh: '证件信息已变更', en: 'Certificate changed' },
  invalid: { zh: '无效证件', en: 'Invalid card' },
};

/** The officer as the public may see them: nothing personal beyond name and post. */
export interface PublicOfficer {
  name: string;
  /** 内设机构, or null when the officer belongs to none. */
  unit: string | null;
  /** The agency's name (an institution, not personal data). */
  agency: string;
  post: string | null;
  /** 执法种类. */
  fields: string[];
  certificateNo: string;
  /** The certificate's live status today. */
  status: CertificateStatus;
}

export interface CardVerification {
  verdict: CardVerdict;
  /** True when the card was signed by this platform's key (even if the certificate is no longer valid). */
  genuine: boolean;
  /** Why an invalid card is invalid (for the curious; the badge says 无效证件). */
  problem: 'malformed' | 'unsupported-version' | 'unknown-key' | 'bad-signature' | 'unknown-officer' | null;
  /** Present only for a genuine card: the officer's current public record. */
  officer: (PublicOfficer & { validFrom: string | null; validTo: string | null }) | null;
  /** Present only for a genuine card: what the card itself says. */
  card: { certificateNo: string; issuedOn: string } | null;
  /** When the live status was read (ISO time). */
  checkedAt: string;
}

/** One row of the portal's officer lookup: exactly these keys (a test checks). */
export type OfficerLookupItem = Pick<PublicOfficer, 'name' | 'unit' | 'agency' | 'post' | 'fields' | 'certificateNo' | 'status'>;
