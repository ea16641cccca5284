import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { acceptHtmlForms, formValue, type FormBody } from '../../server/plugins/forms.js';
import { actionLimit } from '../../server/rate-limits.js';
import { attachmentDisposition } from '../../shared/download.js';
import { isAppError } from '../../shared/errors.js';
import { langOf, type Lang } from '../public/index.js';
import { certificatePdf } from './certificate.js';
import { awardTexts, renderObjectionReceived, renderPublicity, renderPublicityNotFound, type ObjectionErrors, type ObjectionForm, type PublicRound } from './public-page.js';
import { getPublicRound, lodgeObjection } from './publicity.js';
import { nominationParams, objectionBody } from './schema.js';

function html(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

/** The public round as the page shows it: names and units, the form while objections are open. */
async function publicRound(ctx: AppContext, id: string): Promise<PublicRound> {
  const r = await getPublicRound(ctx, id);
  return { ...r, candidates: r.candidates.map((c) => ({ id: c.nominationId, name: c.name ?? '', unitName: c.unitName })) };
}

/** What is wrong with each posted field, in plain words. */
function objectionErrors(lang: Lang, issues: { path: PropertyKey[] }[]): ObjectionErrors {
  const t = awardTexts(lang);
  const errors: ObjectionErrors = {};
  for (const i of issues) {
    const field = String(i.path[0]) as keyof ObjectionForm;
    if (field === 'nominationId') errors.nominationId = t.needNominee;
    else if (field === 'text') errors.text = t.needText;
    else if (field === 'contact') errors.contact = t.fix;
  }
  return errors;
}

const textMin = 5;

/**
 * The screens' award pages outside the JSON API: the public 公示 page with its objection form
 * (plain HTML that works without JavaScript on any phone; no login, rate-limited like the public
 * complaint form, no session read so no CSRF surface), and the winners' certificates (PDF).
 */
export async function awardPageRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/award-rounds/:id/nominations/:nominationId/certificate.pdf',
    { schema: { tags: ['awards'], summary: '荣誉证书 of a winner (Chinese PDF; the office or the winner; 404 unless the nomination won an announced round; audited)', params: nominationParams } },
    async (req, reply) => {
      const { filename, pdf } = await certificatePdf(ctx, actorOf(req), req.params.id, req.params.nominationId);
      return reply.type('application/pdf').header('content-disposition', attachmentDisposition(filename)).send(pdf);
    },
  );

  await root.register(async (scope) => {
    acceptHtmlForms(scope, 16 * 1024);
    const opts = { schema: { hide: true } };

    scope.get('/public/awards/:id', { ...opts, config: { auth: 'public' as const, rateLimit: actionLimit('awardPage') } }, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const lang = langOf(req.query);
      try {
        return html(reply, 200, renderPublicity(await publicRound(ctx, req.params.id), lang, req.url));
      } catch (e) {
        if (isAppError(e) && e.status < 500) return html(reply, 404, renderPublicityNotFound(lang));
        throw e;
      }
    });

    scope.post('/public/awards/:id/objection', { ...opts, config: { auth: 'public' as const, rateLimit: actionLimit('awardObjection') } }, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const lang = langOf(req.query);
      const t = awardTexts(lang);
      let round: PublicRound;
      try {
        round = await publicRound(ctx, req.params.id);
      } catch (e) {
        if (isAppError(e) && e.status < 500) return html(reply, 404, renderPublicityNotFound(lang));
        throw e;
      }
      const posted = (req.body && typeof req.body === 'object' ? req.body : {}) as FormBody;
      const form: ObjectionForm = { nominationId: formValue(posted, 'nominationId') ?? '', text: (formValue(posted, 'text') ?? '').trim(), contact: (formValue(posted, 'contact') ?? '').trim() };
      const parsed = objectionBody.safeParse({ nominationId: form.nominationId, text: form.text, ...(form.contact ? { contact: form.contact } : {}) });
      const issues = parsed.success ? [] : parsed.error.issues;
      if ((form.text ?? '').length < textMin) issues.push({ path: ['text'] } as (typeof issues)[number]);
      if (!parsed.success || issues.length) return html(reply, 400, renderPublicity(round, lang, req.url, form, t.fix, objectionErrors(lang, issues)));
      try {
        await lodgeObjection(ctx, round.id, parsed.data);
        return html(reply, 201, renderObjectionReceived(round, lang, req.url));
      } catch (e) {
        if (isAppError(e) && e.code === 'validation_failed') return html(reply, 400, renderPublicity(round, lang, req.url, form, t.fix, { nominationId: t.needNominee }));
        if (isAppError(e) && e.status < 500) return html(reply, e.status, renderPublicity({ ...round, objectionsOpen: false }, lang, req.url, form, e.messages[lang]));
        throw e;
      }
    });
  });
}
