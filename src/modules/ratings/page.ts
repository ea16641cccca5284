import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { acceptHtmlForms, type FormBody } from '../../server/plugins/forms.js';
import { isAppError, type AppError } from '../../shared/errors.js';
import { randomToken } from '../../shared/ids.js';
import { appraisalSettingsOf, ratingSettings, type PolicyPack } from '../../policy/index.js';
import { readStaffStars } from '../../shared/stars.js';
import { policyForOrganisation } from '../policy/service.js';
import { langOf, page, switchLang, type Lang } from '../public/index.js';
import { checkForm, emptyForm, fieldMessage, ratingFormBody, readForm, words, type FieldMessages, type PublicStar, type RatingFormValues } from './page-form.js';
import { ratingReasons } from './reasons.js';
import { resolveRatingTarget, submitRating, type RatingTarget } from './service.js';
import { actionLimit } from '../../server/rate-limits.js';

function html(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

interface FormRequest {
  target: RatingTarget;
  lang: Lang;
  url: string;
  idem?: string;
  values?: RatingFormValues;
  errors?: FieldMessages;
}

/** The person's star for the public page, where the pack shows stars publicly (挂星上岗, 000:L115). */
async function publicStar(ctx: AppContext, pack: PolicyPack, target: RatingTarget): Promise<PublicStar | null> {
  if (!target.staffId || !appraisalSettingsOf(pack).showStarsPublicly) return null;
  const star = (await readStaffStars(ctx.db.kysely, { orgId: target.orgId, staffIds: [target.staffId] })).get(target.staffId);
  return star ? { stars: star.stars, label: star.label } : null;
}

async function ratingForm(ctx: AppContext, r: FormRequest) {
  const pack = await policyForOrganisation(ctx, r.target.orgId);
  const settings = ratingSettings(pack);
  const reasons = (await ratingReasons(ctx, r.target.orgId)).filter((x) => x.active);
  const body = ratingFormBody({ target: r.target, star: await publicStar(ctx, pack, r.target), lang: r.lang, action: r.url, idem: r.idem ?? randomToken(12), levels: settings.levels, negativeLevels: settings.negativeLevels, reasons, values: r.values ?? emptyForm, errors: r.errors ?? {} });
  return page(r.lang, words[r.lang].title, body, switchLang(r.url, r.lang));
}

/** A page that only says why the form is not there (used, expired, unknown, retired code). */
function notice(e: AppError, lang: Lang, url: string) {
  const w = words[lang];
  const messages: Partial<Record<string, string>> = { rating_too_soon: w.tooSoon, already_rated: w.used, token_expired: w.expired, staff_inactive: w.inactive, idempotency_key_reused: w.resubmitted };
  return page(lang, w.title, `<h1>${w.title}</h1><p class="box">${messages[e.code] ?? w.invalid}</p>`, switchLang(url, lang));
}

/** The device cookie of the rating pages: a random id, first-party, never read by scripts. */
const DEVICE_COOKIE = 'yz_rd';

function deviceOf(req: FastifyRequest): string | null {
  const id = req.cookies?.[DEVICE_COOKIE];
  return id && /^[\w-]{16,40}$/.test(id) ? id : null;
}

/** A phone that opens a standing code's page gets its device id once (one rating per window and interval). */
function giveDevice(req: FastifyRequest, reply: FastifyReply) {
  if (deviceOf(req)) return;
  reply.setCookie(DEVICE_COOKIE, randomToken(18), { path: '/r', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: 400 * 86_400 });
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
      try {
        const target = await resolveRatingTarget(ctx, refOf(req));
        if (target.source === 'code') giveDevice(req, reply);
        return html(reply, 200, await ratingForm(ctx, { target, lang, url: req.url }));
      } catch (e) {
        if (!isAppError(e)) throw e;
        return html(reply, e.status, notice(e, lang, req.url));
      }
    };
    const submit = async (req: FastifyRequest, reply: FastifyReply) => {
      const lang = langOf(req.query);
      const w = words[lang];
      const form = (req.body ?? {}) as FormBody;
      const values = readForm(form);
      const idem = typeof form.idem === 'string' && /^[\w-]{8,40}$/.test(form.idem) ? form.idem : undefined;
      const again = async (errors: FieldMessages) => html(reply, 400, await ratingForm(ctx, { target: await resolveRatingTarget(ctx, refOf(req)), lang, url: req.url, idem, values, errors }));
      try {
        const checked = checkForm(values, refOf(req), lang);
        if ('errors' in checked) return await again(checked.errors);
        const result = await submitRating(ctx, checked.data, idem && `form:${idem}`, { device: deviceOf(req), client: req.ip });
        // The callback is promised only to a 差评 rater who left a phone number.
        const follow = result.caseId ? (checked.data.contactPhone ? w.thanksCallback : w.thanksNegative) : '';
        return html(reply, 201, page(lang, w.thanks, `<h1>${w.thanks}</h1>${follow ? `<p class="box">${follow}</p>` : ''}`, switchLang(req.url, lang)));
      } catch (e) {
        if (!isAppError(e)) throw e;
        if (e.code === 'validation_failed') return await again({ reasons: fieldMessage('reasons', lang, values) }).catch(() => html(reply, 400, notice(e, lang, req.url)));
        return html(reply, e.status, notice(e, lang, req.url));
      }
    };
    const config = { auth: 'public' as const };
    const limited = { auth: 'public' as const, rateLimit: actionLimit('rating') };
    app.get('/r/:token', { config, schema: { hide: true } }, show);
    app.get('/r/c/:code', { config, schema: { hide: true } }, show);
    app.post('/r/:token', { config: limited, schema: { hide: true } }, submit);
    app.post('/r/c/:code', { config: limited, schema: { hide: true } }, submit);
  });
}
