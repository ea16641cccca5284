import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptHtmlForms, type FormBody } from '../../server/plugins/forms.js';
import type { AppContext } from '../../shared/context.js';
import { isAppError, type AppError } from '../../shared/errors.js';
import { randomToken } from '../../shared/ids.js';
import { esc, langOf, page, switchLang, type Lang } from '../public/index.js';
import type { AnswerIssue } from './answers.js';
import { resolveSurveyTarget, submitResponse, type SurveyTarget } from './responses.js';
import type { Question, SurveyDefinition } from './schema.js';
import { fiveLevels } from './tally.js';
import { actionLimit } from '../../server/rate-limits.js';

const words = {
  zh: { survey: '满意度调查', submit: '提交问卷', thanks: '感谢您的参与！', used: '该问卷链接已使用过，感谢您的参与。', expired: '该问卷链接已过期。', closed: '该调查目前不在开放期内。', invalid: '问卷链接无效。', resubmitted: '您已提交过本问卷，感谢您的参与。', check: '请检查标注的问题后再提交。', required: '必答', missing: '此题为必答题', bad: '答案无效', onlyIf: '仅当第 {n} 题选择 {v} 时作答', or: ' 或 ', and: '，且', npsLow: '0 = 完全不可能', npsHigh: '10 = 非常可能', anon: '本问卷匿名填写。' },
  en: { survey: 'Satisfaction survey', submit: 'Submit', thanks: 'Thank you for taking part!', used: 'This survey link has already been used. Thank you.', expired: 'This survey link has expired.', closed: 'This survey is not open at the moment.', invalid: 'This survey link is not valid.', resubmitted: 'You have already sent this survey. Thank you.', check: 'Please check the marked questions.', required: 'required', missing: 'Please answer this question', bad: 'Not a valid answer', onlyIf: 'Answer only if question {n} is {v}', or: ' or ', and: ', and ', npsLow: '0 = not at all likely', npsHigh: '10 = extremely likely', anon: 'This survey is anonymous.' },
};

// Conditional questions are hidden with :has() where the browser supports it; elsewhere they show with a note.
// Numbers come from a CSS counter: a hidden question counts no number, so the shown ones run 1, 2, 3….
// Scale labels never break inside a word: the five levels wrap as whole tiles.
const baseCss = `form{counter-reset:q}.q{margin:1rem 0;counter-increment:q}.q legend::before{content:counter(q) ". "}.q legend{font-weight:600;margin-bottom:.4rem;padding:0}.q fieldset{border:0;padding:0;margin:0}.note{color:#656d76;font-size:.85rem;margin:.1rem 0 .4rem}
.scale{display:grid;gap:6px}.five{grid-template-columns:repeat(5,1fr)}.nps{grid-template-columns:repeat(11,1fr);gap:3px}.scale label{position:relative;margin:0;text-align:center;font-weight:400;font-size:.8rem;border:1px solid #c9ced6;border-radius:8px;padding:.45rem .1rem;background:#fff}
.scale input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}.scale label:has(input:checked){border-color:#b4232a;background:#fff5f5;font-weight:700;color:#b4232a}
.ends{display:flex;justify-content:space-between;color:#656d76;font-size:.75rem}.opt label{font-weight:400;margin:.2rem 0}.req{color:#b4232a}
.five{display:flex;flex-wrap:wrap}.five label{flex:1 0 auto;min-width:3.6rem;white-space:nowrap;word-break:keep-all;padding:.45rem .4rem}`;

function valueLabel(q: Question, v: string | number, lang: Lang): string {
  if (q.type === 'five_level') {
    const l = fiveLevels.find((x) => x.value === v);
    return l ? (lang === 'en' ? l.en : l.zh) : String(v);
  }
  const o = q.options?.find((x) => x.code === v);
  return o ? (lang === 'en' ? o.en : o.zh) : String(v);
}

function conditionCss(def: SurveyDefinition): string {
  const rules = def.questions
    .filter((q) => q.conditions?.length)
    .map((q) => {
      const has = q.conditions!.map((c) => `:has(:is(${(c.in ?? [c.equals!]).map((v) => `#o-${c.question}-${v}`).join(',')}):checked)`).join('');
      return `.c-${q.id}{display:none}form${has} .c-${q.id}{display:block}`;
    });
  return rules.length ? `@supports selector(:has(a)){${rules.join('')}}` : '';
}

/** The number a question shows while the conditional questions before it are hidden (the CSS counter's count). */
function shownNumber(def: SurveyDefinition, index: number): number {
  return def.questions.slice(0, index + 1).filter((q, i) => i === index || !q.conditions?.length).length;
}

function conditionNote(def: SurveyDefinition, q: Question, lang: Lang): string {
  const w = words[lang];
  return (q.conditions ?? [])
    .map((c) => {
      const index = def.questions.findIndex((x) => x.id === c.question);
      const ref = def.questions[index];
      const values = (c.in ?? [c.equals!]).map((v) => `“${valueLabel(ref, v, lang)}”`).join(w.or);
      return w.onlyIf.replace('{n}', String(shownNumber(def, index))).replace('{v}', values);
    })
    .join(w.and);
}

type Raw = Record<string, unknown>;

function isChecked(raw: Raw, q: Question, v: string | number): boolean {
  const a = raw[q.id];
  return Array.isArray(a) ? a.includes(v) : a === v;
}

function questionHtml(def: SurveyDefinition, q: Question, lang: Lang, raw: Raw, error: string | undefined): string {
  const w = words[lang];
  const t = (x: { zh: string; en: string }) => esc(lang === 'en' ? x.en : x.zh);
  // Browser-side `required` only where it cannot block a hidden question; the server checks the rest.
  const req = q.required && !q.conditions?.length ? ' required' : '';
  const input = (type: 'radio' | 'checkbox', v: string | number, label: string) =>
    `<input type="${type}" id="o-${q.id}-${v}" name="q_${q.id}" value="${esc(v)}"${type === 'radio' ? req : ''}${isChecked(raw, q, v) ? ' checked' : ''}>${label}`;
  let body = '';
  switch (q.type) {
    case 'five_level':
      body = `<div class="scale five">${fiveLevels.map((l) => `<label>${input('radio', l.value, `<span>${esc(lang === 'en' ? l.en : l.zh)}</span>`)}</label>`).join('')}</div>`;
      break;
    case 'nps':
      body = `<div class="scale nps">${Array.from({ length: 11 }, (_, s) => `<label>${input('radio', s, `<span>${s}</span>`)}</label>`).join('')}</div><div class="ends"><span>${w.npsLow}</span><span>${w.npsHigh}</span></div>`;
      break;
    case 'single':
    case 'multiple':
      body = (q.options ?? [])
        .map((o) => `<div class="row opt">${input(q.type === 'single' ? 'radio' : 'checkbox', o.code, '')}<label for="o-${q.id}-${o.code}">${t(o)}</label></div>`)
        .join('');
      break;
    case 'text':
      body = `<textarea id="o-${q.id}" name="q_${q.id}" maxlength="1000" style="min-height:4rem"${req}>${esc(typeof raw[q.id] === 'string' ? raw[q.id] : '')}</textarea>`;
      break;
  }
  const note = q.conditions?.length ? `<p class="note">${esc(conditionNote(def, q, lang))}</p>` : '';
  const help = q.help ? `<p class="note">${t(q.help)}</p>` : '';
  const mark = q.required ? ` <span class="req" title="${w.required}">*</span>` : '';
  const err = error ? `<p class="err" role="alert">${esc(error)}</p>` : '';
  return `<div class="q${q.conditions?.length ? ` c-${q.id}` : ''}"><fieldset><legend>${t(q.title)}${mark}</legend>${note}${help}${err}${body}</fieldset></div>`;
}

async function surveyForm(target: SurveyTarget, lang: Lang, action: string, url: string, raw: Raw = {}, issues: AnswerIssue[] = []) {
  const w = words[lang];
  const def = target.definition;
  const t = (x: { zh: string; en: string }) => esc(lang === 'en' ? x.en : x.zh);
  const errors = new Map(issues.filter((i) => i.question).map((i) => [i.question!, i.reason === 'required' ? w.missing : w.bad]));
  const body = `<style>${baseCss}${conditionCss(def)}</style><h1>${t(def.title)}</h1><p>${esc(target.unitName)}</p>
${def.intro ? `<p class="muted">${t(def.intro)}</p>` : `<p class="muted">${w.anon}</p>`}${issues.length ? `<p class="err" role="alert">${w.check}</p>` : ''}
<form method="post" action="${esc(action)}" class="box"><input type="hidden" name="idem" value="${randomToken(12)}">
${def.questions.map((q) => questionHtml(def, q, lang, raw, errors.get(q.id))).join('\n')}
<button type="submit">${w.submit}</button></form>`;
  return page(lang, lang === 'en' ? def.title.en : def.title.zh, body, switchLang(url, lang));
}

type Form = FormBody;

/** Form fields `q_<id>` to the JSON answers the service checks (numbers for the scales). */
export function answersFromForm(def: SurveyDefinition, form: Form): Raw {
  const out: Raw = {};
  for (const q of def.questions) {
    const v = form[`q_${q.id}`];
    if (v === undefined) continue;
    const first = Array.isArray(v) ? v[0] : v;
    if (q.type === 'multiple') out[q.id] = ([] as string[]).concat(v);
    else if (q.type === 'five_level' || q.type === 'nps') {
      if (first.trim() === '') continue;
      out[q.id] = /^\d{1,2}$/.test(first) ? Number(first) : first;
    } else out[q.id] = first;
  }
  return out;
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

function messageOf(e: AppError, lang: Lang): string {
  const w = words[lang];
  const messages: Partial<Record<string, string>> = { already_answered: w.used, survey_link_expired: w.expired, survey_not_open: w.closed, idempotency_key_reused: w.resubmitted };
  return messages[e.code] ?? w.invalid;
}

/** The public survey pages (/s/<code>, /s/t/<token>): plain HTML forms, no script; the server checks every answer. */
export async function surveyPageRoutes(root: FastifyInstance, ctx: AppContext) {
  await root.register(async (app) => {
    acceptHtmlForms(app);
    const refOf = (req: FastifyRequest) => {
      const p = req.params as { token?: string; code?: string };
      return p.code ? { code: p.code } : { token: p.token };
    };
    const fail = (reply: FastifyReply, req: FastifyRequest, lang: Lang, e: AppError) => {
      const w = words[lang];
      return html(reply, e.status, page(lang, w.survey, `<h1>${w.survey}</h1><p class="box">${messageOf(e, lang)}</p>`, switchLang(req.url, lang)));
    };
    const show = async (req: FastifyRequest, reply: FastifyReply) => {
      const lang = langOf(req.query);
      try {
        const target = await resolveSurveyTarget(ctx, refOf(req));
        return html(reply, 200, await surveyForm(target, lang, req.url, req.url));
      } catch (e) {
        if (!isAppError(e)) throw e;
        return fail(reply, req, lang, e);
      }
    };
    const submit = async (req: FastifyRequest, reply: FastifyReply) => {
      const lang = langOf(req.query);
      const w = words[lang];
      const form = (req.body ?? {}) as Form;
      try {
        const ref = refOf(req);
        const idem = typeof form.idem === 'string' && /^[\w-]{8,40}$/.test(form.idem) ? `form:${form.idem}` : undefined;
        const target = await resolveSurveyTarget(ctx, ref, { allowUsed: !!idem });
        const raw = answersFromForm(target.definition, form);
        try {
          await submitResponse(ctx, { ...ref, answers: raw as Record<string, number | string | string[]> }, idem);
        } catch (e) {
          if (isAppError(e) && e.code === 'validation_failed' && Array.isArray(e.details)) {
            return html(reply, 400, await surveyForm(target, lang, req.url, req.url, raw, e.details as AnswerIssue[]));
          }
          throw e;
        }
        return html(reply, 201, page(lang, w.thanks, `<h1>${w.thanks}</h1>`, switchLang(req.url, lang)));
      } catch (e) {
        if (!isAppError(e)) throw e;
        return fail(reply, req, lang, e);
      }
    };
    const config = { auth: 'public' as const };
    const limited = { auth: 'public' as const, rateLimit: actionLimit('survey') };
    app.get('/s/:code', { config, schema: { hide: true } }, show);
    app.get('/s/t/:token', { config, schema: { hide: true } }, show);
    app.post('/s/:code', { config: limited, schema: { hide: true } }, submit);
    app.post('/s/t/:token', { config: limited, schema: { hide: true } }, submit);
  });
}
