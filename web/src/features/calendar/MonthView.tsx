import { useMemo } from 'react';
import { Alert, Calendar, Grid, Spin, Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useErrorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import type { CalendarDay } from '../../app/types';
import { monthRange } from './dates';

const reasonColour: Record<string, string> = {
  statutory_holiday: 'red',
  makeup_workday: 'orange',
  closure: 'purple',
  extra_workday: 'cyan',
  half_day: 'gold',
};

/** The holiday's name in the UI language: the schedule stores 国庆节 / 国庆节补班. */
function holidayName(t: (k: string, o?: Record<string, unknown>) => string, name: string): string {
  const makeup = name.endsWith('补班');
  const base = makeup ? name.slice(0, -2) : name;
  const translated = t(`calendar.holidays.${base}`, { defaultValue: base });
  return makeup ? t('calendar.makeupOf', { name: translated }) : translated;
}

export function dayLabel(t: (k: string, o?: Record<string, unknown>) => string, d: CalendarDay): string {
  if (d.reason === 'statutory_holiday' || d.reason === 'makeup_workday') return d.holidayName ? holidayName(t, d.holidayName) : t(`calendar.reasons.${d.reason}`);
  if (d.reason === 'closure' || d.reason === 'extra_workday' || d.reason === 'half_day') return d.note || t(`calendar.reasons.${d.reason}`);
  return t(`calendar.reasons.${d.reason}`);
}

/** The month: each day's status (holiday, make-up workday, organisation override). */
export function MonthView({ month, onMonthChange, onPickDay }: { month: Dayjs; onMonthChange: (m: Dayjs) => void; onPickDay?: (date: Dayjs, day: CalendarDay | undefined) => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;
  const range = monthRange(month);
  const days = useQuery({
    queryKey: ['calendar', 'days', range.from],
    queryFn: () => api.get<{ days: CalendarDay[] }>(paths.calendar.days, range),
  });
  const byDate = useMemo(() => new Map((days.data?.days ?? []).map((d) => [d.date, d])), [days.data]);

  const cell = (date: Dayjs) => {
    const d = byDate.get(date.format('YYYY-MM-DD'));
    if (!d || !date.isSame(month, 'month')) return null;
    const colour = reasonColour[d.reason];
    const label = dayLabel(t, d);
    const hours = d.periods.map((p) => `${p.start}–${p.end}`).join(' ');
    const status = d.reason === 'weekday' || d.reason === 'weekend' ? '' : ` · ${d.working ? t('calendar.working') : t('calendar.nonWorking')}`;
    const title = `${date.format('YYYY-MM-DD')} · ${label}${status}${hours ? ` · ${hours}` : ''}`;
    return (
      <Tooltip title={title}>
        <div className="yz-cal-cell" data-date={d.date} data-reason={d.reason} data-working={d.working ? 'true' : 'false'} aria-label={title}>
          {colour && compact ? (
            <span className={`yz-cal-mark yz-cal-mark-${colour}`}>{t(`calendar.short.${d.reason}`)}</span>
          ) : colour ? (
            <Tag color={colour} variant="filled">
              {label}
            </Tag>
          ) : d.working ? null : (
            <span style={{ color: '#999' }}>{compact ? '' : t('calendar.reasons.weekend')}</span>
          )}
        </div>
      </Tooltip>
    );
  };

  return (
    <>
      {days.error ? <Alert type="warning" showIcon title={errorText(days.error)} style={{ marginBottom: 12 }} data-testid="calendar-error" /> : null}
      <Spin spinning={days.isFetching}>
        <Calendar
          className="yz-calendar"
          value={month}
          fullscreen
          headerRender={() => null}
          cellRender={(date, info) => (info.type === 'date' ? cell(date) : info.originNode)}
          onSelect={(date, info) => {
            if (info.source !== 'date') return;
            if (!date.isSame(month, 'month')) onMonthChange(date.startOf('month'));
            else onPickDay?.(date, byDate.get(date.format('YYYY-MM-DD')));
          }}
        />
      </Spin>
    </>
  );
}
