/**
 * Reminders before a deadline (issue 18 item 1): each day the background round tells the heads of
 * every unit in an active campaign that has not delivered a task, on the campaign's reminder days
 * before its due date (today in the organisation's time zone). Each (task, unit, day) is claimed
 * once in campaign_reminders, so several nodes or a rerun never send it twice.
 */
import type { AppContext } from '../../shared/context.js';
import { localDate } from '../../shared/months.js';
import { parseJson } from '../../shared/json.js';
import { addDays, reminderDaysDue } from '../../engines/campaigns/index.js';
import { businessHoursOf } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { nearestUnitHeadIds } from '../users/service.js';
import { notifyUsers } from '../notifications/service.js';
import * as repo from './repository.js';

export async function sweepCampaignReminders(ctx: AppContext): Promise<{ sent: number }> {
  const now = ctx.clock.now();
  // A day's margin on either side of UTC; each organisation's own "today" decides below.
  const tasks = await repo.findOpenTasksDueFrom(ctx.db.kysely, addDays(localDate(now, 0), -1));
  if (tasks.length === 0) return { sent: 0 };
  const units = await repo.findUnitsOfCampaigns(ctx.db.kysely, [...new Set(tasks.map((t) => t.campaign_id))]);
  const submitted = new Set((await repo.findSubmittedPairs(ctx.db.kysely, tasks.map((t) => t.task_id))).map((p) => `${p.task_id}|${p.unit_id}`));
  const todayOf = new Map<string, string>();
  let sent = 0;
  for (const task of tasks) {
    if (!todayOf.has(task.org_id)) todayOf.set(task.org_id, localDate(now, businessHoursOf(await policyForOrganisation(ctx, task.org_id)).utcOffsetMinutes));
    const today = todayOf.get(task.org_id)!;
    const days = reminderDaysDue(task.due_on, parseJson<{ reminderDaysBefore?: number[] }>(task.settings, {}).reminderDaysBefore ?? [], today);
    if (days.length === 0) continue;
    for (const unit of units.filter((u) => u.campaign_id === task.campaign_id && !submitted.has(`${task.task_id}|${u.unit_id}`))) {
      await ctx.db.kysely.transaction().execute(async (trx) => {
        // Claim every reminder day already reached; send once, for the nearest one.
        let fresh = false;
        for (const n of days) fresh = (await repo.claimReminder(trx, { campaign_id: task.campaign_id, task_id: task.task_id, unit_id: unit.unit_id, days_before: n, sent_at: now })) || fresh;
        if (!fresh) return;
        const userIds = await nearestUnitHeadIds(ctx, task.org_id, unit.unit_path, trx);
        if (userIds.length === 0) return;
        await notifyUsers(ctx, trx, { orgId: task.org_id, userIds, subject: `【活动任务提醒】${task.title}`, body: `“${task.label_zh}”须于 ${task.due_on} 前报送（含当日）。` });
        sent += 1;
      });
    }
  }
  return { sent };
}
