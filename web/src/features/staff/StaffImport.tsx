import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../app/api';
import { paths } from '../../app/paths';
import { ErrorAlert } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import type { ImportResult, ImportRowError } from '../../app/types';
import { ToolDialog } from '../../components/ToolDialog';
import { downloadRosterTemplate } from './template';

/** Import a roster (.xlsx/.csv): check it first (dry run), see each bad row, then import for real. */
export function StaffImport({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reset = () => {
    setResult(null);
    setRowErrors(null);
    setError(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    reset();
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const res = await api.upload<ImportResult>(paths.staff.import, form, { dryRun: String(dryRun) });
      setResult(res);
      if (!dryRun) {
        message.success(t('staff.import.done', { count: res.rows }));
        await queryClient.invalidateQueries({ queryKey: ['staff'] });
        await queryClient.invalidateQueries({ queryKey: ['units'] });
      }
    } catch (e) {
      const details = isApiError(e) ? (e.details as { errors?: ImportRowError[] } | null) : null;
      if (isApiError(e) && e.code === 'import_failed' && details?.errors?.length) setRowErrors(details.errors);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setFile(null);
    reset();
    onClose();
  };

  return (
    <ToolDialog
      open={open}
      title={t('staff.import.title')}
      onClose={close}
      width={720}
      actions={
        <>
          <Button disabled={!file} loading={busy} onClick={() => run(true)}>
            {t('staff.import.check')}
          </Button>
          <Button type="primary" disabled={!file || !result?.dryRun} loading={busy} onClick={() => run(false)}>
            {t('staff.import.run')}
          </Button>
        </>
      }
    >
      <Typography.Paragraph type="secondary">{t('staff.import.help')}</Typography.Paragraph>
      <Space wrap align="start" style={{ marginBottom: 12 }}>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            reset();
            return false;
          }}
          onRemove={() => {
            setFile(null);
            reset();
          }}
          fileList={file ? [{ uid: 'roster', name: file.name, status: 'done' }] : []}
        >
          <Button icon={<UploadOutlined />}>{t('staff.import.choose')}</Button>
        </Upload>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadRosterTemplate(t('staff.import.templateName'))}>
          {t('staff.import.template')}
        </Button>
      </Space>
      <ErrorAlert error={error} />
      {result && (
        <Alert
          type="success"
          showIcon
          title={result.dryRun ? t('staff.import.checked') : t('staff.import.imported')}
          description={
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'rows', label: t('staff.import.rows'), children: result.rows },
                { key: 'units', label: t('staff.import.unitsCreated'), children: result.unitsCreated },
                { key: 'created', label: t('staff.import.staffCreated'), children: result.staffCreated },
                { key: 'updated', label: t('staff.import.staffUpdated'), children: result.staffUpdated },
              ]}
            />
          }
        />
      )}
      {rowErrors && (
        <>
          <Alert type="error" showIcon title={t('staff.import.failed', { count: rowErrors.length })} style={{ marginBottom: 8 }} />
          <Table<ImportRowError & { key: number }>
            size="small"
            pagination={{ pageSize: 10, size: 'small' }}
            dataSource={rowErrors.map((r, i) => ({ ...r, key: i }))}
            columns={[
              { title: t('staff.import.row'), dataIndex: 'row', key: 'row', width: 70 },
              { title: t('staff.import.field'), dataIndex: 'field', key: 'field', width: 140, render: (f: string | null) => (f ? t(`staff.import.fields.${f}`, { defaultValue: f }) : '') },
              { title: t('staff.import.message'), key: 'message', render: (_, r) => pick(r.message) },
            ]}
            data-testid="import-errors"
          />
        </>
      )}
    </ToolDialog>
  );
}
