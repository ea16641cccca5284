import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import type { CasesTable } from '../../db/types.js';
import { parseJson } from '../../shared/json.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { requireNotInFuture } from '../../shared/fields.js';
import { startClock, stopClock, type ClockRun } from '../../engines/sla/index.js';
import { clockFor, type PolicyPack } from '../../policy/index.js';
import { evaluatedClockRow, runOf, type ActionOutcome, type CaseTypeDefinition } from '../cases/index.js';
import { amendCase, caseClocksOf, storeCaseClock } from '../cases/service.js';
import { attachBytesWith } from '../attachments/service.js';
import { calendarForOrganisation } from '../calendar/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { recordIncident } from '../incidents/service.js';
import { notifyAddress, notifyUsers } from '../notifications/service.js';
import { findActiveUser } from '../users/service.js';
import { phoneOfStaff } from '../staff/service.js';
import { followUpKeys, openFollowUpAfter, settleFollowUpOf } from '../followups/index.js';
import { repairActionInputs } from './schema.js';
import { repairWorkflow } from './workflow.js';

type Data = Record<string, any>;

/** The instant an action says something happened (arrival, completion, callback), else now. */
const givenOr = (given: string | undefined, now: number) => (given ? Date.parse(given) : now);

function reduce(action: string, input: any, current: { data: Data }, meta: { now: number; actor: Actor }): ActionOutcome {
  const stamp = { recordedAt: new Date(meta.now).toISOString(), by: meta.actor.username };
  switch (action) {
    case 'dispatch':
      return {
        assigneeId: input.technicianId,
        data: { technician: { userId: input.technicianId, ...stamp }, appointmentAt: input.appointmentAt ?? current.data.appointmentAt ?? null },
        note: input.note,
      };
    case 'arrive':
      return { data: { arrival: { at: new Date(givenOr(input.arrivedAt, meta.now)).toISOString(), ...stamp } } };
    case 'record_checklist':
      return {
        data: { checklist: { items: input.items, designatedContractor: input.designatedContractor || null, note: input.note ?? null, ...stamp } },
        note: input.designatedContractor ? `指定施工/供货单位：${input.designatedContractor}` : input.note,
      };
    case 'record_damage':
      return { data: { damage: { description: input.description, resolution: input.resolution ?? null, compensationFen: input.compensationFen ?? null, ...stamp } }, note: input.description };
    case 'complete':
      return { data: { completion: { at: new Date(givenOr(input.completedAt, meta.now)).toISOString(), summary: input.summary, ...stamp } }, note: input.summary, publicNote: '维修已完成' };
    case 'sign_card':
      return { data: { card: { kind: 'signed', signerName: input.signerName || null, attachmentId: null, ...stamp } } };
    case 'refuse_card':
      return { data: { card: { kind: 'refused', reason: input.reason, ...stamp } }, note: input.reason };
    case 'callback':
      return { data: { callback: { at: new Date(givenOr(input.calledAt, meta.now)).toISOString(), outcome: input.outcome, satisfied: input.satisfied, ...stamp } }, note: input.outcome };
    case 'close':
      return { note: input.note };
    default:
      return { note: input.text };
  }
}

/** An instant recorded on the phone lies between `earliest` (what came before it) and now. */
function requireBetween(at: string | undefined, earliest: number | null, now: number, field: string, before: { zh: string; en: string }) {
  if (!at) return;
  const t = Date.parse(at);
  requireNotInFuture(t, now, field);
  if (earliest !== null && t < earliest) throw invalidFields(fieldIssue(field, { zh: `不能早于${before.zh}`, en: `must not be before ${before.en}` }));
}

const instantOf = (iso: unknown) => (typeof iso === 'string' ? Date.parse(iso) : null);

/** The PNG the customer drew, from its data URL; the bytes are judged when it is stored. */
const signatureBytes = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');

function clockDefinition(pack: PolicyPack, clockId: string) {
  const c = clockFor(pack, 'repair', clockId);
  return { id: c.id, duration: c.duration, severelyOverdue: c.severelyOverdue, escalations: c.escalations };
}

/**
 * Sets one clock of a work order to a run the type decides: started at the appointment, stopped at
 * the arrival recorded on the phone (not at the moment the request reached the server), started
 * at the completion. `restart`: a fresh run (its escalations fire anew).
 */
export async function setRepairClock(ctx: AppContext, trx: Executor, kase: Pick<CasesTable, 'id' | 'org_id'>, clockId: string, change: (run: ClockRun | null) => ClockRun, restart = false) {
  const cal = await calendarForOrganisation(ctx, kase.org_id, trx);
  const existing = (await caseClocksOf(trx, kase.id)).find((c) => c.clock_id === clockId);
  const now = ctx.clock.now();
  if (existing && !restart) {
    await storeCaseClock(trx, evaluatedClockRow(cal, existing, change(runOf(existing)), now));
    return;
  }
  const pack = await policyForOrganisation(ctx, kase.org_id, trx);
  const base = { case_id: kase.id, clock_id: clockId, org_id: kase.org_id, definition: JSON.stringify(clockDefinition(pack, clockId)), run: (existing?.run ?? 0) + 1 };
  await storeCaseClock(trx, evaluatedClockRow(cal, base, change(null), now));
}

async function checkAction({ ctx, trx, actor, current, action, input }: { ctx: AppContext; trx: Executor; actor: Actor; current: CasesTable; action: string; input: any }) {
  const data = parseJson<Data>(current.data, {});
  const now = ctx.clock.now();
  const reported = Number(current.received_at);
  const report = { zh: '报修时间', en: 'the report' };
  if (action === 'dispatch') {
    const user = await findActiveUser(ctx, actor.orgId, input.technicianId, trx);
    if (!user) throw invalidFields(fieldIssue('body.technicianId', { zh: '没有该在岗用户', en: 'no active user with this id' }));
    if (input.appointmentAt && Date.parse(input.appointmentAt) < reported) throw invalidFields(fieldIssue('body.appointmentAt', { zh: '预约时间不能早于报修时间', en: 'must not be before the report' }));
  }
  if (action === 'arrive') requireBetween(input.arrivedAt, reported, now, 'body.arrivedAt', report);
  if (action === 'complete') requireBetween(input.completedAt, instantOf(data.arrival?.at) ?? reported, now, 'body.completedAt', { zh: '到达现场时间', en: 'the arrival' });
  if (action === 'callback') requireBetween(input.calledAt, instantOf(data.completion?.at) ?? reported, now, 'body.calledAt', { zh: '修复完成时间', en: 'the completion' });
  if (action === 'record_checklist') {
    const known = new Set(checklistOf(await policyForOrganisation(ctx, actor.orgId, trx)).map((i) => i.id));
    const unknown = Object.keys(input.items).filter((k) => !known.has(k));
    if (unknown.length) throw invalidFields(fieldIssue('body.items', { zh: `检查表中没有：${unknown.join('、')}`, en: `not on the checklist: ${unknown.join(', ')}` }));
  }
}

/** The on-site checklist of the organisation's pack (上门服务规范, 004:L84–L94). */
export function checklistOf(pack: PolicyPack) {
  return (pack.cases.repair?.checklist ?? []).map((i) => ({ id: i.id, label: i.label, source: i.applies.source ?? null, publicSitesOnly: i.applies.value === 'public_sites' }));
}

export const repairType: CaseTypeDefinition = {
  type: 'repair',
  trackingPrefix: 'BX',
  workflow: repairWorkflow,
  inputs: repairActionInputs,
  reduce,
  check: checkAction,
  // The drawing is stored once, as an attachment; the timeline and the audit log name it.
  recordedInput: (action, input) => (action === 'sign_card' ? { signerName: input.signerName ?? null, signature: 'attachment' } : input),
  async after({ ctx, trx, actor, after, action, input: given }) {
    const input = given as Data;
    const data = parseJson<Data>(after.data, {});
    if (action === 'dispatch') {
      const tech = await findActiveUser(ctx, after.org_id, input.technicianId, trx);
      const when = data.appointmentAt ? `\n预约时间：${data.appointmentAt}` : '';
      const contact = parseJson<Data>(after.contact, {});
      const body = `${after.title}\n地址：${contact.address ?? ''}\n联系人：${contact.name ?? ''} ${contact.phone ?? ''}${when}`;
      const subject = `【报修派工】${after.tracking_no}`;
      if (after.assignee_id !== actor.userId) await notifyUsers(ctx, trx, { orgId: after.org_id, userIds: [input.technicianId], caseId: after.id, subject, body });
      // SMS / WeChat reach the technician on the phone on their staff record (the gateway adapters; logged when none is set).
      const phone = tech?.staffId ? await phoneOfStaff(ctx, after.org_id, tech.staffId, trx) : null;
      for (const channel of (input.notify ?? []) as ('sms' | 'wechat')[]) if (phone) await notifyAddress(ctx, trx, { orgId: after.org_id, channel, address: phone, subject, body, caseId: after.id });
      // An appointment agreed with the customer: the arrival clock runs from it (004:L82).
      if (input.appointmentAt) await setRepairClock(ctx, trx, after, 'arrival', () => startClock(Date.parse(input.appointmentAt)), true);
    }
    if (action === 'arrive') await setRepairClock(ctx, trx, after, 'arrival', (run) => stopClock(run!, Date.parse(data.arrival.at)));
    if (action === 'complete') {
      const at = Date.parse(data.completion.at);
      await setRepairClock(ctx, trx, after, 'completion', (run) => stopClock(run!, at));
      await setRepairClock(ctx, trx, after, 'callback', () => startClock(at), true);
      // The callback is made as a follow-up (where the pack follows repairs up), due like the
      // callback clock from the completion; the follow-up records it here when it ends.
      const followUp = await openFollowUpAfter(ctx, trx, 'repair', { ...after, assignee_id: null }, { startsAt: at });
      if (followUp) await amendCase(trx, after.id, { data: JSON.stringify({ ...data, followUp: { caseId: followUp.id, trackingNo: followUp.tracking_no } }) });
    }
    if (action === 'callback') {
      await setRepairClock(ctx, trx, after, 'callback', (run) => stopClock(run!, Date.parse(data.callback.at)));
      // Called back from the desk: the follow-up opened for it is this callback, not a second one.
      if (data.followUp) await settleFollowUpOf(ctx, trx, after.org_id, followUpKeys.case(after.id), after, `工单回访已记录：${data.callback.outcome}`);
    }
    if (action === 'sign_card') {
      const file = await attachBytesWith(ctx, trx, actor, after, { name: `服务联系卡签字_${after.tracking_no}.png`, content: signatureBytes(input.signature), field: 'body.signature', allowedMimes: ['image/png'] });
      await amendCase(trx, after.id, { data: JSON.stringify({ ...data, card: { ...data.card, attachmentId: file.id } }) });
    }
    if (action === 'record_checklist' && input.designatedContractor) {
      // 三不指定 (004:L90): naming a contractor to the customer is a finding against the technician.
      const tech = after.assignee_id ? await findActiveUser(ctx, after.org_id, after.assignee_id, trx) : null;
      if (tech?.staffId) {
        await recordIncident(ctx, trx, actor, {
          orgId: after.org_id,
          staffId: tech.staffId,
          unitId: after.unit_id,
          sourceType: 'repair',
          sourceId: after.id,
          // A finding like an inspection's, named by what it breaks.
          kind: 'finding',
          details: { item: 'designated_contractor', trackingNo: after.tracking_no },
          verdict: 'substantiated',
          summary: `${after.tracking_no} 违反“三不指定”：${input.designatedContractor}`,
          occurredAt: ctx.clock.now(),
        });
      }
      await amendCase(trx, after.id, { data: JSON.stringify({ ...data, finding: { kind: 'designated_contractor', contractor: input.designatedContractor, staffId: tech?.staffId ?? null } }) });
    }
  },
};
