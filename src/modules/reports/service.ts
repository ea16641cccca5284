import type { AppContext, Executor } from '../../shared/context.js';
import { managers, orgManagers, requireRole, systemActor, type Actor } from '../../shared/access.js';
import { appendAudit } from '../audit/service.js';
import { listCases } from '../cases/service.js';
import { notifyAddress, notifyUsers } from '../notifications/service.js';
import { getOwnOrganisation, listOrganisations } from '../organisations/service.js';
import { dailyFigures } from '../dashboard/index.js';
import { getDashboard, resolveScope, unitNames, type DashboardScope } from '../dashboard/service.js';
import { checkpointLine, localStamp, pct } from './format.js';
import { latestCheckpoint, publishCheckpoint } from '../audit/index.js';
import { businessHoursOf } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { renderMonthlyReport, type ReportSection } from './monthly-pdf.js';
import { inspectionsSection } from './inspections-section.js';
import { inspectionMonthSummary } from '../inspections/service.js';
import { repairReportSection } from '../repairs/service.js';
import { followUpReportSection } from '../followups/service.js';
import { ratingStatistics } from '../ratings/service.js';
import { lastClosedMonth } from '../../shared/months.js';
import { downloadName } from '../../shared/download.js';
import { bulletinAlreadySent, bulletinRecipients, recordBulletinRun } from './repository.js';

export { complaintRegisterPdf } from './register.js';

/** This month's 差评 reasons in scope, most frequent first (the analysis and the measures name them). */
async function negativeReasons(ctx: AppContext, actor: Actor, view: { from: string; to: string }, unitId?: string) {
  const stats = await ratingStatistics(ctx, actor, { from: view.from, to: view.to, unitId, groupBy: 'none' });
  return (stats.groups[0]?.reasons ?? []).map((r) => ({ code: r.code, label: r.zh, count: r.count }));
}

/**
 * 服务质量月报: the dashboard of the month (one source of truth) rendered as a Chinese PDF; audited
 * like an export. Without a month, the last closed one (the month before the current one).
 */
export async function monthlyReportPdf(ctx: AppContext, actor: Actor, query: { month?: string; unitId?: string }) {
  requireRole(actor, managers);
  const offset = businessHoursOf(await policyForOrganisation(ctx, actor.orgId)).utcOffsetMinutes;
  const month = query.month ?? lastClosedMonth(ctx.clock.now(), offset);
  const view = await getDashboard(ctx, actor, { month, unitId: query.unitId });
  // Last month's categories, for the comparison chart (the other figures carry their change).
  const previous = await getDashboard(ctx, actor, { month: view.previous.month, unitId: query.unitId });
  const names = await unitNames(ctx, actor.orgId);
  const overdue = await listCases(ctx, actor, { type: 'complaint', overdue: 'overdue', unitId: query.unitId, page: 1, pageSize: 200 });
  const items = overdue.items.map((c) => {
    const clock = c.clocks.find((k) => k.clockId === 'reply') ?? c.clocks[0];
    return { trackingNo: c.trackingNo, title: c.title, unitName: c.unitId ? (names.get(c.unitId) ?? '') : '未指定单位', dueDate: clock?.dueDate ?? null, severe: clock?.badge === 'severely_overdue' };
  });
  const { checkpoint } = await publishCheckpoint(ctx);
  const reasons = await negativeReasons(ctx, actor, view, query.unitId);
  // 明察暗访: the inspections service's figures for the month (the results screen's).
  const inspections = inspectionsSection(await inspectionMonthSummary(ctx, actor, { month, unitId: query.unitId }));
  // 故障报修 figures, for an organisation that takes repair work orders (utilities).
  const repairs = await repairReportSection(ctx, actor, month, query.unitId);
  // 回访/随访 figures, for an organisation that makes follow-up calls (hospitals: discharges).
  const followUps = await followUpReportSection(ctx, actor, month, query.unitId);
  const textSection = (s: { title: string; analysis: string; lines: string[] }): ReportSection => ({ title: s.title, analysis: s.analysis, blocks: s.lines.map((text) => ({ kind: 'text' as const, text, indent: 0, size: 10.5 })) });
  const sections: ReportSection[] = [inspections, ...[repairs, followUps].filter((s) => s !== null).map(textSection)];
  const pdf = await renderMonthlyReport(view, { items, total: overdue.total }, { previousCategories: previous.complaints.byCategory, negativeReasons: reasons, sector: (await policyForOrganisation(ctx, actor.orgId)).sector, generatedAt: localStamp(ctx.clock.now(), offset), checkpoint: checkpointLine(checkpoint, offset), sections });
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: 'report:monthly', entityId: actor.orgId, after: { month, unitId: query.unitId ?? null } }));
  const subject = view.scope ? `服务质量月报_${view.scope.unitName}` : '服务质量月报';
  return { filename: downloadName(subject, month, 'pdf'), pdf, view };
}

type Daily = Awaited<ReturnType<typeof dailyFigures>>;

export function bulletinText(orgName: string, scopeName: string | null, d: Daily, checkpoint: string | null = null): { subject: string; body: string } {
  const subject = `【每日来访投诉通报】${orgName}${scopeName ? ` ${scopeName}` : ''} ${d.date}`;
  const low = d.lowRatingRate;
  const lines = [
    subject,
    `来访（服务人次）${d.visits.recorded ? `${d.visits.value} 人次` : '未报送'}；评价 ${d.ratings.value} 条，满意率 ${pct(d.satisfactionRate.value)}，差评 ${d.negative.value} 条。`,
    `投诉：当日受理 ${d.complaintsReceived.value} 件，办结 ${d.complaintsClosed.value} 件，答复期限当日届满未按期答复 ${d.repliesMissed.value} 件；目前超期 ${d.overdueNow.value} 件（其中严重超期 ${d.severelyOverdueNow.value} 件）。`,
  ];
  // 003:L330: windows that seldom use the rating device are named.
  if (low.rule && low.windows.length) {
    const limit = `${{ gte: '≥', gt: '>', lte: '≤', lt: '<' }[low.rule.op] ?? low.rule.op} ${Math.round(low.rule.value * 10000) / 100}%`;
    lines.push(`评价率未达到 ${limit} 的窗口：${low.windows.map((w) => `${w.name} ${pct(w.ratingRate)}（${w.ratings}/${w.served}）`).join('；')}。`);
  }
  if (checkpoint) lines.push(checkpoint);
  return { subject, body: lines.join('\n') };
}

/** 每日来访投诉通报 (002:L108) for a day, in the caller's scope. */
export async function dailyBulletin(ctx: AppContext, actor: Actor, query: { date: string; unitId?: string }) {
  const scope = await resolveScope(ctx, actor, query.unitId);
  const org = await getOwnOrganisation(ctx, actor);
  const figures = await dailyFigures(ctx, actor.orgId, scope, query.date);
  const checkpoint = checkpointLine(latestCheckpoint(ctx), businessHoursOf(await policyForOrganisation(ctx, actor.orgId)).utcOffsetMinutes);
  return { organisation: { id: org.id, code: org.code, name: org.name }, scope: scope.unit, ...figures, ...bulletinText(org.name, scope.unit?.name ?? null, figures, checkpoint) };
}

interface BulletinMessage {
  userId: string;
  username: string;
  scope: string | null;
  subject: string;
  body: string;
  email: string | null;
}

/** The day's bulletin for each reader: the quality office the whole organisation, each unit head their subtree. */
async function composeBulletins(ctx: AppContext, org: { id: string; name: string }, date: string): Promise<BulletinMessage[]> {
  const byScope = new Map<string, { subject: string; body: string }>();
  const messages: BulletinMessage[] = [];
  // The bulletin publishes the audit log's state outside the database: a fresh checkpoint.
  const checkpoint = checkpointLine((await publishCheckpoint(ctx)).checkpoint, businessHoursOf(await policyForOrganisation(ctx, org.id)).utcOffsetMinutes);
  for (const u of await bulletinRecipients(ctx.db.kysely, org.id)) {
    const scope: DashboardScope = u.role === 'quality_office' ? { prefix: null, unit: null } : { prefix: u.unit_path ?? '/-none-/', unit: u.unit_id ? { id: u.unit_id, code: '', name: u.unit_name ?? '' } : null };
    const key = scope.prefix ?? '*';
    if (!byScope.has(key)) byScope.set(key, bulletinText(org.name, scope.unit?.name ?? null, await dailyFigures(ctx, org.id, scope, date), checkpoint));
    messages.push({ userId: u.id, username: u.username, scope: scope.unit?.name ?? null, ...byScope.get(key)!, email: u.email?.includes('@') ? u.email : null });
  }
  return messages;
}

/** Inbox for every reader, email for those with an address (through the outbox), audited — inside the caller's transaction. */
async function deliverBulletins(ctx: AppContext, trx: Executor, actor: Actor, date: string, messages: BulletinMessage[]) {
  const emails = messages.filter((m) => m.email);
  for (const m of messages) await notifyUsers(ctx, trx, { orgId: actor.orgId, userIds: [m.userId], subject: m.subject, body: m.body });
  for (const m of emails) await notifyAddress(ctx, trx, { orgId: actor.orgId, channel: 'email', address: m.email!, subject: m.subject, body: m.body });
  await appendAudit(ctx, trx, actor, { action: 'send', entity: 'report:daily', entityId: actor.orgId, after: { date, inbox: messages.map((m) => m.username), emails: emails.length } });
  return emails.length;
}

/** Sends the day's bulletin now (the quality office's button), to the inboxes and the email addresses of its readers. */
export async function sendDailyBulletin(ctx: AppContext, actor: Actor, query: { date: string }) {
  requireRole(actor, orgManagers);
  const org = await getOwnOrganisation(ctx, actor);
  const messages = await composeBulletins(ctx, org, query.date);
  const emails = await ctx.db.kysely.transaction().execute((trx) => deliverBulletins(ctx, trx, actor, query.date, messages));
  return {
    date: query.date,
    inbox: messages.map((m) => ({ userId: m.userId, username: m.username, scope: m.scope, subject: m.subject })),
    email: { queued: emails, withoutAddress: messages.filter((m) => !m.email).map((m) => m.username) },
  };
}

/**
 * The scheduled bulletin: once the pack's hour has come (reports.dailyBulletin.at, local time),
 * yesterday's bulletin goes out, once per organisation and day — the run row is inserted before
 * the messages in the same transaction, so nodes running the round together send it once.
 */
export async function sendScheduledBulletins(ctx: AppContext, options: { node: string }): Promise<number> {
  let sent = 0;
  for (const org of await listOrganisations(ctx)) {
    const pack = await policyForOrganisation(ctx, org.id);
    const schedule = pack.reports.dailyBulletin;
    if (!schedule.send.value) continue;
    const now = ctx.clock.now();
    const offset = businessHoursOf(pack).utcOffsetMinutes;
    const local = localStamp(now, offset); // 'YYYY-MM-DD HH:mm'
    if (local.slice(11) < schedule.at.value) continue;
    const date = localStamp(now - 86_400_000, offset).slice(0, 10);
    if (await bulletinAlreadySent(ctx.db.kysely, org.id, date)) continue;
    const messages = await composeBulletins(ctx, org, date);
    const actor = systemActor(org.id, 'daily-bulletin');
    const delivered = await ctx.db.kysely.transaction().execute(async (trx) => {
      if (!(await recordBulletinRun(trx, { org_id: org.id, date, sent_at: now, node: options.node }))) return false;
      await deliverBulletins(ctx, trx, actor, date, messages);
      return true;
    });
    if (delivered) sent++;
  }
  return sent;
}
