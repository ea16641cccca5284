import { Card, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { rateText, type FigureSet, type RepairFigures } from './model';

/** 报修指标 of a month: on-time arrival, completion within the clock, callback rate and on time (exact rates), per unit. Nothing for an organisation without work orders. */
export function RepairFiguresCard({ month, unitId }: { month: string; unitId?: string }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['repairs', 'figures', month, unitId ?? null], queryFn: () => api.get<RepairFigures>(paths.repairs.figures, { month, unitId }) });
  const f = q.data;
  if (!f?.inUse || !f.total) return null;
  const rows: (FigureSet & { key: string; name: string })[] = [{ key: '_total', name: t('repairs.figures.total'), ...f.total }, ...f.units.map((u) => ({ key: u.unitId ?? '_none', name: u.unitName ?? t('repairs.figures.noUnit'), ...u }))];
  return (
    <Card size="small" title={t('repairs.figures.title', { month })} data-testid="repair-figures">
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        scroll={{ x: true }}
        columns={[
          { title: t('repairs.figures.unit'), dataIndex: 'name' },
          { title: t('repairs.figures.orders'), dataIndex: 'orders', align: 'right' },
          { title: t('repairs.figures.arrivalOnTime'), key: 'a', render: (_, r) => <span data-testid={`fig-arrival-${r.key}`}>{rateText(r.arrivalOnTime)}</span> },
          { title: t('repairs.figures.completedInTime'), key: 'c', render: (_, r) => rateText(r.completedInTime) },
          { title: t('repairs.figures.callbackRate'), key: 'cb', render: (_, r) => rateText(r.callbackRate) },
          { title: t('repairs.figures.callbackOnTime'), key: 'cbt', render: (_, r) => rateText(r.callbackOnTime) },
        ]}
      />
    </Card>
  );
}
