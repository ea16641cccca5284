import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, isApiError } from '../../app/api';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { LoadError, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { PageTitle } from '../../components/PageTitle';
import type { EffectivePolicy } from '../../app/types';

/** GET /api/v1/inspection-coverage/management (src/modules/inspections/coverage.ts). */
interface Management {
  rule: { perMonth: number };
  units: number;
  gaps: number;
  items: { unitId: string; code: string; name: string; checks: number; lastCheckAt: string | null; gap: boolean }[];
}
type Missing = 'no_review' | 'morning' | 'afternoon' | 'clips' | 'late';
interface ClipGap { date: string; state: 'incomplete' | 'pending'; morning: number; afternoon: number; finishedAt: string | null; missing: Missing[] }
/** GET /api/v1/inspection-coverage/cctv. */
interface Cctv {
  rule: { clipsPerDay: number; morningClips: number; afternoonClips: number; doneBy: string };
  workingDays: string[];
  counters: number;
  summary: { counterDays: number; complete: number; incomplete: number; pending: number };
  items: { unitId: string; code: string; name: string; completeDays: number; incompleteDays: number; gaps: ClipGap[] }[];
}
interface Plan { id: string; quarter: string; units: { unitId: string; video?: boolean }[] }
export interface Assignment { id: string; planId: string; unitId: string; unitCode: string | null; unitName: string | null; assigneeId: string; assigneeName: string | null; dueDate: string; status: 'open' | 'done'; overdue: boolean; inspectionId: string | null; version: number; video: boolean }
interface Assignee { id: string; displayName: string; username: string; role: string }

const noRule = (e: unknown) => isApiError(e) && (e.code === 'no_management_check_rule' || e.code === 'no_cctv_rule');

/**
 * Which requirements the pack in force sets (inspections.managementChecks, 004:L214;
 * inspections.cctv, 004:L116; inspections.coverage): a section whose rule is absent (the
 * hospital's pack) does not ask its report, which would only answer 409 — nor the quarter's plan
 * when the pack sets none of them (its 404). Undefined while the pack loads.
 */
function useCoverageRules(): { management: boolean; cctv: boolean; plan: boolean } | undefined {
  // The same query (and cache) as the calendar's offset: GET /api/v1/policy.
  const policy = useQuery({ queryKey: ['policy'], queryFn: () => api.get<EffectivePolicy>(paths.policy.effective), staleTime: 300_000 });
  if (!policy.data) return policy.error ? { management: true, cctv: true, plan: true } : undefined;
  const inspections = (policy.data.pack.inspections ?? {}) as { managementChecks?: unknown; cctv?: unknown; coverage?: unknown };
  // A quarter's plan serves these requirements: a pack that sets none of them has none to plan (no 404 asked for).
  return { management: !!inspections.managementChecks, cctv: !!inspections.cctv, plan: !!(inspections.coverage || inspections.managementChecks || inspections.cctv) };
}

function ManagementSection({ month, ruled }: { month: string; ruled: boolean | undefined }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['coverage', 'management', month], queryFn: () => api.get<Management>(paths.inspectionCoverage.management, { month }), retry: false, enabled: ruled === true });
  if (ruled === false) return <Alert type="info" title={t('coverage.noRule')} data-testid="management-no-rule" />;
  const columns: TableColumnsType<Management['items'][number]> = [
    { title: t('coverage.unit'), key: 'name', render: (_, u) => u.name },
    { title: t('coverage.code'), key: 'code', render: (_, u) => u.code },
    { title: t('coverage.management.checks'), key: 'checks', render: (_, u) => u.checks },
    { title: t('coverage.management.last'), key: 'last', render: (_, u) => (u.lastCheckAt ? dayjs(u.lastCheckAt).format('YYYY-MM-DD HH:mm') : '—') },
    { title: t('coverage.management.state'), key: 'gap', render: (_, u) => (u.gap ? <Tag color="red">{t('coverage.management.gap')}</Tag> : <Tag color="green">{t('coverage.management.ok')}</Tag>) },
  ];
  if (q.error) return noRule(q.error) ? <Alert type="info" title={t('coverage.noRule')} /> : <LoadError error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {d && <Typography.Text type="secondary">{t('coverage.management.rule', { perMonth: d.rule.perMonth })}</Typography.Text>}
      {d && (d.gaps > 0 ? <Alert type="warning" showIcon title={t('coverage.management.gaps', { gaps: d.gaps, units: d.units })} data-testid="management-gaps" /> : <Alert type="success" showIcon title={t('coverage.management.none')} />)}
      <Table rowKey="unitId" size="small" loading={q.isLoading || ruled === undefined} columns={columns} dataSource={d?.items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} data-testid="management-table" rowClassName={(u) => (u.gap ? 'yz-gap' : '')} />
    </Space>
  );
}

function CctvSection({ month, ruled }: { month: string; ruled: boolean | undefined }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['coverage', 'cctv', month], queryFn: () => api.get<Cctv>(paths.inspectionCoverage.cctv, { month }), retry: false, enabled: ruled === true });
  if (ruled === false) return <Alert type="info" title={t('coverage.noRule')} data-testid="cctv-no-rule" />;
  if (q.error) return noRule(q.error) ? <Alert type="info" title={t('coverage.noRule')} /> : <LoadError error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const gapColumns: TableColumnsType<ClipGap> = [
    { title: t('coverage.cctv.date'), key: 'date', render: (_, g) => g.date },
    { title: t('coverage.management.state'), key: 'state', render: (_, g) => <Tag color={g.state === 'pending' ? 'default' : 'red'}>{t(`coverage.cctv.states.${g.state}`)}</Tag> },
    { title: t('coverage.cctv.morning'), key: 'morning', render: (_, g) => g.morning },
    { title: t('coverage.cctv.afternoon'), key: 'afternoon', render: (_, g) => g.afternoon },
    { title: t('coverage.cctv.finishedAt'), key: 'finishedAt', render: (_, g) => g.finishedAt ?? '—' },
    { title: t('coverage.cctv.missing'), key: 'missing', render: (_, g) => g.missing.map((m) => t(`coverage.cctv.missingLabels.${m}`)).join('、') },
  ];
  const columns: TableColumnsType<Cctv['items'][number]> = [
    { title: t('coverage.unit'), key: 'name', render: (_, c) => c.name },
    { title: t('coverage.cctv.completeDays'), key: 'complete', render: (_, c) => c.completeDays },
    { title: t('coverage.cctv.incompleteDays'), key: 'incomplete', render: (_, c) => (c.incompleteDays ? <Tag color="red">{c.incompleteDays}</Tag> : 0) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {d && <Typography.Text type="secondary">{t('coverage.cctv.rule', { clips: d.rule.clipsPerDay, morning: d.rule.morningClips, afternoon: d.rule.afternoonClips, doneBy: d.rule.doneBy })}</Typography.Text>}
      {d && <Alert type={d.summary.incomplete ? 'warning' : 'success'} showIcon data-testid="cctv-summary" title={t('coverage.cctv.summary', { days: d.workingDays.length, counters: d.counters, ...d.summary })} />}
      <Table
        // Mounted again once the data is there, so the counters with a few gaps open by default.
        key={d ? 'loaded' : 'loading'}
        rowKey="unitId"
        size="small"
        loading={q.isLoading || ruled === undefined}
        columns={columns}
        dataSource={d?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="cctv-table"
        expandable={{
          rowExpandable: (c) => c.gaps.length > 0,
          defaultExpandedRowKeys: d?.items.filter((c) => c.incompleteDays > 0 && c.incompleteDays < (d?.workingDays.length ?? 0)).map((c) => c.unitId),
          expandedRowRender: (c) => <Table rowKey="date" size="small" columns={gapColumns} dataSource={c.gaps} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid={`cctv-gaps-${c.code}`} />,
        }}
      />
    </Space>
  );
}

function AssignForm({ planId, unitId, current, onDone }: { planId: string; unitId: string; current?: Assignment; onDone: () => void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const { message } = AntApp.useApp();
  const assignees = useQuery({ queryKey: ['coverage', 'assignees'], queryFn: () => api.get<{ items: Assignee[] }>(paths.inspectionAssignments.assignees) });
  const [assigneeId, setAssigneeId] = useState<string | undefined>(current?.assigneeId);
  const [due, setDue] = useState(current?.dueDate ?? dayjs().add(7, 'day').format('YYYY-MM-DD'));
  const save = useMutation({
    mutationFn: () =>
      current
        ? api.patch(paths.inspectionAssignments.one(current.id), { version: current.version, assigneeId, dueDate: due })
        : api.post(paths.inspectionAssignments.list, { planId, unitId, assigneeId, dueDate: due }),
    onSuccess: () => {
      void message.success(t('coverage.plan.saved'));
      onDone();
    },
    onError: showError,
  });
  return (
    <Space wrap data-testid="assign-form">
      <Select
        style={{ minWidth: 160 }}
        value={assigneeId}
        onChange={setAssigneeId}
        placeholder={t('coverage.plan.assignee')}
        aria-label={t('coverage.plan.assignee')}
        options={(assignees.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName || u.username}（${t(`roles.${u.role}`, { defaultValue: u.role })}）` }))}
        data-testid="assign-assignee"
      />
      <Input type="date" value={due} onChange={(e) => setDue(e.target.value)} aria-label={t('coverage.plan.due')} style={{ width: 160 }} data-testid="assign-due" />
      <Button type="primary" disabled={!assigneeId || !due} loading={save.isPending} onClick={() => save.mutate()} data-testid="assign-save">
        {t('coverage.plan.save')}
      </Button>
      <Button onClick={onDone}>{t('coverage.plan.cancel')}</Button>
    </Space>
  );
}

function PlanSection({ quarter, ruled }: { quarter: string; ruled: boolean | undefined }) {
  const { t } = useI18n();
  const me = useMe();
  const client = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const plan = useQuery({ queryKey: ['coverage', 'plan', quarter], queryFn: () => api.get<Plan>(paths.inspectionPlans.one, { quarter }), retry: false, enabled: can(me.role, 'inspectionAssign') && ruled === true });
  const assignments = useQuery({
    queryKey: ['coverage', 'assignments', plan.data?.id],
    queryFn: () => api.get<{ items: Assignment[] }>(paths.inspectionAssignments.list, { planId: plan.data!.id }),
    enabled: !!plan.data,
  });
  const units = useQuery({ queryKey: ['units', 'options'], queryFn: () => api.get<{ items: { id: string; code: string; name: string }[] }>(paths.units.options) });
  if (!can(me.role, 'inspectionAssign')) return null;
  if (ruled === false) return <Alert type="info" title={t('coverage.noRule')} data-testid="plan-no-rule" />;
  if (plan.error) return isApiError(plan.error) && plan.error.status === 404 ? <Alert type="info" title={t('coverage.plan.noPlan')} /> : <LoadError error={plan.error} />;
  const byUnit = new Map((assignments.data?.items ?? []).map((a) => [a.unitId, a]));
  const unitName = new Map((units.data?.items ?? []).map((u) => [u.id, u.name]));
  type Row = { unitId: string; video?: boolean; a?: Assignment };
  const rows: Row[] = (plan.data?.units ?? []).map((u) => ({ ...u, a: byUnit.get(u.unitId) }));
  const columns: TableColumnsType<Row> = [
    { title: t('coverage.unit'), key: 'unit', render: (_, r) => <Space>{unitName.get(r.unitId) ?? r.a?.unitName ?? r.unitId}{r.video && <Tag>{t('coverage.plan.video')}</Tag>}</Space> },
    { title: t('coverage.plan.assignee'), key: 'assignee', render: (_, r) => r.a?.assigneeName ?? '—' },
    { title: t('coverage.plan.due'), key: 'due', render: (_, r) => (r.a ? <Space>{r.a.dueDate}{r.a.overdue && <Tag color="red">{t('coverage.plan.overdue')}</Tag>}</Space> : '—') },
    { title: t('coverage.plan.status'), key: 'status', render: (_, r) => (r.a?.status === 'done' && r.a.inspectionId ? <Link to={`/inspections/${r.a.inspectionId}`}>{t('coverage.plan.statuses.done')}</Link> : t(`coverage.plan.statuses.${r.a?.status ?? 'unassigned'}`)) },
    {
      title: '',
      key: 'action',
      render: (_, r) =>
        editing === r.unitId ? (
          <AssignForm planId={plan.data!.id} unitId={r.unitId} current={r.a} onDone={() => { setEditing(null); void client.invalidateQueries({ queryKey: ['coverage', 'assignments'] }); }} />
        ) : r.a?.status === 'done' ? null : (
          <Button size="small" onClick={() => setEditing(r.unitId)} data-testid={`assign-${r.unitId}`}>
            {r.a ? t('coverage.plan.reassign') : t('coverage.plan.assign')}
          </Button>
        ),
    },
  ];
  return <Table rowKey="unitId" size="small" loading={plan.isLoading || ruled === undefined} columns={columns} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} data-testid="plan-table" />;
}

const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

/** 检查计划与覆盖 (issue 14 item 5): the month's gaps in management checks and CCTV clips, the quarter's plan and its assignments. */
export default function CoveragePage() {
  const { t } = useI18n();
  const [draft, setDraft] = useState(dayjs().format('YYYY-MM'));
  const [month, setMonth] = useState(draft);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(draft);
  const rules = useCoverageRules();
  return (
    <>
      <PageTitle title={t('coverage.title')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input value={draft} onChange={(e) => setDraft(e.target.value.trim())} onPressEnter={() => valid && setMonth(draft)} status={valid ? undefined : 'error'} style={{ width: 120 }} aria-label={t('coverage.month')} placeholder="2026-11" data-testid="coverage-month" />
        <Button disabled={!valid} onClick={() => setMonth(draft)} data-testid="coverage-show">
          {t('coverage.show')}
        </Button>
      </Space>
      <Card size="small" title={t('coverage.management.title')} style={{ marginBottom: 16 }}>
        <ManagementSection month={month} ruled={rules?.management} />
      </Card>
      <Card size="small" title={t('coverage.cctv.title')} style={{ marginBottom: 16 }}>
        <CctvSection month={month} ruled={rules?.cctv} />
      </Card>
      <Card size="small" title={`${t('coverage.plan.title')} · ${quarterOf(month)}`}>
        <PlanSection quarter={quarterOf(month)} ruled={rules?.plan} />
      </Card>
    </>
  );
}
