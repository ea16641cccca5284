import { parseJson } from '../../shared/json.js';
import type { ActionOutcome, CaseTypeDefinition } from '../cases/index.js';
import { recordIncident } from '../incidents/service.js';
import { notifyAddress } from '../notifications/service.js';
import { hasClock, startProcessingClock } from './clocks.js';
import { applicationActionInputs, type Material } from './schema.js';
import { applicationWorkflow, PROCESSING_CLOCK } from './workflow.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';

/** What an application case keeps in its data (snapshots: later edits of the service item do not change it). */
export interface ApplicationData {
  serviceItem: { id: string; code: string; name: string; version: number; statutoryLimitDays: number; committedLimitDays: number };
  /** submitted grows with supplements; submittedAtIntake is what the applicant handed in at intake. */
  materials: { list: Material[]; submitted: string[]; submittedAtIntake?: string[]; missingAtIntake: string[]; missing: string[] };
  notices: SupplementNotice[];
  violations: NoticeViolation[];
  acceptedAt?: string | null;
}

export interface SupplementNotice {
  no: number;
  at: string;
  by: string;
  items: { code: string; name: string }[];
  note?: string | null;
  dueDate?: string;
}

/**
 * 一次性告知 violation (002:L98, L184): a later notice asked for items whose need already existed
 * at intake but that the intake's notice did not name — items handed in at intake and accepted
 * as present (they should have been checked then), or items missing at intake that the first
 * notice left out. Asking again for an item the first notice named is a reminder, not a violation.
 */
export interface NoticeViolation {
  kind: 'one_time_notice_violation';
  notice: number;
  items: string[];
  at: string;
  by: string;
}

const namesOf = (list: Material[], codes: string[]) => codes.map((code) => ({ code, name: list.find((m) => m.code === code)?.name ?? code }));
export const noticeText = (items: { name: string }[]) => items.map((m, i) => `${i + 1}. ${m.name}`).join('；');

function reduce(action: string, input: any, current: { data: Record<string, unknown> }, meta: { now: number; actor: { username: string } }): ActionOutcome {
  const at = new Date(meta.now).toISOString();
  const stamp = { at, by: meta.actor.username };
  const data = current.data as unknown as ApplicationData;
  switch (action) {
    case 'request_supplement': {
      const items = [...new Set(input.items as string[])];
      const no = data.notices.length + 1;
      const notice: SupplementNotice = { no, ...stamp, items: namesOf(data.materials.list, items), note: input.note ?? null };
      const violated = oneTimeNoticeViolations(data, items);
      const violations = violated.length ? [...data.violations, { kind: 'one_time_notice_violation' as const, notice: no, items: violated, ...stamp }] : data.violations;
      const violationNames = namesOf(data.materials.list, violated).map((m) => m.name);
      return {
        data: { notices: [...data.notices, notice], violations, materials: { ...data.materials, missing: [...new Set([...data.materials.missing, ...items])] } },
        note: `补正告知（第 ${no} 次）：${noticeText(notice.items)}${violated.length ? `（违反一次性告知：${violationNames.join('、')} 受理时即应一次告知）` : ''}`,
        eventData: { notice, violation: violated.length ? violated : null },
      };
    }
    case 'receive_supplement': {
      const provided = input.materials as string[];
      const missing = data.materials.missing.filter((c) => !provided.includes(c));
      const received = `收到补正材料：${noticeText(namesOf(data.materials.list, provided))}`;
      return {
        data: { ...(missing.length ? {} : { acceptedAt: at }), materials: { ...data.materials, submitted: [...new Set([...data.materials.submitted, ...provided])], missing } },
        note: input.note ?? (missing.length ? `${received}；仍缺：${noticeText(namesOf(data.materials.list, missing))}` : received),
      };
    }
    case 'approve':
      return { data: { decision: { outcome: 'approved', text: input.decision ?? null, pickupDate: input.pickupDate ?? null, ...stamp } }, note: input.decision };
    case 'refuse':
      return { data: { decision: { outcome: 'refused', text: input.reason, legalBasis: input.legalBasis ?? null, ...stamp } }, note: input.reason };
    case 'notify_applicant':
      return { data: { applicantNotified: { channel: input.channel, content: input.content, pickupDate: input.pickupDate ?? null, ...stamp } }, note: input.content };
    case 'close':
      return { note: input.note };
    default:
      return { note: input.text };
  }
}

/** The items of a later notice that break 一次性告知 (see NoticeViolation). */
export function oneTimeNoticeViolations(data: ApplicationData, items: string[]): string[] {
  // The intake's own notice exists only when something was missing at intake; it is notice 1.
  const intakeNotice = data.materials.missingAtIntake.length ? data.notices[0] : undefined;
  const named = new Set(intakeNotice?.items.map((m) => m.code) ?? []);
  return items.filter((c) => !named.has(c) && (data.materials.missingAtIntake.includes(c) || intakeSubmitted(data).includes(c)));
}

/** What was handed in at intake (cases registered before it was recorded: what was submitted and never asked for). */
function intakeSubmitted(data: ApplicationData): string[] {
  if (data.materials.submittedAtIntake) return data.materials.submittedAtIntake;
  const asked = new Set([...data.materials.missingAtIntake, ...data.notices.flatMap((n) => n.items.map((m) => m.code))]);
  return data.materials.submitted.filter((c) => !asked.has(c));
}

function unknownCodes(data: ApplicationData, codes: string[]): string[] {
  return codes.filter((c) => !data.materials.list.some((m) => m.code === c));
}

export const applicationType: CaseTypeDefinition = {
  type: 'application',
  trackingPrefix: 'SL',
  workflow: applicationWorkflow,
  inputs: applicationActionInputs,
  reduce,
  async check({ current, action, input }) {
    const data = parseJson<ApplicationData>(current.data, null as unknown as ApplicationData);
    if (action === 'request_supplement' || action === 'receive_supplement') {
      const field = action === 'request_supplement' ? 'items' : 'materials';
      const unknown = unknownCodes(data, input[field]);
      if (unknown.length) throw invalidFields(fieldIssue(`body.${field}`, { zh: `不是事项 ${data.serviceItem.code} 的申请材料：${unknown.join('、')}`, en: `not a material of ${data.serviceItem.code}: ${unknown.join(', ')}` }));
    }
  },
  // A supplement that leaves items missing keeps the case awaiting the rest (补正未齐).
  variant(action, input, current) {
    if (action !== 'receive_supplement') return undefined;
    const data = current.data as unknown as ApplicationData;
    return data.materials.missing.some((c) => !(input.materials as string[]).includes(c)) ? 'partial' : undefined;
  },
  async after({ ctx, trx, actor, after, action }) {
    const data = parseJson<ApplicationData & Record<string, any>>(after.data, null as unknown as ApplicationData);
    const applicant = parseJson<{ name?: string; phone?: string }>(after.contact, {});
    const sms = (subject: string, body: string) =>
      applicant.phone ? notifyAddress(ctx, trx, { orgId: after.org_id, channel: 'sms', address: applicant.phone, subject, body, caseId: after.id }) : Promise.resolve();
    if (action === 'request_supplement') {
      const notice = data.notices[data.notices.length - 1];
      await sms(`补正告知 ${after.tracking_no}`, `您申请的“${data.serviceItem.name}”（编号 ${after.tracking_no}）需补正以下材料：${noticeText(notice.items)}。`);
      const violation = data.violations.find((v) => v.notice === notice.no);
      const staffId = after.staff_id ?? actor.staffId;
      if (violation && staffId) {
        // The person who received the application should have named these at once (002:L98, L184).
        await recordIncident(ctx, trx, actor, {
          orgId: after.org_id,
          staffId,
          unitId: after.unit_id,
          sourceType: 'application',
          sourceId: `${after.id}:notice-${notice.no}`,
          kind: 'one_time_notice_violation',
          verdict: null,
          details: { caseId: after.id, notice: notice.no },
          summary: `${after.tracking_no} ${data.serviceItem.name}：第 ${notice.no} 次补正告知要求了受理时即应一次告知的材料（${namesOf(data.materials.list, violation.items).map((m) => m.name).join('、')}），违反一次性告知`,
          occurredAt: ctx.clock.now(),
        });
      }
    }
    if (action === 'receive_supplement' && after.status === 'accepted' && !(await hasClock(trx, after.id, PROCESSING_CLOCK))) {
      // Accepted once the file is complete: the committed limit runs from the supplement's receipt.
      await startProcessingClock(ctx, trx, after, data.serviceItem.committedLimitDays, ctx.clock.now());
    }
    if (action === 'notify_applicant') {
      await sms(`办理结果 ${after.tracking_no}`, `您申请的“${data.serviceItem.name}”（编号 ${after.tracking_no}）：${data.applicantNotified.content}`);
    }
  },
};
