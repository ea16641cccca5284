import type { Bilingual } from '../../shared/errors.js';

/**
 * The events a webhook may subscribe to (issue 19 item 7): stable codes, never renamed — a
 * receiver switches on them. `ping` is sent by the "test" button only and cannot be subscribed to.
 */
export const webhookEventCatalogue = {
  'case.created': { zh: '事项受理（投诉、咨询、办件、整改等新建）', en: 'A case is registered (complaint, inquiry, application, rectification…)' },
  'case.status_changed': { zh: '事项状态变化', en: "A case's status changes" },
  'case.replied': { zh: '投诉已答复', en: 'A complaint is replied to' },
  'case.closed': { zh: '事项办结', en: 'A case is closed' },
  'rating.received': { zh: '收到评价', en: 'A rating is received' },
  'rating.negative': { zh: '差评（已开立整改）', en: 'A negative rating (差评) opens a rectification' },
  'rectification.overdue': { zh: '整改超期', en: 'A rectification is overdue' },
  'inspection.scored': { zh: '检查评分', en: 'An inspection is scored' },
  'sanction.final': { zh: '奖惩生效', en: 'A sanction becomes final' },
} as const satisfies Record<string, Bilingual>;

export type WebhookEventType = keyof typeof webhookEventCatalogue;
export const webhookEventTypes = Object.keys(webhookEventCatalogue) as [WebhookEventType, ...WebhookEventType[]];

/** What the test button sends. */
export const pingEvent = 'ping';

/** One event as a module emits it: the organisation it happened in, its code and what a receiver needs to know (ids, numbers, statuses; no personal data). */
export interface WebhookEvent {
  orgId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
}
