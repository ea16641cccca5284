import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, DatePicker, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { ExportButton } from '../../app/ExportButton';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { withQuery } from '../../app/api';
import { LoadError, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useServerTable } from '../../app/useServerTable';
import type { XlsxColumn } from '../../app/xlsx';
import { downloadFile } from '../dashboard/model';
import { paths } from '../../app/paths';
import { UnitFilter } from '../../components/UnitSelect';
import { OutboxBadge } from './OutboxSync';
import { inspectionKinds, type InspectionRow } from './model';
import { useTemplates } from './useTemplates';

const filterKeys = ['unitId', 'template', 'kind', 'month', 'vetoed'] as const;
type Filter = Partial<Record<(typeof filterKeys)[number], string>>;

/** The list's filters live in its URL (links from other screens open it filtered). */
function useFilter(): [Filter, (patch: Filter) => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => Object.fromEntries(filterKeys.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))) as Filter, [params]);
  const update = (patch: Filter) => {
    const next = { ...filter, ...patch };
    const out = new URLSearchParams();
    for (const k of filterKeys) if (next[k]) out.set(k, next[k]!);
    setParams(out, { replace: true });
  };
  return [filter, update];
}

/** One row per finding with its rectification case: the server's export for the month shown (managers). */
function FindingsExportButton({ month, unitId }: { month?: string; unitId?: string }) {
  const { t, lng } = useI18n();
  const showError = useShowError();
  const m = month ? dayjs(`${month}-01`) : dayjs();
  const query = { from: m.startOf('month').format('YYYY-MM-DD'), to: m.endOf('month').format('YYYY-MM-DD'), unitId, lang: lng === 'en' ? 'en' : 'zh' };
  const download = useMutation({
    mutationFn: () => downloadFile(withQuery(paths.exports.inspectionFindings, query), `检查发现问题_${m.format('YYYY-MM')}.xlsx`),
    onError: showError,
  });
  return (
    <Button icon={<FileExcelOutlined />} loading={download.isPending} onClick={() => download.mutate()} data-testid="export-findings">
      {t('inspections.list.exportFindings', { month: m.format('YYYY-MM') })}
    </Button>
  );
}

/** 检查记录: every inspection the caller may see, newest first, with filters and xlsx exports. */
export default function InspectionsPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [filter, update] = useFilter();
  const table = useServerTable<InspectionRow>('inspections', paths.inspections.list, filter);
  const templates = useTemplates();
  const templateName = (code: string) => {
    const x = templates.data?.find((tpl) => tpl.code === code);
    return x ? pick(x.label) : code;
  };
  const scoreText = (r: InspectionRow) => `${r.score} / ${r.maxScore}`;

  const columns: TableColumnsType<InspectionRow> = [
    { title: t('inspections.performedAt'), key: 'performedAt', width: 140, render: (_, r) => <Link to={`/inspections/${r.id}`}>{dayjs(r.performedAt).format('YYYY-MM-DD HH:mm')}</Link> },
    { title: t('inspections.unit'), key: 'unit', render: (_, r) => r.unitName ?? '—' },
    { title: t('inspections.staff'), key: 'staff', render: (_, r) => r.staffName ?? '—' },
    { title: t('inspections.template'), key: 'template', render: (_, r) => templateName(r.templateCode) },
    { title: t('inspections.kind'), key: 'kind', render: (_, r) => t(`inspections.kinds.${r.kind}`) },
    {
      title: t('inspections.scoreColumn'),
      key: 'score',
      render: (_, r) => (
        <Space size={4}>
          <span data-testid="row-score">{scoreText(r)}</span>
          {r.vetoed && <Tag color="red">{t('inspections.vetoed')}</Tag>}
        </Space>
      ),
    },
    { title: t('inspections.findings'), key: 'findings', render: (_, r) => (r.findings ? <Tag color="orange">{r.findings}</Tag> : 0) },
    { title: t('inspections.inspector'), key: 'inspector', render: (_, r) => r.inspector ?? '—' },
  ];

  const exportColumns: XlsxColumn<InspectionRow>[] = [
    { header: t('inspections.performedAt'), width: 18, value: (r) => dayjs(r.performedAt).format('YYYY-MM-DD HH:mm') },
    { header: t('inspections.unit'), width: 20, value: (r) => r.unitName },
    { header: t('inspections.staff'), value: (r) => r.staffName },
    { header: t('inspections.template'), width: 28, value: (r) => templateName(r.templateCode) },
    { header: t('inspections.templateVersion'), value: (r) => r.templateVersion },
    { header: t('inspections.kind'), value: (r) => t(`inspections.kinds.${r.kind}`) },
    { header: t('inspections.scoreColumn'), value: (r) => r.score },
    { header: t('inspections.maxScore'), value: (r) => r.maxScore },
    { header: t('inspections.vetoed'), value: (r) => (r.vetoed ? t('inspections.yes') : t('inspections.no')) },
    { header: t('inspections.findings'), value: (r) => r.findings },
    { header: t('inspections.inspector'), value: (r) => r.inspector },
  ];

  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('inspections.list.title')}
        </Typography.Title>
        <Space wrap>
          <OutboxBadge />
          <Link to="/inspection-templates">{t('inspections.templates.title')}</Link>
          {can(me.role, 'inspect') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/inspections/new')} data-testid="new-inspection">
              {t('inspections.form.title')}
            </Button>
          )}
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="yz-toolbar" style={{ marginBottom: 0 }}>
          <DatePicker
            picker="month"
            value={filter.month ? dayjs(`${filter.month}-01`) : null}
            onChange={(d) => update({ month: d ? d.format('YYYY-MM') : undefined })}
            placeholder={t('inspections.list.month')}
            aria-label={t('inspections.list.month')}
            data-testid="inspections-month"
          />
          <UnitFilter value={filter.unitId} onChange={(unitId) => update({ unitId })} placeholder={t('inspections.list.allUnits')} label={t('inspections.unit')} testId="inspections-unit" />
          <Select
            allowClear
            placeholder={t('inspections.list.allTemplates')}
            aria-label={t('inspections.template')}
            value={filter.template}
            onChange={(v) => update({ template: v ?? undefined })}
            options={(templates.data ?? []).map((x) => ({ value: x.code, label: pick(x.label) }))}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
            data-testid="inspections-template"
          />
          <Select
            allowClear
            placeholder={t('inspections.list.allKinds')}
            aria-label={t('inspections.kind')}
            value={filter.kind}
            onChange={(v) => update({ kind: v ?? undefined })}
            options={inspectionKinds.map((k) => ({ value: k, label: t(`inspections.kinds.${k}`) }))}
            style={{ width: 150 }}
            data-testid="inspections-kind"
          />
          <Select
            allowClear
            placeholder={t('inspections.list.allResults')}
            aria-label={t('inspections.vetoed')}
            value={filter.vetoed}
            onChange={(v) => update({ vetoed: v ?? undefined })}
            options={[
              { value: 'true', label: t('inspections.list.vetoedOnly') },
              { value: 'false', label: t('inspections.list.notVetoed') },
            ]}
            style={{ width: 140 }}
            data-testid="inspections-vetoed"
          />
          <ExportButton path={paths.inspections.list} query={table.viewQuery} columns={exportColumns} name={t('inspections.list.exportName')} />
          {can(me.role, 'dashboard') && <FindingsExportButton month={filter.month} unitId={filter.unitId} />}
        </div>
      </Card>
      <Card size="small">
        {table.query.error ? (
          <LoadError error={table.query.error} onRetry={() => table.query.refetch()} />
        ) : (
          <Table<InspectionRow> rowKey="id" size="small" columns={columns} {...table.tableProps} scroll={{ x: 'max-content' }} data-testid="inspections-table" />
        )}
      </Card>
    </>
  );
}
