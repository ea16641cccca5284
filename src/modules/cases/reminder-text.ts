/**
 * The words of an escalation the deadline sweep sends to the inbox (临期提醒 / 超期督办): the
 * case type's and the clock's labels from the pack and the due time in the organisation's
 * offset — never a clock id (`reply`), a level id (`remind_assignee`) or a UTC instant.
 */
import type { EscalationLevel } from '../../engines/sla/index.js';
import { localTime } from '../../shared/months.js';

type Label = { zh: string; en: string };

const unitWords: Record<string, string> = { working_days: '个工作日', business_hours: '个工作小时', calendar_hours: '小时', calendar_days: '天' };
const recipientWords: Record<string, string> = { assignee: '承办人', unit_head: '科室负责人', quality_office: '质控办' };
const roleWords: Record<string, string> = { admin: '管理员', quality_office: '质控办', unit_head: '科室负责人', staff: '窗口人员', supervisor: '监督员', viewer: '查阅人员' };

function whoWords(level: EscalationLevel): string {
  return level.recipients
    .map((r) => (typeof r === 'string' ? (recipientWords[r] ?? '相关人员') : `全体${roleWords[String((r as { role: string }).role)] ?? '相关人员'}`))
    .join('、');
}

/** The level in words: 到期前 1 个工作日提醒承办人 / 已到期未办结，通知承办人、科室负责人 / 严重超期，通知…并提高优先级. */
export function levelWords(level: EscalationLevel): string {
  const who = whoWords(level);
  const tell = level.actions.includes('notify') ? `通知${who}` : '';
  const extras = [level.actions.includes('reassign') ? '改派科室负责人' : '', level.actions.includes('raise_priority') ? '提高优先级' : ''].filter(Boolean);
  const does = [tell, ...extras].filter(Boolean).join('并');
  const anchor = level.anchor === 'due' ? '到期' : '严重超期';
  if (level.when === 'before') return `${anchor}前 ${level.offset.amount} ${unitWords[level.offset.unit] ?? ''}${does ? `：${does}` : ''}`;
  const when = level.offset.amount === 0 ? (level.anchor === 'due' ? '已到期未办结' : '已严重超期') : `${anchor}后 ${level.offset.amount} ${unitWords[level.offset.unit] ?? ''}`;
  return `${when}${does ? `：${does}` : ''}`;
}

export interface EscalationTextInput {
  typeLabel: Label | undefined;
  clockLabel: Label | undefined;
  trackingNo: string;
  title: string;
  dueAt: number | null;
  utcOffsetMinutes: number;
  level: EscalationLevel;
}

/** A level's words, worked out once per parsed level (a close of business words the same few levels for thousands of cases). */
const wordsOfLevel = new WeakMap<EscalationLevel, string>();

/** Due instants in words, by offset: a close of business words thousands of reminders for the same few deadlines. */
const dueWordsByOffset = new Map<number, Map<number, string>>();

function dueWords(dueAt: number, utcOffsetMinutes: number): string {
  let byInstant = dueWordsByOffset.get(utcOffsetMinutes);
  if (!byInstant) dueWordsByOffset.set(utcOffsetMinutes, (byInstant = new Map()));
  let words = byInstant.get(dueAt);
  if (words === undefined) {
    if (byInstant.size >= 10_000) byInstant.clear();
    const sign = utcOffsetMinutes >= 0 ? '+' : '−';
    const zone = utcOffsetMinutes === 480 ? '北京时间' : `UTC${sign}${Math.abs(utcOffsetMinutes) / 60}`;
    byInstant.set(dueAt, (words = `${localTime(dueAt, utcOffsetMinutes)}（${zone}）`));
  }
  return words;
}

/** Subject and body of the inbox message, and the short note for the case timeline. */
export function escalationText(x: EscalationTextInput): { subject: string; body: string; note: string } {
  const type = x.typeLabel?.zh ?? '事项';
  const clock = x.clockLabel?.zh ?? '办理期限';
  const due = x.dueAt === null ? '待定' : dueWords(x.dueAt, x.utcOffsetMinutes);
  let note = wordsOfLevel.get(x.level);
  if (note === undefined) wordsOfLevel.set(x.level, (note = levelWords(x.level)));
  return {
    subject: `【${x.level.when === 'before' ? '临期提醒' : '超期督办'}】${x.trackingNo} ${x.title}`,
    body: `${type} ${x.trackingNo}「${clock}」到期时间 ${due}；${note}。`,
    note: `${clock}：${note}`,
  };
}
