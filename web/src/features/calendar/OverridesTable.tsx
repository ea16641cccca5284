import { Tag, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import type { CalendarOverride } from '../../app/types';
import { useChange } from '../../app/useChange';
import { QueryTable } from '../../components/QueryTable';
import { ConfirmAction } from '../../components/RowActions';

/** The organisation's overrides in a year, deletable by those who may manage the calendar. */
export function OverridesTable({ year, canEdit }: { year: number; canEdit: boolean }) {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: ['calendar', 'overrides', year],
    queryFn: () => api.get<{ items: CalendarOverride[] }>(paths.calendar.overrides, { from: `${year}-01-01`, to: `${year}-12-31` }),
  });
  const remove = useChange({
    mutationFn: (o: CalendarOverride) => api.delete(paths.calendar.override(o.id), { version: o.version }),
    success: t('common.deleted'),
    invalidate: [['calendar']],
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
        <ConfirmAction confirm={t('calendar.confirmDelete', { date: o.date })} okText={t('common.delete')} onConfirm={() => remove.mutateAsync(o)} danger>
          {t('common.delete')}
        </ConfirmAction>
      ),
    });

  return (
    <QueryTable<CalendarOverride>
      query={list}
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.isLoading}
      pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
      locale={{ emptyText: t('calendar.noOverrides', { year }) }}
      scroll={{ x: 'max-content' }}
    />
  );
}
