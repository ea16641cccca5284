import { Link } from 'react-router-dom';
import { Card, List, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import type { Assignment } from '../inspections/CoveragePage';

/** 我的检查任务: the inspector's or supervisor's open plan entries, soonest due first (GET /api/v1/me/inspection-assignments). */
export function MyAssignments() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['coverage', 'mine'], queryFn: () => api.get<{ items: Assignment[] }>(paths.inspectionAssignments.mine) });
  return (
    <Card size="small" title={t('coverage.mine.title')} loading={q.isLoading} style={{ marginBottom: 16 }} data-testid="my-assignments">
      <List
        size="small"
        locale={{ emptyText: t('coverage.mine.none') }}
        dataSource={q.data?.items ?? []}
        renderItem={(a) => (
          <List.Item key={a.id} data-testid="my-assignment">
            <Space wrap size={8} style={{ width: '100%', justifyContent: 'space-between' }}>
              <Space wrap size={8}>
                <span>{a.unitName ?? a.unitCode}</span>
                <span style={a.overdue ? { color: '#cf1322' } : undefined} className={a.overdue ? undefined : 'yz-muted'}>{t('coverage.mine.due', { date: a.dueDate })}</span>
                {a.overdue && <Tag color="red">{t('coverage.plan.overdue')}</Tag>}
              </Space>
              <Link to={`/inspections/new?unitId=${encodeURIComponent(a.unitId)}&assignmentId=${encodeURIComponent(a.id)}`}>{t('coverage.mine.start')}</Link>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
