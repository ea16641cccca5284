import type { AppContext } from '../shared/context.js';
import { sweepDueClocks } from '../modules/cases/sweep.js';
import { deliverPendingNotifications, type AdapterRegistry } from '../modules/notifications/service.js';
import { sendScheduledBulletins } from '../modules/reports/service.js';
import { publishScheduledCheckpoint } from '../modules/audit/integrity.js';
import { sweepSanctions } from '../modules/sanctions/sweep.js';
import { takeScheduledBackup } from './backups.js';
import { deliverPendingWebhooks } from '../modules/webhooks/service.js';
import { sweepCampaignReminders } from '../modules/campaigns/reminders.js';
import { fillClosedPeriods } from '../modules/appraisals/job.js';

export interface JobLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * One round of background work: deadline sweep, the sanctions sweep, an audit checkpoint when one is due (before the
 * bulletin, which prints it), the daily bulletin when its hour has come, the notification outbox and the webhook
 * outbox, then the nightly backup when one is configured and due.
 */
export async function runBackgroundRound(ctx: AppContext, options: { node: string; adapters?: AdapterRegistry }) {
  const sweep = await sweepDueClocks(ctx, { node: options.node });
  // 奖惩: new facts propose, closed appeal windows make sanctions final (and post them to the ledger).
  const sanctions = await sweepSanctions(ctx);
  // 活动任务: reminders before a campaign task's deadline, once per task, unit and reminder day.
  const campaigns = await sweepCampaignReminders(ctx);
  // 个人考核: each template's last ended period is filled once (insert-or-ignore on its key).
  const appraisals = await fillClosedPeriods(ctx);
  const { checkpoint, published, broken } = await publishScheduledCheckpoint(ctx);
  const bulletins = await sendScheduledBulletins(ctx, { node: options.node });
  const delivery = await deliverPendingNotifications(ctx, options.adapters);
  // Webhooks: claimed by compare-and-set, so every node may run this step at once.
  const webhooks = await deliverPendingWebhooks(ctx, { node: options.node });
  // Last: a nightly backup must not hold up the deadlines.
  const backup = await takeScheduledBackup(ctx);
  return { sweep, sanctions, campaigns, appraisals, checkpoint: { published, seq: checkpoint?.seq ?? null, broken }, bulletins, delivery, webhooks, backup };
}

/**
 * Runs the background round every `intervalSeconds` in this process. Every node of a
 * PostgreSQL deployment may run it at once: the sweep and the outbox are compare-and-set.
 */
export function startScheduler(ctx: AppContext, options: { intervalSeconds: number; node: string; log: JobLogger; adapters?: AdapterRegistry }) {
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const report = await runBackgroundRound(ctx, options);
      if (report.checkpoint.broken) options.log.error(report, 'audit chain broken: no checkpoint published');
      else if (report.appraisals.failed.length) options.log.error(report, 'appraisal sheets not filled');
      else if (report.appraisals.periods || report.backup.taken || report.sweep.fired || report.delivery.sent || report.delivery.logged || report.delivery.failed || report.webhooks.delivered || report.webhooks.retrying || report.webhooks.failed) options.log.info(report, 'background round');
    } catch (e) {
      options.log.error({ err: e }, 'background round failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalSeconds * 1000);
  timer.unref();
  void tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
