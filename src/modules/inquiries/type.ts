import { parseJson } from '../../shared/json.js';
import { appendAudit } from '../audit/service.js';
import { amendCase, unitHeadsOrQualityOffice } from '../cases/service.js';
import type { ActionOutcome, CaseTypeDefinition } from '../cases/index.js';
import { notifyAddress, notifyUsers } from '../notifications/service.js';
import { requireUnitInOrg } from '../units/service.js';
import { nearestUnitHeadIds } from '../users/service.js';
import { inquiryActionInputs } from './schema.js';
import { inquiryWorkflow } from './workflow.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';

function reduce(action: string, input: any, current: { data: Record<string, unknown> }, meta: { now: number; actor: { username: string; staffId: string | null } }): ActionOutcome {
  const stamp = { at: new Date(meta.now).toISOString(), by: meta.actor.username, staffId: meta.actor.staffId };
  switch (action) {
    case 'answer':
      return { data: { outcome: { kind: 'answered', text: input.answer, ...stamp } }, note: input.answer };
    case 'handle':
      return { data: { outcome: { kind: 'handled', text: input.result, ...stamp } }, note: input.result };
    case 'transfer': {
      const target = input.unitId ? { unitId: input.unitId } : { agency: input.agency };
      const transfers = (current.data.transfers as unknown[] | undefined) ?? [];
      const record = { ...target, contact: input.contact, note: input.note ?? null, ...stamp };
      const how = [input.contact.phone, input.contact.address].filter(Boolean).join('，');
      const remark = input.note ? `；${input.note}` : '';
      // 转办 inside the organisation is not an outcome yet: the receiving unit answers or handles it.
      if (input.unitId) return { data: { transfers: [...transfers, record] }, note: `转办：本单位科室/窗口（${how}）${remark}`, eventData: record };
      return {
        data: { outcome: { kind: 'transferred', ...record }, transfers: [...transfers, record] },
        note: `移交：${input.agency}（${how}）${remark}`,
        eventData: record,
      };
    }
    default:
      return { note: input.text };
  }
}

export const inquiryType: CaseTypeDefinition = {
  type: 'inquiry',
  trackingPrefix: 'SW',
  workflow: inquiryWorkflow,
  inputs: inquiryActionInputs,
  reduce,
  variant: (action, input) => (action === 'transfer' && input.unitId ? 'internal' : undefined),
  async check({ ctx, trx, actor, current, action, input }) {
    if (action === 'transfer' && input.unitId) {
      await requireUnitInOrg(ctx, actor.orgId, input.unitId, trx);
      // Handing a matter back to the unit that already holds it is not a transfer.
      if (input.unitId === current.unit_id) throw invalidFields(fieldIssue('body.unitId', { zh: '该咨询已在此单位', en: 'the inquiry is already with this unit' }));
    }
  },
  async after(args) {
    const { ctx, trx, actor, before, after, action, input } = args;
    if (action !== 'transfer') return;
    const i = input as { unitId?: string; agency?: string; contact: { phone?: string; address?: string } };
    let targetName = i.agency ?? '';
    if (i.unitId) {
      // Handed to the receiving unit: it sees and holds the case from now on (its head is the
      // assignee); the first responder stays stamped.
      const unit = await requireUnitInOrg(ctx, actor.orgId, i.unitId, trx);
      const heads = await nearestUnitHeadIds(ctx, after.org_id, unit.path, trx);
      const assigneeId = heads[0] ?? null;
      await amendCase(trx, after.id, { unitId: unit.id, unitPath: unit.path, assigneeId });
      Object.assign(after, { unit_id: unit.id, unit_path: unit.path, assignee_id: assigneeId });
      targetName = unit.name;
      await appendAudit(ctx, trx, actor, {
        action: 'reroute',
        entity: 'case:inquiry',
        entityId: after.id,
        before: { unitId: before.unit_id, assigneeId: before.assignee_id, firstResponderId: before.first_responder_id },
        after: { unitId: unit.id, assigneeId, firstResponderId: after.first_responder_id },
      });
      // Nobody heads the unit: the quality office hears of it, so the matter is not dropped.
      await notifyUsers(ctx, trx, { orgId: after.org_id, userIds: await unitHeadsOrQualityOffice(ctx, trx, after.org_id, unit.path), caseId: after.id, subject: `【转办咨询】${after.tracking_no}`, body: `${after.title}\n${after.content.slice(0, 200)}` });
    }
    // The inquirer is told where to go and how to reach it.
    const inquirer = parseJson<{ phone?: string }>(after.contact, {});
    if (inquirer.phone) {
      const how = [i.contact.phone && `电话 ${i.contact.phone}`, i.contact.address && `地址 ${i.contact.address}`].filter(Boolean).join('，');
      await notifyAddress(ctx, trx, { orgId: after.org_id, channel: 'sms', address: inquirer.phone, subject: `咨询移交 ${after.tracking_no}`, body: `您的咨询（编号 ${after.tracking_no}）已移交${targetName}办理，联系方式：${how}。`, caseId: after.id });
    }
  },
};
