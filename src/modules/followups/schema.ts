import { z } from 'zod';
import { civilDate, code, freeText, id, month, phone, str, text } from '../../shared/fields.js';
import { pageQuerySchema } from '../../shared/page.js';

/** How a call attempt ended (RULES §2 Follow-up): reached, no answer, wrong number, refused. */
export const attemptOutcomes = ['reached', 'no_answer', 'wrong_number', 'refused'] as const;
export type AttemptOutcome = (typeof attemptOutcomes)[number];
/** The outcomes that count towards "unreachable" (the pack's max failed attempts). */
export const failedOutcomes: readonly AttemptOutcome[] = ['no_answer', 'wrong_number'];
/** How the patient was tried: a phone call (一级随访), a text message, or a home visit (上门随访, 003:L109). */
export const attemptKinds = ['call', 'sms', 'home_visit'] as const;
export type AttemptKind = (typeof attemptKinds)[number];

/** How the patient is recovering (出院随访: 了解病情恢复, 000:L89). */
export const recoveryAnswers = ['recovered', 'improving', 'unchanged', 'worse'] as const;

/** Where a follow-up comes from; each needs its due clock in the pack (cases.follow_up.clocks). */
export const followUpSources = ['discharge', 'complaint', 'repair', 'rating'] as const;
export type FollowUpSource = (typeof followUpSources)[number];

const patientName = text(40);
const physicianBadgeNo = code(40);

/** One discharge (出院登记): the patient, their phone, the department, the attending physician, the date. */
export const dischargeBody = z.strictObject({
  patientName,
  phone,
  /** The department (ward) that discharged the patient: the follow-up belongs to it. */
  unitId: id,
  /** The attending physician's badge number (工号); they make the call (003:L605). */
  physicianBadgeNo: physicianBadgeNo.optional(),
  dischargedOn: civilDate,
  diagnosis: freeText(200).optional(),
});
export type DischargeInput = z.infer<typeof dischargeBody>;

/** The follow-up questionnaire's answers (the template in survey.ts). */
export const answersShape = z.strictObject({
  recovery: z.enum(recoveryAnswers).optional(),
  /** 满意度 on the organisation's rating levels (5 非常满意 … 1 非常不满意). */
  satisfaction: z.int().min(1).max(10),
  comment: freeText(1000).optional(),
});
export type FollowUpAnswers = z.infer<typeof answersShape>;

/**
 * One attempt: how (call by default), its outcome, and for a home visit where it was and who
 * went (the address and the visitor are required then; nobody home is `no_answer`).
 */
const attemptShape = {
  kind: z.enum(attemptKinds).default('call'),
  outcome: z.enum(attemptOutcomes),
  address: freeText(200).optional(),
  visitor: freeText(40).optional(),
  note: freeText(500).optional(),
};
type AttemptFields = { kind: AttemptKind; outcome: AttemptOutcome; address?: string; visitor?: string };
function checkAttempt(a: AttemptFields, ctx: z.RefinementCtx) {
  if (a.kind === 'home_visit') {
    if (!a.address?.trim()) ctx.addIssue({ code: 'custom', path: ['address'], message: '上门随访需填写随访地址 (a home visit needs the address visited)' });
    if (!a.visitor?.trim()) ctx.addIssue({ code: 'custom', path: ['visitor'], message: '上门随访需填写随访人 (a home visit needs who went)' });
    if (a.outcome === 'wrong_number') ctx.addIssue({ code: 'custom', path: ['outcome'], message: '上门随访没有“号码错误”，家中无人请选“未接通” (a home visit has no wrong number; nobody home is no_answer)' });
  } else {
    if (a.address !== undefined) ctx.addIssue({ code: 'custom', path: ['address'], message: '只有上门随访填写地址 (only a home visit has an address)' });
    if (a.visitor !== undefined) ctx.addIssue({ code: 'custom', path: ['visitor'], message: '只有上门随访填写随访人 (only a home visit has a visitor)' });
  }
}

export const followUpActionInputs = {
  attempt: z.strictObject(attemptShape).superRefine(checkAttempt),
  recorded_on_source: z.strictObject({ trackingNo: text(40), summary: text(1000) }),
  record_answers: answersShape,
  send_link: z.strictObject({}),
  answer_by_link: answersShape,
  note: z.strictObject({ text: text(2000) }),
};

export const attemptBody = z.strictObject({ ...attemptShape, version: z.number().int().min(1) }).superRefine(checkAttempt);
export const answersBody = answersShape.extend({ version: z.number().int().min(1) });
export const sendLinkBody = z.strictObject({ version: z.number().int().min(1) });

export const listFollowUpsQuery = pageQuerySchema.extend({
  /** The caller's day: the follow-ups that can be made by then (discharged by that day), soonest due first. */
  date: civilDate.optional(),
  state: freeText(40).optional(),
  mine: z.enum(['1', 'true', '0', 'false']).optional(),
  unitId: id.optional(),
  overdue: z.enum(['overdue', 'severely_overdue', 'due_soon']).optional(),
});
export type ListFollowUpsQuery = z.infer<typeof listFollowUpsQuery>;

export const figuresQuery = z.object({ month, unitId: id.optional() });
export const exportQuery = z.object({ month, lang: z.enum(['zh', 'en']).default('zh') });

/** The one-time questionnaire link's token in the URL. */
export const linkParams = z.object({ token: str().min(10).max(120) });
