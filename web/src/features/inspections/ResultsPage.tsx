import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Col, DatePicker, Empty, List, Row, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, withQuery } from '../../app/api';
import { LoadError, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { UnitFilter } from '../../components/UnitSelect';
import { downloadFile } from '../dashboard/model';
import { useTemplates } from './useTemplates';
import type { MonthFigures, ResultRow, Results } from './resultsModel';

/** The range shown first: the last six months up to this one. */
function defaultRange() {
  const to = dayjs().format('YYYY-MM');
  return { from: dayjs().subtract(5, 'month').format('YYYY-MM'), to };
}

/** The filters live in the URL (a link can open the screen on a range, a unit or a template). */
function useFilter() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => {
    const d = defaultRange();
    return { from: params.get('from') ?? d.from, to: params.get('to') ?? d.to, unitId: params.get('unitId') ?? undefined, template: params.get('template') ?? undefined };
  }, [params]);
  const update = (patch: Partial<typeof filter>) => {
    const next = { ...filter, ...patch };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) out.set(k, v);
    setParams(out, { replace: true });
  };
  return [filter, update] as const;
}

/**
 * A sparkline of the monthly averages (100-point scale), scaled to the row's own lowest and highest
 * month so a change of a few points shows; a month without inspections breaks the line, a month
 * with a veto is a red dot.
 */
function Trend({ months, label }: { months: MonthFigures[]; label: string }) {
  const step = 14;
  const h = 28;
  const values = months.flatMap((m) => (m.average === null ? [] : [m.average]));
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const y = (v: number) => (hi === lo ? h / 2 : h - 4 - ((v - lo) / (hi - lo)) * (h - 8));
  const x = (i: number) => 4 + i * step;
  const runs: string[][] = [[]];
  months.forEach((m, i) => (m.average === null ? runs.push([]) : runs[runs.length - 1].push(`${x(i)},${y(m.average)}`)));
  return (
    <svg width={x(months.length - 1) + 4} height={h} role="img" aria-label={label} data-testid="results-trend">
      {runs.filter((r) => r.length > 1).map((r) => <polyline key={r[0]} points={r.join(' ')} fill="none" stroke="#1677ff" strokeWidth={1.5} />)}
      {months.map((m, i) => (m.average === null ? null : <circle key={m.month} cx={x(i)} cy={y(m.average)} r={2.5} fill={m.vetoes ? '#cf1322' : '#1677ff'} />))}
    </svg>
  );
}

/** ↑ 2.5 / ↓ 10 / — against the month before. */
function Change({ value }: { value: number | null }) {
  if (value === null || value === 0) return null;
  return (
    <Typography.Text type={value > 0 ? 'success' : 'danger'} style={{ fontSize: 12 }}>
      {value > 0 ? '↑' : '↓'} {Math.abs(value)}
    </Typography.Text>
  );
}

function Cell({ m }: { m: MonthFigures }) {
  const { t } = useI18n();
  if (m.count === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      <Space size={4}>
        <strong>{m.average}</strong>
        <Change value={m.change.average} />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('inspections.results.times', { count: m.count })}
        {m.vetoes > 0 && (
          <Tag color="red" style={{ marginLeft: 4 }}>
            {t('inspections.results.vetoes', { count: m.vetoes })}
          </Tag>
        )}
      </Typography.Text>
    </Space>
  );
}

/** 检查结果: averages by unit and month with a trend, the most frequent findings, the rectification on-time rate. */
export default function ResultsPage() {
  const { t, pick, lng } = useI18n();
  const showError = useShowError();
  const [filter, update] = useFilter();
  const templates = useTemplates();
  const query = useQuery({ queryKey: ['inspection-results', filter], queryFn: () => api.get<Results>(paths.inspections.results, filter) });
  const data = query.data;
  const exportName = `检查结果_${filter.from === filter.to ? filter.from : `${filter.from}_${filter.to}`}.xlsx`;
  const download = useMutation({
    mutationFn: () => downloadFile(withQuery(paths.exports.inspectionResults, { ...filter, lang: lng === 'en' ? 'en' : 'zh' }), exportName),
    onError: showError,
  });

  const rows: ResultRow[] = data ? [...data.units, { unitId: '*', code: null, name: null, months: data.all.months, total: data.all.total }] : [];
  const columns: TableColumnsType<ResultRow> = [
    {
      title: t('inspections.unit'),
      key: 'unit',
      fixed: 'left',
      width: 130,
      render: (_, r) => (r.unitId === '*' ? <strong>{t('inspections.results.allUnits')}</strong> : r.name ?? '—'),
    },
    ...(data?.months ?? []).map((month, i) => ({ title: month, key: month, width: 96, render: (_: unknown, r: ResultRow) => <Cell m={r.months[i]} /> })),
    { title: t('inspections.results.trend'), key: 'trend', width: 90, render: (_, r) => <Trend months={r.months} label={t('inspections.results.trendOf', { name: r.name ?? t('inspections.results.allUnits') })} /> },
    {
      title: t('inspections.results.total'),
      key: 'total',
      width: 96,
      render: (_, r) => (
        <span data-testid="results-total">
          {r.total.average ?? '—'} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('inspections.results.times', { count: r.total.count })}</Typography.Text>
        </span>
      ),
    },
  ];
  const rect = data?.rectification;
  const onTime = rect?.rate.value === null || rect === undefined ? null : Math.round(rect.rate.value * 10_000) / 100;

  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('inspections.results.title')}
        </Typography.Title>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="yz-toolbar" style={{ marginBottom: 0 }}>
          <DatePicker.RangePicker
            picker="month"
            allowClear={false}
            value={[dayjs(`${filter.from}-01`), dayjs(`${filter.to}-01`)]}
            onChange={(v) => v?.[0] && v[1] && update({ from: v[0].format('YYYY-MM'), to: v[1].format('YYYY-MM') })}
            aria-label={t('inspections.results.period')}
            data-testid="results-range"
          />
          <UnitFilter value={filter.unitId} onChange={(unitId) => update({ unitId })} placeholder={t('inspections.list.allUnits')} label={t('inspections.unit')} testId="results-unit" />
          <Select
            allowClear
            placeholder={t('inspections.list.allTemplates')}
            aria-label={t('inspections.template')}
            value={filter.template}
            onChange={(v) => update({ template: v ?? undefined })}
            options={(templates.data ?? []).map((x) => ({ value: x.code, label: pick(x.label) }))}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
            data-testid="results-template"
          />
          <Button icon={<FileExcelOutlined />} loading={download.isPending} onClick={() => download.mutate()} data-testid="export-results">
            {t('inspections.results.export')}
          </Button>
        </div>
      </Card>
      {query.error ? (
        <LoadError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('inspections.results.inspections')} value={data?.all.total.count ?? 0} loading={query.isLoading} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('inspections.results.average')} value={data?.all.total.average ?? '—'} loading={query.isLoading} />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" data-testid="results-on-time">
                <Statistic title={t('inspections.results.onTime')} value={onTime === null ? '—' : `${onTime}%`} loading={query.isLoading} />
                {rect && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('inspections.results.onTimeDetail', { onTime: rect.closedOnTime, due: rect.rate.denominator, late: rect.closedLate, overdue: rect.openOverdue, pending: rect.notYetDue })}
                  </Typography.Text>
                )}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('inspections.results.byUnit')} style={{ marginBottom: 12 }}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('inspections.results.scaleNote')}
            </Typography.Paragraph>
            <Table<ResultRow> rowKey="unitId" size="small" columns={columns} dataSource={rows} loading={query.isLoading} pagination={false} scroll={{ x: 'max-content' }} data-testid="results-table" />
          </Card>
          <Card size="small" title={t('inspections.results.topFindings')}>
            {data && data.topFindings.length === 0 ? (
              <Empty description={t('inspections.results.noFindings')} />
            ) : (
              <List
                size="small"
                loading={query.isLoading}
                dataSource={data?.topFindings ?? []}
                data-testid="results-findings"
                renderItem={(f, i) => (
                  <List.Item>
                    <Space wrap>
                      <span>
                        {i + 1}. {pick(f.label)}
                      </span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {pick(f.template)}
                      </Typography.Text>
                      <Tag color="orange">{t('inspections.results.findingCount', { count: f.count, units: f.units })}</Tag>
                      {f.vetoes > 0 && <Tag color="red">{t('inspections.vetoed')}</Tag>}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </>
      )}
    </>
  );
}
