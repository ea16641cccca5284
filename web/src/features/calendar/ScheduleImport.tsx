import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { Alert, Button, Card, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../app/api';
import { paths } from '../../app/paths';
import { useErrorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useScheduleYears } from './scheduleYears';

type Format = 'holiday-cn' | 'ics';
const reasonOf = (e: unknown): string | null => {
  const reason = isApiError(e) ? (e.details as { reason?: unknown } | null)?.reason : null;
  return typeof reason === 'string' ? reason : null;
};
const formatOf = (name: string): Format => (name.toLowerCase().endsWith('.ics') ? 'ics' : 'holiday-cn');

/** Compresses 2004, 2005, …, 2026, 2028 into 2004–2026、2028. */
function yearRanges(years: number[], separator: string): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return out.join(separator);
}

/**
 * 导入节假日安排: next year's State Council schedule as a holiday-cn JSON or an .ics file
 * (POST /api/v1/calendar/import), with the outcome or the error shown here.
 */
export function ScheduleImport() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const years = useScheduleYears();
  const [file, setFile] = useState<File | null>(null);
  const location = useLocation();
  const card = useRef<HTMLDivElement>(null);
  // Arriving from the home page's reminder (/calendar#schedule-import): bring the card into view.
  useEffect(() => {
    if (location.hash === '#schedule-import') card.current?.scrollIntoView({ block: 'start' });
  }, [location.hash]);
  const run = useMutation({
    mutationFn: async (f: File) => api.post<{ years: number[]; source: string }>(paths.calendar.import, { format: formatOf(f.name), content: await f.text(), source: f.name }),
    // Every calendar view and the pending-deadline banner depend on the schedule.
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['calendar'] }), queryClient.invalidateQueries({ queryKey: ['cases'] })]),
  });
  const outcome = run.isSuccess
    ? {
        type: 'success' as const,
        'data-testid': 'schedule-import-result',
        title: run.data.years.length ? t('calendar.import.done', { years: run.data.years.join(t('calendar.import.separator')) }) : t('calendar.import.empty'),
      }
    : run.isError
      ? {
          type: 'error' as const,
          'data-testid': 'schedule-import-error',
          title: t('calendar.import.failed'),
          description: (
            <>
              <div>{errorText(run.error)}</div>
              {/* What the parser found wrong, as it says it (line and field of the file). */}
              {reasonOf(run.error) && (
                <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                  {reasonOf(run.error)}
                </Typography.Text>
              )}
            </>
          ),
        }
      : null;
  const loaded = years.data?.items ?? [];
  const latest = [...loaded].sort((a, b) => b.importedAt.localeCompare(a.importedAt))[0];

  return (
    <Card size="small" title={t('calendar.import.title')} id="schedule-import" ref={card}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('calendar.import.help')}
      </Typography.Paragraph>
      {loaded.length > 0 && (
        <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="schedule-years">
          {t('calendar.import.loaded', { years: yearRanges(loaded.map((y) => y.year), t('calendar.import.separator')) })}
          {latest ? ` ${t('calendar.import.latest', { year: latest.year, source: latest.source })}` : ''}
        </Typography.Paragraph>
      )}
      <Space wrap align="start">
        <Upload
          accept=".json,.ics"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            run.reset();
            return false;
          }}
          onRemove={() => {
            setFile(null);
            run.reset();
          }}
          fileList={file ? [{ uid: 'schedule', name: file.name, status: 'done' }] : []}
        >
          <Button icon={<UploadOutlined />}>{t('calendar.import.choose')}</Button>
        </Upload>
        <Button type="primary" disabled={!file} loading={run.isPending} onClick={() => file && run.mutate(file)}>
          {t('calendar.import.run')}
        </Button>
      </Space>
      {outcome && <Alert showIcon style={{ marginTop: 12 }} {...outcome} />}
    </Card>
  );
}
