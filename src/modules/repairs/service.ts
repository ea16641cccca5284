import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { requireNotInFuture } from '../../shared/fields.js';
import { requireRole, systemActor, unitInScope, type Actor, type Role } from '../../shared/access.js';
import { dayPeriod, localTime, monthPeriod, offsetIso } from '../../shared/months.js';
import { startClock } from '../../engines/sla/index.js';
import { businessHoursOf, type PolicyPack } from '../../policy/index.js';
import { caseClocksOf, getCase, intakeTitle, listCases, performCaseAction, registerIntakeWith, unitHeadsOrQualityOffice } from '../cases/service.js';
import { findOrganisationByCode } from '../organisations/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitInScope, listUnitOptions } from '../units/service.js';
import { notifyUsers } from '../notifications/service.js';
import { checklistOf, setRepairClock } from './type.js';
import { repairFigures, type RepairFigures } from './figures.js';
import { clockOutcome } from '../cases/index.js';
import type { CreateRepairInput, ListRepairsQuery, PublicRepairInput } from './schema.js';
import * as repo from './repository.js';

/** Who takes a report at the hotline or the counter, and who reads the work orders. */
const intakeRoles: readonly Role[] = ['admin', 'quality_office', 'unit_head', 'staff'];

/** The organisation's pack, when it runs repair work orders (a utility); else 404 — the type is not in use there. */
async function repairPack(ctx: AppContext, orgId: string, db?: Executor): Promise<PolicyPack> {
  const pack = await policyForOrganisation(ctx, orgId, db);
  if (!pack.cases.repair) throw new AppError('not_found', { details: { caseType: 'repair', reason: 'this organisation does not take repair work orders' } });
  return pack;
}

type CaseView = Awaited<ReturnType<typeof getCase>>;

/**
 * A work order as people read it: the deadlines in the organisation's offset (arrival and
 * completion around the clock; the callback's working-day date), and the checklist it is held to.
 */
function presentRepair(view: Omit<CaseView, 'timeline' | 'escalations' | 'actions' | 'readOnly' | 'assigneeName'> & Partial<CaseView>, pack: PolicyPack) {
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  const clock = (id: string) => view.clocks.find((c) => c.clockId === id);
  const local = (iso: string | null | undefined) => (iso ? offsetIso(Date.parse(iso), offset) : null);
  const callback = clock('callback');
  return {
    ...view,
    receivedAt: local(view.receivedAt),
    closedAt: local(view.closedAt),
    arrivalDueAt: local(clock('arrival')?.dueAt),
    arrivalBadge: clock('arrival')?.badge ?? null,
    completionDueAt: local(clock('completion')?.dueAt),
    completionBadge: clock('completion')?.badge ?? null,
    callbackDueDate: callback?.dueDate ?? null,
    callbackDueAt: local(callback?.dueAt),
    callbackBadge: callback?.badge ?? null,
    timeline: view.timeline?.map((e) => ({ ...e, at: local(e.at) })),
  };
}

async function notifyDispatchers(ctx: AppContext, trx: Executor, row: { id: string; org_id: string; unit_path: string; tracking_no: string; title: string }) {
  const userIds = await unitHeadsOrQualityOffice(ctx, trx, row.org_id, row.unit_path);
  await notifyUsers(ctx, trx, { orgId: row.org_id, userIds, caseId: row.id, subject: `【新报修待派工】${row.tracking_no}`, body: row.title });
}

interface IntakeArgs {
  channel: string;
  reportedAt: number;
  fault: string;
  contactName: string;
  contactPhone: string;
  address: string;
  appointmentAt?: string;
  unit: { id: string; path: string } | null;
  publicSite?: boolean;
  withPublicCode: boolean;
}

/** Registers the order, its clocks (the arrival clock from the appointment, when one is agreed), and tells the dispatchers. */
async function registerRepairIntake(ctx: AppContext, actor: Actor, args: IntakeArgs) {
  const appointment = args.appointmentAt ? Date.parse(args.appointmentAt) : null;
  if (appointment !== null && appointment < args.reportedAt) throw invalidFields(fieldIssue('body.appointmentAt', { zh: '预约时间不能早于报修时间', en: 'must not be before the report' }));
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const registered = await registerIntakeWith(ctx, trx, actor, {
      type: 'repair',
      channel: args.channel,
      title: intakeTitle(args.fault),
      content: args.fault,
      receivedAt: args.reportedAt,
      unit: args.unit,
      firstResponderId: actor.staffId,
      contact: { name: args.contactName, phone: args.contactPhone, address: args.address },
      data: { address: args.address, publicSite: !!args.publicSite, appointmentAt: args.appointmentAt ?? null },
      withPublicCode: args.withPublicCode,
    });
    if (appointment !== null) await setRepairClock(ctx, trx, registered.row, 'arrival', () => startClock(appointment), true);
    await notifyDispatchers(ctx, trx, registered.row);
    return registered;
  });
}

/** 报修登记: a report taken on the 24 h hotline or at the counter (fault, name, address, phone; 004:L72). */
export async function registerRepair(ctx: AppContext, actor: Actor, input: CreateRepairInput) {
  requireRole(actor, intakeRoles);
  const pack = await repairPack(ctx, actor.orgId);
  const now = ctx.clock.now();
  const reportedAt = input.reportedAt ? Date.parse(input.reportedAt) : now;
  requireNotInFuture(reportedAt, now, 'body.reportedAt');
  // Without a unit named, the order belongs to the taker's own (their station), so they keep it in sight.
  const unitId = input.unitId ?? actor.unitId;
  const unit = unitId ? await loadUnitInScope(ctx, actor, unitId) : null;
  const registered = await registerRepairIntake(ctx, actor, { ...input, reportedAt, unit, withPublicCode: false });
  return presentRepair(await getCase(ctx, actor, registered.row.id), pack);
}

/** 网上报修: a report from the public site without login; answers the tracking number. */
export async function submitPublicRepair(ctx: AppContext, input: PublicRepairInput) {
  const org = await findOrganisationByCode(ctx, input.orgCode);
  if (!org) throw new AppError('not_found', { details: { orgCode: input.orgCode } });
  const pack = await repairPack(ctx, org.id);
  const actor = systemActor(org.id, 'public');
  const registered = await registerRepairIntake(ctx, actor, { ...input, channel: 'online', reportedAt: ctx.clock.now(), unit: null, withPublicCode: true });
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  const due = (id: string) => registered.clocks.find((c) => c.clock_id === id);
  const arrival = (await caseClocksOf(ctx.db.kysely, registered.row.id)).find((c) => c.clock_id === 'arrival') ?? due('arrival');
  return {
    trackingNo: registered.row.tracking_no,
    queryCode: registered.publicCode,
    arrivalDueAt: arrival?.due_at != null ? offsetIso(Number(arrival.due_at), offset) : null,
  };
}

/** The URL's action names (sign-card) are the workflow's (sign_card). */
const actionName = (urlAction: string) => urlAction.replaceAll('-', '_');

/** A workflow action on a work order (dispatch, arrive, complete, sign-card, …) with the version read. */
export async function performRepairAction(ctx: AppContext, actor: Actor, id: string, urlAction: string, body: { version: number } & Record<string, unknown>) {
  const { version, ...input } = body;
  await performCaseAction(ctx, actor, id, { type: 'repair', action: actionName(urlAction), version, input });
  return getRepair(ctx, actor, id);
}

export async function getRepair(ctx: AppContext, actor: Actor, id: string) {
  const view = await getCase(ctx, actor, id);
  if (view.type !== 'repair') throw new AppError('not_found', { details: { entity: 'repair', id } });
  const pack = await repairPack(ctx, actor.orgId);
  return { ...presentRepair(view, pack), checklistItems: checklistOf(pack) };
}

/** 工单列表: by state, technician, lateness (超期到达 / 超期修复), report date, callbacks still due. */
export async function listRepairs(ctx: AppContext, actor: Actor, query: ListRepairsQuery) {
  const pack = await repairPack(ctx, actor.orgId);
  const day = query.date ? dayPeriod(query.date, businessHoursOf(pack).utcOffsetMinutes) : null;
  const page = await listCases(ctx, actor, {
    type: 'repair',
    status: query.state,
    assigneeId: query.technician,
    overdue: query.overdue,
    receivedFrom: day?.start,
    receivedTo: day?.end,
    runningClock: query.callbackDue === 'true' ? 'callback' : undefined,
    q: query.q,
    sort: 'dueDate',
    order: 'asc',
    page: query.page,
    pageSize: query.pageSize,
  });
  return { ...page, items: page.items.map((v) => presentRepair(v, pack)) };
}

/** The orders of a month the caller may see (their unit subtree), with their clocks. */
async function ordersOfMonth(ctx: AppContext, orgId: string, month: string, scopePath: string | null) {
  const pack = await repairPack(ctx, orgId);
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  const period = monthPeriod(month, offset);
  const orders = await repo.findRepairsReported(ctx.db.kysely, { orgId, from: period.start, to: period.end, unitPath: scopePath });
  const clocks = orders.length ? await caseClocksOfMany(ctx, orders.map((o) => o.id)) : [];
  return { pack, offset, orders, clocks };
}

async function caseClocksOfMany(ctx: AppContext, ids: string[]) {
  const out = [];
  for (const id of ids) out.push(...(await caseClocksOf(ctx.db.kysely, id)));
  return out;
}

/**
 * 报修指标 per unit and month: on-time arrival, completion within the clock (24 h), callback rate,
 * callback on time — exact rates — for the whole organisation (or the caller's subtree) and each unit.
 */
export async function getRepairFigures(ctx: AppContext, actor: Actor, query: { month: string; unitId?: string }) {
  requireRole(actor, ['admin', 'quality_office', 'unit_head', 'inspector', 'supervisor']);
  // The dashboard asks every organisation: one without work orders hears so instead of a 404.
  if (!(await usesRepairs(ctx, actor.orgId))) return { month: query.month, inUse: false, total: null, units: [] };
  const scope = query.unitId ? (await loadUnitInScope(ctx, actor, query.unitId)).path : actor.scopePath;
  const { orders, clocks } = await ordersOfMonth(ctx, actor.orgId, query.month, scope);
  const now = ctx.clock.now();
  const units = new Map((await listUnitOptions(ctx, actor)).items.map((u) => [u.id, u.name]));
  const byUnit = new Map<string | null, typeof orders>();
  for (const o of orders) byUnit.set(o.unit_id, [...(byUnit.get(o.unit_id) ?? []), o]);
  return {
    month: query.month,
    inUse: true,
    total: repairFigures(orders, clocks, now),
    units: [...byUnit.entries()].map(([unitId, list]) => ({ unitId, unitName: unitId ? (units.get(unitId) ?? null) : null, ...repairFigures(list, clocks, now) })),
  };
}

/** Whether an organisation uses repair work orders (its pack has the type and it has orders): the dashboard shows the figures then. */
export async function usesRepairs(ctx: AppContext, orgId: string): Promise<boolean> {
  const pack = await policyForOrganisation(ctx, orgId);
  return !!pack.cases.repair && (await repo.hasRepairs(ctx.db.kysely, orgId));
}

const pct = (r: { value: number | null; numerator: number; denominator: number }) => (r.value === null ? '—' : `${(Math.round(r.value * 1000) / 10).toFixed(1)}%（${r.numerator}/${r.denominator}）`);

/** The monthly report's 故障报修 section (ReportExtras.sections), or null when the organisation takes no work orders. */
export async function repairReportSection(ctx: AppContext, actor: Actor, month: string, unitId?: string): Promise<{ title: string; analysis: string; lines: string[] } | null> {
  if (!(await usesRepairs(ctx, actor.orgId))) return null;
  const scope = unitId ? (await loadUnitInScope(ctx, actor, unitId)).path : actor.scopePath;
  const { orders, clocks } = await ordersOfMonth(ctx, actor.orgId, month, scope);
  const f: RepairFigures = repairFigures(orders, clocks, ctx.clock.now());
  return {
    title: '故障报修',
    analysis: `本月受理报修 ${f.orders} 件。到达及时率、24 小时修复率按已到期的工单计算；回访率按已修复的工单计算。`,
    lines: [`到达及时率 ${pct(f.arrivalOnTime)}`, `修复及时率（24 小时内） ${pct(f.completedInTime)}`, `回访率 ${pct(f.callbackRate)}`, `回访及时率 ${pct(f.callbackOnTime)}`],
  };
}

/** One row per order of a month, for the xlsx export (报修工单_2026-11.xlsx). */
export async function repairExportRows(ctx: AppContext, actor: Actor, month: string) {
  requireRole(actor, ['admin', 'quality_office', 'unit_head']);
  const { offset, orders, clocks } = await ordersOfMonth(ctx, actor.orgId, month, actor.scopePath);
  const now = ctx.clock.now();
  return orders.filter((o) => unitInScope(actor, o.unit_path)).map((o) => {
    const c = (id: string) => clocks.find((k) => k.case_id === o.id && k.clock_id === id);
    const data = JSON.parse(o.data) as Record<string, any>;
    const contact = JSON.parse(o.contact) as Record<string, any>;
    return {
      trackingNo: o.tracking_no,
      channel: o.channel,
      status: o.status,
      reportedAt: localTime(Number(o.received_at), offset),
      fault: o.content,
      contactName: contact.name ?? '',
      contactPhone: contact.phone ?? '',
      address: contact.address ?? '',
      appointmentAt: data.appointmentAt ? localTime(Date.parse(data.appointmentAt), offset) : '',
      arrivedAt: data.arrival ? localTime(Date.parse(data.arrival.at), offset) : '',
      arrival: clockOutcome(c('arrival'), now),
      completedAt: data.completion ? localTime(Date.parse(data.completion.at), offset) : '',
      completion: clockOutcome(c('completion'), now),
      card: data.card?.kind ?? '',
      damage: data.damage ? { description: String(data.damage.description), resolution: (data.damage.resolution as string | null) ?? null } : null,
      compensationFen: (data.damage?.compensationFen as number | null | undefined) ?? null,
      calledBackAt: data.callback ? localTime(Date.parse(data.callback.at), offset) : '',
      satisfied: data.callback ? !!data.callback.satisfied : null,
      callback: clockOutcome(c('callback'), now),
    };
  });
}

