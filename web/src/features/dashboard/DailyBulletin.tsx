import { useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Skeleton, Space } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useChange } from '../../app/useChange';
import { ToolDialog } from '../../components/ToolDialog';
import { appRoute, opSymbol, pctText, type DailyBulletin } from './model';

const rows = ['visits', 'ratings', 'satisfactionRate', 'negative', 'complaintsReceived', 'complaintsClosed', 'repliesMissed', 'overdueNow', 'severelyOverdueNow'] as const;

/** 每日来访投诉通报: the figures of one day, and sending them to the inboxes. */
export function DailyBulletinDialog({ open, onClose, unitId, onNavigate }: { open: boolean; onClose: () => void; unitId?: string; onNavigate: (to: string) => void }) {
  const { t } = useI18n();
  const [date, setDate] = useState<Dayjs>(() => dayjs().subtract(1, 'day'));
  const day = date.format('YYYY-MM-DD');
  const query = useQuery({
    queryKey: ['reports', 'daily', day, unitId ?? null],
    queryFn: () => api.get<DailyBulletin>(paths.reports.daily, { date: day, unitId }),
    enabled: open,
  });
  const send = useChange({
    mutationFn: () => api.post<{ inbox: unknown[]; email: { queued: number } }>(paths.reports.sendDaily, undefined, { date: day }),
    success: (r) => t('dashboard.daily.sentTo', { inbox: r.inbox.length, email: r.email.queued }),
  });
  const b = query.data;
  return (
    <ToolDialog
      open={open}
      title={t('dashboard.daily.title')}
      onClose={onClose}
      width={640}
      actions={
        <Button type="primary" icon={<SendOutlined />} loading={send.isPending} onClick={() => send.mutate()} data-testid="daily-send">
          {t('dashboard.daily.send')}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <DatePicker value={date} allowClear={false} onChange={(v) => v && setDate(v)} disabledDate={(v) => v.isAfter(dayjs(), 'day')} aria-label={t('dashboard.daily.date')} />
        {query.isError && <LoadError error={query.error} onRetry={() => void query.refetch()} />}
        {query.isPending && <Skeleton active />}
        {b && (
          <Descriptions size="small" column={1} bordered data-testid="daily-figures">
            {rows.map((k) => {
              const f = b[k];
              const text = k === 'satisfactionRate' ? pctText(f.value) : k === 'visits' && !b.visits.recorded ? t('dashboard.daily.notRecorded') : String(f.value ?? '—');
              return (
                <Descriptions.Item key={k} label={t(`dashboard.daily.${k}`)}>
                  <a href={appRoute(f.link)} onClick={(e) => { e.preventDefault(); onNavigate(appRoute(f.link)); }}>
                    {text}
                  </a>
                </Descriptions.Item>
              );
            })}
          </Descriptions>
        )}
        {b && b.lowRatingRate.windows.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="daily-low-rating-rate"
            title={t('dashboard.daily.lowRatingRate', { limit: `${opSymbol[b.lowRatingRate.rule?.op ?? 'gte'] ?? ''}${Math.round((b.lowRatingRate.rule?.value ?? 0) * 10000) / 100}%` })}
            description={b.lowRatingRate.windows.map((w) => `${w.name} ${pctText(w.ratingRate)}（${w.ratings}/${w.served}）`).join('；')}
          />
        )}
      </Space>
    </ToolDialog>
  );
}
