import { z } from 'zod';
import { complaintChannels } from './taxonomy.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, 'a phone number');
const isoWithOffset = z.iso.datetime({ offset: true });

export const replyChannels = ['phone', 'sms', 'letter', 'in_person', 'email', 'online', 'wechat'] as const;
export const verdicts = ['substantiated', 'partly_substantiated', 'unsubstantiated'] as const; // 属实 / 部分属实 / 不属实

/** Which address a reply channel needs to reach the complainant (letter, in person, online: none on record). */
const addressFor: Partial<Record<(typeof replyChannels)[number], 'phone' | 'email'>> = { sms: 'phone', wechat: 'phone', phone: 'phone', email: 'email' };

/** A chosen reply channel must come with the address it needs, or the reply could not reach them. */
function requireReplyAddress(c: { phone?: string; email?: string; replyChannel?: (typeof replyChannels)[number] }, ctx: z.RefinementCtx, field: { phone: string; email: string }) {
  const needed = c.replyChannel ? addressFor[c.replyChannel] : undefined;
  if (needed && !c[needed]) ctx.addIssue({ code: 'custom', path: [field[needed]], message: `the reply channel ${c.replyChannel} needs ${needed === 'phone' ? 'a phone number' : 'an email address'}` });
}

export const complainantSchema = z
  .strictObject({
    name: z.string().trim().max(40).optional(),
    phone: phone.optional(),
    email: z.email().max(100).optional(),
    anonymous: z.boolean().optional(),
    replyChannel: z.enum(replyChannels).optional(),
  })
  .superRefine((c, ctx) => requireReplyAddress(c, ctx, { phone: 'phone', email: 'email' }));

export const createComplaintBody = z.strictObject({
  channel: z.enum(complaintChannels),
  content: text(4000),
  title: z.string().trim().max(100).optional(),
  receivedAt: isoWithOffset.optional(),
  unitId: z.uuid().optional(),
  staffId: z.uuid().optional(),
  category: z.string().trim().max(40).optional(),
  complainant: complainantSchema.optional(),
});

/** How the public may ask to be answered in writing (a phone reply needs no choice: we call the number given). */
export const publicReplyChannels = ['sms', 'email'] as const;

export const publicComplaintBody = z
  .strictObject({
    orgCode: z.string().trim().min(2).max(40),
    content: text(4000),
    unitCode: z.string().trim().max(40).optional(),
    category: z.string().trim().max(40).optional(),
    contactName: z.string().trim().max(40).optional(),
    contactPhone: phone.optional(),
    contactEmail: z.email().max(100).optional(),
    replyChannel: z.enum(publicReplyChannels).optional(),
    anonymous: z.boolean().optional(),
    /** `qr`: the form was reached by scanning a QR code (扫码投诉); default online. */
    channel: z.enum(['online', 'qr']).optional(),
  })
  .superRefine((b, ctx) => requireReplyAddress({ phone: b.contactPhone, email: b.contactEmail, replyChannel: b.replyChannel }, ctx, { phone: 'contactPhone', email: 'contactEmail' }));

/** The input of each workflow action (the body minus `version`). */
export const complaintActionInputs = {
  assign: z.strictObject({ assigneeId: z.uuid(), note: z.string().trim().max(500).optional() }),
  reassign: z.strictObject({ assigneeId: z.uuid(), note: z.string().trim().max(500).optional() }),
  verify: z.strictObject({ verdict: z.enum(verdicts), findings: text(2000), staffId: z.uuid().optional() }),
  record_cause: z.strictObject({ causes: z.array(z.string().trim().min(1).max(40)).min(1).max(10), note: z.string().trim().max(1000).optional() }),
  record_measure: z.strictObject({ measure: text(2000) }),
  reply: z.strictObject({ channel: z.enum(replyChannels), content: text(2000) }),
  record_satisfaction: z.strictObject({ satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']), note: z.string().trim().max(500).optional() }),
  close: z.strictObject({ note: z.string().trim().max(500).optional() }),
  reopen: z.strictObject({ reason: text(500) }),
  await_complainant: z.strictObject({ reason: text(500) }),
  resume: z.strictObject({ note: z.string().trim().max(500).optional() }),
  note: z.strictObject({ text: text(2000) }),
};

export const actionParams = z.object({ id: z.uuid(), action: z.string().min(1).max(40) });
/** Every action body carries the version it read, plus the action's own fields. */
export const actionBody = z.looseObject({ version: z.number().int().min(1) });
