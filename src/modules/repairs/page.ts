import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { acceptHtmlForms, formValue, type FormBody } from '../../server/plugins/forms.js';
import { actionLimit } from '../../server/rate-limits.js';
import { isAppError } from '../../shared/errors.js';
import type { FieldIssue } from '../../shared/issues.js';
import { esc, langOf, page, switchLang, type Lang } from '../public/index.js';
import { findOrganisationByCode } from '../organisations/service.js';
import { publicRepairBody } from './schema.js';
import { submitPublicRepair } from './service.js';

const words = {
  zh: {
    title: '故障报修',
    intro: '24 小时受理报修。请写明故障情况、联系人、地址和电话，我们将立即安排维修人员。',
    fault: '故障情况',
    contactName: '联系人',
    contactPhone: '联系电话',
    address: '地址',
    submit: '提交报修',
    received: '报修已受理',
    trackingNo: '报修单号',
    arrival: '维修人员最迟到达时间',
    keep: '请保存单号，以便查询和回访。',
    fix: '请修改下面标出的内容',
    notFound: '没有这个单位，或该单位不受理网上报修',
    required: '请填写',
    phone: '请填写有效的电话号码',
  },
  en: {
    title: 'Report a fault',
    intro: 'Repairs are taken around the clock. Describe the fault and give your name, address and phone; a technician is sent at once.',
    fault: 'The fault',
    contactName: 'Your name',
    contactPhone: 'Phone',
    address: 'Address',
    submit: 'Report',
    received: 'Your report is received',
    trackingNo: 'Work order number',
    arrival: 'A technician arrives by',
    keep: 'Keep the number for enquiries and our callback.',
    fix: 'Please correct the fields marked below',
    notFound: 'No such organisation, or it takes no repair reports online',
    required: 'Required',
    phone: 'Enter a valid phone number',
  },
};

type Form = Record<string, string>;
const fields = ['fault', 'contactName', 'contactPhone', 'address'] as const;

function html(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

function form(orgCode: string, lang: Lang, url: string, values: Form = {}, error = '', errors: Partial<Record<string, string>> = {}) {
  const w = words[lang];
  const input = (name: (typeof fields)[number], type = 'text') => {
    const err = errors[name] ? `<div class="err">${esc(errors[name])}</div>` : '';
    const control = name === 'fault' ? `<textarea id="${name}" name="${name}" required maxlength="2000">${esc(values[name])}</textarea>` : `<input id="${name}" name="${name}" type="${type}" required value="${esc(values[name])}">`;
    return `<label for="${name}">${w[name]}</label>${control}${err}`;
  };
  const body = `<h1>${w.title}</h1><p class="muted">${w.intro}</p>${error ? `<p class="err">${esc(error)}</p>` : ''}
<form method="post" action="/public/${esc(orgCode)}/repair?lang=${lang}" class="box">${input('fault')}${input('contactName')}${input('contactPhone', 'tel')}${input('address')}
<button type="submit">${w.submit}</button></form>`;
  return page(lang, w.title, body, switchLang(url, lang));
}

/** 网上报修: a plain HTML form that works without JavaScript on any phone; answers the work order number. */
export async function repairPageRoutes(root: FastifyInstance, ctx: AppContext) {
  await root.register(async (app) => {
    acceptHtmlForms(app);
    const opts = { config: { auth: 'public' as const }, schema: { hide: true } };
    app.get('/public/:orgCode/repair', opts, async (req: FastifyRequest<{ Params: { orgCode: string } }>, reply) => {
      const lang = langOf(req.query);
      if (!(await findOrganisationByCode(ctx, req.params.orgCode))) return html(reply, 404, page(lang, '404', `<p>${words[lang].notFound}</p>`, '/'));
      return html(reply, 200, form(req.params.orgCode, lang, req.url));
    });
    app.post('/public/:orgCode/repair', { ...opts, config: { auth: 'public' as const, rateLimit: actionLimit('repair') } }, async (req: FastifyRequest<{ Params: { orgCode: string } }>, reply) => {
      const lang = langOf(req.query);
      const w = words[lang];
      const posted = (req.body ?? {}) as FormBody;
      const values: Form = Object.fromEntries(fields.map((k) => [k, formValue(posted, k) ?? '']));
      const parsed = publicRepairBody.safeParse({ orgCode: req.params.orgCode, ...values });
      const messageOf = (field: string) => (field === 'contactPhone' && values.contactPhone?.trim() ? w.phone : w.required);
      if (!parsed.success) {
        const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), messageOf(String(i.path[0]))]));
        return html(reply, 400, form(req.params.orgCode, lang, req.url, values, w.fix, errors));
      }
      try {
        const r = await submitPublicRepair(ctx, parsed.data);
        const arrival = r.arrivalDueAt ? `<p>${w.arrival}：${esc(r.arrivalDueAt.slice(0, 16).replace('T', ' '))}</p>` : '';
        const body = `<h1>${w.received}</h1><div class="box"><p>${w.trackingNo}</p><p class="big" data-testid="tracking-no">${esc(r.trackingNo)}</p>${arrival}<p class="muted">${w.keep}</p></div>`;
        return html(reply, 201, page(lang, w.received, body, switchLang(req.url, lang)));
      } catch (e) {
        if (isAppError(e) && e.code === 'validation_failed' && Array.isArray(e.details)) {
          const errors = Object.fromEntries((e.details as FieldIssue[]).map((i) => [i.path.replace(/^body\./, ''), i.messages?.[lang] ?? w.required]));
          return html(reply, 400, form(req.params.orgCode, lang, req.url, values, w.fix, errors));
        }
        if (isAppError(e) && e.code === 'not_found') return html(reply, 404, page(lang, '404', `<p>${w.notFound}</p>`, '/'));
        throw e;
      }
    });
  });
}
