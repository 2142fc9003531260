import { Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportError } from '../../../api/officers.ts';

/** Every problem of a refused import, by Excel row and column, so the file can be fixed in one pass. */
export function ImportErrorsModal({ errors, onClose }: { errors: readonly ImportError[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('officers.import.failedTitle', { count: errors.length })}
      onCancel={onClose}
      onOk={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      width={{ xs: '100%', md: 720 }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('officers.import.failedHint')}</Typography.Paragraph>
      <Table<ImportError & { key: number }>
        data-testid="import-errors"
        size="small"
        pagination={false}
        scroll={{ y: '50vh', x: 480 }}
        dataSource={errors.map((e, i) => ({ ...e, key: i }))}
        columns={[
          { title: t('officers.import.row'), dataIndex: 'row', key: 'row', width: 70, render: (row: number) => (row > 0 ? row : '—') },
          { title: t('officers.import.column'), dataIndex: 'column', key: 'column', width: 120, render: (column: string) => column || '—' },
          { title: t('officers.import.problem'), dataIndex: 'message', key: 'message' },
        ]}
      />
    </Modal>
  );
}
