import { IdcardOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import { officerCardsApi } from '../../../api/officerCards.ts';
import type { Officer } from '../../../api/officers.ts';
import { currentLang } from '../../../i18n/index.ts';

/** Only a certificate in force (or about to be) gets a card; the server checks the same. */
const printable = (o: Pick<Officer, 'certificateStatus'>) => o.certificateStatus === 'valid' || o.certificateStatus === 'not-yet-valid';

/**
 * 打印执法证卡片: issues the officer's card (recorded in the ledger) and saves the PDF. Anyone who
 * may see the officer may print the card (officer.read).
 */
export function PrintCardButton({ officer }: { officer: Officer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const can = printable(officer);
  async function print() {
    setBusy(true);
    try {
      await officerCardsApi.printCard(officer.id, t('officerCards.fileName'));
      void message.success(t('officerCards.printed'));
    } catch (err) {
      void message.error(errorText(err, currentLang()));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Tooltip title={can ? t('officerCards.print') : t('officerCards.notPrintable')}>
      <Button
        size="small"
        type="text"
        icon={<IdcardOutlined />}
        loading={busy}
        disabled={!can}
        data-testid="print-card"
        aria-label={t('officerCards.printFor', { name: officer.name })}
        onClick={() => void print()}
      />
    </Tooltip>
  );
}

/** 打印本机构证卡: every card of one agency on A4 sheets. */
export function PrintAgencyCardsButton({ agencyId }: { agencyId: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function print() {
    if (!agencyId) return;
    setBusy(true);
    try {
      await officerCardsApi.printAgencyCards(agencyId, t('officerCards.batchFileName'));
      void message.success(t('officerCards.printed'));
    } catch (err) {
      void message.error(errorText(err, currentLang()));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Tooltip title={agencyId ? t('officerCards.printAgencyHint') : t('officerCards.chooseAgency')}>
      <Button icon={<PrinterOutlined />} loading={busy} disabled={!agencyId} data-testid="print-agency-cards" onClick={() => void print()}>
        {t('officerCards.printAgency')}
      </Button>
    </Tooltip>
  );
}
