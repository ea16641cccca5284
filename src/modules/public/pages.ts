import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { acceptHtmlForms, formValue, type FormBody } from '../../server/plugins/forms.js';
import { isAppError } from '../../shared/errors.js';
import { getPublicComplaintStatus, publicComplaintCategories, ratePublicComplaint, submitPublicComplaint } from '../complaints/service.js';
import { MAX_PHOTO_BYTES, MAX_PUBLIC_PHOTOS, publicComplaintBody, publicSatisfactionBody } from '../complaints/index.js';
import { fieldIssue, invalidFields, type FieldIssue } from '../../shared/issues.js';
import type { UploadedFile } from '../../shared/upload.js';
import { findOrganisationByCode } from '../organisations/service.js';
import { listPublicUnits } from '../units/service.js';
import { esc, langOf, page, switchLang, type Lang } from './html.js';
import { texts, type Texts } from './text.js';
import { actionLimit } from '../../server/rate-limits.js';

type Form = Record<string, string>;

function html(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

/** `via=qr` on the form's address: the complainant scanned a QR code (扫码投诉), recorded as channel qr. */
const viaOf = (query: unknown) => ((query as { via?: string } | undefined)?.via === 'qr' ? 'qr' : '');

/** One message per invalid field, next to the field and in plain words. */
type FieldErrors = Partial<Record<string, string>>;

async function complaintForm(ctx: AppContext, orgCode: string, lang: Lang, url: string, values: Form = {}, error = '', errors: FieldErrors = {}) {
  const t = texts(lang);
  const { organisation, categories } = await publicComplaintCategories(ctx, orgCode);
  const org = await findOrganisationByCode(ctx, orgCode);
  const units = await listPublicUnits(ctx, org!.id);
  const option = (value: string, label: string, selected: string | undefined) => `<option value="${esc(value)}"${selected === value ? ' selected' : ''}>${esc(label)}</option>`;
  const invalid = (f: string) => (errors[f] ? ` aria-invalid="true" aria-describedby="e-${f}"` : '');
  const fieldError = (f: string) => (errors[f] ? `<p class="err" id="e-${f}">${esc(errors[f])}</p>` : '');
  // Units as the tree shows them: a department's windows under it, indented.
  const unitOptions = units.map((u) => option(u.code, `${'\u3000'.repeat(u.depth)}${u.name}`, values.unitCode)).join('');
  const body = `<h1>${esc(organisation.name)} · ${t.complaintTitle}</h1>${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/public/${esc(orgCode)}/complaint?lang=${lang}" enctype="multipart/form-data" class="box">${values.via === 'qr' ? '<input type="hidden" name="via" value="qr">' : ''}
<label for="content">${t.content}</label><textarea id="content" name="content" required maxlength="4000" placeholder="${esc(t.contentHint)}"${invalid('content')}>${esc(values.content)}</textarea>${fieldError('content')}
<label for="category">${t.category}</label><select id="category" name="category"${invalid('category')}>${option('', t.none, values.category)}${categories.map((c) => option(c.code, lang === 'en' ? c.en : c.zh, values.category)).join('')}</select>${fieldError('category')}
<label for="unitCode">${t.unit}</label><select id="unitCode" name="unitCode"${invalid('unitCode')}>${option('', t.none, values.unitCode)}${unitOptions}</select>${fieldError('unitCode')}
<label for="photos">${t.photos}</label><input id="photos" name="photos" type="file" accept="image/jpeg,image/png" multiple style="max-width:100%"${invalid('photos')}><p class="muted" style="margin:2px 0 0">${t.photosHint}</p>${fieldError('photos')}
<label for="contactName">${t.name}</label><input id="contactName" name="contactName" maxlength="40" autocomplete="name" value="${esc(values.contactName)}"${invalid('contactName')}>${fieldError('contactName')}
<label for="contactPhone">${t.phone}</label><input id="contactPhone" name="contactPhone" type="tel" maxlength="20" autocomplete="tel" value="${esc(values.contactPhone)}"${invalid('contactPhone')}>${fieldError('contactPhone')}
<label for="contactEmail">${t.email}</label><input id="contactEmail" name="contactEmail" type="email" maxlength="100" autocomplete="email" value="${esc(values.contactEmail)}"${invalid('contactEmail')}>${fieldError('contactEmail')}
<label for="replyChannel">${t.replyChannel}</label><select id="replyChannel" name="replyChannel"${invalid('replyChannel')}>${option('', t.replyAuto, values.replyChannel)}${option('sms', t.replySms, values.replyChannel)}${option('email', t.replyEmail, values.replyChannel)}</select>${fieldError('replyChannel')}
<div class="row"><input id="anonymous" name="anonymous" type="checkbox" value="1"${values.anonymous ? ' checked' : ''}><label for="anonymous" style="margin:0;font-weight:400">${t.anonymous}</label></div>
<button type="submit">${t.submit}</button></form>
<p class="muted">${t.noRetaliation}</p><p><a href="/public/complaints/status?lang=${lang}">${t.checkStatus}</a></p>`;
  return page(lang, `${organisation.name} ${t.complaintTitle}`, body, switchLang(url, lang));
}

/** What is wrong with each posted field, in plain words; a field the schema names but this page does not know gets the service's own message. */
function fieldErrorsOf(t: Texts, issues: { path: string; messages?: { zh: string; en: string } }[], form: Form, lang: Lang): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.replace(/^body\./, '').split('.')[0];
    // An empty phone or email can only be wrong because the chosen reply channel needs it.
    const needed = (field === 'contactPhone' || field === 'contactEmail') && !(form[field] ?? '').trim();
    const plain = t.fieldErrors[(needed ? 'replyChannel' : field) as keyof Texts['fieldErrors']];
    // Content that is there but too short is explained by the service (the pack's minimum).
    // So are photos (how many, which one, what is wrong with it).
    const own = (field === 'content' && (form.content ?? '').trim()) || field === 'photos' ? issue.messages?.[lang] : undefined;
    errors[field] ??= own ?? plain ?? issue.messages?.[lang] ?? t.invalid;
  }
  return errors;
}

/** A repeated field keeps its first value: this form's only multi-value field is the photos. */
function plainForm(body: unknown): Form {
  const posted = (body ?? {}) as FormBody;
  return Object.fromEntries(Object.keys(posted).map((k) => [k, formValue(posted, k) ?? '']));
}

const tooManyPhotos = () =>
  invalidFields(fieldIssue('body.photos', { zh: `最多只能附 ${MAX_PUBLIC_PHOTOS} 张照片`, en: `at most ${MAX_PUBLIC_PHOTOS} photos` }));

/**
 * The multipart complaint form: its text fields and the photos chosen (an empty file input sends
 * an empty part, skipped). One file more than allowed is read, so the service can name the count;
 * beyond that, or a file over the largest size any pack allows, is refused here as `photos`.
 */
async function readComplaintForm(req: FastifyRequest): Promise<{ form: Form; files: UploadedFile[] }> {
  const form: Form = {};
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.parts({ limits: { files: MAX_PUBLIC_PHOTOS + 2, fileSize: MAX_PHOTO_BYTES + 1, fields: 30 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.fieldname !== 'photos' || (!part.filename && data.length === 0)) continue;
        if (files.length > MAX_PUBLIC_PHOTOS) throw tooManyPhotos();
        files.push({ name: part.filename, data });
      } else if (!(part.fieldname in form)) form[part.fieldname] = String(part.value ?? '');
    }
  } catch (e) {
    if (isAppError(e)) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') throw tooManyPhotos();
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw invalidFields(fieldIssue('body.photos', { zh: '照片太大，每张不超过 5 MB', en: 'a photo is too large: at most 5 MB each' }));
    throw e;
  }
  return { form, files };
}

/** The reply deadline, or why it is not known yet (期限待定). */
function replyDueLine(t: Texts, r: { replyDueDate: string | null; replyDuePendingYear: number | null }): string {
  if (r.replyDueDate) return `<p>${t.replyDue}：${esc(r.replyDueDate)}</p>`;
  return r.replyDuePendingYear ? `<p>${t.replyDue}：${esc(t.replyDuePending(r.replyDuePendingYear))}</p>` : '';
}

/** 您对本次处理满意吗: asked once the complaint is answered, once per reply; afterwards the answer given. */
function ratingBox(t: Texts, lang: Lang, no: string, code: string, result: Awaited<ReturnType<typeof getPublicComplaintStatus>>): string {
  if (result.satisfaction) return `<div class="box"><p>${t.rated}：<b>${esc(t.satisfaction[result.satisfaction as keyof Texts['satisfaction']] ?? result.satisfaction)}</b></p></div>`;
  if (!result.publicActions.includes('record_satisfaction')) return '';
  const choice = (v: keyof Texts['satisfaction']) => `<div class="row"><input type="radio" id="s-${v}" name="satisfaction" value="${v}" required><label for="s-${v}" style="margin:0;font-weight:400">${t.satisfaction[v]}</label></div>`;
  return `<form method="post" action="/public/complaints/satisfaction?lang=${lang}" class="box"><h2 style="font-size:1.05rem">${t.rateTitle}</h2>
<input type="hidden" name="no" value="${esc(no)}"><input type="hidden" name="code" value="${esc(code)}">
${choice('satisfied')}${choice('basically_satisfied')}${choice('dissatisfied')}
<label for="note">${t.rateNote}</label><textarea id="note" name="note" maxlength="500" style="min-height:4rem"></textarea>
<button type="submit">${t.rateSubmit}</button></form>`;
}

function statusPage(lang: Lang, url: string, no: string, code: string, result: Awaited<ReturnType<typeof getPublicComplaintStatus>> | null, error = '') {
  const t = texts(lang);
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const detail = result
    ? `<div class="box"><p>${t.trackingNo}：<b>${esc(result.trackingNo)}</b></p><p>${t.status}：<b>${esc(result.statusLabel[lang])}</b></p>
<p>${t.receivedAt}：${esc(when(result.receivedAt))}</p>${replyDueLine(t, result)}
<h2 style="font-size:1.05rem">${t.history}</h2><ol>${result.events.map((e) => `<li>${esc(when(e.at))} ${esc(e.label[lang])}${e.note ? `<br>${esc(e.note)}` : ''}</li>`).join('')}</ol></div>${ratingBox(t, lang, no, code, result)}`
    : '';
  const body = `<h1>${t.statusTitle}</h1>${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}
<form method="get" action="/public/complaints/status" class="box"><input type="hidden" name="lang" value="${lang}">
<label for="no">${t.trackingNo}</label><input id="no" name="no" required maxlength="40" value="${esc(no)}">
<label for="code">${t.queryCode}</label><input id="code" name="code" required maxlength="40" value="${esc(code)}">
<button type="submit">${t.lookup}</button></form>${detail}`;
  return page(lang, t.statusTitle, body, switchLang(url, lang));
}

/** The public complaint form and status look-up: plain HTML forms that work without JavaScript on any phone. */
export async function publicPageRoutes(root: FastifyInstance, ctx: AppContext) {
  await root.register(async (app) => {
    acceptHtmlForms(app);
    const opts = { config: { auth: 'public' as const }, schema: { hide: true } };

    app.get('/public/:orgCode/complaint', opts, async (req: FastifyRequest<{ Params: { orgCode: string } }>, reply) => {
      const lang = langOf(req.query);
      if (!(await findOrganisationByCode(ctx, req.params.orgCode))) return html(reply, 404, page(lang, '404', `<p>${texts(lang).orgNotFound}</p>`, '/'));
      return html(reply, 200, await complaintForm(ctx, req.params.orgCode, lang, req.url, { via: viaOf(req.query) }));
    });

    app.post(
      '/public/:orgCode/complaint',
      { ...opts, config: { auth: 'public' as const, rateLimit: actionLimit('complaint') } },
      async (req: FastifyRequest<{ Params: { orgCode: string } }>, reply) => {
        const lang = langOf(req.query);
        const t = texts(lang);
        if (!(await findOrganisationByCode(ctx, req.params.orgCode))) return html(reply, 404, page(lang, '404', `<p>${t.orgNotFound}</p>`, '/'));
        // The form is multipart (photos); a plain urlencoded post (no photos) is still taken.
        let form: Form;
        let files: UploadedFile[] = [];
        try {
          ({ form, files } = req.isMultipart() ? await readComplaintForm(req) : { form: plainForm(req.body), files: [] });
        } catch (e) {
          if (!(isAppError(e) && e.code === 'validation_failed')) throw e;
          return html(reply, 400, await complaintForm(ctx, req.params.orgCode, lang, req.url, {}, t.fix, fieldErrorsOf(t, e.details as FieldIssue[], {}, lang)));
        }
        const input = {
          orgCode: req.params.orgCode,
          content: form.content ?? '',
          ...(form.category ? { category: form.category } : {}),
          ...(form.unitCode ? { unitCode: form.unitCode } : {}),
          ...(form.contactName ? { contactName: form.contactName } : {}),
          ...(form.contactPhone ? { contactPhone: form.contactPhone } : {}),
          ...(form.contactEmail ? { contactEmail: form.contactEmail } : {}),
          ...(form.replyChannel ? { replyChannel: form.replyChannel } : {}),
          ...(form.via === 'qr' ? { channel: 'qr' } : {}),
          anonymous: form.anonymous === '1',
        };
        const parsed = publicComplaintBody.safeParse(input);
        const again = (errors: FieldErrors) => complaintForm(ctx, req.params.orgCode, lang, req.url, form, t.fix, errors);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: String(i.path[0]) }));
          return html(reply, 400, await again(fieldErrorsOf(t, issues, form, lang)));
        }
        try {
          const r = await submitPublicComplaint(ctx, parsed.data, files);
          const statusHref = `/public/complaints/status?lang=${lang}&no=${encodeURIComponent(r.trackingNo)}&code=${encodeURIComponent(r.queryCode ?? '')}`;
          const body = `<h1>${t.received}</h1><div class="box"><p>${t.trackingNo}</p><p class="big">${esc(r.trackingNo)}</p><p>${t.queryCode}</p><p class="big">${esc(r.queryCode)}</p>
${replyDueLine(t, r)}<p class="muted">${t.keep}</p></div><p><a href="${esc(statusHref)}">${t.checkStatus}</a></p>`;
          return html(reply, 201, page(lang, t.received, body, switchLang(req.url, lang)));
        } catch (e) {
          if (isAppError(e) && e.code === 'validation_failed' && Array.isArray(e.details)) return html(reply, 400, await again(fieldErrorsOf(t, e.details as FieldIssue[], form, lang)));
          if (isAppError(e) && e.status < 500) return html(reply, e.status, await complaintForm(ctx, req.params.orgCode, lang, req.url, form, e.messages[lang]));
          throw e;
        }
      },
    );

    app.post('/public/complaints/satisfaction', { ...opts, config: { auth: 'public' as const, rateLimit: actionLimit('complaintLookup') } }, async (req, reply) => {
      const lang = langOf(req.query);
      const posted = (req.body ?? {}) as FormBody;
      const no = (formValue(posted, 'no') ?? '').trim().slice(0, 40);
      const code = (formValue(posted, 'code') ?? '').trim().slice(0, 40);
      const note = (formValue(posted, 'note') ?? '').trim();
      const parsed = publicSatisfactionBody.safeParse({ code, satisfaction: formValue(posted, 'satisfaction') ?? '', ...(note ? { note } : {}) });
      try {
        if (!parsed.success) return html(reply, 400, statusPage(lang, req.url, no, code, await getPublicComplaintStatus(ctx, no, code), texts(lang).rateInvalid));
        return html(reply, 200, statusPage(lang, req.url, no, code, await ratePublicComplaint(ctx, no, parsed.data)));
      } catch (e) {
        if (isAppError(e) && e.status < 500) return html(reply, e.status, statusPage(lang, req.url, no, code, null, e.code === 'not_found' ? texts(lang).notFound : e.messages[lang]));
        throw e;
      }
    });

    app.get('/public/complaints/status', { ...opts, config: { auth: 'public' as const, rateLimit: actionLimit('complaintLookup') } }, async (req, reply) => {
      const q = req.query as { no?: string; code?: string };
      const lang = langOf(req.query);
      const no = (q.no ?? '').trim().slice(0, 40);
      const code = (q.code ?? '').trim().slice(0, 40);
      if (!no || !code) return html(reply, 200, statusPage(lang, req.url, no, code, null));
      try {
        return html(reply, 200, statusPage(lang, req.url, no, code, await getPublicComplaintStatus(ctx, no, code)));
      } catch (e) {
        if (isAppError(e) && e.status < 500) return html(reply, 404, statusPage(lang, req.url, no, code, null, texts(lang).notFound));
        throw e;
      }
    });
  });
}
