import { Card, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { rateText } from '../repairs/model';
import type { FollowUpFigureSet, FollowUpFigures } from './model';

/** 随访指标 of a month: reach rate, on time, satisfaction (exact rates), per unit. Nothing for an organisation without follow-ups. */
export function FollowUpFiguresCard({ month, unitId }: { month: string; unitId?: string }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['followups', 'figures', month, unitId ?? null], queryFn: () => api.get<FollowUpFigures>(paths.followups.figures, { month, unitId }) });
  const f = q.data;
  if (!f?.inUse || !f.total) return null;
  const rows: (FollowUpFigureSet & { key: string; name: string })[] = [{ key: '_total', name: t('followups.figures.total'), ...f.total }, ...f.units.map((u) => ({ key: u.unitId ?? '_none', name: u.unitName ?? t('followups.figures.noUnit'), ...u }))];
  return (
    <Card size="small" title={t('followups.figures.title', { month })} data-testid="followup-figures" style={{ marginBottom: 12 }}>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        scroll={{ x: true }}
        columns={[
          { title: t('followups.figures.unit'), dataIndex: 'name' },
          { title: t('followups.figures.count'), dataIndex: 'followUps', align: 'right' },
          { title: t('followups.figures.reachRate'), key: 'r', render: (_, r) => <span data-testid={`fig-reach-${r.key}`}>{rateText(r.reachRate)}</span> },
          { title: t('followups.figures.onTime'), key: 'o', render: (_, r) => rateText(r.onTime) },
          { title: t('followups.figures.satisfaction'), key: 's', render: (_, r) => <span data-testid={`fig-satisfaction-${r.key}`}>{rateText(r.satisfaction)}</span> },
          { title: t('followups.figures.unreachable'), dataIndex: 'unreachable', align: 'right' },
          { title: t('followups.figures.homeVisits'), dataIndex: 'homeVisits', align: 'right' },
          { title: t('followups.figures.rectifications'), dataIndex: 'rectifications', align: 'right' },
        ]}
      />
    </Card>
  );
}
