import { parseJson } from '../../shared/json.js';
import type { ActionOutcome, CaseTypeDefinition } from '../cases/index.js';
import { publicStatusCode } from '../cases/service.js';
import { recordIncident, withdrawIncident } from '../incidents/service.js';
import { notifyAddress, notifyUsers, type ExternalChannel } from '../notifications/service.js';
import { readTaxonomy } from '../taxonomies/service.js';
import { findActiveUser } from '../users/service.js';
import { getStaff } from '../staff/service.js';
import { complaintActionInputs } from './schema.js';
import { defaultComplaintCauses } from './taxonomy.js';
import { complaintWorkflow } from './workflow.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { complaintReviewClose } from '../../policy/index.js';

interface ComplainantContact {
  phone?: string;
  email?: string;
  replyChannel?: string;
}

/**
 * The message that carries a reply to the complainant, by the channel they chose (else the one
 * the reply was given by): SMS or WeChat to their phone, email to their address. A reply by
 * phone, letter, in person or online needs no message: it reached them that way.
 */
export function replyDelivery(contact: ComplainantContact, replyChannel: string): { channel: ExternalChannel; address: string } | null {
  const channel = contact.replyChannel ?? replyChannel;
  // WeChat notices go to the account bound to the phone number (the gateway resolves it).
  if ((channel === 'sms' || channel === 'wechat') && contact.phone) return { channel, address: contact.phone };
  if (channel === 'email' && contact.email) return { channel, address: contact.email };
  return null;
}

const verdictLabels: Record<string, string> = { substantiated: '属实', partly_substantiated: '部分属实', unsubstantiated: '不属实' };

function reduce(action: string, input: any, current: { data: Record<string, unknown> }, meta: { now: number; actor: { username: string } }): ActionOutcome {
  const stamp = { at: new Date(meta.now).toISOString(), by: meta.actor.username };
  switch (action) {
    case 'assign':
    case 'reassign':
      return { assigneeId: input.assigneeId, note: input.note };
    case 'verify':
      return { data: { verification: { verdict: input.verdict, findings: input.findings, ...stamp } }, staffId: input.staffId, note: `${verdictLabels[input.verdict]}：${input.findings}` };
    case 'record_cause':
      return { data: { causes: input.causes, causeNote: input.note ?? null }, note: input.note };
    case 'record_measure':
      return { data: { measure: { text: input.measure, ...stamp } }, note: input.measure };
    case 'reply':
      return { data: { reply: { channel: input.channel, content: input.content, ...stamp } }, publicNote: input.content };
    case 'record_satisfaction':
      return { data: { satisfaction: { value: input.satisfaction, note: input.note ?? null, ...stamp } }, note: input.note };
    case 'close':
    case 'review_close':
      return { note: input.note };
    case 'send_back': {
      // 退回重办: the reply is redone (and sent again); the one sent back stays on record.
      const previous = (current.data.previousReplies as unknown[] | undefined) ?? [];
      return { data: { reply: null, satisfaction: null, previousReplies: current.data.reply ? [...previous, current.data.reply] : previous, sentBack: { reason: input.reason, ...stamp } }, note: input.reason };
    }
    case 'reopen': {
      const previous = (current.data.previousReplies as unknown[] | undefined) ?? [];
      // The reason is internal: the public status page shows only that the case was reopened.
      return { data: { reply: null, satisfaction: null, previousReplies: current.data.reply ? [...previous, current.data.reply] : previous, reopened: { reason: input.reason, ...stamp } }, note: input.reason };
    }
    case 'await_complainant':
      return { data: { waiting: { reason: input.reason, ...stamp } }, note: input.reason };
    case 'resume':
      return { data: { waiting: null }, note: input.note };
    default:
      return { note: input.text };
  }
}

export const complaintType: CaseTypeDefinition = {
  type: 'complaint',
  trackingPrefix: 'TS',
  shownToNamedStaff: true,
  workflow: complaintWorkflow,
  inputs: complaintActionInputs,
  settings: (pack) => ({ reviewClose: complaintReviewClose(pack) }),
  variant: (action, _input, current) => (action === 'reply' && current.settings.reviewClose ? 'review' : undefined),
  reduce,
  async check({ ctx, trx, actor, action, input }) {
    if (action === 'assign' || action === 'reassign') {
      if (!(await findActiveUser(ctx, actor.orgId, input.assigneeId, trx))) throw invalidFields(fieldIssue('body.assigneeId', { zh: '没有该在岗用户', en: 'no active user with this id' }));
    }
    if (action === 'verify' && input.staffId) await getStaff(ctx, actor, input.staffId, trx);
    if (action === 'record_cause') {
      const known = new Set((await readTaxonomy(ctx, actor.orgId, 'complaint_cause', defaultComplaintCauses, trx)).items.map((i) => i.code));
      const unknown = (input.causes as string[]).filter((c) => !known.has(c));
      if (unknown.length) throw invalidFields(fieldIssue('body.causes', { zh: `未知的原因编码：${unknown.join('、')}`, en: `unknown cause codes: ${unknown.join(', ')}` }));
    }
  },
  async after({ ctx, trx, actor, after, action }) {
    const data = parseJson<Record<string, any>>(after.data, {});
    if (action === 'verify' && after.staff_id) {
      // A substantiated complaint against a person enters their incident file (002:L131).
      if (data.verification.verdict === 'unsubstantiated') await withdrawIncident(ctx, trx, actor, 'complaint', after.id);
      else
        await recordIncident(ctx, trx, actor, {
          orgId: after.org_id,
          staffId: after.staff_id,
          unitId: after.unit_id,
          sourceType: 'complaint',
          sourceId: after.id,
          kind: 'verified_complaint',
          verdict: data.verification.verdict,
          details: { verdict: data.verification.verdict, trackingNo: after.tracking_no },
          summary: `${after.tracking_no} ${after.title}：${data.verification.findings}`,
          occurredAt: Number(after.received_at),
        });
    }
    if ((action === 'assign' || action === 'reassign') && after.assignee_id && after.assignee_id !== actor.userId) {
      await notifyUsers(ctx, trx, { orgId: after.org_id, userIds: [after.assignee_id], caseId: after.id, subject: `【新分派投诉】${after.tracking_no}`, body: `${after.title}\n${after.content.slice(0, 200)}` });
    }
    if (action === 'reply') {
      const contact = parseJson<ComplainantContact>(after.contact, {});
      const delivery = replyDelivery(contact, data.reply.channel);
      // The complainant rates the handling on the status page; the link carries its own code.
      const link = `${ctx.config.publicUrl ?? ''}/public/complaints/status?no=${encodeURIComponent(after.tracking_no)}&code=${publicStatusCode(ctx, after.id)}`;
      const ask = `请对本次处理评价（满意/基本满意/不满意）：${link}`;
      if (delivery) {
        const body = `您的投诉（编号 ${after.tracking_no}）已答复：${data.reply.content}\n${ask}`;
        await notifyAddress(ctx, trx, { orgId: after.org_id, ...delivery, subject: `投诉答复 ${after.tracking_no}`, body, caseId: after.id });
      } else if (contact.phone) {
        // Answered by phone, letter or in person: the rating is still asked by SMS.
        await notifyAddress(ctx, trx, { orgId: after.org_id, channel: 'sms', address: contact.phone, subject: `投诉处理评价 ${after.tracking_no}`, body: `您的投诉（编号 ${after.tracking_no}）已答复。${ask}`, caseId: after.id });
      }
    }
  },
};
