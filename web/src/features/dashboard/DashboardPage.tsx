import { useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FilePdfOutlined, FileExcelOutlined, NotificationOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, withQuery } from '../../app/api';
import { paths, type ApiPath } from '../../app/paths';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { LoadError, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { Columns } from '../../components/Columns';
import { PageTitle } from '../../components/PageTitle';
import { UnitFilter } from '../../components/UnitSelect';
import { DailyBulletinDialog } from './DailyBulletin';
import { EChart } from './EChart';
import { RepairFiguresCard } from '../repairs/RepairFiguresCard';
import { FollowUpFiguresCard } from '../followups/FollowUpFiguresCard';
import { appRoute, downloadFile, opSymbol, pctText, type Change, type Dashboard, type RankedWindow, type ThresholdBreach } from './model';

function ChangeText({ change, rate, lowerIsBetter }: { change: Change | undefined; rate?: boolean; lowerIsBetter?: boolean }) {
  const { t } = useI18n();
  if (!change || change.delta === null || change.direction === null) return <Typography.Text type="secondary">{t('dashboard.noPrevious')}</Typography.Text>;
  const good = change.direction === 'same' ? null : (change.direction === 'up') !== !!lowerIsBetter;
  const sign = change.delta > 0 ? '+' : '';
  return (
    <Typography.Text type={good === null ? 'secondary' : good ? 'success' : 'danger'}>
      {t('dashboard.vsLastMonth')} {sign}
      {rate ? `${change.delta.toFixed(2)} ${t('dashboard.points')}` : change.delta}
    </Typography.Text>
  );
}

/** A KPI card: the figure links to the records behind it. */
function Kpi({ title, value, to, footer, testId, danger }: { title: string; value: ReactNode; to: string; footer?: ReactNode; testId: string; danger?: boolean }) {
  return (
    <Card size="small" className="yz-kpi" data-testid={testId}>
      <Link to={to} data-testid={`${testId}-link`} aria-label={title}>
        <Statistic title={title} value={value as string} valueStyle={danger ? { color: '#cf1322' } : undefined} />
      </Link>
      <div style={{ minHeight: 22 }}>{footer}</div>
    </Card>
  );
}

/** 质量看板: the month at a glance for the quality office, every figure linked to its records. */
export default function DashboardPage() {
  const { t, lng, pick } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const showError = useShowError();
  const [params] = useSearchParams();
  // A link back from the records of a figure names its month.
  const [month, setMonth] = useState<Dayjs>(() => (/^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? dayjs(`${params.get('month')}-01`) : dayjs().startOf('month')));
  // The monthly report is of the last closed month unless a month was picked (or linked) here.
  const [picked, setPicked] = useState(() => /^\d{4}-\d{2}$/.test(params.get('month') ?? ''));
  const reportMonth = (picked ? month : dayjs().subtract(1, 'month')).format('YYYY-MM');
  const [unitId, setUnitId] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | null>(null);
  const [daily, setDaily] = useState(false);
  const monthKey = month.format('YYYY-MM');
  const canReport = can(me.role, 'dashboardReports');

  const query = useQuery({
    queryKey: ['dashboard', monthKey, unitId ?? null],
    queryFn: () => api.get<Dashboard>(paths.dashboard.view, { month: monthKey, unitId }),
  });
  const d = query.data;

  const download = async (key: string, path: ApiPath, name: string) => {
    setBusy(key);
    try {
      await downloadFile(path, name);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };
  const range = { from: month.startOf('month').format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD'), unitId, lang: lng === 'en' ? 'en' : 'zh' };

  const trendOption = useMemo(() => {
    if (!d) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('dashboard.complaintsReceived'), t('dashboard.satisfaction')] },
      grid: { left: 48, right: 56, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: d.trend.map((p) => p.month) },
      yAxis: [
        { type: 'value', name: t('dashboard.countAxis'), minInterval: 1 },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: [
        { name: t('dashboard.complaintsReceived'), type: 'bar', data: d.trend.map((p) => p.complaintsReceived.value), itemStyle: { color: '#1677ff' } },
        { name: t('dashboard.satisfaction'), type: 'line', yAxisIndex: 1, connectNulls: true, data: d.trend.map((p) => p.satisfactionRate.value), itemStyle: { color: '#52c41a' } },
      ],
    };
  }, [d, t]);
  const categoryOption = useMemo(() => {
    if (!d) return null;
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { show: false },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: d.complaints.byCategory.map((c) => ({ name: pick(c.label), value: c.value })) }],
    };
  }, [d, pick]);

  const breachColumns: TableColumnsType<ThresholdBreach> = [
    { title: t('dashboard.breach.rule'), key: 'rule', render: (_, b) => `${pick(b.label)} ${opSymbol[b.op] ?? b.op}${Math.round(b.value * 10000) / 100}%` },
    { title: t('dashboard.breach.subject'), key: 'subject', render: (_, b) => <Space size={4}><Tag>{t(`dashboard.subjectTypes.${b.subject.type}`)}</Tag>{b.subject.name}</Space> },
    { title: t('dashboard.breach.actual'), key: 'actual', align: 'right', render: (_, b) => <Link to={appRoute(b.link)}>{pctText(b.actual)}</Link> },
    { title: t('dashboard.breach.kind'), key: 'kind', render: (_, b) => <Tag color={b.kind === 'target' ? 'red' : 'volcano'}>{t(`dashboard.breach.kinds.${b.kind}`)}</Tag> },
    { title: t('dashboard.breach.action'), key: 'action', render: (_, b) => t(`dashboard.actions.${b.action}`, { defaultValue: b.action }) },
    { title: t('dashboard.breach.source'), key: 'source', render: (_, b) => (b.source ? <Typography.Text code>{b.source}</Typography.Text> : '—') },
  ];
  const rankingColumns: TableColumnsType<RankedWindow> = [
    { title: t('dashboard.ranking.rank'), key: 'rank', width: 80, render: (_, w) => (w.rank === null ? '—' : `${w.rank} / ${w.of}`) },
    { title: t('dashboard.ranking.window'), key: 'name', render: (_, w) => `${w.name}（${w.code}）` },
    { title: t('dashboard.ranking.ratings'), key: 'ratings', align: 'right', render: (_, w) => <Link to={appRoute(w.ratings.link)}>{w.ratings.value}</Link> },
    { title: t('dashboard.satisfaction'), key: 'sat', align: 'right', render: (_, w) => <Link to={appRoute(w.satisfactionRate.link)}>{pctText(w.satisfactionRate.value)}</Link> },
    {
      title: t('dashboard.ranking.flags'),
      key: 'flags',
      render: (_, w) => (
        <Space size={4} wrap>
          {w.atBottom && <Tag color="orange">{t('dashboard.ranking.atBottom')}</Tag>}
          {w.atBottomLastMonth && <Tag>{t('dashboard.ranking.atBottomLastMonth')}</Tag>}
          {w.talkRequired && (
            <Tooltip title={t('dashboard.ranking.talkHint')}>
              <Tag color="red" data-testid="talk-flag">{t('dashboard.ranking.talk')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle title={t('dashboard.title')}>
        <Space wrap>
          <DatePicker picker="month" allowClear={false} value={month} onChange={(v) => {
              if (!v) return;
              setMonth(v.startOf('month'));
              setPicked(true);
            }} disabledDate={(v) => v.isAfter(dayjs(), 'month')} aria-label={t('dashboard.month')} data-testid="dashboard-month" />
          <UnitFilter value={unitId} onChange={setUnitId} placeholder={t('dashboard.allUnits')} label={t('dashboard.unit')} style={{ minWidth: 220 }} />
        </Space>
      </PageTitle>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Button icon={<FileExcelOutlined />} loading={busy === 'cases'} onClick={() => download('cases', withQuery(paths.exports.cases, range), `案件_${monthKey}.xlsx`)} data-testid="export-cases">
            {t('dashboard.exportCases')}
          </Button>
          <Button icon={<FileExcelOutlined />} loading={busy === 'ratings'} onClick={() => download('ratings', withQuery(paths.exports.ratings, range), `评价记录_${monthKey}.xlsx`)} data-testid="export-ratings">
            {t('dashboard.exportRatings')}
          </Button>
          {canReport && (
            <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => download('pdf', withQuery(paths.reports.monthlyPdf, { month: reportMonth, unitId }), `服务质量月报_${reportMonth}.pdf`)} data-testid="monthly-pdf">
              {t('dashboard.monthlyPdfOf', { month: reportMonth })}
            </Button>
          )}
          {canReport && (
            <Button icon={<NotificationOutlined />} onClick={() => setDaily(true)} data-testid="daily-bulletin">
              {t('dashboard.daily.open')}
            </Button>
          )}
        </Space>
        {query.isError && <LoadError error={query.error} onRetry={() => void query.refetch()} />}
        {query.isPending && <Skeleton active />}
        {d && (
          <>
            {d.scope && <Alert type="info" showIcon title={t('dashboard.scoped', { unit: `${d.scope.unitName}（${d.scope.unitCode}）` })} />}
            <Row gutter={[12, 12]}>
              <Col xs={12} md={8} xl={6}>
                <Kpi testId="kpi-complaints" title={t('dashboard.complaintsReceived')} value={d.complaints.received.value} to={appRoute(d.complaints.received.link)} footer={<ChangeText change={d.changes.complaintsReceived} lowerIsBetter />} />
              </Col>
              <Col xs={12} md={8} xl={6}>
                <Kpi
                  testId="kpi-reply-on-time"
                  title={t('dashboard.replyOnTime')}
                  value={pctText(d.complaints.replyOnTime.value)}
                  to={appRoute(d.complaints.replyOnTime.link)}
                  footer={
                    <Space size={6}>
                      <Typography.Text type="secondary">{`${d.complaints.replyOnTime.numerator}/${d.complaints.replyOnTime.denominator}`}</Typography.Text>
                      <Link to={appRoute(d.complaints.repliesLate.link)}>{t('dashboard.repliesLate', { count: d.complaints.repliesLate.value })}</Link>
                    </Space>
                  }
                />
              </Col>
              <Col xs={12} md={8} xl={6}>
                <Kpi testId="kpi-overdue" title={t('dashboard.overdueNow')} value={d.complaints.overdue.value} danger={d.complaints.overdue.value > 0} to={appRoute(d.complaints.overdue.link)} footer={<Link to={appRoute(d.complaints.severelyOverdue.link)} data-testid="kpi-severe-link">{t('dashboard.severelyOverdue', { count: d.complaints.severelyOverdue.value })}</Link>} />
              </Col>
              <Col xs={12} md={8} xl={6}>
                <Kpi testId="kpi-rating-rate" title={t('dashboard.ratingRate')} value={pctText(d.ratings.ratingRate.value)} to={appRoute(d.ratings.ratingRate.link)} footer={<ChangeText change={d.changes.ratingRate} rate />} />
              </Col>
              <Col xs={12} md={8} xl={6}>
                <Kpi testId="kpi-satisfaction" title={t('dashboard.satisfaction')} value={pctText(d.ratings.satisfactionRate.value)} to={appRoute(d.ratings.satisfactionRate.link)} footer={<ChangeText change={d.changes.satisfactionRate} rate />} />
              </Col>
              <Col xs={12} md={8} xl={6}>
                <Kpi testId="kpi-negative" title={t('dashboard.negativeCount')} value={d.negative.count.value} to={appRoute(d.negative.count.link)} footer={<Typography.Text type="secondary">{t('dashboard.negativeRate', { rate: pctText(d.ratings.negativeRate.value) })}</Typography.Text>} />
              </Col>
              <Col xs={12} md={8} xl={6}>
                <Kpi
                  testId="kpi-rectifications"
                  title={t('dashboard.openRectifications')}
                  value={d.negative.rectifications.byStatus.filter((s) => s.status !== 'closed' && s.status !== 'rectified').reduce((a, s) => a + s.value, 0)}
                  to={appRoute(d.negative.rectifications.total.link)}
                  footer={<Typography.Text type="secondary">{t('dashboard.rectificationsTotal', { count: d.negative.rectifications.total.value })}</Typography.Text>}
                />
              </Col>
              <Col xs={12} md={8} xl={6}>
                <Kpi testId="kpi-thresholds" title={t('dashboard.thresholdBreaches')} value={d.thresholds.breaches.length} danger={d.thresholds.breaches.length > 0} to="#breaches" footer={<Typography.Text type="secondary">{t('dashboard.thresholdsChecked', { checked: d.thresholds.checked, passed: d.thresholds.passed })}</Typography.Text>} />
              </Col>
            </Row>
            <Row gutter={[12, 12]}>
              <Col xs={24} xl={14}>
                <Card size="small" title={t('dashboard.trendTitle')}>
                  {trendOption && <EChart option={trendOption} label={t('dashboard.trendTitle')} testId="chart-trend" />}
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card size="small" title={t('dashboard.byCategory')}>
                  {d.complaints.byCategory.length === 0 ? (
                    <Empty description={t('dashboard.noComplaints')} />
                  ) : (
                    <>
                      {categoryOption && <EChart option={categoryOption} label={t('dashboard.byCategory')} height={220} testId="chart-category" />}
                      <Space size={[4, 4]} wrap>
                        {d.complaints.byCategory.map((c) => (
                          <Tag key={c.code ?? '_none'}>
                            <Link to={appRoute(c.link)}>{`${pick(c.label)} ${c.value}`}</Link>
                          </Tag>
                        ))}
                      </Space>
                    </>
                  )}
                </Card>
              </Col>
            </Row>
            <RepairFiguresCard month={monthKey} unitId={unitId} />
            <FollowUpFiguresCard month={monthKey} unitId={unitId} />
            <Columns gutter={[12, 12]} cols={[{ xs: 24, lg: 12 }, { xs: 24, lg: 12 }]}>
              <Card size="small" title={t('dashboard.byUnit')}>
                <Table
                  size="small"
                  rowKey={(r) => r.unitId ?? '_none'}
                  pagination={false}
                  dataSource={d.complaints.byUnit}
                  locale={{ emptyText: t('dashboard.noComplaints') }}
                  columns={[
                    { title: t('dashboard.unit'), key: 'unit', render: (_, r) => (r.unitId ? r.unitName : t('dashboard.noUnit')) },
                    { title: t('dashboard.complaintsReceived'), key: 'value', align: 'right', render: (_, r) => <Link to={appRoute(r.link)}>{r.value}</Link> },
                  ]}
                />
              </Card>
              <Card size="small" title={t('dashboard.rectifications')}>
                <Table
                  size="small"
                  rowKey="status"
                  pagination={false}
                  dataSource={d.negative.rectifications.byStatus}
                  columns={[
                    { title: t('dashboard.status'), key: 'status', render: (_, r) => pick(r.label) },
                    { title: t('dashboard.count'), key: 'value', align: 'right', render: (_, r) => <Link to={appRoute(r.link)}>{r.value}</Link> },
                  ]}
                />
              </Card>
            </Columns>
            <Card size="small" title={t('dashboard.breachesTitle')} id="breaches">
              <Table size="small" rowKey={(b) => `${b.thresholdId}-${b.subject.type}-${b.subject.id}`} pagination={false} dataSource={d.thresholds.breaches} columns={breachColumns} locale={{ emptyText: t('dashboard.noBreaches') }} scroll={{ x: 800 }} data-testid="breaches" />
            </Card>
            <Card size="small" title={t('dashboard.rankingTitle')} extra={d.ranking.talks.length > 0 && <Tag color="red">{t('dashboard.ranking.talks', { count: d.ranking.talks.length })}</Tag>}>
              <Table size="small" rowKey="unitId" pagination={false} dataSource={d.ranking.windows} columns={rankingColumns} scroll={{ x: 700 }} data-testid="ranking" />
            </Card>
            <Typography.Text type="secondary">{t('dashboard.generatedAt', { at: dayjs(d.generatedAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text>
          </>
        )}
        <DailyBulletinDialog open={daily} onClose={() => setDaily(false)} unitId={unitId} onNavigate={(to) => { setDaily(false); navigate(to); }} />
      </Space>
    </>
  );
}
