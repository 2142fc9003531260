import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Modal, Table, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, errorText } from '../api/client.ts';
import type { ImportError } from '../api/officers.ts';
import { currentLang } from '../i18n/index.ts';

/** Import from Excel: the blank template, and the upload into one agency (all rows or none). */
export interface ExcelImport {
  /** The agency the file goes into; null: none can be told (the button is disabled, with `chooseAgency`). */
  agencyId: string | null;
  templateLabel: string;
  importLabel: string;
  /** The tooltip on the import button when an agency is known ("导入到 …"). */
  intoLabel: string;
  downloadTemplate: () => Promise<void>;
  /** Sends the file; resolves with the success message. */
  upload: (agencyId: string, file: Blob) => Promise<string>;
  onImported: () => void;
}

interface ExcelToolbarProps {
  /** The agency to export; null: none can be told (the button is disabled, with `chooseAgency`). */
  exportAgencyId: string | null;
  exportLabel: string;
  /** Why export/import are disabled: they work on one agency. */
  chooseAgency: string;
  download: (agencyId: string) => Promise<void>;
  /** For those who may import: the template and import buttons. */
  importer?: ExcelImport | null;
}

/**
 * The Excel buttons of a register page (officers, discretion benchmarks, the review catalog), for
 * a page header: 下载模板, 导出 Excel and 导入 Excel, each on one agency. A refused import lists
 * every problem by row and column (ImportErrorsModal); any other failure is a message.
 */
export function ExcelToolbar({ exportAgencyId, exportLabel, chooseAgency, download, importer }: ExcelToolbarProps) {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importErrors, setImportErrors] = useState<ImportError[] | null>(null);

  async function handleExport() {
    if (!exportAgencyId) return;
    setExporting(true);
    try {
      await download(exportAgencyId);
    } catch (err) {
      void message.error(errorText(err, currentLang()));
    } finally {
      setExporting(false);
    }
  }

  async function handleTemplate() {
    try {
      await importer?.downloadTemplate();
    } catch (err) {
      void message.error(errorText(err, currentLang()));
    }
  }

  async function handleImport(file: Blob): Promise<void> {
    if (!importer?.agencyId) return;
    setImporting(true);
    try {
      void message.success(await importer.upload(importer.agencyId, file));
      importer.onImported();
    } catch (err) {
      const errors = err instanceof ApiRequestError && err.code === 'import-invalid' ? (err.details?.errors as ImportError[] | undefined) : undefined;
      if (errors && errors.length > 0) setImportErrors(errors);
      else void message.error(errorText(err, currentLang()));
    } finally {
      setImporting(false);
    }
  }

  return (
    <>
      {importer && (
        <Button icon={<FileExcelOutlined />} onClick={() => void handleTemplate()}>
          {importer.templateLabel}
        </Button>
      )}
      <Tooltip title={exportAgencyId ? undefined : chooseAgency}>
        <Button icon={<DownloadOutlined />} loading={exporting} disabled={!exportAgencyId} onClick={() => void handleExport()}>
          {exportLabel}
        </Button>
      </Tooltip>
      {importer && (
        <Tooltip title={importer.agencyId ? importer.intoLabel : chooseAgency}>
          <span>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              maxCount={1}
              disabled={!importer.agencyId || importing}
              customRequest={({ file, onSuccess, onError }) => {
                handleImport(file as Blob).then(
                  () => onSuccess?.(null),
                  (err: unknown) => onError?.(err instanceof Error ? err : new Error(String(err))),
                );
              }}
            >
              <Button icon={<UploadOutlined />} loading={importing} disabled={!importer.agencyId}>
                {importer.importLabel}
              </Button>
            </Upload>
          </span>
        </Tooltip>
      )}
      {importErrors && <ImportErrorsModal errors={importErrors} onClose={() => setImportErrors(null)} />}
    </>
  );
}

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
