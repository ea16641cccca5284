import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App as AntApp, Button, Card, Col, Descriptions, Empty, List, Popconfirm, Row, Segmented, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api';
import { LoadError, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { EChart } from '../dashboard/EChart';
import { downloadFile } from '../dashboard/model';
import { approvable, starGlyphs, stateColor, textOf } from './model';
import { ApproveButton } from './ApproveButton';
import { SheetPdfButton } from './SheetPage';
import type { PeriodDetail, SheetState, SheetSummary } from './types';

/** 星级分布: how many sheets reached each grade (sheets with no grade yet are counted as 未评星). */
function Distribution({ p }: { p: PeriodDetail }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const bars = [...p.summary.distribution].sort((a, b) => b.stars - a.stars);
    return {
      grid: { left: 40, right: 20, top: 24, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: bars.map((b) => (b.stars > 0 ? t('appraisals.starsN', { count: b.stars }) : t('appraisals.noStar'))) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('appraisals.sheets'), data: bars.map((b) => ({ value: b.count, itemStyle: { color: b.stars >= 4 ? '#d48806' : '#1677ff' } })), label: { show: true, position: 'top' } }],
    };
  }, [p, t]);
  if (p.summary.distribution.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appraisals.noDistribution')} />;
  return <EChart option={option} label={t('appraisals.distribution')} height={260} testId="appraisal-distribution" />;
}

type Filter = 'all' | 'notScored' | 'objected' | 'toApprove';
const filters: Filter[] = ['all', 'notScored', 'objected', 'toApprove'];
const matches: Record<Filter, (s: SheetSummary) => boolean> = {
  all: () => true,
  notScored: (s) => !s.complete,
  objected: (s) => s.state === 'objected',
  toApprove: approvable,
};

/** 考核汇总: one period for the quality office — distribution, outliers, who is not scored or objected, approval and the exports. */
export default function PeriodPage() {
  const { id = '' } = useParams();
  const { t, pick, lng } = useI18n();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState<Filter>('all');
  const period = useQuery({ queryKey: ['appraisals', 'period', id], queryFn: () => api.get<PeriodDetail>(paths.appraisals.period(id)) });
  const sheets = useQuery({ queryKey: ['appraisals', 'sheets', id, 'all'], queryFn: () => api.get<{ items: SheetSummary[]; total: number }>(paths.appraisals.sheets, { periodId: id, pageSize: 500 }) });
  const refresh = () => client.invalidateQueries({ queryKey: ['appraisals'] });
  const approve = useMutation({
    mutationFn: async (list: SheetSummary[]) => {
      for (const s of list) await api.post(paths.appraisals.step(s.id, 'approve'), { version: s.version });
      return list.length;
    },
    onSuccess: async (n) => {
      message.success(t('appraisals.approved', { count: n }));
      await refresh();
    },
    onError: async (e) => {
      showError(e);
      await refresh();
    },
  });
  const exportXlsx = useMutation({ mutationFn: () => downloadFile(withQuery(paths.appraisals.periodXlsx(id), { lang: lng === 'en' ? 'en' : 'zh' }), `appraisals-${period.data?.period.label ?? id}.xlsx`), onError: showError });
  if (period.error) return <LoadError error={period.error} onRetry={() => period.refetch()} />;
  if (!period.data) return <Card loading />;
  const p = period.data;
  const all = sheets.data?.items ?? [];
  const rows = all.filter(matches[filter]);
  const confirmed = all.filter((s) => s.state === 'confirmed');
  const byState = p.summary.byState;
  const columns: TableColumnsType<SheetSummary> = [
    { title: t('appraisals.staff'), key: 'staff', render: (_, s) => <Link to={`/appraisals/sheets/${s.id}`}>{s.staff.name}</Link> },
    { title: t('appraisals.unit'), key: 'unit', render: (_, s) => s.staff.unitName ?? '—' },
    { title: t('appraisals.total'), key: 'total', align: 'right', render: (_, s) => <b data-testid={`total-${s.staff.id}`}>{s.total}</b> },
    { title: t('appraisals.star'), key: 'star', render: (_, s) => (s.star ? <span style={{ color: '#d48806' }}>{`${starGlyphs(s.star.stars)} ${pick(s.star.label)}`}</span> : '—') },
    { title: t('appraisals.state'), key: 'state', render: (_, s) => <Tag color={stateColor[s.state]} data-testid={`state-${s.staff.id}`}>{t(`appraisals.states.${s.state}`)}</Tag> },
    {
      title: '',
      key: 'actions',
      render: (_, s) => (
        <Space>
          {approvable(s) && <ApproveButton sheet={s} size="small" testId={`approve-${s.staff.id}`} />}
          <SheetPdfButton sheet={s} size="small" />
        </Space>
      ),
    },
  ];
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('appraisals.periodTitle', { period: p.period.label, template: pick(p.template.label) })}
        </Typography.Title>
        <Space wrap>
          <Link to="/appraisals">{t('appraisals.back')}</Link>
          <Button icon={<FileExcelOutlined />} loading={exportXlsx.isPending} onClick={() => exportXlsx.mutate()} data-testid="appraisal-xlsx">
            {t('appraisals.exportXlsx')}
          </Button>
          {confirmed.length > 0 && (
            <Popconfirm title={t('appraisals.approveAllAsk', { count: confirmed.length })} onConfirm={() => approve.mutateAsync(confirmed)} okButtonProps={{ 'data-testid': 'approve-confirmed-ok' } as Record<string, string>}>
              <Button type="primary" icon={<SafetyCertificateOutlined />} loading={approve.isPending} data-testid="approve-confirmed">
                {t('appraisals.approveConfirmed', { count: confirmed.length })}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'template', label: t('appraisals.template'), children: `${pick(p.template.label)}（v${p.template.version}）` },
          { key: 'dates', label: t('appraisals.dates'), children: `${p.period.from} – ${p.period.to}` },
          { key: 'state', label: t('appraisals.state'), children: <Tag>{t(`appraisals.periodStates.${p.state}`)}</Tag> },
        ]}
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {(['count', 'notScored', 'objected', 'confirmed', 'approved'] as const).map((k) => (
          <Col key={k} xs={12} sm={8} md={4}>
            <Card size="small" data-testid={`count-${k}`}>
              <Statistic title={t(`appraisals.counts.${k}`)} value={k === 'count' ? p.summary.count : k === 'notScored' ? p.summary.notScored : (byState[k as SheetState] ?? 0)} valueStyle={{ fontSize: 22 }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={14}>
          <Card size="small" title={t('appraisals.distribution')}>
            <Distribution p={p} />
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card size="small" title={t('appraisals.outliers')}>
            <List
              size="small"
              dataSource={p.summary.outliers}
              locale={{ emptyText: t('appraisals.noOutliers') }}
              data-testid="appraisal-outliers"
              renderItem={(o) => (
                <List.Item>
                  <Link to={`/appraisals/sheets/${o.sheetId}`}>{o.staffName}</Link>
                  <span>
                    {o.total} · {typeof o.reason === 'string' ? t(`appraisals.outlierReasons.${o.reason}`, { defaultValue: o.reason }) : textOf(o.reason, pick)}
                  </span>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Segmented<Filter> value={filter} onChange={setFilter} style={{ marginBottom: 8 }} data-testid="sheet-filter" options={filters.map((f) => ({ value: f, label: `${t(`appraisals.filters.${f}`)}（${all.filter(matches[f]).length}）` }))} />
        {sheets.error ? (
          <LoadError error={sheets.error} onRetry={() => sheets.refetch()} />
        ) : (
          <Table<SheetSummary> rowKey="id" size="small" columns={columns} dataSource={rows} loading={sheets.isLoading} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} data-testid="appraisal-sheets" />
        )}
      </Card>
    </>
  );
}
