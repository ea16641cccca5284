import { Link } from 'react-router-dom';
import { Alert, Space } from 'antd';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useScheduleYears } from './scheduleYears';

/**
 * From 1 November (server date) until next year's 放假安排 is imported, the administrator is told:
 * deadlines that reach that year wait as 期限待定 and are dated once it is imported.
 */
export function NextYearAlert({ onCalendarPage = false }: { onCalendarPage?: boolean }) {
  const { t } = useI18n();
  const me = useMe();
  const admin = can(me.role, 'calendarImport');
  const years = useScheduleYears(admin);
  const next = years.data?.nextYear;
  if (!admin || !next?.remind) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="next-year-alert"
      title={t('calendar.nextYear.missing', { year: next.year })}
      description={t('calendar.nextYear.help', { year: next.year })}
      action={
        <Space orientation="vertical" size={0}>
          {onCalendarPage ? <a href="#schedule-import">{t('calendar.nextYear.import')}</a> : <Link to="/calendar#schedule-import">{t('calendar.nextYear.import')}</Link>}
          <Link to="/cases?overdue=pending">{t('calendar.nextYear.pending')}</Link>
        </Space>
      }
    />
  );
}
