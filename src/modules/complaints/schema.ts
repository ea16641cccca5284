import { z } from 'zod';
import { email, freeText, id, instant, phone, says, str, text } from '../../shared/fields.js';
import { complaintChannels } from './taxonomy.js';

export const replyChannels = ['phone', 'sms', 'letter', 'in_person', 'email', 'online', 'wechat'] as const;
/** 满意 / 基本满意 / 不满意: the complainant's rating of the handling. */
export const satisfactionValues = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export const verdicts = ['substantiated', 'partly_substantiated', 'unsubstantiated'] as const; // 属实 / 部分属实 / 不属实

/** Which address a reply channel needs to reach the complainant (letter, in person, online: none on record). */
const addressFor: Partial<Record<(typeof replyChannels)[number], 'phone' | 'email'>> = { sms: 'phone', wechat: 'phone', phone: 'phone', email: 'email' };

/** A chosen reply channel must come with the address it needs, or the reply could not reach them. */
function requireReplyAddress(c: { phone?: string; email?: string; replyChannel?: (typeof replyChannels)[number] }, ctx: z.RefinementCtx, field: { phone: string; email: string }) {
  const needed = c.replyChannel ? addressFor[c.replyChannel] : undefined;
  if (needed && !c[needed]) ctx.addIssue({ code: 'custom', path: [field[needed]], ...says(`答复方式 ${c.replyChannel} 需要${needed === 'phone' ? '电话号码' : '电子邮件地址'}`, `the reply channel ${c.replyChannel} needs ${needed === 'phone' ? 'a phone number' : 'an email address'}`) });
}

export const complainantSchema = z
  .strictObject({
    name: freeText(40).optional(),
    phone: phone.optional(),
    email: email().optional(),
    anonymous: z.boolean().optional(),
    replyChannel: z.enum(replyChannels).optional(),
  })
  .superRefine((c, ctx) => requireReplyAddress(c, ctx, { phone: 'phone', email: 'email' }));

export const createComplaintBody = z.strictObject({
  channel: z.enum(complaintChannels),
  content: text(4000),
  title: freeText(100).optional(),
  receivedAt: instant.optional(),
  unitId: id.optional(),
  staffId: id.optional(),
  category: freeText(40).optional(),
  complainant: complainantSchema.optional(),
});

/** The most photos a public complaint may carry (the pack may allow fewer, never more: 3 is its schema's maximum). */
export const MAX_PUBLIC_PHOTOS = 3;
/** The largest photo the pack may allow (its schema's maximum), in bytes. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** One photo in the JSON API: its file name and its bytes as base64. */
const publicPhoto = z.strictObject({ name: freeText(200), data: z.string().max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 4).regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'base64') });
/** A JSON body with three photos at their largest: the public complaint route's body limit. */
export const publicComplaintBodyLimit = MAX_PUBLIC_PHOTOS * (Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 4) + 64 * 1024;

/** How the public may ask to be answered in writing (a phone reply needs no choice: we call the number given). */
export const publicReplyChannels = ['sms', 'email'] as const;

export const publicComplaintBody = z
  .strictObject({
    orgCode: text(40, 2),
    content: text(4000),
    unitCode: freeText(40).optional(),
    category: freeText(40).optional(),
    contactName: freeText(40).optional(),
    contactPhone: phone.optional(),
    contactEmail: email().optional(),
    replyChannel: z.enum(publicReplyChannels).optional(),
    anonymous: z.boolean().optional(),
    /** `qr`: the form was reached by scanning a QR code (扫码投诉); default online. */
    channel: z.enum(['online', 'qr']).optional(),
    /** Up to three photos (JPEG or PNG, base64; the pack may allow fewer and sets the size). */
    photos: z.array(publicPhoto).max(MAX_PUBLIC_PHOTOS, says(`最多只能附 ${MAX_PUBLIC_PHOTOS} 张照片`, `at most ${MAX_PUBLIC_PHOTOS} photos`)).optional(),
  })
  .superRefine((b, ctx) => requireReplyAddress({ phone: b.contactPhone, email: b.contactEmail, replyChannel: b.replyChannel }, ctx, { phone: 'contactPhone', email: 'contactEmail' }));

/** The complainant's rating on the public page: the status page's secret, the rating, a comment. */
export const publicSatisfactionBody = z.strictObject({ code: str().min(4).max(40), satisfaction: z.enum(satisfactionValues), note: freeText(500).optional() });

/** The input of each workflow action (the body minus `version`). */
export const complaintActionInputs = {
  assign: z.strictObject({ assigneeId: id, note: freeText(500).optional() }),
  reassign: z.strictObject({ assigneeId: id, note: freeText(500).optional() }),
  verify: z.strictObject({ verdict: z.enum(verdicts), findings: text(2000), staffId: id.optional() }),
  record_cause: z.strictObject({ causes: z.array(text(40)).min(1).max(10), note: freeText(1000).optional() }),
  record_measure: z.strictObject({ measure: text(2000) }),
  reply: z.strictObject({ channel: z.enum(replyChannels), content: text(2000) }),
  /** Taken by the complainant on the public status page (role `complainant`), never by the handler. */
  record_satisfaction: z.strictObject({ satisfaction: z.enum(satisfactionValues), note: freeText(500).optional() }),
  close: z.strictObject({ note: freeText(500).optional() }),
  review_close: z.strictObject({ note: freeText(500).optional() }),
  send_back: z.strictObject({ reason: text(500) }),
  reopen: z.strictObject({ reason: text(500) }),
  await_complainant: z.strictObject({ reason: text(500) }),
  resume: z.strictObject({ note: freeText(500).optional() }),
  note: z.strictObject({ text: text(2000) }),
  complainant_comment: z.strictObject({ text: text(2000) }),
};

export const actionParams = z.object({ id, action: str().min(1).max(40) });
