import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Card, Descriptions, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { ExportButton } from '../../app/ExportButton';
import { useI18n } from '../../app/i18n';
import { PageTitle } from '../../components/PageTitle';
import { QueryTable } from '../../components/QueryTable';
import { useCaseLabels } from '../cases/labels';

interface RecordRow {
  id: string;
  type: string;
  trackingNo: string;
  status: string;
  unitId: string | null;
  category: string | null;
  title: string;
  receivedAt: string;
  closedAt: string | null;
  reply: { dueAt: string | null; dueDate: string | null; stoppedAt: string | null; met: boolean | null } | null;
}

interface RecordsPage extends Page<RecordRow> {
  metric: string;
  period: { from: string; to: string };
}

/** The query a dashboard figure's link carries (GET /api/v1/dashboard/records). */
const recordKeys = ['metric', 'month', 'date', 'unitId', 'caseUnitId', 'category', 'status'] as const;
const NONE = '_none';

const time = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

/**
 * 明细: the cases behind one dashboard figure, with the same conditions as the figure (so the
 * total is the number the quality office clicked), each linked to its case page, exportable.
 */
export default function DashboardRecordsPage() {
  const { t } = useI18n();
  const labels = useCaseLabels();
  const [params] = useSearchParams();
  const filters = useMemo(() => Object.fromEntries(recordKeys.map((k) => [k, params.get(k) ?? undefined])), [params]);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: ['dashboard', 'records', filters, paging],
    queryFn: () => api.get<RecordsPage>(paths.dashboard.records, { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });

  const metLabel = (r: RecordRow) => (r.reply?.met === true ? t('dashboard.records.met') : r.reply?.met === false ? t('dashboard.records.late') : '');
  const statusText = (r: RecordRow) => labels.statusLabel(r.type, r.status);
  const unitText = (id: string | null) => (id ? labels.unitName(id) : t('dashboard.noUnit'));
  const columns: TableColumnsType<RecordRow> = [
    { title: t('cases.trackingNo'), key: 'no', render: (_, r) => <Link to={`/cases/${r.id}`} data-testid="record-link">{r.trackingNo}</Link> },
    { title: t('cases.titleColumn'), key: 'title', render: (_, r) => <Typography.Text ellipsis style={{ maxWidth: 280 }}>{r.title}</Typography.Text> },
    { title: t('cases.unit'), key: 'unit', render: (_, r) => unitText(r.unitId), responsive: ['md'] },
    { title: t('cases.category'), key: 'category', render: (_, r) => labels.categoryLabel(r.category), responsive: ['lg'] },
    { title: t('cases.receivedAt'), key: 'received', render: (_, r) => time(r.receivedAt), responsive: ['md'] },
    { title: t('dashboard.records.replyDue'), key: 'due', render: (_, r) => r.reply?.dueDate ?? '' },
    { title: t('dashboard.records.repliedAt'), key: 'replied', render: (_, r) => time(r.reply?.stoppedAt), responsive: ['lg'] },
    {
      title: t('dashboard.records.onTime'),
      key: 'met',
      render: (_, r) => (r.reply?.met === undefined || r.reply?.met === null ? '' : <Tag color={r.reply.met ? 'green' : 'red'}>{metLabel(r)}</Tag>),
    },
    { title: t('cases.status'), key: 'status', render: (_, r) => statusText(r) },
  ];
  const exportColumns = [
    { header: t('cases.trackingNo'), value: (r: RecordRow) => r.trackingNo, width: 18 },
    { header: t('cases.titleColumn'), value: (r: RecordRow) => r.title, width: 36 },
    { header: t('cases.unit'), value: (r: RecordRow) => unitText(r.unitId), width: 24 },
    { header: t('cases.category'), value: (r: RecordRow) => labels.categoryLabel(r.category), width: 14 },
    { header: t('cases.receivedAt'), value: (r: RecordRow) => time(r.receivedAt), width: 18 },
    { header: t('dashboard.records.replyDue'), value: (r: RecordRow) => r.reply?.dueDate ?? '', width: 12 },
    { header: t('dashboard.records.repliedAt'), value: (r: RecordRow) => time(r.reply?.stoppedAt), width: 18 },
    { header: t('dashboard.records.onTime'), value: metLabel, width: 10 },
    { header: t('cases.status'), value: statusText, width: 12 },
  ];

  const metric = filters.metric ?? '';
  const period = filters.month ?? filters.date ?? '';
  const conditions = [
    { key: 'metric', label: t('dashboard.records.figure'), children: t(`dashboard.records.metrics.${metric}`, { defaultValue: metric }) },
    { key: 'period', label: t('dashboard.records.period'), children: period },
    ...(filters.unitId ? [{ key: 'scope', label: t('dashboard.unit'), children: labels.unitName(filters.unitId) }] : []),
    ...(filters.caseUnitId ? [{ key: 'unit', label: t('cases.unit'), children: filters.caseUnitId === NONE ? t('dashboard.noUnit') : labels.unitName(filters.caseUnitId) }] : []),
    ...(filters.category ? [{ key: 'category', label: t('cases.category'), children: filters.category === NONE ? t('dashboard.records.noCategory') : labels.categoryLabel(filters.category) }] : []),
    ...(filters.status ? [{ key: 'status', label: t('cases.status'), children: labels.statusLabel(metric === 'rectifications' ? 'rectification' : 'complaint', filters.status) }] : []),
    { key: 'total', label: t('dashboard.records.total'), children: <span data-testid="records-total">{list.data?.total ?? '…'}</span> },
  ];

  return (
    <>
      <PageTitle title={t('dashboard.records.title')}>
        <ExportButton path={paths.dashboard.records} query={filters} columns={exportColumns} name={t('dashboard.records.title')} />
      </PageTitle>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} items={conditions} />
        <Link to={`/dashboard${filters.month ? `?month=${filters.month}` : ''}`}>{t('dashboard.records.back')}</Link>
      </Card>
      <QueryTable<RecordRow>
        query={list}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, onChange: (page, pageSize) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize }) }}
        data-testid="records-table"
      />
    </>
  );
}
