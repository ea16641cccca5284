import { describe, expect, it } from 'vitest';
import { escalationText } from './reminder-text.js';
import type { EscalationLevel } from '../../engines/sla/index.js';

const level: EscalationLevel = { id: 'due_unit_head', when: 'after', anchor: 'due', offset: { amount: 0, unit: 'working_days' }, recipients: ['assignee', 'unit_head'], actions: ['notify', 'raise_priority'] };
const dueAt = Date.parse('2026-11-16T17:30:00+08:00');
const words = (utcOffsetMinutes: number, at: number | null = dueAt) =>
  escalationText({ typeLabel: { zh: '投诉', en: 'Complaint' }, clockLabel: { zh: '答复投诉人', en: 'Reply' }, trackingNo: 'TS202611160001', title: '窗口办理超时', dueAt: at, utcOffsetMinutes, level });

describe('escalationText', () => {
  it('words the due time in the organisation’s offset, the same instant differently for another offset', () => {
    expect(words(480).body).toBe('投诉 TS202611160001「答复投诉人」到期时间 2026-11-16 17:30（北京时间）；已到期未办结：通知承办人、科室负责人并提高优先级。');
    expect(words(420).body).toBe('投诉 TS202611160001「答复投诉人」到期时间 2026-11-16 16:30（UTC+7）；已到期未办结：通知承办人、科室负责人并提高优先级。');
    // Asked again (thousands of reminders at one close of business), the words stay each offset's own.
    expect(words(480).body).toContain('17:30（北京时间）');
    expect(words(-300).body).toContain('2026-11-16 04:30（UTC−5）');
    expect(words(480, null).body).toContain('到期时间 待定；');
  });

  it('heads a reminder before the due time as 临期提醒 and one after it as 超期督办', () => {
    expect(words(480).subject).toBe('【超期督办】TS202611160001 窗口办理超时');
    expect(escalationText({ typeLabel: undefined, clockLabel: undefined, trackingNo: 'X1', title: 't', dueAt, utcOffsetMinutes: 480, level: { ...level, when: 'before', offset: { amount: 1, unit: 'working_days' } } }).subject).toBe('【临期提醒】X1 t');
  });
});
