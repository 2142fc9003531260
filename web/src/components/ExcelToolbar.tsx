import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Modal, Table, Tooltip, Typography, Upload } from 'antd';
import type { ParseKeys } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, errorText } from '../api/client.ts';
import type { ImportError } from '../api/officers.ts';
import { currentLang } from '../i18n/index.ts';

/** One text of the toolbar; `into` gets `{agency}`, `done` the import's result as its values. */
export type ExcelText = 'export' | 'exportFile' | 'chooseAgency' | 'template' | 'templateFile' | 'import' | 'into' | 'done';

type PrefixOf<S extends string> = ParseKeys extends infer K ? (K extends `${infer P}.${S}` ? P : never) : never;
/** An i18n prefix with the export texts below it (`reviewCatalog` → `reviewCatalog.export` …). */
export type ExportTexts = PrefixOf<'export'> & PrefixOf<'exportFile'> & PrefixOf<'chooseAgency'>;
/** An i18n prefix with every text below it (`benchmarks.excel`); a missing one is a type error. */
export type ImportTexts = ExportTexts & PrefixOf<'template'> & PrefixOf<'templateFile'> & PrefixOf<'import'> & PrefixOf<'into'> & PrefixOf<'done'>;
/** For a page that keeps its texts outside the i18n files. */
export type ExcelTextFn = (key: ExcelText, values: Record<string, unknown>) => string;

/** What a register's API offers for Excel (officersApi, benchmarksApi … have this shape). */
export interface ExcelExportApi {
  downloadExport: (agencyId: string, fallbackName: string) => Promise<void>;
}
export interface ExcelImportApi<R extends object> extends ExcelExportApi {
  downloadTemplate: (fallbackName: string) => Promise<void>;
  /** All rows or none; a refusal is `import-invalid` with every problem in `details.errors`. */
  import: (agencyId: string, file: Blob) => Promise<R>;
}

interface Scope {
  /** The agencies whose register the user can read. */
  agencies: readonly { id: string; name: string }[];
  /** The list's agency filter. */
  agencyFilter: string | null;
}

type ExcelToolbarProps<R extends object> = Scope &
  (
    | { texts: ExportTexts | ExcelTextFn; api: ExcelExportApi; mayImport?: undefined; onImported?: undefined }
    | {
        texts: ImportTexts | ExcelTextFn;
        api: ExcelImportApi<R>;
        /** false: the user imports nowhere (no template or import button); else where they may. */
        mayImport: false | ((agencyId: string) => boolean);
        onImported: () => void;
      }
  );

/**
 * The one agency an Excel file is about: the filtered one, or the only one there is (among those
 * `allowed`); null when none can be told.
 */
export function agencyInScope(agencies: Scope['agencies'], agencyFilter: string | null, allowed: (agencyId: string) => boolean = () => true): string | null {
  if (agencyFilter) return allowed(agencyFilter) ? agencyFilter : null;
  const candidates = agencies.filter((a) => allowed(a.id));
  return candidates.length === 1 ? candidates[0]!.id : null;
}

/**
 * The Excel buttons of a register page (officers, discretion benchmarks, the review catalog, the
 * 权责清单), for a page header: 下载模板, 导出 Excel and 导入 Excel, each on one agency
 * (`agencyInScope`). A refused import lists every problem by row and column
 * (ImportErrorsModal); any other failure is a message.
 */
export function ExcelToolbar<R extends object>(props: ExcelToolbarProps<R>) {
  const { agencies, agencyFilter, texts, api } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importErrors, setImportErrors] = useState<ImportError[] | null>(null);

  // The prefix's type has already checked that every key below it exists.
  const translate = t as unknown as (key: string, values: Record<string, unknown>) => string;
  const text = (key: ExcelText, values: Record<string, unknown> = {}): string => (typeof texts === 'function' ? texts(key, values) : translate(`${texts}.${key}`, values));
  const exportAgency = agencyInScope(agencies, agencyFilter);
  const importer = props.mayImport ? { api: props.api, onImported: props.onImported, agencyId: agencyInScope(agencies, agencyFilter, props.mayImport) } : null;
  const agencyName = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;

  async function handleExport() {
    if (!exportAgency) return;
    setExporting(true);
    try {
      await api.downloadExport(exportAgency, text('exportFile'));
    } catch (err) {
      void message.error(errorText(err, currentLang()));
    } finally {
      setExporting(false);
    }
  }

  async function handleTemplate() {
    try {
      await importer?.api.downloadTemplate(text('templateFile'));
    } catch (err) {
      void message.error(errorText(err, currentLang()));
    }
  }

  async function handleImport(file: Blob): Promise<void> {
    if (!importer?.agencyId) return;
    setImporting(true);
    try {
      const result = await importer.api.import(importer.agencyId, file);
      void message.success(text('done', result as Record<string, unknown>));
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
          {text('template')}
        </Button>
      )}
      <Tooltip title={exportAgency ? undefined : text('chooseAgency')}>
        <Button icon={<DownloadOutlined />} loading={exporting} disabled={!exportAgency} onClick={() => void handleExport()}>
          {text('export')}
        </Button>
      </Tooltip>
      {importer && (
        <Tooltip title={importer.agencyId ? text('into', { agency: agencyName(importer.agencyId) }) : text('chooseAgency')}>
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
                {text('import')}
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
