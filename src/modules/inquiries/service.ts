import type { AppContext } from '../../shared/context.js';
import { requireRole, type Actor } from '../../shared/access.js';
import { intakeReceivedAt, registerIntakeWith } from '../cases/service.js';
import { getStaff, primaryUnitOfStaff } from '../staff/service.js';
import { requireUnitInOrg } from '../units/service.js';
import type { CreateInquiryInput } from './schema.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';

/** Who takes questions at a window or on the phone. */
const intakeRoles = ['admin', 'quality_office', 'unit_head', 'staff'] as const;

/**
 * 首问登记: the staff member asked first is stamped as first responder — the caller, or, for a caller
 * without a staff record, the colleague they name — and stays so whatever happens to the case.
 */
export async function registerInquiry(ctx: AppContext, actor: Actor, input: CreateInquiryInput) {
  requireRole(actor, intakeRoles);
  const receivedAt = intakeReceivedAt(ctx, input.receivedAt);
  if (actor.staffId && input.firstResponderId && input.firstResponderId !== actor.staffId) {
    throw invalidFields(fieldIssue('body.firstResponderId', { zh: '接待咨询的工作人员即为首问责任人，不能另行指定', en: 'the staff member who takes the question is its first responder' }));
  }
  if (!actor.staffId && !input.firstResponderId) {
    throw invalidFields(fieldIssue('body.firstResponderId', { zh: '您没有人员档案：请指定首先被询问的工作人员', en: 'the caller has no staff record: name the staff member who was asked first' }));
  }
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const firstResponderId = actor.staffId ?? (await getStaff(ctx, actor, input.firstResponderId!, trx)).id;
    // Intake may name any unit (the question may concern another window), but gives no access to it.
    const unit = input.unitId ? await requireUnitInOrg(ctx, actor.orgId, input.unitId, trx) : await primaryUnitOfStaff(ctx, firstResponderId, trx);
    return registerIntakeWith(ctx, trx, actor, {
      type: 'inquiry',
      channel: input.channel,
      title: input.title,
      content: input.question,
      receivedAt,
      unit,
      firstResponderId,
      assigneeId: actor.userId || null,
      contact: input.inquirer ?? {},
    });
  });
  return { ...result.view, dueDate: result.dueDate };
}
