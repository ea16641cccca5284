import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, DatePicker, Row, Segmented, Space, Statistic, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { canReadRoster } from '../../app/access';
import { useMe } from '../../app/auth';
import { LoadError } from '../../app/errors';
import { ExportButtonLocal } from '../../app/ExportButton';
import { useI18n } from '../../app/i18n';
import type { Staff } from '../../app/types';
import { PageTitle } from '../../components/PageTitle';
import { QueryTable } from '../../components/QueryTable';
import { UnitFilter } from '../../components/UnitSelect';
import { useUnitTree } from '../units/useUnitTree';
import { levels, opSymbols, pct, ratingListHref, useRatingStats, type RatingListFilter, type StatGroup, type ThresholdResult } from './model';
import { IndicatorsCard, ReasonsCard } from './DetailCards';
import { TrendChart } from './TrendChart';

type View = 'unit' | 'staff' | 'month';

/** 好差评统计: counts per level, rates and each pack threshold as pass/fail, with a 12-month trend. */
export default function RatingsPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const tree = useUnitTree();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [view, setView] = useState<View>('unit');
  const [unitId, setUnitId] = useState<string | undefined>();

  const monthRange = { from: month.startOf('month').format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD') };
  const yearRange = { from: month.subtract(11, 'month').startOf('month').format('YYYY-MM-DD'), to: monthRange.to };
  const months = useMemo(() => Array.from({ length: 12 }, (_, i) => month.subtract(11 - i, 'month').format('YYYY-MM')), [month]);

  // The table shows counts and rates only; the indicator and reason cards read the month's total.
  const table = useRatingStats({ ...(view === 'month' ? yearRange : monthRange), groupBy: view, unitId, details: 'false' });
  // The trend chart needs only the counts: no indicators or reasons for twelve months.
  const trend = useRatingStats({ ...yearRange, groupBy: 'month', unitId, details: 'false' });
  const total = useRatingStats({ ...monthRange, groupBy: 'none', unitId });
  const staff = useQuery({
    queryKey: ['staff', 'all-for-stats'],
    queryFn: () => api.get<Page<Staff>>(paths.staff.list, { pageSize: 500 }),
    enabled: view === 'staff' && canReadRoster(me.role),
    staleTime: 300_000,
  });
  const staffById = useMemo(() => new Map((staff.data?.items ?? []).map((s) => [s.id, s])), [staff.data]);

  /** The ratings behind a row of the table: its unit, staff member or month. */
  const rowFilter = (g: StatGroup): RatingListFilter => {
    if (view === 'unit') return { ...monthRange, unitId: g.key };
    if (view === 'staff') return { ...monthRange, unitId, staffId: g.key };
    const m = dayjs(`${g.key}-01`);
    return { from: m.startOf('month').format('YYYY-MM-DD'), to: m.endOf('month').format('YYYY-MM-DD'), unitId };
  };
  const countLink = (g: StatGroup, value: number, extra: Partial<RatingListFilter>, testId?: string) =>
    value ? (
      <Link to={ratingListHref({ ...rowFilter(g), ...extra })} data-testid={testId}>
        {value}
      </Link>
    ) : (
      value
    );

  const nameOf = (g: StatGroup) => {
    if (view === 'unit') return tree.byId.get(g.key)?.name ?? g.key;
    if (view === 'staff') {
      const s = staffById.get(g.key);
      return s ? `${s.name}（${s.badgeNo}）` : g.key;
    }
    return g.key;
  };
  const rows = useMemo(() => {
    const groups = [...(table.data?.groups ?? [])];
    return view === 'month' ? groups.sort((a, b) => b.key.localeCompare(a.key)) : groups.sort((a, b) => b.ratings - a.ratings);
  }, [table.data, view]);

  const thresholdLabel = (th: ThresholdResult) => `${th.label ? pick(th.label) : t(`ratings.thresholds.${th.id}`, { defaultValue: th.id })} ${opSymbols[th.op]}${Math.round(th.value * 1000) / 10}%`;
  const thresholdTags = (g: StatGroup) => (
    <Space size={4} direction="vertical">
      {g.smallSample && (
        <Tooltip title={t('ratings.smallSampleHint', { min: table.data?.minSampleSize })}>
          <Tag color="orange" data-testid="ratings-small-sample">
            {t('ratings.smallSample', { count: g.ratings })}
          </Tag>
        </Tooltip>
      )}
      {g.thresholds.map((th) => (
        <Tooltip key={th.id} title={th.reference ? t('ratings.source', { source: pick(th.reference) }) : undefined}>
          <Tag color={th.pass === null ? 'default' : th.pass ? 'green' : 'red'} data-threshold={th.id} data-pass={String(th.pass)}>
            {thresholdLabel(th)} · {th.pass === null ? t('ratings.noData') : th.pass ? t('ratings.pass') : t('ratings.fail')}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );

  const levelTitle = (l: number) => t(`ratings.levels.${l}`);
  const columns: TableColumnsType<StatGroup> = [
    {
      title: t(`ratings.groupColumn.${view}`),
      key: 'name',
      fixed: 'left',
      render: (_, g) => (
        <Link to={ratingListHref(rowFilter(g))} data-testid="ratings-row-link">
          {nameOf(g)}
        </Link>
      ),
    },
    ...levels.map((l) => ({ title: levelTitle(l), key: `c${l}`, align: 'right' as const, render: (_: unknown, g: StatGroup) => countLink(g, g.counts[String(l) as '1'], { level: l }, `ratings-count-${l}`) })),
    { title: t('ratings.ratings'), key: 'ratings', align: 'right', render: (_, g) => <strong>{g.ratings}</strong> },
    { title: t('ratings.served'), key: 'served', align: 'right', render: (_, g) => g.served ?? '—' },
    { title: t('ratings.ratingRate'), key: 'ratingRate', align: 'right', render: (_, g) => pct(g.ratingRate) },
    { title: t('ratings.satisfactionRate'), key: 'satisfactionRate', align: 'right', render: (_, g) => pct(g.satisfactionRate) },
    { title: t('ratings.negativeRate'), key: 'negativeRate', align: 'right', render: (_, g) => <span style={g.negativeRate ? { color: '#cf1322' } : undefined}>{pct(g.negativeRate)}</span> },
    { title: t('ratings.excluded'), key: 'excluded', align: 'right', render: (_, g) => g.excluded || '', responsive: ['lg'] },
    { title: t('ratings.negative'), key: 'negative', align: 'right', render: (_, g) => countLink(g, g.negative, { negative: 'true' }, 'ratings-negative-link') },
    { title: t('ratings.thresholdsTitle'), key: 'thresholds', render: (_, g) => thresholdTags(g) },
  ];
  const exportColumns = [
    { header: t(`ratings.groupColumn.${view}`), value: (g: StatGroup) => nameOf(g), width: 24 },
    ...levels.map((l) => ({ header: levelTitle(l), value: (g: StatGroup) => g.counts[String(l) as '1'] })),
    { header: t('ratings.ratings'), value: (g: StatGroup) => g.ratings },
    { header: t('ratings.served'), value: (g: StatGroup) => g.served ?? '' },
    { header: t('ratings.ratingRate'), value: (g: StatGroup) => pct(g.ratingRate) },
    { header: t('ratings.satisfactionRate'), value: (g: StatGroup) => pct(g.satisfactionRate) },
    { header: t('ratings.negativeRate'), value: (g: StatGroup) => pct(g.negativeRate) },
    { header: t('ratings.negative'), value: (g: StatGroup) => g.negative },
    { header: t('ratings.excluded'), value: (g: StatGroup) => g.excluded },
    {
      header: t('ratings.thresholdsTitle'),
      width: 60,
      value: (g: StatGroup) =>
        [...(g.smallSample ? [t('ratings.smallSample', { count: g.ratings })] : []), ...g.thresholds.map((th) => `${thresholdLabel(th)} ${th.pass === null ? t('ratings.noData') : th.pass ? t('ratings.pass') : t('ratings.fail')}${th.source ? `（${th.source}）` : ''}`)].join('；'),
    },
  ];

  const overall = total.data?.groups[0];
  const periodLabel = view === 'month' ? `${months[0]} ~ ${months[11]}` : month.format('YYYY-MM');

  return (
    <>
      <PageTitle title={t('menu.ratings')}>
        <Space wrap>
          <Link to="/rating-codes">{t('menu.ratingCodes')}</Link>
          <Link to="/served-counts">{t('menu.servedCounts')}</Link>
        </Space>
      </PageTitle>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="yz-toolbar" style={{ marginBottom: 0 }}>
          <DatePicker picker="month" value={month} onChange={(d) => d && setMonth(d.startOf('month'))} allowClear={false} aria-label={t('ratings.month')} data-testid="ratings-month" />
          <Segmented<View>
            value={view}
            onChange={setView}
            options={(['unit', 'staff', 'month'] as const).map((v) => ({ value: v, label: t(`ratings.groupBy.${v}`) }))}
            data-testid="ratings-groupby"
          />
          <UnitFilter value={unitId} onChange={setUnitId} placeholder={t('ratings.allUnits')} label={t('cases.unit')} />
        </div>
      </Card>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('ratings.totalRatings', { month: month.format('YYYY-MM') })} value={overall?.ratings ?? 0} data-testid="ratings-total" />
            <Space size={8} wrap>
              <Link to={ratingListHref({ ...monthRange, unitId })} data-testid="ratings-list-link">
                {t('ratings.openList')}
              </Link>
              {(overall?.negative ?? 0) > 0 && (
                <Link to={ratingListHref({ ...monthRange, unitId, negative: 'true' })} data-testid="ratings-total-negative">
                  {t('ratings.ofWhichNegative', { count: overall?.negative })}
                </Link>
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('ratings.satisfactionRate')} value={pct(overall?.satisfactionRate)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('ratings.ratingRate')} value={pct(overall?.ratingRate)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <NegativeQueueCard month={month.format('YYYY-MM')} unitId={unitId} />
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={14}>
          <IndicatorsCard group={overall} />
        </Col>
        <Col xs={24} lg={10}>
          <ReasonsCard group={overall} />
        </Col>
      </Row>
      <Card size="small" title={t('ratings.trendTitle')} style={{ marginBottom: 12 }}>
        {trend.error ? <LoadError error={trend.error} /> : <TrendChart months={months} groups={trend.data?.groups ?? []} />}
      </Card>
      <Card
        size="small"
        title={t('ratings.tableTitle', { period: periodLabel })}
        extra={<ExportButtonLocal rows={rows} columns={exportColumns} name={t('ratings.exportName')} disabled={!rows.length} />}
      >
        <QueryTable<StatGroup> query={table} rowKey="key" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} data-testid="ratings-table" />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
          {table.data?.basicSatisfiedCounts ? t('ratings.noteBasicCounts') : t('ratings.noteBasicNotCounted')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}

/**
 * 差评 queue: the rectification cases opened in the month picked (and the unit chosen), still open
 * and overdue (their appeal flow runs on the case page).
 */
function NegativeQueueCard({ month, unitId }: { month: string; unitId?: string }) {
  const { t } = useI18n();
  const filter = { type: 'rectification', month, ...(unitId ? { unitId } : {}) };
  const all = useQuery({ queryKey: ['cases', 'list', 'rectification-count', month, unitId], queryFn: () => api.get<Page<unknown>>(paths.cases.list, { ...filter, status: 'open', pageSize: 1 }) });
  const overdue = useQuery({ queryKey: ['cases', 'list', 'rectification-overdue', month, unitId], queryFn: () => api.get<Page<unknown>>(paths.cases.list, { ...filter, overdue: 'overdue', pageSize: 1 }) });
  return (
    <Card size="small" data-testid="negative-queue">
      <Statistic title={t('ratings.queueTitleMonth', { month })} value={all.data?.total ?? 0} suffix={<span style={{ fontSize: 12 }}>{t('ratings.queueOpen')}</span>} />
      <Space size={8} wrap>
        <Link to="/cases?type=rectification" data-testid="negative-queue-link">
          {t('ratings.queueLink')}
        </Link>
        {(overdue.data?.total ?? 0) > 0 && (
          <Link to="/cases?type=rectification&overdue=overdue">
            <Tag color="red">{t('ratings.queueOverdue', { count: overdue.data?.total })}</Tag>
          </Link>
        )}
      </Space>
    </Card>
  );
}
