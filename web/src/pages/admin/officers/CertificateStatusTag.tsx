import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, MinusCircleOutlined, PauseCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { CERTIFICATE_STATUS_LABELS } from '@shared/roles.ts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateStatus, Officer } from '../../../api/officers.ts';
import { currentLang, sharedKey } from '../../../i18n/index.ts';

/**
 * Colour and icon per status. Expired and suspended certificates bar the officer from acting
 * (《行政处罚法》第四十二条), so they are flagged in red and orange; colour is never the only cue.
 */
const LOOK: Record<CertificateStatus, { color: string; icon: ReactNode }> = {
  valid: { color: 'green', icon: <CheckCircleOutlined /> },
  'not-yet-valid': { color: 'blue', icon: <ClockCircleOutlined /> },
  expired: { color: 'red', icon: <ExclamationCircleOutlined /> },
  suspended: { color: 'orange', icon: <PauseCircleOutlined /> },
  revoked: { color: 'default', icon: <StopOutlined /> },
  none: { color: 'default', icon: <MinusCircleOutlined /> },
};

export function certificateStatusLabel(status: CertificateStatus): string {
  return CERTIFICATE_STATUS_LABELS[status][sharedKey(currentLang())];
}

export function CertificateStatusTag({ officer }: { officer: Pick<Officer, 'certificateStatus' | 'statusReason' | 'validFrom' | 'validTo'> }) {
  const { t } = useTranslation();
  const status = officer.certificateStatus;
  const look = LOOK[status];
  let tip: string | undefined;
  if ((status === 'suspended' || status === 'revoked') && officer.statusReason) tip = t('officers.statusReasonTip', { reason: officer.statusReason });
  if (status === 'expired' && officer.validTo) tip = t('officers.expiredTip', { date: officer.validTo });
  if (status === 'not-yet-valid' && officer.validFrom) tip = t('officers.notYetValidTip', { date: officer.validFrom });
  const tag = (
    <Tag color={look.color} icon={look.icon} data-certificate-status={status} style={{ marginInlineEnd: 0 }}>
      {certificateStatusLabel(status)}
    </Tag>
  );
  return tip ? <Tooltip title={tip}>{tag}</Tooltip> : tag;
}
