import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Descriptions, Input, Popconfirm, Select, Space, Table, Tabs, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { CalculatorOutlined, CheckOutlined, DownloadOutlined, FileExcelOutlined, FilePdfOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, withQuery } from '../../app/api';
import { can } from '../../app/access';
import { useAuth } from '../../app/auth';
import { ErrorAlert, LoadError, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { EChart } from '../dashboard/EChart';
import { downloadFile } from '../dashboard/model';
import type { CompetitionDetail, ImportRowError, Scores, UnitScore } from './model';

function Download({ path, name, icon, label, testId }: { path: Parameters<typeof downloadFile>[0]; name: string; icon: React.ReactNode; label: string; testId: string }) {
  const showError = useShowError();
  const run = useMutation({ mutationFn: () => downloadFile(path, name), onError: showError });
  return (
    <Button icon={icon} loading={run.isPending} onClick={() => run.mutate()} data-testid={testId}>
      {label}
    </Button>
  );
}

/** The totals as bars, with the preset's target lines (city ≥ 90, county ≥ 85, 001:L893). */
function RankingChart({ scores }: { scores: Scores }) {
  const { t, pick } = useI18n();
  const option = useMemo(
    () => ({
      grid: { left: 40, right: 90, top: 24, bottom: 60 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: scores.units.map((u) => u.unitName), axisLabel: { interval: 0, rotate: scores.units.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', min: 0 },
      series: [
        {
          type: 'bar',
          name: t('competitions.total'),
          data: scores.units.map((u) => ({ value: Number(u.total), itemStyle: { color: u.target && u.target.met === false ? '#d4380d' : u.eligible ? '#1677ff' : '#8c8c8c' } })),
          label: { show: true, position: 'top' },
          markLine: {
            symbol: 'none',
            data: scores.preset.targets.map((x) => ({ yAxis: Number(x.atLeast), name: `${pick(x.label)} ≥ ${x.atLeast}`, label: { formatter: `${pick(x.label)} ≥ ${x.atLeast}`, position: 'end' } })),
          },
        },
      ],
    }),
    [scores, t, pick],
  );
  return <EChart option={option} label={t('competitions.chartLabel')} height={300} testId="competition-chart" />;
}

function Breakdown({ unit }: { unit: UnitScore }) {
  const { t, pick } = useI18n();
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid={`breakdown-${unit.unitCode}`}>
      {unit.ineligibleReason && <Alert type="warning" showIcon title={pick(unit.ineligibleReason)} />}
      {unit.indicators.map((i) => (
        <div key={i.code}>
          <Typography.Text strong>
            {pick(i.label)}（{t('competitions.weight')} {i.weight}）：<span data-testid={`score-${unit.unitCode}-${i.code}`}>{i.score}</span>
          </Typography.Text>
          {i.capped && <Tag color="orange" style={{ marginLeft: 8 }}>{t('competitions.capped')}</Tag>}
          {i.floored && <Tag style={{ marginLeft: 8 }}>{t('competitions.floored')}</Tag>}
          {i.status === 'fallback' && <Tag color="purple" style={{ marginLeft: 8 }}>{t('competitions.fallback')}</Tag>}
          {i.status === 'missing' && <Tag color="red" style={{ marginLeft: 8 }}>{t('competitions.missing')}</Tag>}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {pick(i.formula)}
            </Typography.Text>
          </div>
        </div>
      ))}
    </Space>
  );
}

function Ranking({ id, lang }: { id: string; lang: 'zh' | 'en' }) {
  const { t, pick } = useI18n();
  const scores = useQuery({ queryKey: ['competitions', id, 'scores'], queryFn: () => api.get<Scores>(paths.competitions.scores(id)) });
  if (scores.error) return <LoadError error={scores.error} onRetry={() => scores.refetch()} />;
  const s = scores.data;
  const columns: TableColumnsType<UnitScore> = [
    { title: t('competitions.rank'), dataIndex: 'rank', key: 'rank', width: 70 },
    { title: t('competitions.unit'), key: 'unit', render: (_, u) => `${u.unitName}（${u.unitCode}）` },
    { title: t('competitions.total'), key: 'total', align: 'right', render: (_, u) => <strong data-testid={`total-${u.unitCode}`}>{u.total}</strong> },
    ...(s?.preset.blocks ?? []).map((b, i) => ({ title: `${pick(b.label)}（${b.weight}）`, key: b.code, align: 'right' as const, render: (_: unknown, u: UnitScore) => u.blocks[i]?.score })),
    { title: t('competitions.eligible'), key: 'eligible', render: (_, u) => (u.eligible ? <Tag color="green">{t('competitions.yes')}</Tag> : <Tag color="red" data-testid={`ineligible-${u.unitCode}`}>{t('competitions.notEligible')}</Tag>) },
    {
      title: t('competitions.target'),
      key: 'target',
      render: (_, u) => (u.target ? <Tag color={u.target.met ? 'green' : 'orange'}>{`${pick(u.target.label)} ≥ ${u.target.atLeast} · ${u.target.met ? t('competitions.met') : t('competitions.notMet')}`}</Tag> : null),
    },
    { title: t('competitions.complete'), key: 'complete', render: (_, u) => (u.complete ? '' : <Tag color="red">{t('competitions.incomplete')}</Tag>) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Space wrap>
        <Download path={withQuery(paths.competitions.ranking(id), { lang })} name="ranking.xlsx" icon={<FileExcelOutlined />} label={t('competitions.export')} testId="competition-export" />
        <Download path={paths.competitions.bulletin(id)} name="bulletin.pdf" icon={<FilePdfOutlined />} label={t('competitions.bulletin')} testId="competition-bulletin" />
      </Space>
      {s && s.units.length > 0 && <RankingChart scores={s} />}
      <Table<UnitScore>
        rowKey="unitId"
        size="small"
        columns={columns}
        dataSource={s?.units ?? []}
        loading={scores.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (u) => <Breakdown unit={u} />, expandRowByClick: true }}
        data-testid="competition-ranking"
      />
      <Typography.Text type="secondary">{t('competitions.rankingNote')}</Typography.Text>
    </Space>
  );
}

/** Figures of one indicator for every unit, editable; the xlsx import and the template. */
function Figures({ c, editable, lang }: { c: CompetitionDetail; editable: boolean; lang: 'zh' | 'en' }) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const showError = useShowError();
  const [indicator, setIndicator] = useState(c.presetDetail.indicators[0]?.code);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const ind = c.presetDetail.indicators.find((i) => i.code === indicator);
  const stored = new Map(c.values.map((v) => [`${v.unitId}|${v.indicator}|${v.input}`, v.value]));
  const refresh = () => client.invalidateQueries({ queryKey: ['competitions', c.id] });
  const save = useMutation({
    mutationFn: () =>
      api.put(paths.competitions.values(c.id), {
        version: c.version,
        values: Object.entries(edits).map(([key, value]) => {
          const [unitId, ind, input] = key.split('|');
          return { unitId, indicator: ind, input, value: value.trim() === '' ? null : value.trim() };
        }),
      }),
    onSuccess: async () => {
      setEdits({});
      message.success(t('competitions.saved'));
      await refresh();
    },
    onError: showError,
  });
  const compute = useMutation({
    mutationFn: () => api.post<{ written: number; missing: unknown[] }>(paths.competitions.compute(c.id), { version: c.version }),
    onSuccess: async (r) => {
      message.success(t('competitions.computed', { count: r.written, missing: r.missing.length }));
      await refresh();
    },
    onError: showError,
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<{ written: number }>(paths.competitions.importValues(c.id), form, { version: String(c.version) });
    },
    onMutate: () => {
      setRowErrors(null);
      setImportError(null);
    },
    onSuccess: async (r) => {
      message.success(t('competitions.imported', { count: r.written }));
      await refresh();
    },
    onError: (e) => {
      const details = isApiError(e) ? (e.details as { errors?: ImportRowError[] } | null) : null;
      if (isApiError(e) && e.code === 'import_failed' && details?.errors?.length) setRowErrors(details.errors);
      else setImportError(e);
    },
  });
  type Row = CompetitionDetail['units'][number];
  const columns: TableColumnsType<Row> = [
    { title: t('competitions.unit'), key: 'unit', render: (_, u) => `${u.name}（${u.code}）`, fixed: 'left' },
    ...(ind?.inputs ?? []).map((x) => ({
      title: (
        <span>
          {pick(x.label)}（{x.measure}）
          {x.source !== 'imported' && (
            <Tag color="cyan" style={{ marginLeft: 4 }}>
              {t('competitions.computable')}
            </Tag>
          )}
        </span>
      ),
      key: x.code,
      render: (_: unknown, u: Row) => {
        const key = `${u.id}|${ind!.code}|${x.code}`;
        const value = edits[key] ?? stored.get(key) ?? '';
        return editable ? (
          <Input size="small" style={{ width: 110 }} value={value} onChange={(e) => setEdits({ ...edits, [key]: e.target.value })} aria-label={`${u.code} ${x.code}`} data-testid={`value-${u.code}-${ind!.code}-${x.code}`} />
        ) : (
          value
        );
      },
    })),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Space wrap>
        <Select style={{ minWidth: 260 }} value={indicator} onChange={setIndicator} data-testid="figures-indicator" options={c.presetDetail.indicators.map((i) => ({ value: i.code, label: `${pick(i.label)}（${i.weight}）` }))} />
        {editable && (
          <Button type="primary" icon={<SaveOutlined />} disabled={Object.keys(edits).length === 0} loading={save.isPending} onClick={() => save.mutate()} data-testid="figures-save">
            {t('competitions.save')}
          </Button>
        )}
        {editable && (
          <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => (upload.mutate(f), false)}>
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="figures-import">
              {t('competitions.import')}
            </Button>
          </Upload>
        )}
        {editable && c.presetDetail.indicators.some((i) => i.inputs.some((x) => x.source !== 'imported')) && (
          <Button icon={<CalculatorOutlined />} loading={compute.isPending} onClick={() => compute.mutate()} data-testid="figures-compute">
            {t('competitions.compute')}
          </Button>
        )}
        {editable && <Download path={withQuery(paths.competitions.template(c.id), { lang })} name="template.xlsx" icon={<DownloadOutlined />} label={t('competitions.template')} testId="figures-template" />}
      </Space>
      {ind && (
        <Typography.Text type="secondary">
          {pick(ind.formula)}
          {ind.source ? `（${ind.source}）` : ''}
        </Typography.Text>
      )}
      <ErrorAlert error={importError} />
      {rowErrors && (
        <Alert
          type="error"
          showIcon
          title={t('competitions.importFailed', { count: rowErrors.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="import-errors">
              {rowErrors.map((e, i) => (
                <li key={i}>{t('competitions.rowError', { row: e.row, field: e.field ?? '', message: pick(e.message) })}</li>
              ))}
            </ul>
          }
        />
      )}
      <Table<Row> rowKey="id" size="small" columns={columns} dataSource={c.units} pagination={false} scroll={{ x: 'max-content' }} data-testid="figures-grid" />
      <Typography.Text type="secondary">{t('competitions.importHelp')}</Typography.Text>
    </Space>
  );
}

/** One competition: the ranking (chart, breakdown, export, bulletin) and the figures behind it. */
export default function CompetitionPage() {
  const { id = '' } = useParams();
  const { t, lng, pick } = useI18n();
  const { user } = useAuth();
  const client = useQueryClient();
  const showError = useShowError();
  const lang = lng === 'en' ? 'en' : 'zh';
  const c = useQuery({ queryKey: ['competitions', id, 'detail'], queryFn: () => api.get<CompetitionDetail>(paths.competitions.one(id)) });
  const publish = useMutation({
    mutationFn: () => api.post(paths.competitions.publish(id), { version: c.data!.version }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['competitions'] }),
    onError: showError,
  });
  if (c.error) return <LoadError error={c.error} onRetry={() => c.refetch()} />;
  if (!c.data) return <Card loading />;
  const editable = can(user?.role, 'competitionsEdit') && c.data.state === 'open';
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {c.data.title}
        </Typography.Title>
        <Space wrap>
          <Link to="/competitions">{t('competitions.back')}</Link>
          {editable && (
            <Popconfirm title={t('competitions.publishConfirm')} onConfirm={() => publish.mutateAsync()}>
              <Button icon={<CheckOutlined />} loading={publish.isPending} data-testid="competition-publish">
                {t('competitions.publish')}
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
          { key: 'preset', label: t('competitions.preset'), children: pick(c.data.presetDetail.label) },
          { key: 'period', label: t('competitions.period'), children: c.data.period },
          { key: 'state', label: t('competitions.state'), children: <Tag data-testid="competition-state">{t(`competitions.states.${c.data.state}`)}</Tag> },
        ]}
      />
      <Tabs
        items={[
          { key: 'ranking', label: t('competitions.ranking'), children: <Ranking id={id} lang={lang} /> },
          { key: 'figures', label: t('competitions.figures'), children: <Figures c={c.data} editable={editable} lang={lang} /> },
        ]}
      />
    </>
  );
}
