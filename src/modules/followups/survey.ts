import { ratingSettings, type PolicyPack } from '../../policy/index.js';
import { recoveryAnswers, type FollowUpSource } from './schema.js';

export interface FollowUpQuestion {
  id: 'recovery' | 'satisfaction' | 'comment';
  label: { zh: string; en: string };
  type: 'single' | 'level' | 'text';
  required: boolean;
  options?: { value: string | number; zh: string; en: string }[];
}

const recoveryLabels: Record<(typeof recoveryAnswers)[number], { zh: string; en: string }> = {
  recovered: { zh: '已康复', en: 'Recovered' },
  improving: { zh: '好转中', en: 'Improving' },
  unchanged: { zh: '无明显变化', en: 'No change' },
  worse: { zh: '加重', en: 'Worse' },
};

/**
 * The follow-up questionnaire (随访问卷): how the patient is recovering (after a discharge:
 * 了解病情恢复, 000:L89), how satisfied they are on the organisation's rating levels, and what
 * they want to say. The same questions on the caller's phone and behind the SMS link.
 */
export function followUpQuestions(pack: PolicyPack, source: FollowUpSource): FollowUpQuestion[] {
  const levels = [...ratingSettings(pack).levels].sort((a, b) => b.value - a.value);
  const out: FollowUpQuestion[] = [];
  if (source === 'discharge') out.push({ id: 'recovery', label: { zh: '出院后恢复情况', en: 'Recovery since discharge' }, type: 'single', required: false, options: recoveryAnswers.map((v) => ({ value: v, ...recoveryLabels[v] })) });
  out.push({ id: 'satisfaction', label: { zh: '对本次服务的满意程度', en: 'How satisfied are you with our service?' }, type: 'level', required: true, options: levels.map((l) => ({ value: l.value, zh: l.zh, en: l.en })) });
  out.push({ id: 'comment', label: { zh: '意见和建议', en: 'Comments and suggestions' }, type: 'text', required: false });
  return out;
}
