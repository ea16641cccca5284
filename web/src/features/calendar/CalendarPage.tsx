import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Col, DatePicker, Row, Space, Tag } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageTitle } from '../../components/PageTitle';
import { DeadlineCalculator } from './DeadlineCalculator';
import { MonthView } from './MonthView';
import { OverrideForm } from './OverrideForm';
import { OverridesTable } from './OverridesTable';
import { NextYearAlert } from './NextYearAlert';
import { ScheduleImport } from './ScheduleImport';

function parseMonth(s: string | null): Dayjs {
  const d = s && /^\d{4}-\d{2}$/.test(s) ? dayjs(`${s}-01`) : dayjs();
  return d.isValid() ? d.startOf('month') : dayjs().startOf('month');
}

export default function CalendarPage() {
  const { t } = useI18n();
  const me = useMe();
  const canEdit = can(me.role, 'calendarOverrides');
  const canImport = can(me.role, 'calendarImport');
  const [params, setParams] = useSearchParams();
  const month = parseMonth(params.get('month'));
  const [adding, setAdding] = useState<{ date: Dayjs | null } | null>(null);

  const setMonth = (m: Dayjs) =>
    setParams(
      (p) => {
        p.set('month', m.format('YYYY-MM'));
        return p;
      },
      { replace: true },
    );

  const legend = ['statutory_holiday', 'makeup_workday', 'closure', 'extra_workday', 'half_day'] as const;
  const colours: Record<(typeof legend)[number], string> = { statutory_holiday: 'red', makeup_workday: 'orange', closure: 'purple', extra_workday: 'cyan', half_day: 'gold' };

  return (
    <>
      <PageTitle title={t('menu.calendar')}>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding({ date: null })}>
            {t('calendar.addOverride')}
          </Button>
        )}
      </PageTitle>
      <NextYearAlert onCalendarPage />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small">
            <div className="yz-toolbar" style={{ alignItems: 'center', justifyContent: 'space-between' }}>
              <Space>
                <Button icon={<LeftOutlined />} aria-label={t('calendar.prevMonth')} onClick={() => setMonth(month.subtract(1, 'month'))} />
                <DatePicker picker="month" value={month} allowClear={false} onChange={(d) => d && setMonth(d)} aria-label={t('calendar.month')} format={t('calendar.monthFormat')} />
                <Button icon={<RightOutlined />} aria-label={t('calendar.nextMonth')} onClick={() => setMonth(month.add(1, 'month'))} />
                <Button onClick={() => setMonth(dayjs())}>{t('calendar.today')}</Button>
              </Space>
              <Space size={[4, 4]} wrap>
                {legend.map((r) => (
                  <Tag key={r} color={colours[r]}>
                    {t(`calendar.reasons.${r}`)}
                  </Tag>
                ))}
              </Space>
            </div>
            <MonthView month={month} onMonthChange={setMonth} onPickDay={canEdit ? (date) => setAdding({ date }) : undefined} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <DeadlineCalculator />
            <Card size="small" title={t('calendar.overridesOf', { year: month.year() })}>
              <OverridesTable year={month.year()} canEdit={canEdit} />
            </Card>
            {canImport && <ScheduleImport />}
          </Space>
        </Col>
      </Row>
      <OverrideForm open={adding !== null} date={adding?.date ?? null} onClose={() => setAdding(null)} />
    </>
  );
}
