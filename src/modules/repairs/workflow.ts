import type { CaseSnapshot, WorkflowDefinition } from '../../engines/workflow/index.js';

/** Who dispatches (调度) and signs a work order off. */
const dispatchers = ['admin', 'quality_office', 'unit_head'] as const;
/** Who works an order: the dispatchers and the technician it is assigned to (role staff; access: assignee). */
const workers = ['admin', 'quality_office', 'unit_head', 'staff'] as const;

type Data = Readonly<Record<string, unknown>>;
/** 《服务联系卡》 signed by the customer, or the refusal recorded (004:L92). */
const cardRecorded = (d: Data) => !!d.card;
const cardMissing = (c: CaseSnapshot) => (cardRecorded(c.data) ? null : 'repair_card_missing');
const cardNotYetRecorded = (c: CaseSnapshot) => (cardRecorded(c.data) ? 'repair_card_recorded' : null);
/** The loop closes through the callback (回访, 004:L76, L214). */
const callbackMissing = (c: CaseSnapshot) => (c.data.callback ? null : 'repair_callback_missing');
/** Damage to the customer's property is restored or compensated before the order closes (004:L88). */
const damageResolved = (c: CaseSnapshot) => {
  const damage = c.data.damage as { resolution?: string | null } | null | undefined;
  return !damage || damage.resolution ? null : 'repair_damage_unresolved';
};

/**
 * 故障报修 (RULES §2, 004:L72–L94): report → dispatch to a technician (appointment where agreed)
 * → arrival → checklist, damage, repair → 《服务联系卡》 signed or refused → callback → close.
 * Clocks (pack, calendar hours around the clock): arrival from the report or the appointment,
 * completion from the report; the callback clock (working days) starts at completion. The type
 * (type.ts) starts and stops them at the times recorded on the phone, not at the request's.
 */
export const repairWorkflow: WorkflowDefinition = {
  type: 'repair',
  initial: 'reported',
  startClocks: ['arrival', 'completion'],
  states: {
    reported: { label: { zh: '待派工', en: 'Reported' } },
    dispatched: { label: { zh: '已派工', en: 'Dispatched' } },
    on_site: { label: { zh: '已到场', en: 'On site' } },
    completed: { label: { zh: '已修复待回访', en: 'Completed, callback due' } },
    called_back: { label: { zh: '已回访', en: 'Called back' } },
    closed: { label: { zh: '已关闭', en: 'Closed' }, closed: true },
  },
  actions: {
    dispatch: { label: { zh: '派工', en: 'Dispatch' }, from: ['reported', 'dispatched'], to: 'dispatched', roles: dispatchers, public: true },
    arrive: { label: { zh: '到达现场', en: 'Arrived' }, from: ['dispatched'], to: 'on_site', roles: workers, public: true },
    record_checklist: { label: { zh: '上门服务规范检查', en: 'On-site checklist' }, from: ['on_site', 'completed'], roles: workers },
    record_damage: { label: { zh: '登记损坏及处理', en: 'Damage and its resolution' }, from: ['on_site', 'completed', 'called_back'], roles: workers },
    complete: { label: { zh: '修复完成', en: 'Repair completed' }, from: ['on_site'], to: 'completed', roles: workers, public: true },
    sign_card: { label: { zh: '用户签字确认服务联系卡', en: 'Contact card signed' }, from: ['completed', 'called_back'], roles: workers, guards: [cardNotYetRecorded] },
    refuse_card: { label: { zh: '用户拒签服务联系卡', en: 'Contact card refused' }, from: ['completed', 'called_back'], roles: workers, guards: [cardNotYetRecorded] },
    callback: { label: { zh: '回访', en: 'Callback' }, from: ['completed'], to: 'called_back', roles: dispatchers, public: true },
    close: { label: { zh: '关闭工单', en: 'Close' }, from: ['completed', 'called_back'], to: 'closed', roles: dispatchers, guards: [cardMissing, callbackMissing, damageResolved], public: true },
    note: { label: { zh: '备注', en: 'Note' }, from: 'any_open', roles: workers },
  },
};
