import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { requireRole, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { appendAudit } from '../audit/service.js';
import { describeCase, amendCase, recordCaseEvent, pendingDueText, intakeReceivedAt, registerIntakeWith } from '../cases/service.js';
import { notifyAddress } from '../notifications/service.js';
import { requireUnitInOrg } from '../units/service.js';
import { recordSupplementNoticeClock, startProcessingClock } from './clocks.js';
import type { CreateApplicationInput, Material } from './schema.js';
import { loadServiceItem } from './service-items.js';
import { noticeText, type ApplicationData, type SupplementNotice } from './type.js';
import { parseJson } from '../../shared/json.js';
import * as repo from './repository.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';

const intakeRoles = ['admin', 'quality_office', 'unit_head', 'staff'] as const;

/**
 * 受理 (002:L98, L184): the materials handed in are checked against the service item. Complete →
 * accepted, with the processing deadline = the item's committed limit in working days from
 * receipt. Incomplete → awaiting materials, with ONE notice that lists every missing item at once,
 * measured by the pack's supplement clock (5 working days from receipt). All in one transaction.
 */
export async function registerApplication(ctx: AppContext, actor: Actor, input: CreateApplicationInput) {
  requireRole(actor, intakeRoles);
  const now = ctx.clock.now();
  const receivedAt = intakeReceivedAt(ctx, input.receivedAt);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const item = await loadServiceItem(ctx, actor.orgId, input.serviceItemId, trx).catch((e) => {
      if (e instanceof AppError && e.code === 'not_found') throw invalidFields(fieldIssue('body.serviceItemId', { zh: '办事事项不存在', en: 'no such service item' }));
      throw e;
    });
    if (item.active !== 1) throw invalidFields(fieldIssue('body.serviceItemId', { zh: '该办事事项已停用', en: 'the service item is not active' }));
    const list = parseJson<Material[]>(item.materials, []);
    const submitted = [...new Set(input.materials)];
    const unknown = submitted.filter((c) => !list.some((m) => m.code === c));
    if (unknown.length) throw invalidFields(fieldIssue('body.materials', { zh: `不是事项 ${item.code} 的申请材料：${unknown.join('、')}`, en: `not a material of ${item.code}: ${unknown.join(', ')}` }));
    const missing = list.filter((m) => m.required && !submitted.includes(m.code)).map((m) => m.code);

    // Intake may name any unit of the organisation (a front desk receives for every window), but gives no access to it.
    const unitId = input.unitId ?? item.unit_id ?? actor.unitId;
    const unit = unitId ? await requireUnitInOrg(ctx, actor.orgId, unitId, trx) : null;
    const data: ApplicationData = {
      serviceItem: { id: item.id, code: item.code, name: item.name, version: item.version, statutoryLimitDays: item.statutory_limit_days, committedLimitDays: item.committed_limit_days },
      materials: { list, submitted, submittedAtIntake: submitted, missingAtIntake: missing, missing },
      notices: [],
      violations: [],
      acceptedAt: null,
    };
    const registered = await registerIntakeWith(ctx, trx, actor, {
      type: 'application',
      channel: input.channel ?? 'window',
      title: `${item.name}（${input.applicant.name}）`,
      content: input.note ?? `申请办理：${item.name}`,
      receivedAt,
      unit,
      staffId: actor.staffId,
      firstResponderId: actor.staffId,
      assigneeId: actor.userId || null,
      contact: input.applicant,
      data: data as unknown as Record<string, unknown>,
    });
    const row = registered.row;
    let status: string;
    let note: string;
    let processingDueDate: string | null = null;
    let supplementNoticeDueDate: string | null = null;
    if (missing.length === 0) {
      status = 'accepted';
      data.acceptedAt = new Date(receivedAt).toISOString();
      const clock = await startProcessingClock(ctx, trx, row, item.committed_limit_days, receivedAt);
      processingDueDate = clock.due_date;
      note = `材料齐全，予以受理；承诺办结时限 ${item.committed_limit_days} 个工作日（法定 ${item.statutory_limit_days} 个工作日），${processingDueDate ? `${processingDueDate} 前办结` : `办结日期${pendingDueText(clock)}`}`;
    } else {
      status = 'awaiting_materials';
      const clock = await recordSupplementNoticeClock(ctx, trx, row, receivedAt, now);
      supplementNoticeDueDate = clock.due_date;
      const notice: SupplementNotice = { no: 1, at: new Date(now).toISOString(), by: actor.username, items: missing.map((code) => ({ code, name: list.find((m) => m.code === code)!.name })), note: null, dueDate: clock.due_date ?? undefined };
      data.notices.push(notice);
      note = `一次性告知需补正的全部材料：${noticeText(notice.items)}`;
      if (input.applicant.phone) {
        await notifyAddress(ctx, trx, { orgId: row.org_id, channel: 'sms', address: input.applicant.phone, subject: `补正告知 ${row.tracking_no}`, body: `您申请的“${item.name}”（编号 ${row.tracking_no}）需一次性补正以下材料：${noticeText(notice.items)}。`, caseId: row.id });
      }
    }
    const dataJson = JSON.stringify(data);
    await amendCase(trx, row.id, { status, data: dataJson });
    const at = ctx.clock.now();
    await recordCaseEvent(trx, {
      id: newId(at),
      case_id: row.id,
      org_id: row.org_id,
      at,
      actor_id: actor.userId || null,
      actor_label: actor.username,
      action: status === 'accepted' ? 'accept' : 'supplement_notice',
      from_status: row.status,
      to_status: status,
      note,
      public_note: null,
      data: JSON.stringify(status === 'accepted' ? { processingDueDate } : { notice: data.notices[0] }),
      public: 0,
    });
    await appendAudit(ctx, trx, actor, { action: 'intake_check', entity: 'case:application', entityId: row.id, before: { status: row.status }, after: { status, missing, processingDueDate, supplementNoticeDueDate } });
    const view = await describeCase(ctx, actor, { ...row, status, data: dataJson }, trx);
    return { ...view, missing: data.materials.missing, processingDueDate, supplementNoticeDueDate };
  });
}
