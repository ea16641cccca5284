import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, type Bilingual } from '../../shared/errors.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { requireRole, systemActor, unitInScope, type Actor, type Role } from '../../shared/access.js';
import { dayPeriod, localDate, localTime, monthPeriod, offsetIso } from '../../shared/months.js';
import { sha256Hex } from '../../shared/ids.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { parseJson } from '../../shared/json.js';
import { civilDate } from '../../shared/fields.js';
import { phone as phoneField } from '../../shared/fields.js';
import { readTableFile } from '../../shared/table-file.js';
import type { ReadUpload } from '../../shared/upload.js';
import { loadExcel } from '../../shared/excel.js';
import type { CasesTable } from '../../db/types.js';
import { startClock } from '../../engines/sla/index.js';
import { businessHoursOf, findClock, ratingSettings, type PolicyPack } from '../../policy/index.js';
import type { CaseClosedListener } from '../cases/index.js';
import { amendCase, caseClocksOf, casesByIds, getCase, listCases, performCaseAction, registerCaseWith } from '../cases/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { findUnitByCode, listUnitOptions, loadUnitInScope } from '../units/service.js';
import { findStaffByBadge } from '../staff/service.js';
import { usersOfStaff } from '../users/service.js';
import { followUpFigures, type FollowUpFigures } from './figures.js';
import { followUpQuestions } from './survey.js';
import { recordCallbackOnSource } from './callbacks.js';
import { failedAttempts, maxFailedAttemptsOf, splitLinkToken } from './type.js';
import { respondentRole } from './workflow.js';
import type { DischargeInput, FollowUpAnswers, FollowUpSource, ListFollowUpsQuery } from './schema.js';
import * as repo from './repository.js';

/** Who registers a discharge (the ward's nurse or physician, the quality office) and works follow-ups. */
const callerRoles: readonly Role[] = ['admin', 'quality_office', 'unit_head', 'staff'];
const figureReaders: readonly Role[] = ['admin', 'quality_office', 'unit_head', 'inspector', 'supervisor'];

/** The organisation's pack when it follows up `source` (the pack has that source's due clock); else 404. */
async function followUpPack(ctx: AppContext, orgId: string, source?: FollowUpSource, db?: Executor): Promise<PolicyPack> {
  const pack = await policyForOrganisation(ctx, orgId, db);
  if (!pack.cases.follow_up) throw new AppError('not_found', { details: { caseType: 'follow_up', reason: 'this organisation does not make follow-up calls' } });
  if (source && !findClock(pack, 'follow_up', source)) throw new AppError('not_found', { details: { caseType: 'follow_up', source, reason: 'the policy pack has no due clock for this source' } });
  return pack;
}

/** Whether the organisation follows up `source` (its pack's switch: the source's due clock). */
export async function followsUp(ctx: AppContext, orgId: string, source: FollowUpSource, db?: Executor): Promise<boolean> {
  const pack = await policyForOrganisation(ctx, orgId, db);
  return !!pack.cases.follow_up && !!findClock(pack, 'follow_up', source);
}

type CaseView = Awaited<ReturnType<typeof getCase>>;
type ListedView = Omit<CaseView, 'timeline' | 'escalations' | 'actions' | 'readOnly' | 'assigneeName'> & Partial<CaseView>;

/** A follow-up as the caller reads it: who to call, the due date, the attempts so far and what is left. */
function presentFollowUp(view: ListedView, pack: PolicyPack) {
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  const data = view.data as Record<string, any>;
  const clock = view.clocks[0];
  const local = (iso: string | null | undefined) => (iso ? offsetIso(Date.parse(iso), offset) : null);
  const max = maxFailedAttemptsOf(pack);
  return {
    ...view,
    source: view.channel,
    patientName: (view.contact.name as string | undefined) ?? null,
    phone: (view.contact.phone as string | undefined) ?? null,
    receivedAt: local(view.receivedAt),
    closedAt: local(view.closedAt),
    dueDate: clock?.dueDate ?? null,
    dueAt: local(clock?.dueAt),
    dueBadge: clock?.badge ?? null,
    attempts: (data.attempts ?? []) as unknown[],
    failedAttempts: failedAttempts(data),
    maxFailedAttempts: max,
    answers: data.answers ?? null,
    linkSentAt: data.link?.sentAt ?? null,
    rectification: data.rectification ?? null,
    timeline: view.timeline?.map((e) => ({ ...e, at: local(e.at) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Opening follow-ups

interface OpenArgs {
  source: FollowUpSource;
  /** The instant the due clock starts from (discharge: the end of the discharge day). */
  startsAt: number;
  title: string;
  content: string;
  unit: { id: string; path: string } | null;
  contact: { name: string | null; phone: string };
  assigneeId: string | null;
  firstResponderId?: string | null;
  data: Record<string, unknown>;
  /** What it is opened for (followUpKeys): the key the database keeps one follow-up per. */
  key: string;
}

/** The origin keys a follow-up is held unique by (table follow_up_keys). */
export const followUpKeys = {
  /** The same patient (name and phone) discharged from the same department on the same day. */
  discharge: (d: { unitId: string; dischargedOn: string; patientName: string; phone: string }) => `discharge:${d.unitId}:${d.dischargedOn}:${d.phone.replace(/[^\d+]/g, '')}:${d.patientName.replace(/\s+/g, '')}`,
  rating: (ratingId: string) => `rating:${ratingId}`,
  case: (caseId: string) => `case:${caseId}`,
};

async function openFollowUpWith(ctx: AppContext, trx: Executor, actor: Actor, args: OpenArgs) {
  const { row } = await registerCaseWith(ctx, trx, actor, {
    type: 'follow_up',
    channel: args.source,
    title: args.title,
    content: args.content,
    receivedAt: args.startsAt,
    unitId: args.unit?.id ?? null,
    unitPath: args.unit?.path ?? '/',
    firstResponderId: args.firstResponderId ?? null,
    assigneeId: args.assigneeId,
    contact: args.contact,
    data: { source: args.source, ...args.data },
    // The source's clock (cases.follow_up.clocks.<source>): 7 calendar days after a discharge.
    clocks: [args.source],
  });
  await repo.insertFollowUpKey(trx, { org_id: row.org_id, key: args.key, case_id: row.id, created_at: ctx.clock.now() });
  return row;
}

/**
 * A follow-up after another case (a closed complaint, a completed repair, a 差评), inside that
 * case's transaction — when the organisation's pack follows that source up and there is a phone
 * to call. Held by the unit the case belonged to (its head or the quality office assigns it).
 */
export async function openFollowUpAfter(
  ctx: AppContext,
  trx: Executor,
  source: Exclude<FollowUpSource, 'discharge'>,
  kase: Pick<CasesTable, 'id' | 'org_id' | 'tracking_no' | 'title' | 'unit_id' | 'unit_path' | 'contact' | 'assignee_id'>,
  more: { startsAt?: number; key?: string; data?: Record<string, unknown> } = {},
): Promise<{ id: string; tracking_no: string } | null> {
  if (!(await followsUp(ctx, kase.org_id, source, trx))) return null;
  const contact = parseJson<Record<string, unknown>>(kase.contact, {});
  const phone = typeof contact.phone === 'string' ? contact.phone : null;
  if (!phone || !phoneField.safeParse(phone).success) return null;
  // Once per origin: a retried rating, a sweep run twice or a case closed again finds the one opened.
  const key = more.key ?? followUpKeys.case(kase.id);
  const existing = await repo.findFollowUpByKey(trx, kase.org_id, key);
  if (existing) return existing;
  const words: Record<typeof source, string> = { complaint: '投诉办结回访', repair: '维修回访', rating: '差评回访' };
  return openFollowUpWith(ctx, trx, systemActor(kase.org_id, 'follow-up'), {
    source,
    startsAt: more.startsAt ?? ctx.clock.now(),
    title: `${words[source]}：${kase.tracking_no}`,
    content: kase.title,
    unit: kase.unit_id ? { id: kase.unit_id, path: kase.unit_path } : null,
    contact: { name: typeof contact.name === 'string' ? contact.name : null, phone },
    assigneeId: kase.assignee_id,
    data: { sourceCaseId: kase.id, sourceTrackingNo: kase.tracking_no, ...more.data },
    key,
  });
}

/**
 * 差评回访: a 差评 whose rater left a phone is followed up (where the pack has the rating clock),
 * inside the rating's transaction — due from the rating, linked to the rating and to the
 * rectification the 差评 opened; the follow-up is that rectification's callback (callbacks.ts).
 */
export async function openRatingFollowUp(
  ctx: AppContext,
  trx: Executor,
  rating: { id: string; rated_at: number; level: number },
  rectification: Pick<CasesTable, 'id' | 'org_id' | 'tracking_no' | 'title' | 'unit_id' | 'unit_path' | 'contact' | 'assignee_id'>,
) {
  const followUp = await openFollowUpAfter(ctx, trx, 'rating', rectification, {
    startsAt: Number(rating.rated_at),
    key: followUpKeys.rating(rating.id),
    data: { ratingId: rating.id, ratingLevel: rating.level, rectification: { caseId: rectification.id, trackingNo: rectification.tracking_no } },
  });
  // The rectification names its callback's follow-up, so its screen leads there.
  const [rect] = followUp ? await casesByIds(trx, [rectification.id]) : [];
  if (followUp && rect) await amendCase(trx, rect.id, { data: JSON.stringify({ ...parseJson<Record<string, unknown>>(rect.data, {}), followUp: { caseId: followUp.id, trackingNo: followUp.tracking_no } }) });
  return followUp;
}

/**
 * Which closed cases are followed up, by their type (each still needs its clock in the pack). A
 * repair is followed up from its completion instead (callbacks.ts): that follow-up is its callback.
 */
const sourceOfType: Record<string, Exclude<FollowUpSource, 'discharge'>> = { complaint: 'complaint' };

/** The listener the case engine calls when a case closes (registered in src/modules/case-types.ts). */
export const followUpAfterClosing: CaseClosedListener = async ({ ctx, trx, after, action }) => {
  // A follow-up that ends records the callback of the case it was opened for (callbacks.ts).
  if (after.type === 'follow_up' && action !== 'recorded_on_source') await recordCallbackOnSource(ctx, trx, after);
  const source = sourceOfType[after.type];
  if (source) await openFollowUpAfter(ctx, trx, source, after);
};

interface CheckedDischarge extends DischargeInput {
  unit: { id: string; path: string; name: string };
  physician: { staffId: string; name: string; badgeNo: string; userId: string | null } | null;
}

/** The discharge date is a past or today's date at the organisation. */
function requireDischargeDate(date: string, today: string, field: string) {
  if (date > today) throw invalidFields(fieldIssue(field, { zh: '出院日期不能晚于今天', en: 'must not be after today' }));
}

async function physicianOf(ctx: AppContext, orgId: string, badgeNo: string | undefined, db?: Executor) {
  if (!badgeNo) return null;
  const staff = await findStaffByBadge(ctx, orgId, badgeNo, db);
  if (!staff || !staff.active) return undefined;
  const users = await usersOfStaff(ctx, orgId, staff.id, db);
  return { staffId: staff.id, name: staff.name, badgeNo: staff.badge_no, userId: users[0]?.id ?? null };
}

/** A discharge's follow-up, inside the caller's transaction: due 7 calendar days after the discharge day (pack). */
async function registerDischargeWith(ctx: AppContext, trx: Executor, actor: Actor, d: CheckedDischarge, offset: number) {
  const endOfDay = dayPeriod(d.dischargedOn, offset).end - 1;
  return openFollowUpWith(ctx, trx, actor, {
    source: 'discharge',
    startsAt: endOfDay,
    title: `出院随访：${d.patientName}（${d.unit.name}）`,
    content: d.diagnosis || `${d.dischargedOn} 出院`,
    unit: d.unit,
    contact: { name: d.patientName, phone: d.phone },
    // The attending physician calls (003:L605); without a login of theirs, the ward's head assigns it.
    assigneeId: d.physician?.userId ?? null,
    firstResponderId: actor.staffId,
    key: followUpKeys.discharge(d),
    data: { discharge: { patientName: d.patientName, dischargedOn: d.dischargedOn, diagnosis: d.diagnosis ?? null, physician: d.physician ? { staffId: d.physician.staffId, name: d.physician.name, badgeNo: d.physician.badgeNo } : null } },
  });
}

/** 出院登记: one discharge, its follow-up assigned to the attending physician (or the ward). */
export async function registerDischarge(ctx: AppContext, actor: Actor, input: DischargeInput) {
  requireRole(actor, callerRoles);
  const pack = await followUpPack(ctx, actor.orgId, 'discharge');
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  requireDischargeDate(input.dischargedOn, localDate(ctx.clock.now(), offset), 'body.dischargedOn');
  const unit = await loadUnitInScope(ctx, actor, input.unitId);
  const physician = await physicianOf(ctx, actor.orgId, input.physicianBadgeNo);
  if (physician === undefined) throw invalidFields(fieldIssue('body.physicianBadgeNo', { zh: '没有该工号的在岗人员', en: 'no active staff member with this badge number' }));
  const checked = { ...input, unit, physician };
  const duplicate = () => repo.findFollowUpByKey(ctx.db.kysely, actor.orgId, followUpKeys.discharge(checked));
  const found = await duplicate();
  if (found) throw new AppError('discharge_duplicate', { details: { followUpId: found.id, trackingNo: found.tracking_no } });
  try {
    const row = await ctx.db.kysely.transaction().execute((trx) => registerDischargeWith(ctx, trx, actor, checked, offset));
    return await getFollowUp(ctx, actor, row.id);
  } catch (e) {
    // The same discharge registered at the same moment by someone else: the key kept it to one.
    const raced = isUniqueViolation(e) ? await duplicate() : undefined;
    if (raced) throw new AppError('discharge_duplicate', { details: { followUpId: raced.id, trackingNo: raced.tracking_no } });
    throw e;
  }
}

/** Column headers of a discharge sheet (出院患者登记表), Chinese or English. */
const columns: Record<string, string[]> = {
  patientName: ['患者姓名', '姓名', 'patient', 'patient name', 'patientname'],
  phone: ['联系电话', '电话', '手机', 'phone'],
  unitCode: ['科室编码', '病区编码', 'unit code', 'unitcode', 'department code'],
  physicianBadgeNo: ['主治医师工号', '医师工号', 'physician badge', 'physicianbadgeno', 'physician badge no'],
  dischargedOn: ['出院日期', 'discharge date', 'dischargedon', 'discharged on'],
  diagnosis: ['诊断', '出院诊断', 'diagnosis'],
};
const headerIndex = new Map(Object.entries(columns).flatMap(([field, names]) => [field, ...names].map((n) => [n.toLowerCase(), field] as const)));
const templateHeaders = ['患者姓名', '联系电话', '科室编码', '主治医师工号', '出院日期', '诊断'];

interface RowError {
  row: number;
  field: string | null;
  message: Bilingual;
}

/**
 * 出院患者导入 (.xlsx or .csv): every row checked in one pass, every bad row reported with its
 * field; nothing is stored unless every row is good, and then all in one transaction.
 */
export async function importDischarges(ctx: AppContext, actor: Actor, readFile: ReadUpload) {
  requireRole(actor, callerRoles);
  const pack = await followUpPack(ctx, actor.orgId, 'discharge');
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  const today = localDate(ctx.clock.now(), offset);
  const file = await readFile();
  const [header = [], ...table] = await readTableFile(file.name, file.data);
  const fields = header.map((h) => headerIndex.get(String(h).trim().toLowerCase()) ?? null);
  const rows = table
    .map((cells, i) => ({ rowNumber: i + 2, cells }))
    .filter(({ cells }) => !cells.every((c) => String(c).trim() === ''))
    .map(({ rowNumber, cells }) => ({ rowNumber, v: Object.fromEntries(fields.map((f, j) => [f, String(cells[j] ?? '').trim()]).filter(([f]) => f)) as Record<string, string> }));
  const errors: RowError[] = [];
  const missing = ['patientName', 'phone', 'unitCode', 'dischargedOn'].filter((f) => !fields.includes(f));
  for (const f of missing) errors.push({ row: 1, field: f, message: { zh: `缺少列：${columns[f][0]}`, en: `Missing column: ${f}` } });
  const units = new Map<string, { id: string; path: string; name: string } | null>();
  const physicians = new Map<string, Awaited<ReturnType<typeof physicianOf>>>();
  const good: (CheckedDischarge & { rowNumber: number })[] = [];
  for (const { rowNumber, v } of missing.length ? [] : rows) {
    const fail = (field: string, zh: string, en: string) => errors.push({ row: rowNumber, field, message: { zh, en } });
    const before = errors.length;
    if (!v.patientName) fail('patientName', '患者姓名不能为空', 'The patient name is required');
    else if (v.patientName.length > 40) fail('patientName', '患者姓名不能超过 40 个字', 'The patient name is at most 40 characters');
    if (!phoneField.safeParse(v.phone).success) fail('phone', `联系电话 ${v.phone ?? ''} 不是电话号码`, `${v.phone ?? ''} is not a phone number`);
    if (!units.has(v.unitCode)) {
      const unit = v.unitCode ? await findUnitByCode(ctx, actor.orgId, v.unitCode) : undefined;
      units.set(v.unitCode, unit && unitInScope(actor, unit.path) ? { id: unit.id, path: unit.path, name: unit.name } : null);
    }
    const unit = units.get(v.unitCode) ?? null;
    if (!unit) fail('unitCode', `科室编码 ${v.unitCode ?? ''} 不存在`, `Unit ${v.unitCode ?? ''} does not exist`);
    if (v.physicianBadgeNo && !physicians.has(v.physicianBadgeNo)) physicians.set(v.physicianBadgeNo, await physicianOf(ctx, actor.orgId, v.physicianBadgeNo));
    const physician = v.physicianBadgeNo ? physicians.get(v.physicianBadgeNo) : null;
    if (physician === undefined) fail('physicianBadgeNo', `工号 ${v.physicianBadgeNo} 不存在`, `Badge ${v.physicianBadgeNo} does not exist`);
    if (!civilDate.safeParse(v.dischargedOn).success) fail('dischargedOn', '出院日期格式应为 YYYY-MM-DD', 'The discharge date must be YYYY-MM-DD');
    else if (v.dischargedOn > today) fail('dischargedOn', '出院日期不能晚于今天', 'The discharge date must not be after today');
    if ((v.diagnosis ?? '').length > 200) fail('diagnosis', '诊断不能超过 200 个字', 'The diagnosis is at most 200 characters');
    if (errors.length === before) {
      good.push({ rowNumber, patientName: v.patientName, phone: v.phone, unitId: unit!.id, physicianBadgeNo: v.physicianBadgeNo || undefined, dischargedOn: v.dischargedOn, diagnosis: v.diagnosis || undefined, unit: unit!, physician: physician ?? null });
    }
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 1, field: null, message: { zh: '没有数据行', en: 'No data rows' } });
  if (errors.length) throw new AppError('import_failed', { details: { errors } });
  try {
    return await storeDischarges(ctx, actor, good, offset);
  } catch (e) {
    // A concurrent import stored some of the same discharges first: checked again, they are skipped.
    if (!isUniqueViolation(e)) throw e;
    return storeDischarges(ctx, actor, good, offset);
  }
}

/**
 * Stores the checked rows of a sheet in one transaction; a discharge already registered (or
 * repeated in the sheet) is skipped and reported by its row number, not opened twice.
 */
async function storeDischarges(ctx: AppContext, actor: Actor, good: (CheckedDischarge & { rowNumber: number })[], offset: number) {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const ids: string[] = [];
    const skipped: { row: number; reason: 'duplicate'; followUpId: string | null }[] = [];
    const seen = new Map<string, string | null>();
    for (const d of good) {
      const key = followUpKeys.discharge(d);
      const earlier = seen.has(key) ? { id: seen.get(key) ?? null } : await repo.findFollowUpByKey(trx, actor.orgId, key);
      if (earlier) {
        skipped.push({ row: d.rowNumber, reason: 'duplicate', followUpId: earlier.id });
        continue;
      }
      const row = await registerDischargeWith(ctx, trx, actor, d, offset);
      seen.set(key, row.id);
      ids.push(row.id);
    }
    return { imported: ids.length, ids, skipped };
  });
}

/** The discharge sheet to fill in (出院患者导入模板.xlsx): the headers and one example row. */
export async function dischargeTemplate(ctx: AppContext, actor: Actor): Promise<Buffer> {
  requireRole(actor, callerRoles);
  await followUpPack(ctx, actor.orgId, 'discharge');
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('出院患者');
  ws.addRow(templateHeaders);
  ws.addRow(['张三', '13800000000', 'H-IM-W1', 'H1007', localDate(ctx.clock.now(), businessHoursOf(await followUpPack(ctx, actor.orgId)).utcOffsetMinutes), '社区获得性肺炎']);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Working follow-ups

export async function getFollowUp(ctx: AppContext, actor: Actor, id: string) {
  const view = await getCase(ctx, actor, id);
  if (view.type !== 'follow_up') throw new AppError('not_found', { details: { entity: 'follow_up', id } });
  const pack = await followUpPack(ctx, actor.orgId);
  return { ...presentFollowUp(view, pack), questions: followUpQuestions(pack, view.channel as FollowUpSource) };
}

/** 我的随访 / 随访列表: open ones callable by `date` (discharged by then), soonest due first. */
export async function listFollowUps(ctx: AppContext, actor: Actor, query: ListFollowUpsQuery) {
  const pack = await followUpPack(ctx, actor.orgId);
  const day = query.date ? dayPeriod(query.date, businessHoursOf(pack).utcOffsetMinutes) : null;
  const page = await listCases(ctx, actor, {
    type: 'follow_up',
    // 'open': every follow-up not yet ended (to call, questionnaire sent, reached with answers due).
    status: query.state === 'open' ? undefined : query.state,
    openOnly: query.state === 'open',
    unitId: query.unitId,
    mine: query.mine === '1' || query.mine === 'true' ? 'true' : undefined,
    overdue: query.overdue,
    receivedTo: day?.end,
    sort: 'dueDate',
    order: 'asc',
    page: query.page,
    pageSize: query.pageSize,
  });
  return { ...page, items: page.items.map((v) => presentFollowUp(v, pack)) };
}

/** A call attempt with its outcome; the pack's third failure makes the follow-up unreachable. */
export async function recordAttempt(ctx: AppContext, actor: Actor, id: string, body: { kind?: string; outcome: string; address?: string; visitor?: string; note?: string; version: number }) {
  const { version, ...input } = body;
  await performCaseAction(ctx, actor, id, { type: 'follow_up', action: 'attempt', version, input });
  return getFollowUp(ctx, actor, id);
}

/** The answers on the questionnaire after a reached call; 不满意 or worse opens a rectification. */
export async function recordAnswers(ctx: AppContext, actor: Actor, id: string, body: FollowUpAnswers & { version: number }) {
  const { version, ...input } = body;
  await requireKnownLevel(ctx, actor.orgId, input.satisfaction, 'body.satisfaction');
  await performCaseAction(ctx, actor, id, { type: 'follow_up', action: 'record_answers', version, input });
  return getFollowUp(ctx, actor, id);
}

/** The questionnaire as a one-time link by SMS instead of a call (through the notification outbox). */
export async function sendQuestionnaireLink(ctx: AppContext, actor: Actor, id: string, body: { version: number }) {
  await performCaseAction(ctx, actor, id, { type: 'follow_up', action: 'send_link', version: body.version, input: {} });
  return getFollowUp(ctx, actor, id);
}

export async function addFollowUpNote(ctx: AppContext, actor: Actor, id: string, body: { text: string; version: number }) {
  await performCaseAction(ctx, actor, id, { type: 'follow_up', action: 'note', version: body.version, input: { text: body.text } });
  return getFollowUp(ctx, actor, id);
}

async function requireKnownLevel(ctx: AppContext, orgId: string, level: number, field: string) {
  const pack = await policyForOrganisation(ctx, orgId);
  if (!ratingSettings(pack).levels.some((l) => l.value === level)) throw invalidFields(fieldIssue(field, { zh: '不是本单位的满意度等级', en: "not one of the organisation's satisfaction levels" }));
}

// ---------------------------------------------------------------------------------------------
// The one-time questionnaire link (public)

/** The follow-up a link names, while its questionnaire is open: the latest link sent, not yet answered. */
async function followUpOfLink(ctx: AppContext, token: string) {
  const parts = splitLinkToken(token);
  const row = parts ? await repo.findFollowUp(ctx.db.kysely, parts.caseId) : undefined;
  const data = parseJson<Record<string, any>>(row?.data ?? '{}', {});
  if (!row || !parts || !data.link?.hash || data.link.hash !== sha256Hex(parts.secret)) throw new AppError('not_found', { details: { entity: 'follow_up_link' } });
  if (data.link.usedAt || data.answers) throw new AppError('already_answered');
  if (row.status !== 'link_sent') throw new AppError('not_found', { details: { entity: 'follow_up_link' } });
  return row;
}

/** What the link page shows: the organisation's questionnaire for this follow-up. */
export async function openQuestionnaire(ctx: AppContext, token: string) {
  const row = await followUpOfLink(ctx, token);
  const pack = await followUpPack(ctx, row.org_id);
  return { title: row.title, questions: followUpQuestions(pack, row.channel as FollowUpSource) };
}

/** The patient's answers through the link: the follow-up is done; the link cannot be used again. */
export async function answerQuestionnaire(ctx: AppContext, token: string, answers: FollowUpAnswers) {
  const row = await followUpOfLink(ctx, token);
  await requireKnownLevel(ctx, row.org_id, answers.satisfaction, 'body.satisfaction');
  await performCaseAction(ctx, systemActor(row.org_id, 'public'), row.id, { type: 'follow_up', action: 'answer_by_link', version: row.version, input: answers, role: respondentRole });
  return { done: true };
}

// ---------------------------------------------------------------------------------------------
// Figures, the monthly report's section, the export

async function followUpsOfMonth(ctx: AppContext, orgId: string, month: string, scopePath: string | null) {
  const pack = await followUpPack(ctx, orgId);
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  const period = monthPeriod(month, offset);
  const rows = await repo.findFollowUpsStarted(ctx.db.kysely, { orgId, from: period.start, to: period.end, unitPath: scopePath });
  const clocks = [];
  for (const r of rows) clocks.push(...(await caseClocksOf(ctx.db.kysely, r.id)));
  return { pack, offset, rows, clocks };
}

/** Whether the organisation has any follow-up from `source` (the demo seeds its discharges once). */
export async function followsUpAny(ctx: AppContext, orgId: string, source: FollowUpSource): Promise<boolean> {
  return repo.hasFollowUps(ctx.db.kysely, orgId, source);
}

/** Whether the organisation makes follow-up calls and has any: the dashboard shows the figures then. */
export async function usesFollowUps(ctx: AppContext, orgId: string): Promise<boolean> {
  const pack = await policyForOrganisation(ctx, orgId);
  return !!pack.cases.follow_up && (await repo.hasFollowUps(ctx.db.kysely, orgId));
}

/** 随访指标 per unit and month: reach rate, on time, satisfaction (exact rates). */
export async function getFollowUpFigures(ctx: AppContext, actor: Actor, query: { month: string; unitId?: string }) {
  requireRole(actor, figureReaders);
  if (!(await usesFollowUps(ctx, actor.orgId))) return { month: query.month, inUse: false, total: null, units: [] };
  const scope = query.unitId ? (await loadUnitInScope(ctx, actor, query.unitId)).path : actor.scopePath;
  const { pack, rows, clocks } = await followUpsOfMonth(ctx, actor.orgId, query.month, scope);
  const positive = ratingSettings(pack).positiveLevels;
  const now = ctx.clock.now();
  const names = new Map((await listUnitOptions(ctx, actor)).items.map((u) => [u.id, u.name]));
  const byUnit = new Map<string | null, CasesTable[]>();
  for (const r of rows) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
  return {
    month: query.month,
    inUse: true,
    total: followUpFigures(rows, clocks, positive, now),
    units: [...byUnit.entries()].map(([unitId, list]) => ({ unitId, unitName: unitId ? (names.get(unitId) ?? null) : null, ...followUpFigures(list, clocks, positive, now) })),
  };
}

const pct = (r: { value: number | null; numerator: number; denominator: number }) => (r.value === null ? '—' : `${(Math.round(r.value * 1000) / 10).toFixed(1)}%（${r.numerator}/${r.denominator}）`);

/** The monthly report's 回访/随访 section, or null when the organisation makes no follow-up calls. */
export async function followUpReportSection(ctx: AppContext, actor: Actor, month: string, unitId?: string): Promise<{ title: string; analysis: string; lines: string[] } | null> {
  if (!(await usesFollowUps(ctx, actor.orgId))) return null;
  const scope = unitId ? (await loadUnitInScope(ctx, actor, unitId)).path : actor.scopePath;
  const { pack, rows, clocks } = await followUpsOfMonth(ctx, actor.orgId, month, scope);
  const f: FollowUpFigures = followUpFigures(rows, clocks, ratingSettings(pack).positiveLevels, ctx.clock.now());
  return {
    title: '回访/随访',
    analysis: `本月应随访 ${f.followUps} 人次，无法联系 ${f.unreachable} 人次，随访不满意转整改 ${f.rectifications} 件。接通率按已结束的随访计算；及时率按已到期或已完成的随访计算。`,
    lines: [`随访接通率 ${pct(f.reachRate)}`, `随访及时率 ${pct(f.onTime)}`, `随访满意率 ${pct(f.satisfaction)}`],
  };
}

/** One row per follow-up started in the month, for the xlsx export (随访_2026-11.xlsx). */
export async function followUpExportRows(ctx: AppContext, actor: Actor, month: string) {
  requireRole(actor, ['admin', 'quality_office', 'unit_head']);
  const { offset, rows, clocks } = await followUpsOfMonth(ctx, actor.orgId, month, actor.scopePath);
  const names = new Map((await listUnitOptions(ctx, actor)).items.map((u) => [u.id, u.name]));
  return rows.map((r) => {
    const data = parseJson<Record<string, any>>(r.data, {});
    const contact = parseJson<Record<string, any>>(r.contact, {});
    const clock = clocks.find((c) => c.case_id === r.id);
    const attempts = (data.attempts ?? []) as { kind?: string; outcome: string; address?: string | null; visitor?: string | null; at: string }[];
    const visit = attempts.filter((a) => a.kind === 'home_visit').at(-1);
    return {
      trackingNo: r.tracking_no,
      source: r.channel,
      status: r.status,
      unit: r.unit_id ? (names.get(r.unit_id) ?? '') : '',
      patientName: contact.name ?? '',
      phone: contact.phone ?? '',
      physician: data.discharge?.physician?.name ?? '',
      dischargedOn: data.discharge?.dischargedOn ?? '',
      sourceTrackingNo: data.sourceTrackingNo ?? '',
      dueDate: clock?.due_date ?? '',
      doneAt: clock?.stopped_at != null ? localTime(Number(clock.stopped_at), offset) : '',
      onTime: clock?.stopped_at != null && clock.due_at != null ? Number(clock.stopped_at) <= Number(clock.due_at) : null,
      attempts: attempts.length,
      lastOutcome: attempts.at(-1)?.outcome ?? '',
      lastKind: attempts.at(-1)?.kind ?? (attempts.length ? 'call' : ''),
      homeVisit: visit ? { at: localTime(Date.parse(visit.at), offset), address: visit.address ?? '', visitor: visit.visitor ?? '', outcome: visit.outcome } : null,
      via: data.answers?.via ?? '',
      recovery: data.answers?.recovery ?? '',
      satisfaction: (data.answers?.satisfaction as number | undefined) ?? null,
      comment: data.answers?.comment ?? '',
      rectification: data.rectification?.trackingNo ?? '',
    };
  });
}
