/**
 * The notice of a decision to the person concerned and the appeal window it opens (申诉, RULES §5
 * decision: 5 working days from the notice, counted like every deadline — the day of the notice
 * not counted, 调休 make-up days counted as working days). The window stays open to the end of
 * its last working day in the organisation's time.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { dayPeriod } from '../../shared/months.js';
import { workingDayDeadline } from '../../engines/calendar/index.js';
import { appealWindowDays, businessHoursOf, type PolicyPack } from '../../policy/index.js';
import type { SanctionsTable } from '../../db/types.js';
import { calendarForOrganisation } from '../calendar/service.js';
import { yuan } from '../../shared/money.js';
import { notifyAddress, notifyUsers } from '../notifications/service.js';
import { nearestUnitHeadContacts, usersOfStaff } from '../users/service.js';
import { parseJson } from '../../shared/json.js';
import type { StoredEvaluation } from './present.js';

export async function appealWindowOf(ctx: AppContext, db: Executor, pack: PolicyPack, orgId: string, noticeAt: number) {
  const cal = await calendarForOrganisation(ctx, orgId, db);
  const { dueDate } = workingDayDeadline(cal, noticeAt, appealWindowDays(pack));
  return { dueDate, closesAt: dayPeriod(dueDate, businessHoursOf(pack).utcOffsetMinutes).end };
}

/** In-app to the person's users (or the unit's heads for a unit's sanction), and email to those with an address. */
export async function sendNotice(ctx: AppContext, trx: Executor, row: SanctionsTable, dueDate: string | null) {
  const contacts = row.staff_id
    ? (await usersOfStaff(ctx, row.org_id, row.staff_id, trx)).map((u) => ({ userId: u.id, email: u.email }))
    : await nearestUnitHeadContacts(ctx, row.org_id, row.unit_path, trx);
  if (contacts.length === 0) return;
  const ev = parseJson<StoredEvaluation | null>(row.evaluation, null);
  const what = row.direction === 'reward' ? '奖励' : '处罚';
  const money = Number(row.amount_fen) > 0 ? `${yuan(Number(row.amount_fen))} 元` : '';
  const subject = `【奖惩通知】${ev?.rule.label.zh ?? row.rule_code}`;
  const body = [
    `经奖惩委员会决定，对您${what}${money ? ` ${money}` : ''}。`,
    ev ? `依据：${ev.rule.label.zh}（${ev.rule.citation}）。${ev.breakdown.map((b) => b.zh).join('；')}` : '',
    row.direction === 'fine' && dueDate ? `如有异议，可在 ${dueDate}（含）前在系统中提出申诉。` : '',
  ]
    .filter(Boolean)
    .join('\n');
  await notifyUsers(ctx, trx, { orgId: row.org_id, userIds: contacts.map((c) => c.userId), subject, body });
  for (const c of contacts) if (c.email) await notifyAddress(ctx, trx, { orgId: row.org_id, channel: 'email', address: c.email, subject, body });
}
