import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { acceptHtmlForms, type FormBody } from '../../server/plugins/forms.js';
import { isAppError } from '../../shared/errors.js';
import { randomToken } from '../../shared/ids.js';
import { ratingSettings } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { readTaxonomy } from '../taxonomies/service.js';
import { esc, langOf, page, switchLang, type Lang } from '../public/html.js';
import { defaultRatingReasons, indicatorKeys, publicRatingBody } from './schema.js';
import { resolveRatingTarget, submitRating, type RatingTarget } from './service.js';

const words = {
  zh: { title: '服务评价', how: '请对本次服务进行评价', indicators: '分项评价（可选）', reasons: '不满意的原因（可多选）', comment: '意见建议（可选）', name: '姓名（可选）', phone: '联系电话（留下电话，我们会回访您）', submit: '提交评价', thanks: '感谢您的评价！', thanksNegative: '我们会尽快核实整改并回访您。', used: '该评价链接已使用过，感谢您的评价。', expired: '该评价链接已过期。', invalid: '评价码无效。', check: '请选择满意程度。', overall: '整体满意度', efficiency: '服务效率', competence: '服务水平', attitude: '服务态度' },
  en: { title: 'Rate our service', how: 'How satisfied are you with this service?', indicators: 'Details (optional)', reasons: 'What went wrong? (choose any)', comment: 'Comments (optional)', name: 'Name (optional)', phone: 'Phone (leave it and we will call you back)', submit: 'Submit', thanks: 'Thank you for your rating!', thanksNegative: 'We will look into it and call you back.', used: 'This link has already been used. Thank you.', expired: 'This rating link has expired.', invalid: 'This rating code is not valid.', check: 'Please choose a level.', overall: 'Overall', efficiency: 'Efficiency', competence: 'Competence', attitude: 'Attitude' },
};

// The reasons block shows for 差评; browsers without :has() simply always show it.
const css = `.levels{display:grid;grid-template-columns:repeat(5,1fr);gap:6px}.levels label{position:relative;margin:0;text-align:center;font-weight:400;font-size:.85rem;border:1px solid #c9ced6;border-radius:8px;padding:.5rem .2rem;background:#fff}
.levels input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}.levels input:checked+span{font-weight:700;color:#b4232a}.levels label:has(input:checked){border-color:#b4232a;background:#fff5f5}
.face{display:block;margin:0 auto .2rem}form:has(.levels input[value="5"]:checked) .reasons,form:has(.levels input[value="4"]:checked) .reasons,form:has(.levels input[value="3"]:checked) .reasons{display:none}
.reasons label,.ind label{font-weight:400}.ind{display:grid;grid-template-columns:1fr 1fr;gap:0 8px}`;
/** Inline SVG faces (no emoji font needed): the mouth curves from a frown (1) to a smile (5). */
function face(level: number): string {
  const curve = [-6, -3, 0, 3, 6][Math.min(Math.max(level, 1), 5) - 1];
  const colour = ['#c0392b', '#e67e22', '#b7950b', '#27ae60', '#1e8449'][Math.min(Math.max(level, 1), 5) - 1];
  return `<svg class="face" aria-hidden="true" width="30" height="30" viewBox="0 0 30 30"><circle cx="15" cy="15" r="13" fill="none" stroke="${colour}" stroke-width="2"/><circle cx="10" cy="12" r="1.8" fill="${colour}"/><circle cx="20" cy="12" r="1.8" fill="${colour}"/><path d="M9 ${20 - curve / 2} Q15 ${20 + curve} 21 ${20 - curve / 2}" fill="none" stroke="${colour}" stroke-width="2" stroke-linecap="round"/></svg>`;
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

async function ratingForm(ctx: AppContext, target: RatingTarget, lang: Lang, action: string, url: string, error = '') {
  const w = words[lang];
  const settings = ratingSettings(await policyForOrganisation(ctx, target.orgId));
  const reasons = (await readTaxonomy(ctx, target.orgId, 'rating_reason', defaultRatingReasons)).items.filter((r) => r.active);
  const levels = settings.levels
    .map((l) => `<label><input type="radio" name="level" value="${l.value}" required><span>${face(l.value)}${esc(lang === 'en' ? l.en : l.zh)}</span></label>`)
    .join('');
  const indicators = indicatorKeys
    .map((k) => `<div><label for="i-${k}">${w[k]}</label><select id="i-${k}" name="i_${k}"><option value="">-</option>${settings.levels.map((l) => `<option value="${l.value}">${esc(lang === 'en' ? l.en : l.zh)}</option>`).join('')}</select></div>`)
    .join('');
  const body = `<style>${css}</style><h1>${w.title}</h1><p>${esc(target.unitName)}</p>${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="${esc(action)}" class="box"><input type="hidden" name="idem" value="${randomToken(12)}">
<fieldset style="border:0;padding:0;margin:0"><legend style="font-weight:600;margin-bottom:.4rem">${w.how}</legend><div class="levels">${levels}</div></fieldset>
<div class="reasons"><p style="font-weight:600;margin:.9rem 0 .3rem">${w.reasons}</p>${reasons.map((r) => `<div class="row"><input type="checkbox" id="r-${esc(r.code)}" name="reasons" value="${esc(r.code)}"><label for="r-${esc(r.code)}" style="margin:.2rem 0">${esc(lang === 'en' ? r.en : r.zh)}</label></div>`).join('')}</div>
<details><summary style="margin-top:.8rem">${w.indicators}</summary><div class="ind">${indicators}</div></details>
<label for="comment">${w.comment}</label><textarea id="comment" name="comment" maxlength="1000" style="min-height:4rem"></textarea>
<label for="contactName">${w.name}</label><input id="contactName" name="contactName" maxlength="40" autocomplete="name">
<label for="contactPhone">${w.phone}</label><input id="contactPhone" name="contactPhone" type="tel" maxlength="20" autocomplete="tel">
<button type="submit">${w.submit}</button></form>`;
  return page(lang, w.title, body, switchLang(url, lang));
}

type Form = FormBody;

function parseForm(form: Form, ref: { token?: string; code?: string }) {
  const one = (k: string) => (Array.isArray(form[k]) ? (form[k] as string[])[0] : (form[k] as string | undefined)) ?? '';
  const indicators = Object.fromEntries(indicatorKeys.filter((k) => one(`i_${k}`)).map((k) => [k, Number(one(`i_${k}`))]));
  const reasons = form.reasons === undefined ? [] : ([] as string[]).concat(form.reasons);
  return publicRatingBody.safeParse({
    ...ref,
    level: Number(one('level')),
    ...(Object.keys(indicators).length ? { indicators } : {}),
    ...(reasons.length ? { reasons } : {}),
    ...(one('comment') ? { comment: one('comment') } : {}),
    ...(one('contactName') ? { contactName: one('contactName') } : {}),
    ...(one('contactPhone') ? { contactPhone: one('contactPhone') } : {}),
  });
}

/** The public rating page (/r/<token>, /r/c/<code>): plain HTML, no script, a few KB on a slow phone. */
export async function ratingPageRoutes(root: FastifyInstance, ctx: AppContext) {
  await root.register(async (app) => {
    acceptHtmlForms(app, 16 * 1024);
    const refOf = (req: FastifyRequest) => {
      const p = req.params as { token?: string; code?: string };
      return p.code ? { code: p.code } : { token: p.token };
    };
    const show = async (req: FastifyRequest, reply: FastifyReply) => {
      const lang = langOf(req.query);
      const w = words[lang];
      try {
        const target = await resolveRatingTarget(ctx, refOf(req));
        return html(reply, 200, await ratingForm(ctx, target, lang, req.url, req.url));
      } catch (e) {
        if (!isAppError(e)) throw e;
        const message = e.code === 'already_rated' ? w.used : e.code === 'token_expired' ? w.expired : w.invalid;
        return html(reply, e.code === 'already_rated' ? 409 : e.status, page(lang, w.title, `<h1>${w.title}</h1><p class="box">${message}</p>`, switchLang(req.url, lang)));
      }
    };
    const submit = async (req: FastifyRequest, reply: FastifyReply) => {
      const lang = langOf(req.query);
      const w = words[lang];
      const form = (req.body ?? {}) as Form;
      const parsed = parseForm(form, refOf(req));
      try {
        if (!parsed.success) {
          const target = await resolveRatingTarget(ctx, refOf(req));
          return html(reply, 400, await ratingForm(ctx, target, lang, req.url, req.url, w.check));
        }
        const idem = typeof form.idem === 'string' && /^[\w-]{8,40}$/.test(form.idem) ? `form:${form.idem}` : undefined;
        const result = await submitRating(ctx, parsed.data, idem);
        const negative = !!result.caseId;
        return html(reply, 201, page(lang, w.thanks, `<h1>${w.thanks}</h1>${negative ? `<p class="box">${w.thanksNegative}</p>` : ''}`, switchLang(req.url, lang)));
      } catch (e) {
        if (!isAppError(e)) throw e;
        const message = e.code === 'already_rated' ? w.used : e.code === 'token_expired' ? w.expired : e.code === 'validation_failed' ? w.check : w.invalid;
        return html(reply, e.status, page(lang, w.title, `<h1>${w.title}</h1><p class="box err" role="alert">${message}</p>`, switchLang(req.url, lang)));
      }
    };
    const config = { auth: 'public' as const };
    const limited = { auth: 'public' as const, rateLimit: { max: 20, timeWindow: '1 minute' } };
    app.get('/r/:token', { config, schema: { hide: true } }, show);
    app.get('/r/c/:code', { config, schema: { hide: true } }, show);
    app.post('/r/:token', { config: limited, schema: { hide: true } }, submit);
    app.post('/r/c/:code', { config: limited, schema: { hide: true } }, submit);
  });
}
