import { z } from 'zod';
import { freeText, id, instant, phone, says, text } from '../../shared/fields.js';

/** 首问负责 applies on the phone and at the counter alike (002:L183; 004:L56); online questions too. */
export const inquiryChannels = ['phone', 'window', 'online'] as const;

export const createInquiryBody = z.strictObject({
  channel: z.enum(inquiryChannels),
  question: text(2000),
  title: freeText(100).optional(),
  receivedAt: instant.optional(),
  /** The unit the matter concerns; default: the first responder's own unit. */
  unitId: id.optional(),
  /** Only for callers without a staff record (e.g. an administrator logging a call for a colleague). */
  firstResponderId: id.optional(),
  inquirer: z.strictObject({ name: freeText(40).optional(), phone: phone.optional() }).optional(),
});

/** Where a matter outside one's remit is sent, and how to reach it (002:L100 "指明办事窗口或办事机构,并提供联系方式"). */
export const transferContact = z
  .strictObject({ phone: phone.optional(), address: text(200).optional() })
  .refine((c) => !!c.phone || !!c.address, says('移交须提供承办窗口或机构的联系方式：电话或地址', 'a transfer must give the contact of the window or agency: phone or address'));

export const transferInput = z
  .strictObject({
    unitId: id.optional(),
    agency: text(100).optional(),
    contact: transferContact,
    note: freeText(1000).optional(),
  })
  .refine((t) => !!t.unitId !== !!t.agency, { ...says('须且只能指定一个去向：本单位的科室（unitId）或外部机构（agency）', 'name exactly one target: unitId (a unit of the organisation) or agency (an outside body)'), path: ['unitId'] });

/**
 * The outcomes of an inquiry: answered, handled, transferred (002:L183 "认真解答、办理或移交办理").
 * "Not my responsibility" is not among them (002:L108 "不得以不从事、不分管、不了解而推诿").
 */
export const inquiryActionInputs = {
  answer: z.strictObject({ answer: text(2000) }),
  handle: z.strictObject({ result: text(2000) }),
  transfer: transferInput,
  note: z.strictObject({ text: text(2000) }),
};

export const inquiryActions = ['answer', 'handle', 'transfer', 'note'] as const;

/** Any other action (e.g. "not_my_responsibility") is a 400: the outcome is not a valid value. */
export const inquiryActionParams = z.object({ id, action: z.enum(inquiryActions) });

export type CreateInquiryInput = z.infer<typeof createInquiryBody>;
