import type { AppContext, Executor } from '../../shared/context.js';
import type { CasesTable } from '../../db/types.js';
import { parseJson } from '../../shared/json.js';
import { randomToken, sha256Hex } from '../../shared/ids.js';
import { ratingSettings, type PolicyPack } from '../../policy/index.js';
import type { CaseTypeDefinition } from '../cases/index.js';
import { amendCase, registerCaseWith } from '../cases/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { notifyAddress } from '../notifications/service.js';
import type { Actor } from '../../shared/access.js';
import { failedOutcomes, followUpActionInputs, type AttemptOutcome, type FollowUpAnswers } from './schema.js';
import { followUpWorkflow } from './workflow.js';

type Data = Record<string, any>;

/** The pack's count of failed call attempts that makes a follow-up unreachable (cases.follow_up.standards). */
export function maxFailedAttemptsOf(pack: PolicyPack): number {
  return pack.cases.follow_up?.standards?.max_failed_attempts?.limit.value ?? 3;
}

/** The failed attempts recorded on a follow-up so far. */
export const failedAttempts = (data: Data) => ((data.attempts ?? []) as { outcome: AttemptOutcome }[]).filter((a) => failedOutcomes.includes(a.outcome)).length;

/** 不满意 or worse: the pack's negative rating levels (RULES §2 Decisions: a negative answer opens a rectification). */
export function isNegative(pack: PolicyPack, satisfaction: number): boolean {
  return ratingSettings(pack).negativeLevels.includes(satisfaction);
}

/** The one-time link's token: the follow-up's id and a secret only its hash is kept of. */
export function linkTokenOf(caseId: string, secret: string) {
  return `${caseId}.${secret}`;
}

export function splitLinkToken(token: string): { caseId: string; secret: string } | null {
  const dot = token.indexOf('.');
  if (dot < 1) return null;
  return { caseId: token.slice(0, dot), secret: token.slice(dot + 1) };
}

/** 随访不满意 → 整改: the unit that made the follow-up rectifies, and calls the patient back. */
async function openRectification(ctx: AppContext, trx: Executor, actor: Actor, followUp: CasesTable, answers: FollowUpAnswers, levelLabel: string) {
  const contact = parseJson<Data>(followUp.contact, {});
  const { row } = await registerCaseWith(ctx, trx, actor, {
    type: 'rectification',
    channel: 'follow_up',
    title: `随访不满意整改：${levelLabel}（${followUp.tracking_no}）`,
    content: answers.comment || `${followUp.title}：${levelLabel}`,
    receivedAt: ctx.clock.now(),
    unitId: followUp.unit_id,
    unitPath: followUp.unit_path,
    staffId: followUp.staff_id,
    data: { source: 'follow_up', followUpId: followUp.id, followUpTrackingNo: followUp.tracking_no, level: answers.satisfaction },
    contact: contact.phone ? { name: contact.name ?? null, phone: contact.phone } : {},
    clocks: contact.phone ? ['callback', 'feedback'] : ['feedback'],
  });
  return row;
}

/** How the patient was last tried (the answers after a reached home visit were given at home). */
const lastAttemptKind = (data: Data): string => ((data.attempts ?? []) as { kind?: string }[]).at(-1)?.kind ?? 'call';

function reduce(action: string, input: any, current: { data: Data }, meta: { now: number; actor: Actor }) {
  const stamp = { at: new Date(meta.now).toISOString(), by: meta.actor.username };
  switch (action) {
    case 'attempt':
      return {
        data: { attempts: [...((current.data.attempts as unknown[]) ?? []), { kind: input.kind ?? 'call', outcome: input.outcome, address: input.address ?? null, visitor: input.visitor ?? null, note: input.note ?? null, ...stamp }] },
        note: input.note ?? input.outcome,
      };
    case 'recorded_on_source':
      return { data: { recordedOnSource: { trackingNo: input.trackingNo, summary: input.summary, ...stamp } }, note: input.summary };
    case 'record_answers':
    case 'answer_by_link':
      return { data: { answers: { ...input, via: action === 'answer_by_link' ? 'link' : lastAttemptKind(current.data) === 'home_visit' ? 'home_visit' : 'call', ...stamp } }, note: input.comment };
    case 'send_link':
      return { data: { link: { hash: null, sentAt: stamp.at, by: stamp.by, usedAt: null } } };
    default:
      return { note: input.text };
  }
}

export const followUpType: CaseTypeDefinition = {
  type: 'follow_up',
  trackingPrefix: 'SF',
  workflow: followUpWorkflow,
  inputs: followUpActionInputs,
  settings: (pack) => ({ maxFailedAttempts: maxFailedAttemptsOf(pack) }),
  reduce,
  variant(action, input, current) {
    if (action !== 'attempt') return undefined;
    const outcome = input.outcome as AttemptOutcome;
    if (outcome === 'reached' || outcome === 'refused') return outcome;
    const max = Number(current.settings.maxFailedAttempts ?? 3);
    return failedAttempts(current.data) + 1 >= max ? 'unreachable' : 'failed';
  },
  async after({ ctx, trx, actor, after, action, input }) {
    const data = parseJson<Data>(after.data, {});
    if (action === 'send_link') {
      // A new link replaces the one sent before: only the latest one's hash is kept.
      const secret = randomToken(18);
      await amendCase(trx, after.id, { data: JSON.stringify({ ...data, link: { ...data.link, hash: sha256Hex(secret) } }) });
      const contact = parseJson<Data>(after.contact, {});
      const url = `${ctx.config.publicUrl ?? ''}/f/${linkTokenOf(after.id, secret)}`;
      await notifyAddress(ctx, trx, { orgId: after.org_id, channel: 'sms', address: String(contact.phone), subject: `随访问卷 ${after.tracking_no}`, body: `您好，${after.title}。请花一分钟填写随访问卷（仅可提交一次）：${url}`, caseId: after.id });
    }
    if (action === 'record_answers' || action === 'answer_by_link') {
      const answers = input as FollowUpAnswers;
      const pack = await policyForOrganisation(ctx, after.org_id, trx);
      const next: Data = { ...data, ...(action === 'answer_by_link' ? { link: { ...data.link, usedAt: new Date(ctx.clock.now()).toISOString() } } : {}) };
      // A 差评's follow-up is already linked to the rectification the 差评 opened: no second one.
      if (isNegative(pack, answers.satisfaction) && !data.rectification) {
        const level = ratingSettings(pack).levels.find((l) => l.value === answers.satisfaction)?.zh ?? String(answers.satisfaction);
        const rect = await openRectification(ctx, trx, actor, after, answers, level);
        next.rectification = { caseId: rect.id, trackingNo: rect.tracking_no };
      }
      await amendCase(trx, after.id, { data: JSON.stringify(next) });
    }
  },
};
