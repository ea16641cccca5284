import type { AppContext } from '../../shared/context.js';
import { orgManagers, requireRole, type Actor } from '../../shared/access.js';
import { appendAudit } from '../audit/service.js';
import { listCases } from '../cases/service.js';
import { notifyAddress, notifyUsers } from '../notifications/service.js';
import { getOwnOrganisation } from '../organisations/service.js';
import { dailyFigures } from '../dashboard/daily.js';
import { getDashboard, resolveScope, unitNames, type DashboardScope } from '../dashboard/service.js';
import { localStamp, pct } from './format.js';
import { businessHoursOf } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { renderMonthlyReport } from './monthly-pdf.js';
import { bulletinRecipients } from './repository.js';

/** 服务质量月报: the dashboard of the month (one source of truth) rendered as a Chinese PDF; audited like an export. */
export async function monthlyReportPdf(ctx: AppContext, actor: Actor, query: { month: string; unitId?: string }) {
  const view = await getDashboard(ctx, actor, query);
  // Last month's categories, for the comparison chart (the other figures carry their change).
  const previous = await getDashboard(ctx, actor, { ...query, month: view.previous.month });
  const offset = businessHoursOf(await policyForOrganisation(ctx, actor.orgId)).utcOffsetMinutes;
  const names = await unitNames(ctx, actor.orgId);
  const overdue = await listCases(ctx, actor, { type: 'complaint', overdue: 'overdue', unitId: query.unitId, page: 1, pageSize: 200 });
  const items = overdue.items.map((c) => {
    const clock = c.clocks.find((k) => k.clockId === 'reply') ?? c.clocks[0];
    return { trackingNo: c.trackingNo, title: c.title, unitName: c.unitId ? (names.get(c.unitId) ?? '') : '未指定单位', dueDate: clock?.dueDate ?? null, severe: clock?.badge === 'severely_overdue' };
  });
  const pdf = await renderMonthlyReport(view, { items, total: overdue.total }, { previousCategories: previous.complaints.byCategory, generatedAt: localStamp(ctx.clock.now(), offset) });
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: 'report:monthly', entityId: actor.orgId, after: { month: query.month, unitId: query.unitId ?? null } }));
  return { filename: `monthly-report-${view.organisation.code}-${query.month}.pdf`, pdf, view };
}

type Daily = Awaited<ReturnType<typeof dailyFigures>>;

export function bulletinText(orgName: string, scopeName: string | null, d: Daily): { subject: string; body: string } {
  const subject = `【每日来访投诉通报】${orgName}${scopeName ? ` ${scopeName}` : ''} ${d.date}`;
  const body = [
    subject,
    `来访（服务人次）${d.visits.recorded ? `${d.visits.value} 人次` : '未报送'}；评价 ${d.ratings.value} 条，满意率 ${pct(d.satisfactionRate.value)}，差评 ${d.negative.value} 条。`,
    `投诉：当日受理 ${d.complaintsReceived.value} 件，办结 ${d.complaintsClosed.value} 件，答复期限当日届满未按期答复 ${d.repliesMissed.value} 件；目前超期 ${d.overdueNow.value} 件（其中严重超期 ${d.severelyOverdueNow.value} 件）。`,
  ].join('\n');
  return { subject, body };
}

/** 每日来访投诉通报 (002:L108) for a day, in the caller's scope. */
export async function dailyBulletin(ctx: AppContext, actor: Actor, query: { date: string; unitId?: string }) {
  const scope = await resolveScope(ctx, actor, query.unitId);
  const org = await getOwnOrganisation(ctx, actor);
  const figures = await dailyFigures(ctx, actor.orgId, scope, query.date);
  return { organisation: { id: org.id, code: org.code, name: org.name }, scope: scope.unit, ...figures, ...bulletinText(org.name, scope.unit?.name ?? null, figures) };
}

/**
 * Sends the day's bulletin to the inboxes of the quality office (whole organisation) and of each
 * unit head (their subtree), in one audited transaction. Email goes to a user's address only if
 * users have an email field — they do not yet (users table: no email column), so none is sent.
 */
export async function sendDailyBulletin(ctx: AppContext, actor: Actor, query: { date: string }) {
  requireRole(actor, orgManagers);
  const org = await getOwnOrganisation(ctx, actor);
  const recipients = await bulletinRecipients(ctx.db.kysely, actor.orgId);
  const byScope = new Map<string, { subject: string; body: string }>();
  const messages: { userId: string; username: string; scope: string | null; subject: string; body: string; email: string | null }[] = [];
  let emailField = false;
  for (const u of recipients) {
    const scope: DashboardScope = u.role === 'quality_office' ? { prefix: null, unit: null } : { prefix: u.unit_path ?? '/-none-/', unit: u.unit_id ? { id: u.unit_id, code: '', name: u.unit_name ?? '' } : null };
    const key = scope.prefix ?? '*';
    if (!byScope.has(key)) byScope.set(key, bulletinText(org.name, scope.unit?.name ?? null, await dailyFigures(ctx, actor.orgId, scope, query.date)));
    const email = (u as Record<string, unknown>).email;
    if ('email' in u) emailField = true;
    messages.push({ userId: u.id, username: u.username, scope: scope.unit?.name ?? null, ...byScope.get(key)!, email: typeof email === 'string' && email.includes('@') ? email : null });
  }
  const emails = messages.filter((m) => m.email);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const m of messages) await notifyUsers(ctx, trx, { orgId: actor.orgId, userIds: [m.userId], subject: m.subject, body: m.body });
    for (const m of emails) await notifyAddress(ctx, trx, { orgId: actor.orgId, channel: 'email', address: m.email!, subject: m.subject, body: m.body });
    await appendAudit(ctx, trx, actor, { action: 'send', entity: 'report:daily', entityId: actor.orgId, after: { date: query.date, inbox: messages.map((m) => m.username), emails: emails.length } });
  });
  return {
    date: query.date,
    inbox: messages.map((m) => ({ userId: m.userId, username: m.username, scope: m.scope, subject: m.subject })),
    email: { queued: emails.length, note: emailField ? null : 'Users have no email address field yet, so the bulletin went to in-app inboxes only (用户暂无邮箱字段，仅发送站内信).' },
  };
}
