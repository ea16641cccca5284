/**
 * One callback, not two (issue 17): a work order's callback (回访, 004:L76, L214) and a 差评
 * rater's callback (the rectification's callback step) are made as the follow-up opened for them.
 * The follow-up holds the attempts and the answers; when it ends, it records the callback on the
 * case it was opened for (the work order's `callback`, the rectification's `record_callback`),
 * stopping that case's callback clock. A callback recorded on that case directly (the dispatcher's
 * desk, the rectification screen) settles the follow-up instead, so neither is left waiting.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { systemActor } from '../../shared/access.js';
import { parseJson } from '../../shared/json.js';
import type { CasesTable } from '../../db/types.js';
import { ratingSettings } from '../../policy/index.js';
import { casesByIds, performCaseActionWith } from '../cases/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { sourceCaseRole } from './workflow.js';
import * as repo from './repository.js';

type Data = Record<string, any>;

/** The case a follow-up records its callback on: the work order, or the rectification a 差评 opened. */
function callbackCaseOf(followUp: CasesTable): { id: string; action: 'callback' | 'record_callback' } | null {
  const data = parseJson<Data>(followUp.data, {});
  if (followUp.channel === 'repair' && data.sourceCaseId) return { id: String(data.sourceCaseId), action: 'callback' };
  if (followUp.channel === 'rating' && data.rectification?.caseId) return { id: String(data.rectification.caseId), action: 'record_callback' };
  return null;
}

/** The follow-up's ending in words, for the callback recorded on the other case. */
function summaryOf(followUp: CasesTable, data: Data): string {
  const answers = data.answers as { satisfaction?: number; comment?: string; via?: string } | undefined;
  const last = (data.attempts ?? []).at(-1) as { kind?: string } | undefined;
  const how = answers?.via === 'link' ? '短信问卷' : last?.kind === 'home_visit' ? '上门随访' : '电话回访';
  const ended: Record<string, string> = { completed: '已完成', refused: '用户拒绝回访', unreachable: '多次联系未果，无法联系' };
  const said = answers?.comment ? `：${answers.comment}` : '';
  return `${how}（${followUp.tracking_no}）${ended[followUp.status] ?? followUp.status}${answers?.satisfaction ? `，满意度 ${answers.satisfaction}` : ''}${said}`.slice(0, 1000);
}

/** A follow-up has ended: its callback goes on the case it was opened for, where that case still waits for one. */
export async function recordCallbackOnSource(ctx: AppContext, trx: Executor, followUp: CasesTable): Promise<void> {
  const target = callbackCaseOf(followUp);
  if (!target) return;
  const [kase] = await casesByIds(trx, [target.id]);
  if (!kase || parseJson<Data>(kase.data, {}).callback) return;
  const waiting = target.action === 'callback' ? kase.status === 'completed' : kase.status === 'open';
  if (!waiting) return;
  const data = parseJson<Data>(followUp.data, {});
  const satisfaction = data.answers?.satisfaction as number | undefined;
  const positive = ratingSettings(await policyForOrganisation(ctx, followUp.org_id, trx)).positiveLevels;
  const result = summaryOf(followUp, data);
  const last = (data.attempts ?? []).at(-1) as { kind?: string } | undefined;
  const input =
    target.action === 'callback'
      ? { outcome: result, satisfied: satisfaction !== undefined && positive.includes(satisfaction) }
      : { reached: followUp.status !== 'unreachable', channel: data.answers?.via === 'link' || last?.kind === 'sms' ? 'sms' : last?.kind === 'home_visit' ? 'visit' : 'phone', result };
  await performCaseActionWith(ctx, trx, systemActor(followUp.org_id, 'follow-up'), kase.id, { action: target.action, version: kase.version, input });
}

/**
 * The callback was recorded on the case itself: its open follow-up (found by its origin key) is
 * settled with it — done, its clock stopped, the callback named — instead of being called again.
 */
export async function settleFollowUpOf(ctx: AppContext, trx: Executor, orgId: string, key: string, kase: Pick<CasesTable, 'tracking_no'>, summary: string): Promise<void> {
  const found = await repo.findFollowUpByKey(trx, orgId, key);
  if (!found) return;
  const [followUp] = await casesByIds(trx, [found.id]);
  if (!followUp || followUp.closed_at !== null) return;
  await performCaseActionWith(ctx, trx, systemActor(orgId, 'follow-up'), followUp.id, {
    action: 'recorded_on_source',
    version: followUp.version,
    role: sourceCaseRole,
    input: { trackingNo: kase.tracking_no, summary: summary.slice(0, 1000) },
  });
}
