import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { civilDate, code, freeText, id, instant, phone, says, text, version } from '../../shared/fields.js';
export const materialCode = code();
const itemCode = code();
/** Working days; 0 = 即办 (on the spot when the paperwork is complete, 004:L188). */
const limitDays = z.number().int().min(0).max(3650);

export const materialSchema = z.strictObject({ code: materialCode, name: text(200), required: z.boolean() });
export type Material = z.infer<typeof materialSchema>;

const materialsList = z
  .array(materialSchema)
  .max(100)
  .refine((list) => new Set(list.map((m) => m.code)).size === list.length, says('材料编码不能重复', 'material codes must be unique'));

/** 办事指南 (002:L69, L99): what an organisation publishes about a service item. */
const serviceItemFields = {
  code: itemCode,
  name: text(100),
  unitId: id.nullable().optional(),
  responsibleBody: text(200),
  legalBasis: text(2000),
  conditions: text(4000),
  procedure: text(4000),
  materials: materialsList,
  statutoryLimitDays: limitDays,
  committedLimitDays: limitDays,
  fees: text(500),
  feeBasis: freeText(1000).optional(),
  complaintChannels: z.array(text(200)).min(1).max(20),
  active: z.boolean().optional(),
};

/** Committed limits may be shorter than statutory ones, never longer (002:L188 "缩短承诺时限"). */
const committedWithinStatutory = (v: { statutoryLimitDays?: number; committedLimitDays?: number }) =>
  v.statutoryLimitDays === undefined || v.committedLimitDays === undefined || v.committedLimitDays <= v.statutoryLimitDays;
const committedMessage = { ...says('承诺时限不得超过法定时限', 'the committed limit may not exceed the statutory limit'), path: ['committedLimitDays'] };

export const createServiceItemBody = z.strictObject(serviceItemFields).refine(committedWithinStatutory, committedMessage);

export const updateServiceItemBody = z
  .strictObject({
    version,
    code: serviceItemFields.code.optional(),
    name: serviceItemFields.name.optional(),
    unitId: serviceItemFields.unitId,
    responsibleBody: serviceItemFields.responsibleBody.optional(),
    legalBasis: serviceItemFields.legalBasis.optional(),
    conditions: serviceItemFields.conditions.optional(),
    procedure: serviceItemFields.procedure.optional(),
    materials: materialsList.optional(),
    statutoryLimitDays: limitDays.optional(),
    committedLimitDays: limitDays.optional(),
    fees: serviceItemFields.fees.optional(),
    feeBasis: serviceItemFields.feeBasis,
    complaintChannels: serviceItemFields.complaintChannels.optional(),
    active: z.boolean().optional(),
  })
  .refine(committedWithinStatutory, committedMessage);

export const listServiceItemsQuery = pageQuerySchema.extend({ active: z.enum(['true', 'false']).optional() });

export type CreateServiceItemInput = z.infer<typeof createServiceItemBody>;
export type UpdateServiceItemInput = z.infer<typeof updateServiceItemBody>;
export type ListServiceItemsQuery = z.infer<typeof listServiceItemsQuery>;

// ---------------------------------------------------------------------------------------------
// Applications (受理)

export const applicationChannels = ['window', 'online', 'mail'] as const;

export const createApplicationBody = z.strictObject({
  serviceItemId: id,
  channel: z.enum(applicationChannels).optional(),
  applicant: z.strictObject({ name: text(60), phone: phone.optional() }),
  /** Codes of the materials handed in. */
  materials: z.array(materialCode).max(100),
  receivedAt: instant.optional(),
  /** The handling unit; default: the service item's unit, else the caller's. */
  unitId: id.optional(),
  note: freeText(1000).optional(),
});
export type CreateApplicationInput = z.infer<typeof createApplicationBody>;

export const notifyChannels = ['phone', 'sms', 'in_person', 'letter', 'email', 'online'] as const;

/** The input of each workflow action (the body minus `version`). */
export const applicationActionInputs = {
  /** A later supplement notice; naming an item already missing at intake breaks 一次性告知 (002:L98, L184). */
  request_supplement: z.strictObject({ items: z.array(materialCode).min(1).max(100), note: freeText(1000).optional() }),
  receive_supplement: z.strictObject({ materials: z.array(materialCode).min(1).max(100), note: freeText(1000).optional() }),
  approve: z.strictObject({ decision: freeText(2000).optional(), pickupDate: civilDate.optional() }),
  refuse: z.strictObject({ reason: text(2000), legalBasis: freeText(1000).optional() }),
  /** 告知申请人: how and what the applicant was told, with the pickup date where relevant (002:L98, L180). */
  notify_applicant: z.strictObject({ channel: z.enum(notifyChannels), content: text(2000), pickupDate: civilDate.optional() }),
  close: z.strictObject({ note: freeText(500).optional() }),
  note: z.strictObject({ text: text(2000) }),
};

export const applicationActions = ['request_supplement', 'receive_supplement', 'approve', 'refuse', 'notify_applicant', 'close', 'note'] as const;
export const applicationActionParams = z.object({ id, action: z.enum(applicationActions) });
