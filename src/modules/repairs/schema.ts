import { z } from 'zod';
import { freeText, id, instant, month, phone, says, str, text } from '../../shared/fields.js';
import { pageQuerySchema } from '../../shared/page.js';

/** 报修渠道: the 24 h hotline, the business-hall counter, the public site (004:L72, L80). */
export const repairChannels = ['phone', 'counter', 'online'] as const;
/** How the damage to the customer's property was made good (004:L88: 恢复原状或等价赔偿). */
export const damageResolutions = ['restored', 'compensated'] as const;
/** A checklist point: done, not done, or not applicable here (safety signs away from a public site). */
export const checkValues = ['yes', 'no', 'na'] as const;
/** Messages that reach a technician away from the desk, besides the in-app inbox. */
export const dispatchChannels = ['sms', 'wechat'] as const;

const fault = text(2000);
const contactName = text(40);
const address = text(200);

/** The customer's signature drawn on the technician's phone: a PNG data URL (≤ 256 KB of base64). */
const signature = str()
  .max(256 * 1024)
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'a PNG data URL (data:image/png;base64,…)');

export const createRepairBody = z.strictObject({
  channel: z.enum(repairChannels),
  reportedAt: instant.optional(),
  fault,
  contactName,
  contactPhone: phone,
  address,
  appointmentAt: instant.optional(),
  /** The unit (service station, team) the order belongs to; none: the organisation as a whole. */
  unitId: id.optional(),
  /** The work is at a public site (street, stairwell): safety signs are required there (004:L94). */
  publicSite: z.boolean().optional(),
});
export type CreateRepairInput = z.infer<typeof createRepairBody>;

/** 网上报修: only what the order needs. */
export const publicRepairBody = z.strictObject({
  orgCode: text(40, 2),
  fault,
  contactName,
  contactPhone: phone,
  address,
  appointmentAt: instant.optional(),
});
export type PublicRepairInput = z.infer<typeof publicRepairBody>;

const fen = z.number().int().min(0).max(100_000_000_00);

export const repairActionInputs = {
  dispatch: z.strictObject({ technicianId: id, appointmentAt: instant.optional(), notify: z.array(z.enum(dispatchChannels)).max(2).optional(), note: freeText(500).optional() }),
  arrive: z.strictObject({ arrivedAt: instant.optional() }),
  record_checklist: z.strictObject({
    items: z.record(str().min(1).max(40), z.enum(checkValues)),
    /** 三不指定 (004:L90): a designer, contractor or supplier named to the customer — recorded, it is a finding. */
    designatedContractor: freeText(200).optional(),
    note: freeText(500).optional(),
  }),
  record_damage: z
    .strictObject({ description: text(1000), resolution: z.enum(damageResolutions).optional(), compensationFen: fen.optional() })
    .refine((d) => d.resolution !== 'compensated' || (d.compensationFen ?? 0) > 0, { ...says('赔偿须填写金额（分）', 'a compensation needs its amount (fen)'), path: ['compensationFen'] })
    .refine((d) => d.resolution === 'compensated' || d.compensationFen === undefined, { ...says('只有赔偿才有金额', 'only a compensation has an amount'), path: ['compensationFen'] }),
  complete: z.strictObject({ completedAt: instant.optional(), summary: text(2000) }),
  sign_card: z.strictObject({ signature, signerName: freeText(40).optional() }),
  refuse_card: z.strictObject({ reason: text(500) }),
  callback: z.strictObject({ calledAt: instant.optional(), outcome: text(1000), satisfied: z.boolean() }),
  close: z.strictObject({ note: freeText(500).optional() }),
  note: z.strictObject({ text: text(2000) }),
};

/** The URL names of the actions (sign-card) and the workflow's (sign_card). */
export const actionParams = z.object({ id, action: str().min(1).max(40) });

export const listRepairsQuery = pageQuerySchema.extend({
  state: freeText(40).optional(),
  technician: id.optional(),
  overdue: z.enum(['overdue', 'severely_overdue', 'due_soon']).optional(),
  /** Reported on this local date. */
  date: z.iso.date().optional(),
  /** true: the callbacks still to be made (callback clock running). */
  callbackDue: z.enum(['true', 'false']).optional(),
});
export type ListRepairsQuery = z.infer<typeof listRepairsQuery>;

export const figuresQuery = z.object({ month, unitId: id.optional() });
