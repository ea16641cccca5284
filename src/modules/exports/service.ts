import type { Readable } from 'node:stream';
import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { parseJson } from '../../shared/json.js';
import { fromMilli } from '../../engines/scoring/index.js';
import { businessHoursOf, clocksOf, ratingSettings } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { caseTypeOf } from '../cases/index.js';
import { complaintTaxonomyLabels, readComplaintTaxonomy } from '../complaints/index.js';
import { reasonLabels } from '../ratings/index.js';
import { resolveScope } from '../dashboard/service.js';
import { localTime, periodLabel, rangePeriod } from '../../shared/months.js';
import { downloadName } from '../../shared/download.js';
import { caseColumns, channelLabels, findingColumns, inspectionColumns, inspectionResultColumns, inspectionKindLabels, label, ratingColumns, satisfactionLabels, sourceLabels, typeLabels, pendingText, yesNo, type Lang } from './labels.js';
import { inspectionResults, templateLabels } from '../inspections/service.js';
import { followUpExportRows } from '../followups/service.js';
import { repairExportRows } from '../repairs/service.js';
import { handlingTexts } from './case-record.js';
import { streamWorkbook } from './xlsx.js';
import * as repo from './repository.js';

const HOUR = 3_600_000;
const hours = (from: number, to: number | null | undefined) => (to === null || to === undefined ? null : Math.round(((Number(to) - from) / HOUR) * 10) / 10);

/** The clock a case's deadline columns show: complaint → reply, 差评整改 → feedback, else its type's first clock. */
function deadlineClock<T extends { clock_id: string }>(type: string, clocks: T[]): T | undefined {
  const order = ['reply', 'feedback', ...(caseTypeOf(type)?.workflow.startClocks ?? [])];
  for (const id of order) {
    const c = clocks.find((x) => x.clock_id === id);
    if (c) return c;
  }
  return clocks[0];
}

/**
 * 是否按期 — the dashboard's 按时答复率 definition per row: 是 when the clock stopped at or before
 * its due instant, 否 when it stopped later or is still running past due, empty while not yet due.
 */
export function deadlineMet(clock: { due_at: number | null; stopped_at: number | null } | undefined, now: number): boolean | null {
  if (!clock || clock.due_at === null) return null; // no clock, or 期限待定
  if (clock.stopped_at !== null) return Number(clock.stopped_at) <= Number(clock.due_at);
  return Number(clock.due_at) < now ? false : null;
}

/** One deadline in words: 答复期限：2026-10-19（按期）. */
function deadlineText(name: string, c: { due_date: string | null; due_at: number | null; stopped_at: number | null; pending_year: number | null }, now: number, lang: Lang): string {
  const due = c.due_date ?? (c.pending_year ? pendingText[lang](c.pending_year) : '');
  const met = deadlineMet({ due_at: c.due_at === null ? null : Number(c.due_at), stopped_at: c.stopped_at === null ? null : Number(c.stopped_at) }, now);
  const state = met === null ? (lang === 'en' ? 'open' : '未到期') : met ? (lang === 'en' ? 'met' : '按期') : lang === 'en' ? 'missed' : '逾期';
  return `${name}${lang === 'en' ? ': ' : '：'}${due}（${state}）`;
}

async function auditExport(ctx: AppContext, actor: Actor, what: string, range: Record<string, unknown>) {
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: `export:${what}`, entityId: actor.orgId, after: range }));
}

export interface ExportResult {
  filename: string;
  stream: Readable;
}

/** 案件导出: one row per case received in the range (ANCHORS: first response, resolution, CSAT), in the caller's scope. */
export async function exportCases(ctx: AppContext, actor: Actor, query: { from: string; to: string; type?: string; unitId?: string; lang: Lang }, onError: (e: unknown) => void): Promise<ExportResult> {
  const scope = await resolveScope(ctx, actor, query.unitId);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  const period = rangePeriod(query.from, query.to, offset);
  const categories = await complaintTaxonomyLabels(ctx, actor.orgId, 'complaint_category');
  const causes = new Map((await readComplaintTaxonomy(ctx, actor.orgId, 'complaint_cause')).items.map((i) => [i.code, i]));
  const clockLabel = (type: string, id: string) => clocksOf(pack, type).find((c) => c.id === id)?.label[lang] ?? id;
  const lang = query.lang;
  await auditExport(ctx, actor, 'cases', { from: query.from, to: query.to, type: query.type ?? null, unitId: scope.unit?.id ?? null, scopePath: scope.prefix, lang: query.lang });
  const now = ctx.clock.now();
  const db = ctx.db.kysely;
  async function* pages() {
    let after: { at: number; id: string } | null = null;
    for (;;) {
      const rows = await repo.casePage(db, { orgId: actor.orgId, start: period.start, end: period.end, type: query.type, prefix: scope.prefix, after });
      if (rows.length === 0) return;
      const ids = rows.map((r) => r.id);
      const [clocks, first] = await Promise.all([repo.clocksOf(db, ids), repo.firstResponses(db, ids)]);
      const firstBy = new Map(first.map((f) => [f.case_id, Number(f.at)]));
      yield rows.map((r) => {
        const received = Number(r.received_at);
        const own = clocks.filter((c) => c.case_id === r.id);
        const clock = deadlineClock(r.type, own);
        const met = deadlineMet(clock ? { due_at: clock.due_at === null ? null : Number(clock.due_at), stopped_at: clock.stopped_at === null ? null : Number(clock.stopped_at) } : undefined, now);
        const h = handlingTexts(r, (k) => causes.get(k)?.[lang] ?? k, lang);
        const category = r.category ? categories.get(r.category) : undefined;
        const state = caseTypeOf(r.type)?.workflow.states[r.status];
        const firstAt = firstBy.get(r.id) ?? null;
        return [
          r.tracking_no,
          label(typeLabels, r.type, lang),
          label(channelLabels, r.channel, lang),
          category ? category[lang] : (r.category ?? ''),
          r.unit_name ?? '',
          r.staff_name ?? '',
          localTime(received, offset),
          r.title ?? '',
          r.content ?? '',
          h.complainant,
          h.contact,
          h.verification,
          h.cause,
          h.measure,
          h.replyChannel,
          h.reply,
          localTime(firstAt, offset),
          hours(received, firstAt),
          localTime(clock?.stopped_at ?? null, offset),
          localTime(r.closed_at, offset),
          hours(received, r.closed_at),
          clock?.due_date ?? (clock?.pending_year ? pendingText[lang](clock.pending_year) : ''),
          met === null ? '' : yesNo[met ? 'yes' : 'no'][lang],
          h.satisfaction,
          h.satisfactionNote,
          state ? state.label[lang] : r.status,
          own.map((c) => deadlineText(clockLabel(r.type, c.clock_id), c, now, lang)).join(lang === 'en' ? '; ' : '；'),
        ];
      });
      const last = rows[rows.length - 1];
      after = { at: Number(last.received_at), id: last.id };
    }
  }
  return {
    filename: downloadName(query.type ? `${label(typeLabels, query.type, 'zh')}案件` : '案件', periodLabel(query.from, query.to), 'xlsx'),
    stream: streamWorkbook({ name: lang === 'en' ? 'Cases' : '案件', columns: caseColumns.map((c) => ({ header: c[lang], width: c.width })), pages }, onError),
  };
}

/** 评价导出: one row per rating given in the range, in the caller's scope. */
export async function exportRatings(ctx: AppContext, actor: Actor, query: { from: string; to: string; unitId?: string; lang: Lang }, onError: (e: unknown) => void): Promise<ExportResult> {
  const scope = await resolveScope(ctx, actor, query.unitId);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  const levels = new Map(ratingSettings(pack).levels.map((l) => [l.value, l]));
  const reasons = await reasonLabels(ctx, actor.orgId);
  await auditExport(ctx, actor, 'ratings', { from: query.from, to: query.to, unitId: scope.unit?.id ?? null, scopePath: scope.prefix, lang: query.lang });
  const lang = query.lang;
  const db = ctx.db.kysely;
  async function* pages() {
    let after: { date: string; id: string } | null = null;
    for (;;) {
      const rows = await repo.ratingPage(db, { orgId: actor.orgId, from: query.from, to: query.to, prefix: scope.prefix, after });
      if (rows.length === 0) return;
      yield rows.map((r) => {
        const level = levels.get(Number(r.level));
        return [
          r.rated_date,
          localTime(Number(r.rated_at), offset),
          r.unit_name ?? '',
          r.staff_name ?? '',
          level ? level[lang] : String(r.level),
          parseJson<string[]>(r.reasons, []).map((c) => reasons.get(c)?.[lang] ?? c).join(lang === 'en' ? '; ' : '、'),
          r.comment ?? '',
          label(sourceLabels, r.source, lang),
          yesNo[Number(r.excluded) === 1 ? 'yes' : 'no'][lang],
        ];
      });
      const last = rows[rows.length - 1];
      after = { date: last.rated_date, id: last.id };
    }
  }
  return {
    filename: downloadName('评价记录', periodLabel(query.from, query.to), 'xlsx'),
    stream: streamWorkbook({ name: lang === 'en' ? 'Ratings' : '评价', columns: ratingColumns.map((c) => ({ header: c[lang], width: c.width })), pages }, onError),
  };
}

/** Template and item names by template version, read once per export. */
function templateNames(ctx: AppContext, orgId: string) {
  const cache = new Map<string, ReturnType<typeof templateLabels>>();
  return (code: string, version: number) => {
    const key = `${code}@${version}`;
    if (!cache.has(key)) cache.set(key, templateLabels(ctx, orgId, code, version));
    return cache.get(key)!;
  };
}

const points = (milli: number) => fromMilli(Number(milli));

type InspectionExportQuery = { from: string; to: string; unitId?: string; lang: Lang };

/** What both inspection exports start with: the caller's scope, the local range, the audit entry, template names. */
async function startInspectionExport(ctx: AppContext, actor: Actor, query: InspectionExportQuery, entity: 'inspections' | 'inspection_findings') {
  const scope = await resolveScope(ctx, actor, query.unitId);
  const offset = businessHoursOf(await policyForOrganisation(ctx, actor.orgId)).utcOffsetMinutes;
  const period = rangePeriod(query.from, query.to, offset);
  await auditExport(ctx, actor, entity, { from: query.from, to: query.to, unitId: scope.unit?.id ?? null, scopePath: scope.prefix, lang: query.lang });
  return { scope, offset, period, names: templateNames(ctx, actor.orgId) };
}

/** 检查导出: one row per inspection performed in the range, in the caller's scope. */
export async function exportInspections(ctx: AppContext, actor: Actor, query: InspectionExportQuery, onError: (e: unknown) => void): Promise<ExportResult> {
  const { scope, offset, period, names } = await startInspectionExport(ctx, actor, query, 'inspections');
  const lang = query.lang;
  const db = ctx.db.kysely;
  async function* pages() {
    let after: { at: number; id: string } | null = null;
    for (;;) {
      const rows = await repo.inspectionPage(db, { orgId: actor.orgId, start: period.start, end: period.end, prefix: scope.prefix, after });
      if (rows.length === 0) return;
      const out: unknown[][] = [];
      for (const r of rows) {
        const t = await names(r.template_code, Number(r.template_version));
        out.push([
          localTime(Number(r.performed_at), offset),
          r.unit_name ?? '',
          r.staff_name ?? '',
          t.label[lang],
          Number(r.template_version),
          label(inspectionKindLabels, r.kind, lang),
          r.inspector_label,
          points(r.score_milli),
          points(r.max_milli),
          yesNo[Number(r.vetoed) === 1 ? 'yes' : 'no'][lang],
          Number(r.findings ?? 0),
          r.signer_name ?? '',
        ]);
      }
      yield out;
      const last = rows[rows.length - 1];
      after = { at: Number(last.performed_at), id: last.id };
    }
  }
  return {
    filename: downloadName('检查记录', periodLabel(query.from, query.to), 'xlsx'),
    stream: streamWorkbook({ name: lang === 'en' ? 'Inspections' : '检查', columns: inspectionColumns.map((c) => ({ header: c[lang], width: c.width })), pages }, onError),
  };
}

/** 检查问题导出: one row per finding of the inspections performed in the range, with its rectification. */
export async function exportFindings(ctx: AppContext, actor: Actor, query: InspectionExportQuery, onError: (e: unknown) => void): Promise<ExportResult> {
  const { scope, offset, period, names } = await startInspectionExport(ctx, actor, query, 'inspection_findings');
  const lang = query.lang;
  const db = ctx.db.kysely;
  async function* pages() {
    let after: { at: number; id: string; position: number } | null = null;
    for (;;) {
      const rows = await repo.findingPage(db, { orgId: actor.orgId, start: period.start, end: period.end, prefix: scope.prefix, after });
      if (rows.length === 0) return;
      const out: unknown[][] = [];
      for (const r of rows) {
        const t = await names(r.template_code, Number(r.template_version));
        const state = r.case_type ? caseTypeOf(r.case_type)?.workflow.states[r.case_status ?? ''] : undefined;
        out.push([
          localTime(Number(r.performed_at), offset),
          r.unit_name ?? '',
          r.staff_name ?? '',
          t.label[lang],
          label(inspectionKindLabels, r.kind, lang),
          t.items.get(r.item)?.[lang] ?? r.item,
          points(r.deduction_milli),
          Number(r.cases),
          parseJson<string[]>(r.failed, []).join(lang === 'en' ? '; ' : '、'),
          yesNo[Number(r.veto) === 1 ? 'yes' : 'no'][lang],
          r.note ?? '',
          r.tracking_no ?? '',
          state ? state.label[lang] : (r.case_status ?? ''),
          yesNo[Number(r.half_hearted) === 1 ? 'yes' : 'no'][lang],
        ]);
      }
      yield out;
      const last = rows[rows.length - 1];
      after = { at: Number(last.performed_at), id: last.id, position: Number(last.position) };
    }
  }
  return {
    filename: downloadName('检查发现问题', periodLabel(query.from, query.to), 'xlsx'),
    stream: streamWorkbook({ name: lang === 'en' ? 'Findings' : '检查问题', columns: findingColumns.map((c) => ({ header: c[lang], width: c.width })), pages }, onError),
  };
}

/**
 * 检查结果导出: the results screen's table as rows, one per inspected unit and month (months without
 * an inspection too, so each unit has the whole range). Named like every export: 检查结果_2026-01_2026-06.
 */
export async function exportInspectionResults(ctx: AppContext, actor: Actor, query: { from: string; to: string; unitId?: string; template?: string; lang: Lang }, onError: (e: unknown) => void): Promise<ExportResult> {
  const res = await inspectionResults(ctx, actor, query);
  await auditExport(ctx, actor, 'inspection_results', { from: query.from, to: query.to, unitId: query.unitId ?? null, template: query.template ?? null, lang: query.lang });
  const rows = res.units.flatMap((u) => u.months.map((m) => [u.code ?? '', u.name ?? '', m.month, m.count, m.average ?? '', m.vetoes, m.previous.average ?? '', m.change.average ?? '']));
  async function* pages() {
    yield rows;
  }
  return {
    filename: downloadName('检查结果', query.from === query.to ? query.from : `${query.from}_${query.to}`, 'xlsx'),
    stream: streamWorkbook({ name: query.lang === 'en' ? 'Inspection results' : '检查结果', columns: inspectionResultColumns.map((c) => ({ header: c[query.lang], width: c.width })), pages }, onError),
  };
}

const repairColumns = [
  { zh: '工单编号', en: 'Work order', width: 18 },
  { zh: '报修渠道', en: 'Channel', width: 10 },
  { zh: '状态', en: 'Status', width: 12 },
  { zh: '报修时间', en: 'Reported', width: 17 },
  { zh: '故障', en: 'Fault', width: 40 },
  { zh: '联系人', en: 'Contact', width: 10 },
  { zh: '电话', en: 'Phone', width: 14 },
  { zh: '地址', en: 'Address', width: 30 },
  { zh: '预约时间', en: 'Appointment', width: 17 },
  { zh: '到达时间', en: 'Arrived', width: 17 },
  { zh: '到达及时', en: 'Arrival on time', width: 10 },
  { zh: '修复时间', en: 'Completed', width: 17 },
  { zh: '24小时内修复', en: 'Completed in time', width: 12 },
  { zh: '服务联系卡', en: 'Contact card', width: 12 },
  { zh: '损坏及处理', en: 'Damage', width: 30 },
  { zh: '赔偿金额（元）', en: 'Compensation (yuan)', width: 12 },
  { zh: '回访时间', en: 'Called back', width: 17 },
  { zh: '回访满意', en: 'Satisfied', width: 10 },
  { zh: '回访及时', en: 'Callback on time', width: 10 },
];
const repairChannelLabels: Record<string, { zh: string; en: string }> = { phone: { zh: '电话', en: 'Phone' }, counter: { zh: '柜台', en: 'Counter' }, online: { zh: '网上', en: 'Online' } };
const cardLabels: Record<string, { zh: string; en: string }> = { signed: { zh: '已签字', en: 'Signed' }, refused: { zh: '拒签', en: 'Refused' } };
const damageLabels: Record<string, { zh: string; en: string }> = { restored: { zh: '恢复原状', en: 'restored' }, compensated: { zh: '赔偿', en: 'compensated' } };
const outcomeText = (o: string, lang: Lang) => (o === 'met' ? yesNo.yes[lang] : o === 'late' ? yesNo.no[lang] : '');

/** 报修工单导出: one row per work order reported in the month (报修工单_2026-11.xlsx), in the caller's scope. */
export async function exportRepairs(ctx: AppContext, actor: Actor, query: { month: string; lang: Lang }, onError: (e: unknown) => void): Promise<ExportResult> {
  const rows = await repairExportRows(ctx, actor, query.month);
  const states = caseTypeOf('repair')?.workflow.states ?? {};
  await auditExport(ctx, actor, 'repairs', { month: query.month, scopePath: actor.scopePath, lang: query.lang });
  const lang = query.lang;
  async function* pages() {
    yield rows.map((r) => [
      r.trackingNo,
      repairChannelLabels[r.channel]?.[lang] ?? r.channel,
      states[r.status]?.label[lang] ?? r.status,
      r.reportedAt,
      r.fault,
      r.contactName,
      r.contactPhone,
      r.address,
      r.appointmentAt,
      r.arrivedAt,
      outcomeText(r.arrival, lang),
      r.completedAt,
      outcomeText(r.completion, lang),
      r.card ? (cardLabels[r.card]?.[lang] ?? r.card) : '',
      r.damage ? `${r.damage.description}${r.damage.resolution ? `（${damageLabels[r.damage.resolution]?.[lang] ?? r.damage.resolution}）` : ''}` : '',
      r.compensationFen === null ? null : r.compensationFen / 100,
      r.calledBackAt,
      r.satisfied === null ? '' : yesNo[r.satisfied ? 'yes' : 'no'][lang],
      outcomeText(r.callback, lang),
    ]);
  }
  return {
    filename: downloadName('报修工单', query.month, 'xlsx'),
    stream: streamWorkbook({ name: lang === 'en' ? 'Repairs' : '报修工单', columns: repairColumns.map((c) => ({ header: c[lang], width: c.width })), pages }, onError),
  };
}

const followUpColumns = [
  { zh: '随访编号', en: 'Follow-up no.', width: 18 },
  { zh: '来源', en: 'Source', width: 10 },
  { zh: '状态', en: 'Status', width: 12 },
  { zh: '科室', en: 'Unit', width: 14 },
  { zh: '患者/客户', en: 'Patient / customer', width: 12 },
  { zh: '电话', en: 'Phone', width: 14 },
  { zh: '主治医师', en: 'Physician', width: 10 },
  { zh: '出院日期', en: 'Discharged on', width: 12 },
  { zh: '来源编号', en: 'Source case', width: 18 },
  { zh: '应随访日期', en: 'Due date', width: 12 },
  { zh: '完成时间', en: 'Done at', width: 17 },
  { zh: '及时', en: 'On time', width: 8 },
  { zh: '拨打次数', en: 'Attempts', width: 8 },
  { zh: '最后方式', en: 'Last attempt by', width: 10 },
  { zh: '最后结果', en: 'Last outcome', width: 12 },
  { zh: '上门随访时间', en: 'Home visit at', width: 17 },
  { zh: '上门地址', en: 'Visit address', width: 24 },
  { zh: '上门随访人', en: 'Visitor', width: 10 },
  { zh: '上门结果', en: 'Visit outcome', width: 10 },
  { zh: '作答方式', en: 'Answered by', width: 10 },
  { zh: '恢复情况', en: 'Recovery', width: 10 },
  { zh: '满意度', en: 'Satisfaction', width: 10 },
  { zh: '意见', en: 'Comment', width: 30 },
  { zh: '整改编号', en: 'Rectification', width: 18 },
];
const followUpSourceLabels: Record<string, { zh: string; en: string }> = { discharge: { zh: '出院', en: 'Discharge' }, complaint: { zh: '投诉办结', en: 'Closed complaint' }, repair: { zh: '维修', en: 'Repair' }, rating: { zh: '差评', en: 'Negative rating' } };
const attemptLabels: Record<string, { zh: string; en: string }> = { reached: { zh: '接通', en: 'Reached' }, no_answer: { zh: '无人接听', en: 'No answer' }, wrong_number: { zh: '号码错误', en: 'Wrong number' }, refused: { zh: '拒绝', en: 'Refused' } };
const attemptKindLabels: Record<string, { zh: string; en: string }> = { call: { zh: '电话', en: 'Call' }, sms: { zh: '短信', en: 'SMS' }, home_visit: { zh: '上门随访', en: 'Home visit' } };
const viaLabels: Record<string, { zh: string; en: string }> = { call: { zh: '电话', en: 'Call' }, link: { zh: '短信问卷', en: 'SMS link' }, home_visit: { zh: '上门随访', en: 'Home visit' } };
const recoveryLabels: Record<string, { zh: string; en: string }> = { recovered: { zh: '已康复', en: 'Recovered' }, improving: { zh: '好转中', en: 'Improving' }, unchanged: { zh: '无明显变化', en: 'No change' }, worse: { zh: '加重', en: 'Worse' } };

/** 随访导出: one row per follow-up started in the month (随访_2026-11.xlsx), in the caller's scope. */
export async function exportFollowUps(ctx: AppContext, actor: Actor, query: { month: string; lang: Lang }, onError: (e: unknown) => void): Promise<ExportResult> {
  const rows = await followUpExportRows(ctx, actor, query.month);
  const states = caseTypeOf('follow_up')?.workflow.states ?? {};
  await auditExport(ctx, actor, 'followups', { month: query.month, scopePath: actor.scopePath, lang: query.lang });
  const lang = query.lang;
  const labelOf = (map: Record<string, { zh: string; en: string }>, v: string) => (v ? (map[v]?.[lang] ?? v) : '');
  async function* pages() {
    yield rows.map((r) => [
      r.trackingNo,
      labelOf(followUpSourceLabels, r.source),
      states[r.status]?.label[lang] ?? r.status,
      r.unit,
      r.patientName,
      r.phone,
      r.physician,
      r.dischargedOn,
      r.sourceTrackingNo,
      r.dueDate,
      r.doneAt,
      r.onTime === null ? '' : yesNo[r.onTime ? 'yes' : 'no'][lang],
      r.attempts,
      labelOf(attemptKindLabels, r.lastKind),
      labelOf(attemptLabels, r.lastOutcome),
      r.homeVisit?.at ?? '',
      r.homeVisit?.address ?? '',
      r.homeVisit?.visitor ?? '',
      r.homeVisit ? labelOf(attemptLabels, r.homeVisit.outcome) : '',
      labelOf(viaLabels, r.via),
      labelOf(recoveryLabels, r.recovery),
      r.satisfaction,
      r.comment,
      r.rectification,
    ]);
  }
  return {
    filename: downloadName('随访', query.month, 'xlsx'),
    stream: streamWorkbook({ name: lang === 'en' ? 'Follow-ups' : '随访', columns: followUpColumns.map((c) => ({ header: c[lang], width: c.width })), pages }, onError),
  };
}
