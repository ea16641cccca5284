import { useState } from 'react';
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { fetchAllPages, type Query } from './api';
import { useShowError } from './errors';
import { useI18n } from './i18n';
import { downloadXlsx, type XlsxColumn } from './xlsx';

/** Exports every row of the current view (search, filters and sort; all pages) to .xlsx, named like the server's downloads: 名称_日期. */
export function ExportButton<T>({ path, query, columns, name }: { path: string; query: Query; columns: XlsxColumn<T>[]; name: string }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const rows = await fetchAllPages<T>(path, query);
      await downloadXlsx(`${name}_${dayjs().format('YYYY-MM-DD')}.xlsx`, name, columns, rows);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={run}>
      {t('common.export')}
    </Button>
  );
}

/** Exports rows the screen already holds (statistics, an incident file) to .xlsx. */
export function ExportButtonLocal<T>({ rows, columns, name, disabled }: { rows: T[]; columns: XlsxColumn<T>[]; name: string; disabled?: boolean }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadXlsx(`${name}_${dayjs().format('YYYY-MM-DD')}.xlsx`, name, columns, rows);
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
