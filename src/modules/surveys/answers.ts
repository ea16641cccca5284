import { fieldIssue, type FieldIssue } from '../../shared/issues.js';
import { allowedValues, type Answers, type Question, type QuestionType, type SurveyDefinition } from './schema.js';

/**
 * Server-side checking of one response against its survey definition. Pure.
 * A question is shown when all its conditions hold on the (checked) answers to earlier questions;
 * a hidden question is never required and an answer to it is dropped, not stored — the plain-HTML
 * form may show every question, so a respondent can fill one that does not apply.
 */
export interface AnswerIssue extends FieldIssue {
  question?: string;
  reason: 'required' | 'invalid' | 'unknown_question';
}

const typeNames: Record<QuestionType, string> = { five_level: '五级满意度', single: '单选', multiple: '多选', nps: 'NPS', text: '文字' };

export type CheckedAnswers = { ok: true; answers: Answers; dropped: string[] } | { ok: false; issues: AnswerIssue[] };

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** Whether a question is shown, given the answers accepted so far. */
export function isVisible(q: Question, accepted: Answers): boolean {
  return (q.conditions ?? []).every((c) => {
    const answer = accepted[c.question];
    if (answer === undefined) return false;
    const values: (string | number)[] = c.in ?? [c.equals!];
    return Array.isArray(answer) ? answer.some((a) => values.includes(a)) : values.includes(answer);
  });
}

function checkOne(q: Question, v: unknown): number | string | string[] | null {
  const allowed = allowedValues(q);
  switch (q.type) {
    case 'five_level':
    case 'nps':
      return typeof v === 'number' && Number.isInteger(v) && allowed.includes(v) ? v : null;
    case 'single':
      return typeof v === 'string' && allowed.includes(v) ? v : null;
    case 'multiple': {
      const list = typeof v === 'string' ? [v] : v;
      if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' && allowed.includes(x))) return null;
      const unique = [...new Set(list as string[])];
      // Stored in the template's option order, whatever order they were ticked in.
      return allowed.filter((a) => unique.includes(a as string)) as string[];
    }
    case 'text':
      return typeof v === 'string' && v.trim().length <= 1000 ? v.trim() : null;
  }
}

export function checkAnswers(def: SurveyDefinition, raw: Record<string, unknown>): CheckedAnswers {
  const issues: AnswerIssue[] = [];
  const ids = new Set(def.questions.map((q) => q.id));
  for (const key of Object.keys(raw)) {
    if (!ids.has(key)) issues.push({ ...fieldIssue(`body.answers.${key}`, { zh: '本问卷没有这个问题', en: 'no such question in this survey' }), reason: 'unknown_question' });
  }
  const accepted: Answers = {};
  const dropped: string[] = [];
  for (const q of def.questions) {
    const v = Object.hasOwn(raw, q.id) ? raw[q.id] : undefined;
    if (!isVisible(q, accepted)) {
      if (!isEmpty(v)) dropped.push(q.id);
      continue;
    }
    if (isEmpty(v)) {
      if (q.required) issues.push({ ...fieldIssue(`body.answers.${q.id}`, { zh: '必答题未作答', en: 'a required question was not answered' }), question: q.id, reason: 'required' });
      continue;
    }
    const value = checkOne(q, v);
    if (value === null) {
      issues.push({ ...fieldIssue(`body.answers.${q.id}`, { zh: `不是${typeNames[q.type]}题的有效答案`, en: `not a valid answer to a ${q.type} question` }), question: q.id, reason: 'invalid' });
      continue;
    }
    accepted[q.id] = value;
  }
  return issues.length ? { ok: false, issues } : { ok: true, answers: accepted, dropped };
}

/** One row per answered choice (a multiple-choice answer gives one per option ticked), text as text. */
export function answerRows(def: SurveyDefinition, answers: Answers): { question_id: string; choice: string | null; answer_text: string | null }[] {
  const rows: { question_id: string; choice: string | null; answer_text: string | null }[] = [];
  for (const q of def.questions) {
    const a = answers[q.id];
    if (a === undefined) continue;
    if (q.type === 'text') rows.push({ question_id: q.id, choice: null, answer_text: String(a) });
    else for (const v of [a].flat()) rows.push({ question_id: q.id, choice: String(v), answer_text: null });
  }
  return rows;
}
