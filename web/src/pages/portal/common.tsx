import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PENALTY_KIND_LABELS, type PenaltyKind } from '@shared/cases.ts';
import { PUBLICATION_KIND_LABELS, type PublicationKind, type PublishedDecisionListItem } from '@shared/publications.ts';
import { RouterLink } from '../../components/RouterLink.tsx';
import { currentLang, sharedKey } from '../../i18n/index.ts';
import { formatYuan } from '../../lib/money.ts';

export function kindLabel(kind: PublicationKind | string): string {
  const labels = (PUBLICATION_KIND_LABELS as Record<string, { zh: string; en: string } | undefined>)[kind];
  return labels ? labels[sharedKey(currentLang())] : kind;
}

export function penaltyKindsLabel(kinds: readonly (PenaltyKind | string)[]): string {
  const lang = sharedKey(currentLang());
  return kinds.map((k) => (PENALTY_KIND_LABELS as Record<string, { zh: string; en: string } | undefined>)[k]?.[lang] ?? k).join(lang === 'zh' ? '、' : ', ');
}

export function decisionPath(id: string, version?: number): string {
  return `/public/decisions/${encodeURIComponent(id)}${version ? `?version=${version}` : ''}`;
}

/** One published decision in a list: a card that reads well on a phone. */
export function DecisionCard({ item }: { item: PublishedDecisionListItem }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="decision-card" styles={{ body: { padding: 12 } }}>
      <Flex vertical gap={4}>
        <Flex justify="space-between" align="start" gap={8}>
          <RouterLink to={decisionPath(item.id)} style={{ fontWeight: 600, fontSize: 15 }}>
            {item.partyName}
          </RouterLink>
          <Tag color={item.kind === 'penalty' ? 'volcano' : 'green'} style={{ marginInlineEnd: 0 }}>
            {kindLabel(item.kind)}
          </Tag>
        </Flex>
        <Typography.Text>{item.cause}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.number} · {item.agencyName}
        </Typography.Text>
        <Flex gap={12} wrap style={{ fontSize: 12 }}>
          <Typography.Text type="secondary">
            {t('portal.decision.decidedOn')}：{item.decidedOn}
          </Typography.Text>
          {item.penaltyKinds.length > 0 && <Typography.Text type="secondary">{penaltyKindsLabel(item.penaltyKinds)}</Typography.Text>}
          {item.fineFen !== null && (
            <Typography.Text type="secondary">
              {t('portal.decision.fine')}：{formatYuan(item.fineFen)}
            </Typography.Text>
          )}
          {item.version > 1 && <Tag>{t('portal.decision.corrected')}</Tag>}
        </Flex>
      </Flex>
    </Card>
  );
}
