import { App as AntApp, Button, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { LoadError, settled, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import type { CalendarOverride } from '../../app/types';

/** The organisation's overrides in a year, deletable by those who may manage the calendar. */
export function OverridesTable({ year, canEdit }: { year: number; canEdit: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const list = useQuery({
    queryKey: ['calendar', 'overrides', year],
    queryFn: () => api.get<{ items: CalendarOverride[] }>('/api/v1/calendar/overrides', { from: `${year}-01-01`, to: `${year}-12-31` }),
  });
  const remove = useMutation({
    mutationFn: (o: CalendarOverride) => api.delete(`/api/v1/calendar/overrides/${o.id}`, { version: o.version }),
    onSuccess: async () => {
      message.success(t('common.deleted'));
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
    },
    onError: showError,
  });

  const columns: TableColumnsType<CalendarOverride> = [
    { title: t('calendar.date'), dataIndex: 'date', key: 'date' },
    { title: t('calendar.kind'), dataIndex: 'kind', key: 'kind', render: (k: string) => <Tag color={k === 'closure' ? 'purple' : k === 'half_day' ? 'gold' : 'cyan'}>{t(`calendar.reasons.${k}`)}</Tag> },
    { title: t('calendar.periods'), key: 'periods', render: (_, o) => (o.periods ?? []).map((p) => `${p.start}–${p.end}`).join(', ') || '—', responsive: ['xxl'] },
    { title: t('calendar.note'), dataIndex: 'note', key: 'note' },
  ];
  if (canEdit)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, o) => (
        <Popconfirm title={t('calendar.confirmDelete', { date: o.date })} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => settled(remove.mutateAsync(o))}>
          <Button type="link" size="small" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    });

  if (list.error) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Table<CalendarOverride>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.isLoading}
      pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
      locale={{ emptyText: t('calendar.noOverrides', { year }) }}
      scroll={{ x: 'max-content' }}
    />
  );
}
