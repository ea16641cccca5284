import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptHtmlForms, formValue, type FormBody } from '../../server/plugins/forms.js';
import { actionLimit } from '../../server/rate-limits.js';
import type { AppContext } from '../../shared/context.js';
import { isAppError, type AppError } from '../../shared/errors.js';
import { esc, langOf, page, switchLang, type Lang } from '../public/index.js';
import { answersShape } from './schema.js';
import { answerQuestionnaire, openQuestionnaire } from './service.js';
import type { FollowUpQuestion } from './survey.js';

const words = {
  zh: { title: '随访问卷', submit: '提交', thanks: '感谢您的反馈！祝您早日康复。', used: '该问卷已提交过，感谢您的反馈。', invalid: '问卷链接无效或已失效。', check: '请选择满意程度后再提交。' },
  en: { title: 'Follow-up questionnaire', submit: 'Submit', thanks: 'Thank you for your answers.', used: 'This questionnaire has already been answered. Thank you.', invalid: 'This link is not valid or no longer open.', check: 'Please choose how satisfied you are.' },
};

function html(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

function form(questions: FollowUpQuestion[], lang: Lang, action: string, error?: string) {
  const w = words[lang];
  const q = questions
    .map((x) => {
      const label = `<legend>${esc(x.label[lang])}${x.required ? ' *' : ''}</legend>`;
      if (x.type === 'text') return `<fieldset class="q">${label}<textarea name="${x.id}" rows="3" maxlength="1000" style="width:100%"></textarea></fieldset>`;
      const opts = (x.options ?? []).map((o) => `<label style="display:block;margin:.3rem 0"><input type="radio" name="${x.id}" value="${esc(String(o.value))}"${x.required ? ' required' : ''}> ${esc(o[lang])}</label>`).join('');
      return `<fieldset class="q">${label}${opts}</fieldset>`;
    })
    .join('');
  return `<h1>${w.title}</h1>${error ? `<p class="box">${esc(error)}</p>` : ''}<form method="post" action="${esc(action)}">${q}<button type="submit">${w.submit}</button></form>`;
}

/** The public page of the one-time follow-up link (/f/<token>): a plain HTML form, no script. */
export async function followUpPageRoutes(root: FastifyInstance, ctx: AppContext) {
  await root.register(async (app) => {
    acceptHtmlForms(app);
    const token = (req: FastifyRequest) => (req.params as { token: string }).token;
    const fail = (reply: FastifyReply, req: FastifyRequest, lang: Lang, e: AppError) => {
      const w = words[lang];
      return html(reply, e.status, page(lang, w.title, `<h1>${w.title}</h1><p class="box">${e.code === 'already_answered' ? w.used : w.invalid}</p>`, switchLang(req.url, lang)));
    };
    app.get('/f/:token', { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
      const lang = langOf(req.query);
      try {
        const q = await openQuestionnaire(ctx, token(req));
        return html(reply, 200, page(lang, words[lang].title, `<p>${esc(q.title)}</p>${form(q.questions, lang, req.url)}`, switchLang(req.url, lang)));
      } catch (e) {
        if (!isAppError(e)) throw e;
        return fail(reply, req, lang, e);
      }
    });
    app.post('/f/:token', { config: { auth: 'public', rateLimit: actionLimit('survey') }, schema: { hide: true } }, async (req, reply) => {
      const lang = langOf(req.query);
      const body = (req.body ?? {}) as FormBody;
      try {
        const raw = { satisfaction: Number(formValue(body, 'satisfaction')), recovery: formValue(body, 'recovery') || undefined, comment: formValue(body, 'comment') || undefined };
        const parsed = answersShape.safeParse(raw);
        if (!parsed.success) {
          const q = await openQuestionnaire(ctx, token(req));
          return html(reply, 400, page(lang, words[lang].title, form(q.questions, lang, req.url, words[lang].check), switchLang(req.url, lang)));
        }
        await answerQuestionnaire(ctx, token(req), parsed.data);
        return html(reply, 201, page(lang, words[lang].thanks, `<h1>${words[lang].thanks}</h1>`, switchLang(req.url, lang)));
      } catch (e) {
        if (!isAppError(e)) throw e;
        return fail(reply, req, lang, e);
      }
    });
  });
}
