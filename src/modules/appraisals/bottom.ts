/**
 * 末位 (003:L94): when every sheet of a period is approved the period closes, and — once per
 * period — the template's bottom rule is checked over its last N approved periods: a person last
 * of their unit in each of them gets an interview (约谈) or training task for their unit head, sent
 * as an inbox message and recorded in the audit log.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { bottomOfUnit, type BottomEntry } from '../../engines/appraisal/index.js';
import { appendAudit } from '../audit/service.js';
import { notifyUsers } from '../notifications/service.js';
import { nearestUnitHeadIds } from '../users/service.js';
import { templateOf } from './fill.js';
import * as repo from './repository.js';
import { bottomRuleFor } from './template.js';

const actionWords = { interview: { zh: '约谈', en: 'an interview' }, training: { zh: '培训', en: 'training' } } as const;

export async function afterApproval(ctx: AppContext, trx: Executor, actor: Actor, periodId: string) {
  const now = ctx.clock.now();
  if (!(await repo.closePeriodIfDone(trx, actor.orgId, periodId, now))) return;
  const period = (await repo.findPeriodById(trx, actor.orgId, periodId))!;
  const rule = await bottomRuleFor(ctx, period.org_id, templateOf(period));
  if (!(await repo.markBottomChecked(trx, actor.orgId, periodId, now))) return;
  const history = await repo.findApprovedHistory(trx, period.org_id, period.template_code, period.to_date, rule.consecutive);
  if (history.length < rule.consecutive) return;
  // Oldest first; a person's unit is the one on the sheet of each period.
  const entries: BottomEntry[][] = [...history].reverse().map((h) => h.sheets.filter((s) => s.unit_id).map((s) => ({ period: h.label, unitId: s.unit_id as string, staffId: s.staff_id, total: s.total })));
  const findings = bottomOfUnit(entries, rule.consecutive);
  if (findings.length === 0) return;
  const names = new Map((await repo.findStaffNames(trx, actor.orgId, findings.map((f) => f.staffId))).map((s) => [s.id, s.name]));
  const units = new Map((await repo.findUnitPaths(trx, actor.orgId, findings.map((f) => f.unitId))).map((u) => [u.id, u]));
  const words = actionWords[rule.action];
  for (const f of findings) {
    const unit = units.get(f.unitId);
    if (!unit) continue;
    const heads = await nearestUnitHeadIds(ctx, period.org_id, unit.path, trx);
    const name = names.get(f.staffId) ?? f.staffId;
    if (heads.length) {
      await notifyUsers(ctx, trx, {
        orgId: period.org_id,
        userIds: heads,
        subject: `【末位${words.zh}】${name}（${unit.name}）`,
        body: `${name} 连续 ${f.periods.length} 个考核期（${f.periods.join('、')}）在${unit.name}考核排名末位，请安排${words.zh}。`,
      });
    }
    await appendAudit(ctx, trx, actor, { action: `bottom_${rule.action}`, entity: 'appraisal_period', entityId: periodId, after: { staffId: f.staffId, unitId: f.unitId, periods: f.periods, heads, action: rule.action } });
  }
}
