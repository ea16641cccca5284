import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { civilDate, fromNotAfterTo, id, inOrder, says, str, text } from '../../shared/fields.js';

/**
 * Surveys as JSON (SurveyJS-style, ANCHORS.md "Surveys and ratings"): a title, questions of five
 * types, `required`, and simple conditions on earlier answers. Everything a template may say is
 * checked here, so a stored definition can be rendered and validated without further guards.
 */
export const questionTypes = ['five_level', 'single', 'multiple', 'nps', 'text'] as const;
export type QuestionType = (typeof questionTypes)[number];

const words = text;
export const bilingual = (max = 200) => z.strictObject({ zh: words(max), en: words(max) });

const idPattern = /^[a-z][a-z0-9_]{0,39}$/;
export const questionIdSchema = str().regex(idPattern, 'a lower-case id: a–z, 0–9, _ (max 40)');
export const templateCodeSchema = str().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a lower-case code: a–z, 0–9, _ (2–40)');
const optionCodeSchema = str().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'a lower-case option code (max 40)');

const optionSchema = z.strictObject({ code: optionCodeSchema, zh: words(100), en: words(100) });
const conditionValue = z.union([str().min(1).max(40), z.int().min(0).max(10)]);

/** Show a question only if the answer to an earlier one equals a value or is in a list (several conditions: all must hold). */
export const conditionSchema = z
  .strictObject({ question: questionIdSchema, equals: conditionValue.optional(), in: z.array(conditionValue).min(1).max(30).optional() })
  .refine((c) => (c.equals === undefined) !== (c.in === undefined), says('须且只能给出 equals 或 in 之一', 'exactly one of equals or in'));

export const questionSchema = z.strictObject({
  id: questionIdSchema,
  type: z.enum(questionTypes),
  title: bilingual(300),
  help: bilingual(500).optional(),
  required: z.boolean().default(false),
  options: z.array(optionSchema).max(30).optional(),
  conditions: z.array(conditionSchema).min(1).max(5).optional(),
});

/** Scale values of each choice type; text has none. */
export function allowedValues(q: { type: QuestionType; options?: { code: string }[] }): (string | number)[] {
  switch (q.type) {
    case 'five_level':
      return [5, 4, 3, 2, 1];
    case 'nps':
      return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    case 'single':
    case 'multiple':
      return (q.options ?? []).map((o) => o.code);
    case 'text':
      return [];
  }
}

export const surveyDefinitionSchema = z
  .strictObject({
    title: bilingual(100),
    intro: bilingual(1000).optional(),
    /** What the survey is about, matched against pack thresholds (e.g. `canteen` → 003:L248). */
    subject: questionIdSchema.optional(),
    /** The five-level question whose top two levels make the survey's satisfaction rate (default: the first one). */
    satisfactionQuestion: questionIdSchema.optional(),
    questions: z.array(questionSchema).min(1).max(60),
  })
  .superRefine((def, ctx) => {
    const seen = new Map<string, number>();
    def.questions.forEach((q, i) => {
      const at = (...rest: (string | number)[]) => ['questions', i, ...rest];
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: at('id'), message: `问题编号重复 (duplicate question id "${q.id}")` });
      const choice = q.type === 'single' || q.type === 'multiple';
      if (choice && !q.options?.length) ctx.addIssue({ code: 'custom', path: at('options'), message: '选择题须有选项 (a choice question needs options)' });
      if (!choice && q.options !== undefined) ctx.addIssue({ code: 'custom', path: at('options'), message: `${q.type} 题不设选项 (a ${q.type} question has no options)` });
      const codes = (q.options ?? []).map((o) => o.code);
      if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', path: at('options'), message: '选项编码重复 (duplicate option codes)' });
      (q.conditions ?? []).forEach((c, j) => {
        const index = seen.get(c.question);
        if (index === undefined) {
          ctx.addIssue({ code: 'custom', path: at('conditions', j, 'question'), message: `条件只能引用前面的问题 (a condition must refer to an earlier question, not "${c.question}")` });
          return;
        }
        const ref = def.questions[index];
        if (ref.type === 'text') {
          ctx.addIssue({ code: 'custom', path: at('conditions', j, 'question'), message: '条件不能引用文字题 (a condition cannot refer to a text question)' });
          return;
        }
        const allowed = allowedValues(ref);
        for (const v of c.in ?? [c.equals!]) {
          if (!allowed.includes(v)) ctx.addIssue({ code: 'custom', path: at('conditions', j), message: `"${v}" 不是问题 ${ref.id} 的可选答案 (not an answer of question ${ref.id})` });
        }
      });
      if (!seen.has(q.id)) seen.set(q.id, i);
    });
    if (def.satisfactionQuestion !== undefined) {
      const q = def.questions.find((x) => x.id === def.satisfactionQuestion);
      if (q?.type !== 'five_level') ctx.addIssue({ code: 'custom', path: ['satisfactionQuestion'], message: '满意度题须为五级满意度题 (must name a five_level question)' });
    }
  });

export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;
export type SurveyDefinitionInput = z.input<typeof surveyDefinitionSchema>;
export type Question = SurveyDefinition['questions'][number];

/** A built-in template code or an organisation template's id. */
export const templateRef = z.union([id, templateCodeSchema]);
export const templateParams = z.object({ id: templateRef });

export const createTemplateBody = z
  .strictObject({ code: templateCodeSchema, definition: surveyDefinitionSchema.optional(), copyOf: templateRef.optional() })
  .refine((b) => (b.definition === undefined) !== (b.copyOf === undefined), { ...says('须且只能给出 definition 或 copyOf 之一', 'exactly one of definition or copyOf'), path: ['definition'] });

export const updateTemplateBody = z.strictObject({ version: z.int().min(1), definition: surveyDefinitionSchema });

export const surveyCycles = ['monthly', 'quarterly', 'once'] as const;

/** A survey ends on or after the day it starts. */
export const startsOnNotAfterEndsOn = inOrder('startsOn', 'endsOn', { at: 'endsOn', message: { en: 'endsOn must not be before startsOn', zh: '结束日期不能早于开始日期' } });

export const createSurveyBody = z
  .strictObject({ templateId: templateRef, unitId: id, cycle: z.enum(surveyCycles), startsOn: civilDate, endsOn: civilDate.optional() })
  .refine(...startsOnNotAfterEndsOn);

export const updateSurveyBody = z.strictObject({ version: z.int().min(1), endsOn: civilDate.nullable() });

export const listSurveysQuery = pageQuerySchema.extend({ unitId: id.optional(), cycle: z.enum(surveyCycles).optional() });

export const createLinkBody = z.strictObject({ expiresInDays: z.int().min(1).max(366).optional() }).nullish();

export const resultsQuery = z.object({
  from: civilDate.optional(),
  to: civilDate.optional(),
  textPage: z.coerce.number().int().min(1).max(100_000).default(1),
  textPageSize: z.coerce.number().int().min(1).max(100).default(20),
}).refine(...fromNotAfterTo);

/** A calendar month (2026-11) or quarter (2026-Q4). */
export const periodSchema = str().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'YYYY-MM or YYYY-Qn');
export const coverageQuery = z.object({ period: periodSchema, unitId: id.optional() });

export const qrQuery = z.object({ base: z.url().optional() });

export const answerValue = z.union([z.int(), str().max(2000), z.array(str().max(40)).max(30)]);
export const answersSchema = z.record(str().max(40), answerValue).refine((a) => Object.keys(a).length <= 100, says('最多 100 个答案', 'at most 100 answers'));

export const publicResponseBody = z
  .strictObject({
    token: text(100, 10).optional(),
    code: text(300, 10).optional(),
    answers: answersSchema,
  })
  .refine((b) => !!b.token !== !!b.code, { ...says('须且只能给出 token 或 code 之一', 'exactly one of token or code'), path: ['token'] });

export type Answers = Record<string, number | string | string[]>;
