import { useState } from 'react';
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { fetchAllPages, type Query } from './api';
import { useShowError } from './errors';
import { useI18n } from './i18n';
import type { ApiPath } from './paths';
import { downloadXlsx, type XlsxColumn } from './xlsx';

/** The 导出 Excel button: writes the rows `load` gives to `<name>-<date>.xlsx`. */
function XlsxButton<T>({ load, columns, name, disabled }: { load: () => Promise<T[]> | T[]; columns: XlsxColumn<T>[]; name: string; disabled?: boolean }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadXlsx(`${name}_${dayjs().format('YYYY-MM-DD')}.xlsx`, name, columns, await load());
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={run} disabled={disabled}>
      {t('common.export')}
    </Button>
  );
}

/** Exports every row of the current view (search, filters and sort; all pages) to .xlsx. */
export function ExportButton<T>({ path, query, columns, name }: { path: ApiPath; query: Query; columns: XlsxColumn<T>[]; name: string }) {
  return <XlsxButton load={() => fetchAllPages<T>(path, query)} columns={columns} name={name} />;
}

/** Exports rows the screen already holds (statistics, an incident file) to .xlsx. */
export function ExportButtonLocal<T>({ rows, columns, name, disabled }: { rows: T[]; columns: XlsxColumn<T>[]; name: string; disabled?: boolean }) {
  return <XlsxButton load={() => rows} columns={columns} name={name} disabled={disabled} />;
}
