/**
 * Open311 GeoReport v2 use cases over the complaints module. Services are the organisation's
 * complaint categories; service requests are complaints, identified by their tracking number.
 * Everything goes through other modules' services (never their repositories), so Youzhi's access
 * rules, audit and deadline clocks apply exactly as for any other intake.
 */
import type { AppContext } from '../../shared/context.js';
import { AppError, isAppError, type ErrorCode } from '../../shared/errors.js';
import { orgManagers, systemActor, type Actor } from '../../shared/access.js';
import { businessHoursOf, openFeedFieldsOf, publicPhotoLimits } from '../../policy/index.js';
import { checkPublicPhotos } from '../attachments/service.js';
import type { UploadedFile } from '../../shared/upload.js';
import { resolveApiToken } from '../auth/service.js';
import { getCase, listCases, listPublicCaseUpdates, performCaseAction } from '../cases/service.js';
import { createComplaintBody } from '../complaints/index.js';
import { getComplaintTaxonomy, registerComplaint } from '../complaints/service.js';
import { findOrganisationByCode } from '../organisations/service.js';
import { staffNamesOf } from '../staff/service.js';
import { getUnitTree } from '../units/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { composeContent, namePattern, updateId, replyNotice, serviceAttributes, toRequest, toRequestUpdate, toService, toServiceDefinition, type CaseForOpen311, type Open311Request, type UnitChoice } from './mapping.js';

const DAY = 86_400_000;
/** The spec's longest query span. */
export const maxSpanDays = 90;
/**
 * Requests per answer; the spec leaves the number to the server. Each one is read through
 * getCase (access check, clocks, timeline), so the open feed stays cheap; narrow the dates for more.
 */
export const maxResults = 200;
/** service_request_id values per query. */
export const maxIds = 50;

const message = (zh: string, en: string) => ({ zh, en });
const badRequest = (zh: string, en: string) => new AppError('validation_failed', { message: message(zh, en) });

/** The internal reader of the public feed: organisation-wide, labelled in any audit trail. */
const feedActor = (orgId: string) => systemActor(orgId, 'open311');

// ---------------------------------------------------------------------------------------------
// Keys and jurisdictions

/**
 * The user behind an api_key. A key that is sent must be valid (403 otherwise): silently
 * ignoring a wrong key would make a misconfigured client look like one without rights.
 */
export async function resolveKey(ctx: AppContext, key: string | undefined): Promise<Actor | null> {
  if (key === undefined) return null;
  const actor = await resolveApiToken(ctx, key);
  if (!actor) throw new AppError('forbidden', { message: message('api_key 无效或已吊销', 'api_key is invalid or revoked') });
  return actor;
}

export function requireKey(actor: Actor | null): Actor {
  if (!actor) throw new AppError('forbidden', { message: message('需要 api_key（优质 API 令牌）', 'api_key required (a Youzhi API token)') });
  return actor;
}

interface Jurisdiction {
  id: string;
  code: string;
  name: string;
  offsetMinutes: number;
}

/** jurisdiction_id is an organisation code: one Youzhi serves many organisations. */
export async function loadJurisdiction(ctx: AppContext, code: string | undefined): Promise<Jurisdiction> {
  if (!code) throw badRequest('缺少 jurisdiction_id（组织代码）', 'jurisdiction_id (the organisation code) is required');
  const org = await findOrganisationByCode(ctx, code);
  if (!org) throw new AppError('not_found', { message: message(`管辖区 ${code} 不存在`, `jurisdiction_id ${code} not found`) });
  const offsetMinutes = businessHoursOf(await policyForOrganisation(ctx, org.id)).utcOffsetMinutes;
  return { id: org.id, code: org.code, name: org.name, offsetMinutes };
}

async function categoriesOf(ctx: AppContext, orgId: string) {
  return (await getComplaintTaxonomy(ctx, feedActor(orgId), 'complaint_category')).items;
}

// ---------------------------------------------------------------------------------------------
// Services

export async function listServices(ctx: AppContext, jurisdictionId: string | undefined) {
  const j = await loadJurisdiction(ctx, jurisdictionId);
  return (await categoriesOf(ctx, j.id)).filter((c) => c.active).map(toService);
}

export async function getServiceDefinition(ctx: AppContext, jurisdictionId: string | undefined, code: string) {
  const j = await loadJurisdiction(ctx, jurisdictionId);
  const known = (await categoriesOf(ctx, j.id)).some((c) => c.active && c.code === code);
  if (!known) throw new AppError('not_found', { message: message(`服务 ${code} 不存在`, `service_code ${code} not found`) });
  return toServiceDefinition(code, await unitChoices(ctx, j.id));
}

/** The organisation's units in tree order, each named by its path ("门诊部 / 3号窗口"). */
async function unitChoices(ctx: AppContext, orgId: string): Promise<UnitChoice[]> {
  const out: UnitChoice[] = [];
  const walk = (nodes: Awaited<ReturnType<typeof getUnitTree>>, prefix: string) => {
    for (const n of nodes) {
      const name = prefix ? `${prefix} / ${n.name}` : n.name;
      out.push({ id: n.id, code: n.code, name });
      walk(n.children, name);
    }
  };
  walk(await getUnitTree(ctx, feedActor(orgId)), '');
  return out;
}

// ---------------------------------------------------------------------------------------------
// POST requests

export interface PostRequestInput {
  jurisdiction_id?: string;
  service_code: string;
  description: string;
  lat?: number | string;
  long?: number | string;
  address_string?: string;
  address_id?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  media_url?: string | string[];
  account_id?: string;
  device_id?: string;
  /** `attribute[code]=value` fields, gathered by the form parser (or an object in JSON). */
  attribute?: Record<string, string | string[]>;
}

/** decision: enough for any service definition's attributes, few enough to read on one line. */
const maxAttributes = 30;

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

function coordinate(name: 'lat' | 'long', value: number | string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : /^[-+]?\d{1,3}(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  const limit = name === 'lat' ? 90 : 180;
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw badRequest(`${name} 无效`, `${name} must be a number between -${limit} and ${limit}`);
  return n;
}

/** Chinese names are written family name first without a space; others "first last". */
function fullName(first: string | undefined, last: string | undefined): string | undefined {
  if (!first && !last) return undefined;
  const cjk = /[\u3400-\u9fff]/;
  if ((first && cjk.test(first)) || (last && cjk.test(last))) return `${last ?? ''}${first ?? ''}`;
  return [first, last].filter(Boolean).join(' ');
}

/** Open311 parameter names for the fields of the complaint a request becomes. */
const fieldNames: Record<string, string> = { content: 'description', category: 'service_code', 'complainant.name': 'first_name/last_name', 'complainant.phone': 'phone', 'complainant.email': 'email' };

/**
 * Files a complaint for the key's user through registerComplaint (channel `online`), so its
 * reply clock, tracking number, query code and audit entry are the same as for any complaint.
 * Photos a multipart client sent (`media`) are checked like the public form's (kind by their
 * bytes, count and size from the pack) before anything is written, and stored with the complaint.
 */
export async function createServiceRequest(ctx: AppContext, actor: Actor, input: PostRequestInput, media: readonly UploadedFile[] = []) {
  const photos = checkPublicPhotos(media, publicPhotoLimits(await policyForOrganisation(ctx, actor.orgId)), 'media');
  if (input.jurisdiction_id) {
    const j = await loadJurisdiction(ctx, input.jurisdiction_id);
    if (j.id !== actor.orgId) throw new AppError('forbidden', { message: message('api_key 不属于该管辖区', 'api_key does not belong to this jurisdiction_id') });
  }
  const active = (await categoriesOf(ctx, actor.orgId)).some((c) => c.active && c.code === input.service_code);
  if (!active) throw badRequest(`服务 ${input.service_code} 不存在`, `service_code ${input.service_code} not found`);
  const lat = coordinate('lat', input.lat);
  const long = coordinate('long', input.long);
  if ((lat === undefined) !== (long === undefined)) throw badRequest('lat 与 long 须同时提供', 'lat and long go together');
  const mediaUrls = (Array.isArray(input.media_url) ? input.media_url : [input.media_url]).map(blank).filter((u): u is string => !!u);
  if (mediaUrls.some((u) => !/^https?:\/\/\S+$/i.test(u))) throw badRequest('media_url 须为 http(s) 地址', 'media_url must be an http(s) URL');
  const attributes = Object.fromEntries(Object.entries(input.attribute ?? {}).map(([code, v]) => [code, (Array.isArray(v) ? v : [v]).map((x) => x.trim()).filter(Boolean)] as const).filter(([, v]) => v.length > 0));
  if (Object.keys(attributes).length > maxAttributes) throw badRequest(`attribute 最多 ${maxAttributes} 项`, `at most ${maxAttributes} attribute values`);
  const name = fullName(blank(input.first_name), blank(input.last_name));
  const phone = blank(input.phone);
  const email = blank(input.email);
  // The service definition's attributes act, besides being kept: the unit complained about, a call back.
  const unitCode = attributes[serviceAttributes.unit]?.[0];
  const unit = unitCode === undefined ? undefined : (await unitChoices(ctx, actor.orgId)).find((u) => u.code === unitCode);
  if (unitCode !== undefined && !unit) throw badRequest(`attribute[unit]：没有代码为 ${unitCode} 的窗口或科室`, `attribute[unit]: no window or department has the code ${unitCode}`);
  const callback = attributes[serviceAttributes.callback]?.[0];
  if (callback !== undefined && callback !== 'yes' && callback !== 'no') throw badRequest('attribute[callback] 须为 yes 或 no', 'attribute[callback] must be yes or no');
  const replyChannel = callback === 'yes' ? 'phone' : phone ? 'sms' : email ? 'email' : undefined;
  // The limit is on the client's text (the form already checked it), not on the lines Youzhi appends.
  const description = input.description.replace(/\r\n?/g, '\n').trim();
  // The complaint schema validates phone, e-mail and the description's own length.
  const parsed = createComplaintBody.safeParse({
    channel: 'online',
    content: description,
    category: input.service_code,
    ...(unit ? { unitId: unit.id } : {}),
    complainant: { name, phone, email, replyChannel },
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${fieldNames[i.path.join('.')] ?? i.path.join('.')}: ${i.message}`).join('; ');
    throw badRequest(`参数无效：${problems}`, `invalid parameters: ${problems}`);
  }
  const content = composeContent(parsed.data.content, { address: blank(input.address_string), addressId: blank(input.address_id), lat, long, mediaUrls, accountId: blank(input.account_id), attributes });
  const complaint = await registerComplaint(ctx, actor, { ...parsed.data, content }, photos);
  // The query code lets the complainant follow the case on Youzhi's public status page; it is
  // returned once, to the key holder, like the code a window clerk hands over.
  const notice = [`已受理，查询码 ${complaint.queryCode} / Received; query code ${complaint.queryCode}`, replyNotice(complaint.replyDueDate)].filter(Boolean).join('；');
  return [{ service_request_id: complaint.trackingNo, service_notice: notice, account_id: blank(input.account_id) ?? null }];
}

// ---------------------------------------------------------------------------------------------
// GET requests

export interface ListRequestsQuery {
  jurisdiction_id?: string;
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * ISO 8601 instant. Without a zone it is the organisation's local time; a bare date means the
 * start of that local day, or — for end_date — its end, so `end_date=2026-09-30` includes the 30th.
 */
export function parseInstant(name: string, text: string, offsetMinutes: number, endOfDay: boolean): number {
  const m = isoPattern.exec(text.trim());
  const fail = () => badRequest(`${name} 不是有效的 ISO 8601 时间`, `${name} is not a valid ISO 8601 date-time`);
  if (!m) throw fail();
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)] as const;
  const wall = Date.UTC(...fields) + (frac ? Math.floor(Number(frac) * 1000) : 0);
  // Date.UTC rolls 2026-02-30 over to March: reject instead.
  const check = new Date(wall);
  if (check.getUTCFullYear() !== fields[0] || check.getUTCMonth() !== fields[1] || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) throw fail();
  let offset = offsetMinutes;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const z = zone.replace(':', '');
    offset = (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
    if (Math.abs(offset) > 14 * 60) throw fail();
  }
  const at = wall - offset * 60_000;
  return endOfDay && h === undefined ? at + DAY - 1 : at;
}

function listParam(name: string, text: string | undefined, allowed?: ReadonlySet<string>): Set<string> | null {
  if (text === undefined) return null;
  const values = text.split(',').map((v) => v.trim()).filter(Boolean);
  if (values.length === 0) return null;
  const unknown = allowed ? values.filter((v) => !allowed.has(v)) : [];
  if (unknown.length) throw badRequest(`${name} 取值无效：${unknown.join(', ')}`, `${name} must be one of ${[...(allowed ?? [])].join(', ')}; got ${unknown.join(', ')}`);
  return new Set(values);
}

/** The span asked for: default the last 90 days; one end given, the other 90 days from it. */
export function dateRange(query: ListRequestsQuery, offsetMinutes: number, now: number): { start: number; end: number } {
  const start = query.start_date ? parseInstant('start_date', query.start_date, offsetMinutes, false) : undefined;
  const end = query.end_date ? parseInstant('end_date', query.end_date, offsetMinutes, true) : undefined;
  const span = maxSpanDays * DAY;
  const range = { start: start ?? (end !== undefined ? end - span : now - span), end: end ?? (start !== undefined ? start + span : now) };
  if (range.end < range.start) throw badRequest('end_date 早于 start_date', 'end_date is before start_date');
  if (range.end - range.start > span) throw badRequest(`查询跨度不得超过 ${maxSpanDays} 天`, `start_date to end_date may span at most ${maxSpanDays} days`);
  return range;
}

const notVisible = new Set<ErrorCode>(['not_found', 'out_of_scope', 'forbidden']);

/**
 * A complaint as the caller may see it: in full when the key's user may open the case in Youzhi
 * (same organisation, unit scope, own cases for front-line roles — getCase decides), otherwise
 * through the feed's reader with personal fields left out by the mapping.
 */
async function visibleCase(ctx: AppContext, orgId: string, caseId: string, keyActor: Actor | null): Promise<{ view: CaseForOpen311; full: boolean }> {
  if (keyActor) {
    try {
      return { view: await getCase(ctx, keyActor, caseId), full: true };
    } catch (e) {
      if (!isAppError(e) || !notVisible.has(e.code)) throw e;
    }
  }
  return { view: await getCase(ctx, feedActor(orgId), caseId), full: false };
}

const trackingPattern = /^[A-Za-z0-9-]{4,40}$/;

async function findByTrackingNo(ctx: AppContext, orgId: string, trackingNo: string): Promise<string | undefined> {
  if (!trackingPattern.test(trackingNo)) return undefined;
  const pageSize = 100;
  // `q` matches the tracking number exactly or a title containing it; keep the exact match.
  for (let page = 1; ; page++) {
    const { items } = await listCases(ctx, feedActor(orgId), { type: 'complaint', q: trackingNo, page, pageSize });
    const hit = items.find((c) => c.trackingNo === trackingNo);
    if (hit) return hit.id;
    if (items.length < pageSize) return undefined;
  }
}

/** Complaints received in [start, end] matching the filters, newest first, at most maxResults. */
async function scanComplaints(ctx: AppContext, orgId: string, filter: { start: number; end: number; codes: Set<string> | null; statuses: Set<string> | null }): Promise<string[]> {
  const ids: string[] = [];
  const pageSize = 500;
  // listCases returns complaints newest received first: skip the newer ones, stop at the first older.
  for (let page = 1; ; page++) {
    const { items } = await listCases(ctx, feedActor(orgId), { type: 'complaint', page, pageSize });
    for (const c of items) {
      const at = c.receivedAt ? Date.parse(c.receivedAt) : NaN;
      if (at > filter.end) continue;
      if (!(at >= filter.start)) return ids;
      if (filter.codes && !filter.codes.has(c.category ?? '')) continue;
      if (filter.statuses && !filter.statuses.has(c.closed ? 'closed' : 'open')) continue;
      ids.push(c.id);
      if (ids.length >= maxResults) return ids;
    }
    if (items.length < pageSize) return ids;
  }
}

async function present(ctx: AppContext, j: Jurisdiction, caseIds: string[], keyActor: Actor | null): Promise<Open311Request[]> {
  const serviceNames = new Map((await categoriesOf(ctx, j.id)).map((c) => [c.code, c.zh]));
  const openFeed = openFeedFieldsOf(await policyForOrganisation(ctx, j.id));
  const staffNames = openFeed.description === 'masked' ? namePattern(await staffNamesOf(ctx, j.id)) : null;
  const out: Open311Request[] = [];
  for (const id of caseIds) {
    const { view, full } = await visibleCase(ctx, j.id, id, keyActor);
    out.push(toRequest(view, { agency: j.name, offsetMinutes: j.offsetMinutes, serviceNames, full, openFeed, staffNames }));
  }
  return out;
}

export async function listServiceRequests(ctx: AppContext, query: ListRequestsQuery, keyActor: Actor | null): Promise<Open311Request[]> {
  const j = await loadJurisdiction(ctx, query.jurisdiction_id);
  const wanted = listParam('service_request_id', query.service_request_id);
  if (wanted) {
    // The spec: service_request_id overrides every other parameter.
    if (wanted.size > maxIds) throw badRequest(`service_request_id 最多 ${maxIds} 个`, `at most ${maxIds} service_request_id values`);
    const ids: string[] = [];
    for (const trackingNo of wanted) {
      const id = await findByTrackingNo(ctx, j.id, trackingNo);
      if (id) ids.push(id);
    }
    return present(ctx, j, ids, keyActor);
  }
  const range = dateRange(query, j.offsetMinutes, ctx.clock.now());
  const codes = listParam('service_code', query.service_code);
  const statuses = listParam('status', query.status, new Set(['open', 'closed']));
  return present(ctx, j, await scanComplaints(ctx, j.id, { ...range, codes, statuses }), keyActor);
}

export async function getServiceRequest(ctx: AppContext, jurisdictionId: string | undefined, trackingNo: string, keyActor: Actor | null): Promise<Open311Request[]> {
  const j = await loadJurisdiction(ctx, jurisdictionId);
  const id = await findByTrackingNo(ctx, j.id, trackingNo);
  if (!id) throw new AppError('not_found', { message: message(`服务请求 ${trackingNo} 不存在`, `service_request_id ${trackingNo} not found`) });
  return present(ctx, j, [id], keyActor);
}

// ---------------------------------------------------------------------------------------------
// GET servicerequestupdates (GeoReport v2 extension)

export interface ListUpdatesQuery {
  jurisdiction_id?: string;
  start_date?: string;
  end_date?: string;
}

/**
 * The public events of complaints in the window (default and longest span as for requests),
 * oldest first, at most maxResults: registration, status changes, replies, deadline notices —
 * what the complainant's status page shows. The reply text goes only to a key whose user reads
 * every complaint of the organisation; anyone else gets the event's label.
 */
export async function listServiceRequestUpdates(ctx: AppContext, query: ListUpdatesQuery, keyActor: Actor | null) {
  const j = await loadJurisdiction(ctx, query.jurisdiction_id);
  const range = dateRange(query, j.offsetMinutes, ctx.clock.now());
  const updates = await listPublicCaseUpdates(ctx, feedActor(j.id), { type: 'complaint', from: range.start, to: range.end, limit: maxResults });
  const full = !!keyActor && keyActor.orgId === j.id && orgManagers.includes(keyActor.role);
  return updates.map((u) => toRequestUpdate(u, { offsetMinutes: j.offsetMinutes, full }));
}

// ---------------------------------------------------------------------------------------------
// POST servicerequestupdates: a citizen's comment on an open request

export interface PostUpdateInput {
  jurisdiction_id?: string;
  service_request_id: string;
  description: string;
}

/**
 * Adds what the citizen wrote to the complaint as a public 投诉人补充 event, through the case
 * engine (audit, timeline, version check); a closed request is refused by the workflow (409).
 */
export async function createServiceRequestUpdate(ctx: AppContext, actor: Actor, input: PostUpdateInput) {
  const j = await loadJurisdiction(ctx, input.jurisdiction_id);
  if (j.id !== actor.orgId) throw new AppError('forbidden', { message: message('api_key 不属于该管辖区', 'api_key does not belong to this jurisdiction_id') });
  const caseId = await findByTrackingNo(ctx, j.id, input.service_request_id);
  if (!caseId) throw new AppError('not_found', { message: message(`服务请求 ${input.service_request_id} 不存在`, `service_request_id ${input.service_request_id} not found`) });
  const current = await getCase(ctx, feedActor(j.id), caseId);
  const text = input.description.replace(/\r\n?/g, '\n').trim();
  const updated = await performCaseAction(ctx, actor, caseId, { action: 'complainant_comment', version: current.version, input: { text }, type: 'complaint' });
  const event = [...updated.timeline].reverse().find((e) => e.action === 'complainant_comment')!;
  return [{ update_id: updateId(input.service_request_id, Number(event.seq)), service_request_id: input.service_request_id }];
}
