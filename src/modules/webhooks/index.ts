// What other modules use of webhooks: the event catalogue and `emitEvent(s)`, called inside the
// transaction of the change an event reports (case registered, status changed, rating received…).
export { emitEvent, emitEvents, webhookEventsWanted } from './service.js';
export { webhookEventTypes, type WebhookEvent, type WebhookEventType } from './events.js';
