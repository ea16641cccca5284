import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { civilDate, freeText, fromNotAfterTo, id, instant, says, text, version } from '../../shared/fields.js';
import { incidentKindCatalogue, incidentKinds, incidentStates, type IncidentKind } from './kinds.js';

/** The largest amount an incident records: 1 亿元 in fen (far above any fine; keeps sums exact in JS). */
export const maxAmountFen = 10_000_000_000;

const trackingNo = text(40);

/**
 * What each kind records besides the common fields (the zod discriminated union's branches). The
 * shapes are strict: an unknown key is named (`body.details.gradee`).
 */
export const incidentDetailSchemas = {
  verified_complaint: z.strictObject({
    verdict: z.enum(['substantiated', 'partly_substantiated']).default('substantiated'),
    trackingNo: trackingNo.optional(),
  }),
  /** 差错隐瞒不报: when the concealed error came to light. */
  concealed_error: z.strictObject({ discoveredOn: civilDate.optional() }),
  /** 等级医疗事故 or not (001:L447): a graded accident names its grade (一级–四级). */
  accident: z
    .strictObject({ graded: z.boolean(), grade: z.number().int().min(1).max(4).optional(), liability: z.boolean().optional() })
    .refine((d) => !d.graded || d.grade !== undefined, { ...says('定级事故须填写等级', 'a graded accident needs its grade'), path: ['grade'] })
    .refine((d) => d.graded || d.grade === undefined, { ...says('未定级的事故不填等级', 'an ungraded accident has no grade'), path: ['grade'] }),
  /** 纠纷（与病人或职工）: with whom, and whether it damaged the organisation's name (001:L211). */
  dispute: z.strictObject({ party: z.enum(['patient', 'colleague']), reputationDamage: z.boolean() }),
  damage: z.strictObject({ property: text(200) }),
  /** 红包、回扣、统方费: returned or handed in, when, and by when it had to be (001:L449 规定时间). */
  red_envelope: z
    .strictObject({ form: z.enum(['red_envelope', 'kickback', 'prescription_fee']), returned: z.boolean(), returnedOn: civilDate.optional(), dueBy: civilDate.optional() })
    .refine((d) => !d.returned || d.returnedOn !== undefined, { ...says('已退还的须填写退还日期', 'a returned sum needs the date it was returned'), path: ['returnedOn'] })
    .refine((d) => d.returned || d.returnedOn === undefined, { ...says('未退还的不填退还日期', 'a sum not returned has no return date'), path: ['returnedOn'] }),
  /** 县级、市级、省级、国家级媒体或监督单位 (003:L435). */
  exposure: z.strictObject({ level: z.enum(['county', 'city', 'province', 'national']), channel: z.enum(['media', 'supervision']), outlet: text(200) }),
  major_complaint: z.strictObject({ trackingNo: trackingNo.optional() }),
  /** Which of the 八不准 (004:L122–124), by its number. */
  eight_prohibitions: z.strictObject({ item: z.number().int().min(1).max(8) }),
  finding: z.strictObject({ inspectionId: id.optional(), item: text(63).optional(), trackingNo: trackingNo.optional(), halfHearted: z.boolean().optional() }),
  veto: z.strictObject({ inspectionId: id.optional(), item: text(63).optional(), trackingNo: trackingNo.optional(), halfHearted: z.boolean().optional() }),
  one_time_notice_violation: z.strictObject({ caseId: id.optional(), notice: z.number().int().min(1).optional() }),
} satisfies Record<IncidentKind, z.ZodType>;

export type IncidentDetails<K extends IncidentKind = IncidentKind> = z.output<(typeof incidentDetailSchemas)[K]>;

/** A date (local midnight of the organisation) or an exact instant. */
export const occurredAtSchema = z.union([civilDate, instant]);

/** One kind's body; amountFen by the kind's rule (required for damage and envelopes, optional for disputes, refused otherwise). */
function branch<K extends IncidentKind>(kind: K) {
  const amountRule = incidentKindCatalogue[kind].amount;
  return z
    .strictObject({
      kind: z.literal(kind),
      staffId: id.optional(),
      unitId: id.optional(),
      occurredAt: occurredAtSchema,
      summary: text(2000),
      amountFen: z.number().int().min(0).max(maxAmountFen).optional(),
      details: incidentDetailSchemas[kind],
    })
    .refine((v) => amountRule !== 'none' || v.amountFen === undefined, { ...says('该类事件不记金额', 'this kind records no amount'), path: ['amountFen'] })
    .refine((v) => amountRule !== 'required' || (v.amountFen ?? 0) >= 1, { ...says('该类事件须填写金额（大于 0）', 'this kind needs its amount (more than 0)'), path: ['amountFen'] });
}

/** POST /api/v1/incidents: one branch per kind; `details` is validated by the kind. */
export const createIncidentBody = z.discriminatedUnion('kind', [
  branch('verified_complaint'),
  branch('concealed_error'),
  branch('accident'),
  branch('dispute'),
  branch('damage'),
  branch('red_envelope'),
  branch('exposure'),
  branch('major_complaint'),
  branch('eight_prohibitions'),
  branch('finding'),
  branch('veto'),
  branch('one_time_notice_violation'),
]);
export type CreateIncidentInput = z.infer<typeof createIncidentBody>;

const filters = {
  kind: z.enum(incidentKinds).optional(),
  state: z.enum(incidentStates).optional(),
  from: civilDate.optional(),
  to: civilDate.optional(),
};

export const listIncidentsQuery = pageQuerySchema.extend({ staffId: id.optional(), unitId: id.optional(), ...filters }).refine(...fromNotAfterTo);
export type ListIncidentsQuery = z.infer<typeof listIncidentsQuery>;

/** A unit's file: the unit and the units under it; `unitOnly` keeps the incidents of the unit itself (no person named). */
export const unitIncidentsQuery = pageQuerySchema.extend({ ...filters, unitOnly: z.enum(['true', 'false']).optional() }).refine(...fromNotAfterTo);
export type UnitIncidentsQuery = z.infer<typeof unitIncidentsQuery>;

export const staffIncidentsQuery = z.object({ from: civilDate.optional(), to: civilDate.optional() }).refine(...fromNotAfterTo);

export const verifyIncidentBody = z.strictObject({ version, note: freeText(1000).optional() });
export const rejectIncidentBody = z.strictObject({ version, reason: text(1000) });
export type VerifyIncidentInput = z.infer<typeof verifyIncidentBody>;
export type RejectIncidentInput = z.infer<typeof rejectIncidentBody>;
