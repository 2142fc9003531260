import { Alert, Descriptions, Drawer, Flex, Spin, Typography, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client.ts';
import { currentLang } from '../i18n/index.ts';
import type { Loaded } from '../lib/useLoad.ts';
import { useScreen } from './useScreen.ts';

interface DetailDrawerProps {
  title: ReactNode;
  onClose: () => void;
  /** The object's current version, loaded while the drawer shows the listed one. */
  loaded: Pick<Loaded<unknown>, 'data' | 'error' | 'loading'>;
  /** The buttons at the bottom, right-aligned; none: no footer. */
  actions?: ReactNode;
  /** The entry's fields, one a line. */
  facts: DescriptionsProps['items'];
  /** The heading of what follows the fields (the levels, the versions). */
  sectionTitle: string;
  children: ReactNode;
}

/**
 * One register entry in full (a benchmark, a catalog rule): its fields, then a titled section
 * (a table); wide on a desktop, the whole screen on a phone.
 */
export function DetailDrawer({ title, onClose, loaded, actions, facts, sectionTitle, children }: DetailDrawerProps) {
  const { t } = useTranslation();
  const { isWide } = useScreen();
  return (
    <Drawer
      title={title}
      open
      onClose={onClose}
      size={isWide ? 880 : '100%'}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
      footer={
        actions ? (
          <Flex justify="flex-end" gap={8} wrap>
            {actions}
          </Flex>
        ) : null
      }
    >
      {loaded.error ? <Alert type="error" showIcon title={errorText(loaded.error, currentLang())} style={{ marginBottom: 16 }} /> : null}
      <Spin spinning={loaded.loading && !loaded.data}>
        <Flex vertical gap={16}>
          <Descriptions size="small" column={1} bordered items={facts} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {sectionTitle}
          </Typography.Title>
          {children}
        </Flex>
      </Spin>
    </Drawer>
  );
}
