import { Link } from 'react-router-dom';
import { Alert, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import type { CaseSummary } from './model';

/**
 * 期限待定: cases whose deadline reaches a year with no holiday schedule imported yet. Nothing is
 * guessed (RULES §1); the office is told how many wait, and the admin where to import the year.
 */
export function PendingDeadlinesAlert({ showList = true }: { showList?: boolean }) {
  const { t } = useI18n();
  const me = useMe();
  const pending = useQuery({
    queryKey: ['cases', 'pending-deadlines'],
    queryFn: () => api.get<Page<CaseSummary>>(paths.cases.list, { overdue: 'pending', pageSize: 1 }),
    refetchInterval: 300_000,
  });
  const total = pending.data?.total ?? 0;
  if (!total) return null;
  const year = pending.data?.items[0]?.clocks.find((c) => c.pendingYear)?.pendingYear;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="pending-deadlines"
      title={t('cases.pendingAlert', { count: total, year })}
      action={
        <Space direction="vertical" size={0}>
          {showList && <Link to="/cases?overdue=pending">{t('cases.pendingShow')}</Link>}
          {can(me.role, 'calendarImport') && <Link to="/calendar">{t('cases.pendingImport')}</Link>}
        </Space>
      }
    />
  );
}
