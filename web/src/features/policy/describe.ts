import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { roleLabel } from '../../app/roles';
import type { EffectivePolicy } from '../../app/types';

type Label = { zh: string; en: string };
type Lng = 'zh-CN' | 'en';
const labelOf = (l: unknown, lng: Lng): string | undefined => {
  const x = l as Label | undefined;
  return x && typeof x.zh === 'string' ? (lng === 'en' ? x.en : x.zh) : undefined;
};

/** A human name for a policy value's path, from the pack's own labels and the locale files. */
export function describePath(path: string, policy: EffectivePolicy, t: TFunction, lng: Lng): string {
  const seg = path.split('.');
  const pack = policy.pack as Record<string, Record<string, unknown>>;
  if (seg[0] === 'calendar' && seg.length === 2) return t(`policy.fields.calendar.${seg[1]}`, { defaultValue: seg[1] });
  if (seg[0] === 'cases') {
    const caseType = pack.cases?.[seg[1]] as { label?: Label; clocks?: Record<string, { label?: Label }>; standards?: Record<string, { label?: Label }> } | undefined;
    const caseName = labelOf(caseType?.label, lng) ?? seg[1];
    if (seg[2] === 'clocks') {
      const clockName = labelOf(caseType?.clocks?.[seg[3]]?.label, lng) ?? seg[3];
      const field = seg.slice(4).join('.');
      return `${caseName} · ${clockName} · ${t(`policy.fields.clock.${field}`, { defaultValue: field })}`;
    }
    if (seg[2] === 'standards') {
      const name = labelOf(caseType?.standards?.[seg[3]]?.label, lng) ?? seg[3];
      return `${caseName} · ${name}`;
    }
    const field = seg.slice(2).join('.');
    return `${caseName} · ${t(`policy.fields.case.${field}`, { defaultValue: field })}`;
  }
  if (seg[0] === 'ratings') {
    if (seg[1] === 'thresholds' && seg[2]) {
      const rule = (pack.ratings?.thresholds as Record<string, { value?: { label?: Label } }> | undefined)?.[seg[2]];
      return `${t('policy.fields.ratings.thresholds')} · ${labelOf(rule?.value?.label, lng) ?? seg[2]}`;
    }
    return t(`policy.fields.ratings.${seg[1]}`, { defaultValue: seg.slice(1).join('.') });
  }
  if (seg[0] === 'sanctionRules' && seg.length >= 4) {
    // sanctionRules.<catalogue>.<rule>.<field> or ….bands.<band>.amountFen: the rule's label, then the band's or the field's.
    const rule = (pack.sanctionRules?.[seg[1]] as Record<string, { label?: Label; bands?: Record<string, { label?: Label }> }> | undefined)?.[seg[2]];
    const ruleName = labelOf(rule?.label, lng) ?? seg.slice(1, 3).join('.');
    if (seg[3] === 'bands') return `${ruleName} · ${labelOf(rule?.bands?.[seg[4]]?.label, lng) ?? seg[4]}`;
    const field = seg.slice(3).join('.').replace(/^serious\.(\w)/, (_, c: string) => `serious${c.toUpperCase()}`);
    return `${ruleName} · ${t(`policy.rules.fields.${field}`, { defaultValue: field })}`;
  }
  if (seg[0] === 'casework') return t(`policy.fields.casework.${seg.slice(1).join('.')}`, { defaultValue: seg.slice(1).join('.') });
  if (seg[0] === 'reports') return t(`policy.fields.reports.${seg.slice(1).join('.')}`, { defaultValue: seg.slice(1).join('.') });
  return path;
}

interface EscalationLevel {
  when: 'before' | 'after';
  anchor: 'due' | 'severely_overdue';
  offset: { amount: number; unit: string };
  recipients: (string | { role: string })[];
  actions: string[];
}

/** One escalation level in words: 到期前 1 个工作日：通知承办人 / 1 working day before due: notify the assignee. */
export function describeEscalation(e: EscalationLevel, t: TFunction): string {
  const anchor = t(`policy.escalation.anchors.${e.anchor}`, { defaultValue: e.anchor });
  const amount = `${e.offset.amount} ${t(`policy.units.${e.offset.unit}`, { defaultValue: e.offset.unit })}`;
  const when = e.offset.amount === 0 ? t('policy.escalation.at', { anchor }) : t(`policy.escalation.${e.when}`, { anchor, amount });
  const who = e.recipients
    .map((r) => (typeof r === 'string' ? t(`policy.escalation.recipients.${r}`, { defaultValue: r }) : t('policy.escalation.recipients.role', { role: roleLabel(t, r.role) })))
    .join(t('policy.escalation.and'));
  const actions = e.actions.map((a) => t(`policy.escalation.actions.${a}`, { who, defaultValue: a })).join(t('policy.escalation.then'));
  return t('policy.escalation.level', { when, actions });
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** A short, readable rendering of a policy value; falls back to JSON. */
export function describeValue(path: string, value: unknown, t: TFunction, lng: Lng): string {
  const last = path.split('.').pop();
  // Sanction amounts are fen: shown in 元; null is a placeholder the organisation must set.
  if (path.startsWith('sanctionRules.') && (last?.endsWith('Fen') || last === 'repeatRate')) {
    return value === null ? t('policy.rules.unset') : typeof value === 'number' ? t('policy.rules.yuan', { amount: (value / 100).toLocaleString(lng) }) : JSON.stringify(value);
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  // A time of day and other plain strings as they are (08:00, not "08:00").
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return last === 'utcOffsetMinutes' ? `UTC${value >= 0 ? '+' : '−'}${Math.abs(value) / 60} (${value})` : String(value);
  if (Array.isArray(value)) {
    if (last === 'workingWeekdays') return value.map((d) => dayjs().day(Number(d) % 7).format('dd')).join(' ');
    if (last === 'businessHours') return value.map((p: { start: string; end: string }) => `${p.start}–${p.end}`).join(', ');
    if (last === 'levels') return value.map((l: { value: number } & Label) => `${l.value} ${lng === 'en' ? l.en : l.zh}`).join(' / ');
    if (last === 'negativeLevels' || last === 'positiveLevels') return value.join(', ');
    // One level a line (the cell keeps the line breaks).
    if (last === 'escalations') return value.length ? value.map((e: EscalationLevel) => describeEscalation(e, t)).join('\n') : t('policy.none');
  }
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.amount === 'number' && typeof v.unit === 'string') return `${v.amount} ${t(`policy.units.${v.unit}`)}`;
    if (last === 'burst' && typeof v.ratings === 'number') return t('policy.burst', { ratings: v.ratings, minutes: v.minutes });
    if (v.mode === 'multiple') return t('policy.severe.multiple', { factor: v.factor });
    if (v.mode === 'after_due') {
      const d = v.delay as { amount: number; unit: string };
      return t('policy.severe.afterDue', { amount: d.amount, unit: t(`policy.units.${d.unit}`) });
    }
    if (typeof v.metric === 'string' && typeof v.value === 'number') {
      return `${t(`policy.metrics.${v.metric}`, { defaultValue: v.metric })} ${t(`policy.ops.${v.op}`, { defaultValue: String(v.op) })} ${pct(v.value)} · ${t(`policy.periods.${v.period}`, { defaultValue: String(v.period) })} · ${t(`policy.scopes.${v.scope}`, { defaultValue: String(v.scope) })}`;
    }
  }
  return JSON.stringify(value);
}
