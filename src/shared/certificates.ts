import type { OfficerStatus } from './api.ts';

/** 暂扣 / 恢复 / 吊销 / 换证 — what an administrator may do to a certificate. */
export type CertificateAction = 'suspend' | 'reinstate' | 'revoke' | 'renew';

/**
 * The certificate's life as one table, read by the service (which enforces it) and the console
 * (which offers only what it allows). Auxiliary staff hold no certificate: no action applies.
 */
export const CERTIFICATE_TRANSITIONS: Record<CertificateAction, { from: readonly OfficerStatus[]; to: OfficerStatus | null; event: string; label: string }> = {
  suspend: { from: ['active'], to: 'suspended', event: 'officer.suspended', label: '暂扣' },
  reinstate: { from: ['suspended'], to: 'active', event: 'officer.reinstated', label: '恢复' },
  revoke: { from: ['active', 'suspended'], to: 'revoked', event: 'officer.revoked', label: '吊销' },
  // Renewal keeps the status and extends the validity.
  renew: { from: ['active', 'suspended'], to: null, event: 'officer.renewed', label: '换证' },
};

export function certificateActionAllowed(action: CertificateAction, o: { status: OfficerStatus; auxiliary: boolean }): boolean {
  return !o.auxiliary && CERTIFICATE_TRANSITIONS[action].from.includes(o.status);
}
