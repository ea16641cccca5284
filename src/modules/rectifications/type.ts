import { z } from 'zod';
import { parseJson } from '../../shared/json.js';
import { freeText, text } from '../../shared/fields.js';
import type { CaseTypeDefinition } from '../cases/index.js';
import { excludeRating } from '../ratings/service.js';
import { followUpKeys, settleFollowUpOf } from '../followups/index.js';
import { rectificationWorkflow } from './workflow.js';

const inputs = {
  record_callback: z.strictObject({ reached: z.boolean(), channel: z.enum(['phone', 'sms', 'visit', 'wechat']), result: text(1000) }),
  rectify: z.strictObject({ measure: text(2000), evidence: freeText(500).optional() }),
  verify: z.strictObject({ note: freeText(500).optional() }),
  return_for_rework: z.strictObject({ reason: text(500) }),
  appeal: z.strictObject({ reason: text(1000) }),
  uphold_appeal: z.strictObject({ decision: text(1000) }),
  reject_appeal: z.strictObject({ decision: text(1000) }),
  note: z.strictObject({ text: text(2000) }),
};

export const rectificationType: CaseTypeDefinition = {
  type: 'rectification',
  trackingPrefix: 'ZG',
  // 差评待回访: the call-back clock runs until the rater is called back (or the rectification is reported).
  deskQueues: [{ id: 'awaiting_callback', label: { zh: '差评待回访', en: 'Negative ratings awaiting call-back' }, runningClock: 'callback' }],
  workflow: rectificationWorkflow,
  inputs,
  reduce(action, input, _current, meta) {
    const stamp = { at: new Date(meta.now).toISOString(), by: meta.actor.username };
    switch (action) {
      case 'record_callback':
        return { data: { callback: { ...input, ...stamp } }, note: input.result };
      case 'rectify':
        return { data: { rectification: { ...input, ...stamp } }, publicNote: input.measure };
      case 'verify':
        return { data: { verified: { note: input.note ?? null, ...stamp } }, note: input.note };
      case 'return_for_rework':
        return { data: { rectification: null, returned: { reason: input.reason, ...stamp } }, note: input.reason };
      case 'appeal':
        return { data: { appeal: { reason: input.reason, ...stamp } }, note: input.reason };
      case 'uphold_appeal':
      case 'reject_appeal':
        return { data: { appealDecision: { upheld: action === 'uphold_appeal', decision: input.decision, ...stamp } }, note: input.decision };
      default:
        return { note: input.text };
    }
  },
  async after({ ctx, trx, actor, after, action, input }) {
    const data = parseJson<{ ratingId?: string }>(after.data, {});
    // The rater called back from the rectification: the 差评's follow-up is this callback, settled with it.
    if (action === 'record_callback' && data.ratingId) await settleFollowUpOf(ctx, trx, after.org_id, followUpKeys.rating(data.ratingId), after, `差评回访已在整改单记录：${(input as { result: string }).result}`);
    if (action !== 'uphold_appeal') return;
    // An upheld appeal removes the 差评 from the statistics; the decision is audited there.
    if (data.ratingId) await excludeRating(ctx, trx, actor, data.ratingId, (input as { decision: string }).decision);
  },
};
