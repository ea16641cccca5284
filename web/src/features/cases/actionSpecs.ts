/**
 * The input form of each workflow action, after the server's zod schemas
 * (src/modules/complaints/schema.ts `complaintActionInputs`, src/modules/rectifications/type.ts,
 * src/modules/inquiries/schema.ts, src/modules/applications/schema.ts). An action the screens do
 * not know (a new case type) gets a generic form: a JSON object, checked by the server.
 */
export type FieldSpec =
  | { name: string; kind: 'text' | 'textarea'; required?: boolean; max: number }
  | { name: string; kind: 'select'; options: readonly string[]; optionSet: string; required?: boolean }
  | { name: string; kind: 'user'; required?: boolean }
  | { name: string; kind: 'staff'; required?: boolean }
  | { name: string; kind: 'causes'; required?: boolean }
  | { name: string; kind: 'boolean'; required?: boolean }
  | { name: string; kind: 'date'; required?: boolean }
  | { name: string; kind: 'unit'; required?: boolean }
  | { name: string; kind: 'codes'; required?: boolean }
  | { name: string; kind: 'json' };

export const replyChannels = ['phone', 'sms', 'letter', 'in_person', 'email', 'online', 'wechat'] as const;
export const verdicts = ['substantiated', 'partly_substantiated', 'unsubstantiated'] as const;
export const satisfactionValues = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
const callbackChannels = ['phone', 'sms', 'visit', 'wechat'] as const;
const notifyChannels = ['phone', 'sms', 'in_person', 'letter', 'email', 'online'] as const;

const note = (max = 500): FieldSpec => ({ name: 'note', kind: 'textarea', max });
const noteAction: FieldSpec[] = [{ name: 'text', kind: 'textarea', required: true, max: 2000 }];

const complaint: Record<string, FieldSpec[]> = {
  assign: [{ name: 'assigneeId', kind: 'user', required: true }, note()],
  reassign: [{ name: 'assigneeId', kind: 'user', required: true }, note()],
  verify: [
    { name: 'verdict', kind: 'select', options: verdicts, optionSet: 'verdicts', required: true },
    { name: 'findings', kind: 'textarea', required: true, max: 2000 },
    { name: 'staffId', kind: 'staff' },
  ],
  record_cause: [{ name: 'causes', kind: 'causes', required: true }, note(1000)],
  record_measure: [{ name: 'measure', kind: 'textarea', required: true, max: 2000 }],
  reply: [
    { name: 'channel', kind: 'select', options: replyChannels, optionSet: 'replyChannels', required: true },
    { name: 'content', kind: 'textarea', required: true, max: 2000 },
  ],
  // record_satisfaction is the complainant's, on the public status page: no form here.
  close: [note()],
  review_close: [note()],
  send_back: [{ name: 'reason', kind: 'textarea', required: true, max: 500 }],
  reopen: [{ name: 'reason', kind: 'textarea', required: true, max: 500 }],
  await_complainant: [{ name: 'reason', kind: 'textarea', required: true, max: 500 }],
  resume: [note()],
  note: noteAction,
  // What the complainant added (by phone, at the window), recorded for them: shown on the public status page.
  complainant_comment: noteAction,
};

const rectification: Record<string, FieldSpec[]> = {
  record_callback: [
    { name: 'reached', kind: 'boolean', required: true },
    { name: 'channel', kind: 'select', options: callbackChannels, optionSet: 'callbackChannels', required: true },
    { name: 'result', kind: 'textarea', required: true, max: 1000 },
  ],
  rectify: [
    { name: 'measure', kind: 'textarea', required: true, max: 2000 },
    { name: 'evidence', kind: 'text', max: 500 },
  ],
  verify: [note()],
  return_for_rework: [{ name: 'reason', kind: 'textarea', required: true, max: 500 }],
  appeal: [{ name: 'reason', kind: 'textarea', required: true, max: 1000 }],
  uphold_appeal: [{ name: 'decision', kind: 'textarea', required: true, max: 1000 }],
  reject_appeal: [{ name: 'decision', kind: 'textarea', required: true, max: 1000 }],
  note: noteAction,
};

const inquiry: Record<string, FieldSpec[]> = {
  answer: [{ name: 'answer', kind: 'textarea', required: true, max: 2000 }],
  handle: [{ name: 'result', kind: 'textarea', required: true, max: 2000 }],
  transfer: [
    { name: 'unitId', kind: 'unit' },
    { name: 'agency', kind: 'text', max: 100 },
    { name: 'contactPhone', kind: 'text', max: 20 },
    { name: 'contactAddress', kind: 'text', max: 200 },
    note(1000),
  ],
  note: noteAction,
};

const application: Record<string, FieldSpec[]> = {
  request_supplement: [{ name: 'items', kind: 'codes', required: true }, note(1000)],
  receive_supplement: [{ name: 'materials', kind: 'codes', required: true }, note(1000)],
  approve: [
    { name: 'decision', kind: 'textarea', max: 2000 },
    { name: 'pickupDate', kind: 'date' },
  ],
  refuse: [
    { name: 'reason', kind: 'textarea', required: true, max: 2000 },
    { name: 'legalBasis', kind: 'textarea', max: 1000 },
  ],
  notify_applicant: [
    { name: 'channel', kind: 'select', options: notifyChannels, optionSet: 'replyChannels', required: true },
    { name: 'content', kind: 'textarea', required: true, max: 2000 },
    { name: 'pickupDate', kind: 'date' },
  ],
  close: [note()],
  note: noteAction,
};

const byType: Record<string, Record<string, FieldSpec[]>> = { complaint, rectification, inquiry, application };

/** Actions any type is likely to share, for types the screens do not know yet. */
const common: Record<string, FieldSpec[]> = { note: noteAction };

export function fieldsFor(type: string, action: string): FieldSpec[] {
  return byType[type]?.[action] ?? common[action] ?? [{ name: 'input', kind: 'json' }];
}

/** Turns form values into the action's body: drops blanks, reshapes what the form splits. */
export function toActionInput(type: string, action: string, values: Record<string, unknown>): Record<string, unknown> {
  if (fieldsFor(type, action).some((f) => f.kind === 'json')) {
    const raw = String(values.input ?? '').trim();
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  if (type === 'inquiry' && action === 'transfer') {
    const contact: Record<string, unknown> = {};
    if (out.contactPhone) contact.phone = out.contactPhone;
    if (out.contactAddress) contact.address = out.contactAddress;
    delete out.contactPhone;
    delete out.contactAddress;
    out.contact = contact;
  }
  return out;
}

/** Actions that change who holds the case or close it: shown as the primary buttons. */
export const primaryActions = new Set(['assign', 'verify', 'reply', 'close', 'record_callback', 'rectify', 'answer', 'handle', 'approve', 'notify_applicant', 'uphold_appeal']);
/** Actions shown in red. */
export const dangerActions = new Set(['reopen', 'return_for_rework', 'reject_appeal', 'refuse']);
