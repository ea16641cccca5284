import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { orgManagers, requireRole, systemActor, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { lockForSeeding, onUniqueViolation } from '../../db/dialect.js';

const seedingLockKey = 20_07_0001;
import type { CalendarOverridesTable } from '../../db/types.js';
import {
  addWorkingDays,
  createWorkCalendar,
  describeDay,
  parseHolidayCnJson,
  parseIcsSchedule,
  workingDayDeadline,
  workingDaysBetween,
  type CalendarOverride,
  type NationalSchedule,
  type WorkCalendar,
} from '../../engines/calendar/index.js';
import { businessHoursOf } from '../../policy/index.js';
import { duplicateOf, fieldIssue, invalidFields } from '../../shared/issues.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { chineseDaysSchedule, chineseDaysSource } from './national-seed.js';
import type { CreateOverrideInput } from './schema.js';
import * as repo from './repository.js';
import { localDate } from '../../shared/months.js';

/**
 * Compiled calendars, per database: rebuilt when their data stamp changes. Stamps are re-read
 * after a few seconds (how long another app node may take to see an edit) or at once when this
 * process changed the data.
 */
const stampTtlMs = 5_000;
interface CalendarCache {
  national: { stamp: string; schedule: NationalSchedule; calendar: WorkCalendar; checkedAt: number } | null;
  orgs: Map<string, { stamp: string; hours: string; calendar: WorkCalendar; checkedAt: number }>;
}
const caches = new WeakMap<object, CalendarCache>();
const cacheOf = (ctx: AppContext) => caches.get(ctx.db) ?? caches.set(ctx.db, { national: null, orgs: new Map() }).get(ctx.db)!;

async function nationalSchedule(ctx: AppContext, db: Executor = ctx.db.kysely) {
  const cache = cacheOf(ctx);
  if (cache.national && Date.now() - cache.national.checkedAt < stampTtlMs) return cache.national;
  const stamp = await repo.readNationalStamp(db);
  if (cache.national?.stamp === stamp) {
    cache.national.checkedAt = Date.now();
    return cache.national;
  }
  const years = await repo.readCalendarYears(db);
  const days = await repo.readNationalDays(db);
  const schedule: NationalSchedule = {
    years: years.map((y) => y.year),
    offDays: days.filter((d) => d.kind === 'off').map((d) => d.date),
    workdays: days.filter((d) => d.kind === 'work').map((d) => d.date),
  };
  cache.national = { stamp, schedule, calendar: createWorkCalendar({ schedule }), checkedAt: Date.now() };
  cache.orgs.clear();
  return cache.national;
}

/** The working-day calendar of an organisation: national schedule, its overrides and its business hours. */
export async function calendarForOrganisation(ctx: AppContext, orgId: string, db: Executor = ctx.db.kysely): Promise<WorkCalendar> {
  const base = await nationalSchedule(ctx, db);
  const pack = await policyForOrganisation(ctx, orgId, db);
  const hours = businessHoursOf(pack);
  const hoursKey = JSON.stringify(hours);
  const orgs = cacheOf(ctx).orgs;
  const hit = orgs.get(orgId);
  if (hit && hit.hours === hoursKey && Date.now() - hit.checkedAt < stampTtlMs) return hit.calendar;
  const stamp = `${base.stamp}|${await repo.readOverridesStamp(db, orgId)}`;
  if (hit && hit.stamp === stamp && hit.hours === hoursKey) {
    hit.checkedAt = Date.now();
    return hit.calendar;
  }
  const overrides: CalendarOverride[] = (await repo.readOverrides(db, orgId)).map((o) => ({
    date: o.date,
    kind: o.kind as CalendarOverride['kind'],
    periods: parseJson(o.periods, undefined),
  }));
  const calendar = createWorkCalendar({ schedule: base.schedule, overrides, hours });
  orgs.set(orgId, { stamp, hours: hoursKey, calendar, checkedAt: Date.now() });
  return calendar;
}

/** Without a caller, the national calendar (anonymous deadline look-ups). */
async function calendarFor(ctx: AppContext, actor: Actor | null): Promise<WorkCalendar> {
  return actor ? calendarForOrganisation(ctx, actor.orgId) : (await nationalSchedule(ctx)).calendar;
}

export async function addWorkingDaysFor(ctx: AppContext, actor: Actor | null, options: { date: string; days: number }) {
  return { date: addWorkingDays(await calendarFor(ctx, actor), options.date, options.days) };
}

export async function countWorkingDaysFor(ctx: AppContext, actor: Actor | null, options: { from: string; to: string }) {
  return { workingDays: workingDaysBetween(await calendarFor(ctx, actor), options.from, options.to) };
}

/** 期限计算器: the due date of a matter received at an instant, per RULES §1 (receipt day not counted; after closing → next working day). */
export async function computeDeadline(ctx: AppContext, actor: Actor | null, options: { receivedAt: string; days: number }) {
  const { dueDate, dueAt } = workingDayDeadline(await calendarFor(ctx, actor), Date.parse(options.receivedAt), options.days);
  return { dueDate, dueAt: new Date(dueAt).toISOString() };
}

const maxRangeDays = 400;

/** Every day of a range with why it is or is not a working day, for a month view. */
export async function describeDays(ctx: AppContext, actor: Actor, options: { from: string; to: string }) {
  const from = Date.parse(`${options.from}T00:00:00Z`);
  const to = Date.parse(`${options.to}T00:00:00Z`);
  if (!(to >= from) || (to - from) / 86_400_000 > maxRangeDays) {
    throw invalidFields(fieldIssue('querystring.to', { zh: `结束日期不得早于开始日期，范围最多 ${maxRangeDays} 天`, en: `to must not be before from, at most ${maxRangeDays} days` }));
  }
  const calendar = await calendarForOrganisation(ctx, actor.orgId);
  const names = new Map((await repo.readNationalDays(ctx.db.kysely)).filter((d) => d.date >= options.from && d.date <= options.to).map((d) => [d.date, d.name]));
  const overrides = new Map((await repo.readOverrides(ctx.db.kysely, actor.orgId, options.from, options.to)).map((o) => [o.date, o]));
  const days = [];
  for (let t = from; t <= to; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const override = overrides.get(date);
    days.push({ ...describeDay(calendar, date), holidayName: names.get(date) ?? null, overrideId: override?.id ?? null, note: override?.note ?? null });
  }
  return { days };
}

function presentOverride(row: CalendarOverridesTable) {
  return { id: row.id, date: row.date, kind: row.kind, periods: parseJson(row.periods, null), note: row.note, version: row.version };
}

export async function listOverrides(ctx: AppContext, actor: Actor, options: { from?: string; to?: string }) {
  return { items: (await repo.readOverrides(ctx.db.kysely, actor.orgId, options.from, options.to)).map(presentOverride) };
}

/** 单位日历例外: a closure, an extra working day or a half day for the whole organisation. */
export async function createOverride(ctx: AppContext, actor: Actor, input: CreateOverrideInput) {
  requireRole(actor, orgManagers);
  const now = ctx.clock.now();
  const row: CalendarOverridesTable = {
    id: newId(now),
    org_id: actor.orgId,
    date: input.date,
    kind: input.kind,
    periods: input.periods ? JSON.stringify(input.periods) : null,
    note: input.note ?? '',
    created_at: now,
    updated_at: now,
    version: 1,
  };
  // Validate against the engine before storing: a bad period list must not poison the calendar.
  const pack = await policyForOrganisation(ctx, actor.orgId);
  createWorkCalendar({ schedule: { years: [Number(input.date.slice(0, 4))], offDays: [], workdays: [] }, overrides: [{ date: input.date, kind: input.kind, periods: input.periods }], hours: businessHoursOf(pack) });
  await onUniqueViolation(
    () =>
      ctx.db.kysely.transaction().execute(async (trx) => {
        await repo.insertOverride(trx, row);
        cacheOf(ctx).orgs.delete(actor.orgId);
        await appendAudit(ctx, trx, actor, { action: 'create', entity: 'calendar_override', entityId: row.id, after: presentOverride(row) });
      }),
    () => duplicateOf('date', { zh: '该日期的单位例外', en: 'An override on this date' }),
  );
  cacheOf(ctx).orgs.delete(actor.orgId); // again after commit: a read in between may have cached the old data
  return presentOverride(row);
}

export async function deleteOverride(ctx: AppContext, actor: Actor, id: string, version: number) {
  requireRole(actor, orgManagers);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await repo.findOverride(trx, id);
    if (!row || row.org_id !== actor.orgId) throw new AppError('not_found');
    if (!(await repo.deleteOverrideIfVersion(trx, id, version))) throw new AppError('version_conflict');
    cacheOf(ctx).orgs.delete(actor.orgId);
    await appendAudit(ctx, trx, actor, { action: 'delete', entity: 'calendar_override', entityId: id, before: presentOverride(row) });
  });
  cacheOf(ctx).orgs.delete(actor.orgId);
}

/**
 * From this day (MM-DD) administrators are reminded to import next year's schedule: the State
 * Council usually publishes 放假安排 in late October or November. A product decision, not a seed rule.
 */
const nextYearReminderFrom = '11-01';

/**
 * Years with a loaded national schedule, the server's date in the organisation's time zone, and
 * whether next year's schedule is due: cases whose deadline reaches a missing year wait (期限待定).
 */
export async function listScheduleYears(ctx: AppContext, actor: Actor) {
  const years = await repo.readCalendarYears(ctx.db.kysely);
  const { utcOffsetMinutes } = businessHoursOf(await policyForOrganisation(ctx, actor.orgId));
  const today = localDate(ctx.clock.now(), utcOffsetMinutes);
  const next = Number(today.slice(0, 4)) + 1;
  const loaded = years.some((y) => y.year === next);
  const remindFrom = `${today.slice(0, 4)}-${nextYearReminderFrom}`;
  return {
    items: years.map((y) => ({ year: y.year, source: y.source, importedAt: new Date(Number(y.imported_at)).toISOString() })),
    today,
    nextYear: { year: next, loaded, remindFrom, remind: !loaded && today >= remindFrom },
  };
}

/** Parses a holiday-cn JSON or iCalendar file; throws the engine's calendar_format_invalid on bad input. */
export function parseScheduleFile(format: 'holiday-cn' | 'ics', content: string): { schedule: NationalSchedule; names: Record<string, string> } {
  if (format === 'ics') return { schedule: parseIcsSchedule(content), names: {} };
  const schedule = parseHolidayCnJson(content);
  const names: Record<string, string> = {};
  for (const d of (JSON.parse(content) as { days?: { date?: unknown; name?: unknown }[] }).days ?? []) {
    if (typeof d.date === 'string' && typeof d.name === 'string') names[d.date] = d.name.slice(0, 40);
  }
  return { schedule, names };
}

/** Checks the caller first, then parses and imports an uploaded schedule file. */
export async function importScheduleFile(ctx: AppContext, actor: Actor, options: { format: 'holiday-cn' | 'ics'; content: string; source?: string }) {
  requireRole(actor, ['admin']);
  const { schedule, names } = parseScheduleFile(options.format, options.content);
  return importNationalSchedule(ctx, actor, { schedule, names, source: options.source ?? `upload:${options.format}` });
}

/** Imports (or replaces) whole years of the national schedule, e.g. next year's 放假安排. */
export async function importNationalSchedule(ctx: AppContext, actor: Actor, options: ImportScheduleOptions) {
  requireRole(actor, ['admin']);
  await ctx.db.kysely.transaction().execute((trx) => writeSchedule(ctx, trx, actor, options));
  cacheOf(ctx).national = null;
  return { years: options.schedule.years, source: options.source };
}

interface ImportScheduleOptions {
  schedule: NationalSchedule;
  source: string;
  names?: Record<string, string>;
}

async function writeSchedule(ctx: AppContext, trx: Executor, actor: Actor, options: ImportScheduleOptions) {
  const { schedule } = options;
  const now = ctx.clock.now();
  const yearOf = (d: string) => Number(d.slice(0, 4));
  for (const year of schedule.years) {
    // A day belongs to its own year's schedule, or to the adjacent one when its own year is not in the file.
    const belongs = (d: string) => yearOf(d) === year || (!schedule.years.includes(yearOf(d)) && Math.abs(yearOf(d) - year) === 1);
    const days = [
      ...schedule.offDays.filter(belongs).map((date) => ({ date, kind: 'off' as const, name: options.names?.[date] ?? '' })),
      ...schedule.workdays.filter(belongs).map((date) => ({ date, kind: 'work' as const, name: options.names?.[date] ?? '' })),
    ];
    await repo.replaceScheduleYear(trx, year, days, options.source, now);
    cacheOf(ctx).national = null;
    await appendAudit(ctx, trx, actor, { action: 'import', entity: 'calendar_year', entityId: String(year), after: { year, source: options.source, days: days.length } });
  }
}

/** First start: load the bundled national schedules if the database has none. */
export async function seedNationalCalendarIfEmpty(ctx: AppContext): Promise<number[]> {
  if ((await repo.readCalendarYears(ctx.db.kysely)).length > 0) return [];
  const { schedule, names } = chineseDaysSchedule();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    // Several processes may start at once on one PostgreSQL: one seeds, the others find it done.
    await lockForSeeding(trx, ctx.db.dialect, seedingLockKey);
    if ((await repo.readCalendarYears(trx)).length > 0) return [];
    await writeSchedule(ctx, trx, systemActor('', 'system'), { schedule, names, source: chineseDaysSource });
    return schedule.years;
  });
}

