import type { z } from 'zod';
import type { FormBody } from '../../server/plugins/forms.js';
import { esc, type Lang } from '../public/index.js';
import type { RatingLevel } from '../../policy/index.js';
import type { TaxonomyItem } from '../taxonomies/service.js';
import { fieldLimits, indicatorKeys, publicRatingBody } from './schema.js';
import type { RatingTarget } from './service.js';

export const words = {
  zh: { title: '服务评价', how: '请对本次服务进行评价', staff: '工作人员：{name}（工号 {badge}）', indicators: '分项评价（可选）', reasons: '不满意的原因（可多选）', comment: '意见建议（可选）', name: '姓名（可选）', phone: '联系电话（留下电话，我们会回访您）', submit: '提交评价', thanks: '感谢您的评价！', thanksCallback: '我们会尽快核实整改并回访您。', thanksNegative: '我们会尽快核实整改。', used: '该评价链接已使用过，感谢您的评价。', expired: '该评价链接已过期。', invalid: '评价码无效。', inactive: '这位工作人员已不在此岗位服务，该评价码已停用。感谢您的关注。', resubmitted: '您已提交过本次评价，感谢您的参与。', tooSoon: '您刚刚已评价过这个窗口，感谢您的参与。同一部手机对同一窗口稍后才能再次评价。', fix: '请修改标注的内容后再提交。', overall: '整体满意度', efficiency: '服务效率', competence: '服务水平', attitude: '服务态度' },
  en: { title: 'Rate our service', how: 'How satisfied are you with this service?', staff: 'Staff member: {name} (badge {badge})', indicators: 'Details (optional)', reasons: 'What went wrong? (choose any)', comment: 'Comments (optional)', name: 'Name (optional)', phone: 'Phone (leave it and we will call you back)', submit: 'Submit', thanks: 'Thank you for your rating!', thanksCallback: 'We will look into it and call you back.', thanksNegative: 'We will look into it.', used: 'This link has already been used. Thank you.', expired: 'This rating link has expired.', invalid: 'This rating code is not valid.', inactive: 'This staff member no longer serves here, so this rating code is no longer in use. Thank you.', resubmitted: 'You have already sent this rating. Thank you.', tooSoon: 'You rated this window a moment ago. Thank you. The same phone can rate this window again a little later.', fix: 'Please correct the marked fields.', overall: 'Overall', efficiency: 'Efficiency', competence: 'Competence', attitude: 'Attitude' },
};

/** What is wrong with one field, in the page's language. */
const fieldErrors = {
  zh: {
    level: () => '请选择满意程度。',
    comment: (n: number) => `意见建议最多 ${fieldLimits.comment} 字，您填写了 ${n} 字，请删减后再提交。`,
    contactPhone: () => '电话格式不正确：请只填写号码（数字，可含 - 或空格），如 13800138000 或 0755-12345678；分机号请写在意见建议里。',
    contactName: () => `姓名最多 ${fieldLimits.contactName} 字。`,
    reasons: () => '请从列表中选择不满意的原因。',
    indicators: () => '分项评价请从列表中选择。',
  },
  en: {
    level: () => 'Please choose a level.',
    comment: (n: number) => `Comments can be at most ${fieldLimits.comment} characters; yours has ${n}. Please shorten it.`,
    contactPhone: () => 'The phone number is not valid: digits only (with - or spaces), e.g. 13800138000 or 0755-12345678; put an extension in the comments.',
    contactName: () => `The name can be at most ${fieldLimits.contactName} characters.`,
    reasons: () => 'Please choose the reasons from the list.',
    indicators: () => 'Please choose the details from the lists.',
  },
};
export type FormField = keyof (typeof fieldErrors)['zh'];
const formFields = Object.keys(fieldErrors.zh) as FormField[];

/** What the rater entered, as posted: shown again, unchanged, when something must be corrected. */
export interface RatingFormValues {
  level: string;
  indicators: Partial<Record<(typeof indicatorKeys)[number], string>>;
  reasons: string[];
  comment: string;
  contactName: string;
  contactPhone: string;
}

export const emptyForm: RatingFormValues = { level: '', indicators: {}, reasons: [], comment: '', contactName: '', contactPhone: '' };

export function readForm(form: FormBody): RatingFormValues {
  const one = (k: string) => (Array.isArray(form[k]) ? (form[k] as string[])[0] : (form[k] as string | undefined)) ?? '';
  return {
    level: one('level'),
    indicators: Object.fromEntries(indicatorKeys.filter((k) => one(`i_${k}`)).map((k) => [k, one(`i_${k}`)])),
    reasons: form.reasons === undefined ? [] : ([] as string[]).concat(form.reasons),
    comment: one('comment'),
    contactName: one('contactName'),
    contactPhone: one('contactPhone'),
  };
}

export type FieldMessages = Partial<Record<FormField, string>>;

/** Validates the form like the API; each failing field gets its own message. */
export function checkForm(values: RatingFormValues, ref: { token?: string; code?: string }, lang: Lang): { data: z.infer<typeof publicRatingBody> } | { errors: FieldMessages } {
  const indicators = Object.fromEntries(Object.entries(values.indicators).map(([k, v]) => [k, Number(v)]));
  const parsed = publicRatingBody.safeParse({
    ...ref,
    level: Number(values.level || 'NaN'),
    ...(Object.keys(indicators).length ? { indicators } : {}),
    ...(values.reasons.length ? { reasons: values.reasons } : {}),
    ...(values.comment.trim() ? { comment: values.comment } : {}),
    ...(values.contactName.trim() ? { contactName: values.contactName } : {}),
    ...(values.contactPhone.trim() ? { contactPhone: values.contactPhone } : {}),
  });
  if (parsed.success) return { data: parsed.data };
  const errors: FieldMessages = {};
  for (const issue of parsed.error.issues) {
    const field = formFields.find((f) => f === issue.path[0]) ?? 'level';
    errors[field] ??= fieldMessage(field, lang, values);
  }
  return { errors };
}

export function fieldMessage(field: FormField, lang: Lang, values: RatingFormValues): string {
  return fieldErrors[lang][field](values.comment.trim().length);
}

// Labels never break inside a word: the levels wrap as whole tiles (as many per row as fit, 320–430 px).
// The 差评 reasons hide until a negative level (the pack's) is picked, where the browser has :has();
// elsewhere (and without CSS) they always show, so the form works everywhere without a script.
const css = `.levels{display:flex;flex-wrap:wrap;gap:6px}.levels label{flex:1 0 auto;min-width:3.6rem;position:relative;margin:0;text-align:center;font-weight:400;font-size:.85rem;white-space:nowrap;word-break:keep-all;border:1px solid #c9ced6;border-radius:8px;padding:.5rem .4rem;background:#fff}
.levels input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}.levels input:checked+span{font-weight:700;color:#b4232a}.levels label:has(input:checked){border-color:#b4232a;background:#fff5f5}
.face{display:block;margin:0 auto .2rem}.reasons label,.ind label{font-weight:400}.ind{display:grid;grid-template-columns:1fr 1fr;gap:0 8px}.who{margin:0 0 .2rem}.err{margin:.3rem 0}[aria-invalid=true]{border-color:#b4232a}`;

function reasonsCss(negativeLevels: readonly number[]): string {
  const picked = negativeLevels.map((n) => `form:has(.levels input[value="${n}"]:checked) .reasons`).join(',');
  return `@supports selector(:has(a)){.reasons{display:none}${picked}{display:block}}`;
}

/** Inline SVG faces (no emoji font needed): the mouth curves from a frown (1) to a smile (5). */
function face(level: number): string {
  const curve = [-6, -3, 0, 3, 6][Math.min(Math.max(level, 1), 5) - 1];
  const colour = ['#c0392b', '#e67e22', '#b7950b', '#27ae60', '#1e8449'][Math.min(Math.max(level, 1), 5) - 1];
  return `<svg class="face" aria-hidden="true" width="30" height="30" viewBox="0 0 30 30"><circle cx="15" cy="15" r="13" fill="none" stroke="${colour}" stroke-width="2"/><circle cx="10" cy="12" r="1.8" fill="${colour}"/><circle cx="20" cy="12" r="1.8" fill="${colour}"/><path d="M9 ${20 - curve / 2} Q15 ${20 + curve} 21 ${20 - curve / 2}" fill="none" stroke="${colour}" stroke-width="2" stroke-linecap="round"/></svg>`;
}

/** Who is rated: the organisation, the window, and on a personal code the staff member (name and badge only). */
export function targetHeading(target: RatingTarget, lang: Lang, star?: PublicStar | null): string {
  const w = words[lang];
  // 挂星上岗 (000:L115): the person's star, where the organisation shows it publicly.
  const stars = star ? ` <span class="stars" aria-label="${esc(lang === 'en' ? star.label.en : star.label.zh)}" data-stars="${star.stars}">${'★'.repeat(star.stars)}</span>` : '';
  const person = target.staff ? `<p class="who">${w.staff.replace('{name}', () => esc(target.staff!.name)).replace('{badge}', () => esc(target.staff!.badgeNo))}${stars}</p>` : '';
  return `<h1>${w.title}</h1><p class="who muted">${esc(target.orgName)}</p><p class="who"><strong>${esc(target.unitName)}</strong></p>${person}`;
}

/** A star shown beside the person on the public page. */
export interface PublicStar {
  stars: number;
  label: { zh: string; en: string };
}

export interface RatingFormView {
  target: RatingTarget;
  star?: PublicStar | null;
  lang: Lang;
  action: string;
  idem: string;
  levels: RatingLevel[];
  negativeLevels: number[];
  reasons: TaxonomyItem[];
  values: RatingFormValues;
  errors: FieldMessages;
}

/** The rating form's body (inside the shared public page layout). */
export function ratingFormBody(v: RatingFormView): string {
  const w = words[v.lang];
  const label = (x: { zh: string; en: string }) => esc(v.lang === 'en' ? x.en : x.zh);
  const invalid = (f: FormField) => (v.errors[f] ? ` aria-invalid="true" aria-describedby="e-${f}"` : '');
  const error = (f: FormField) => (v.errors[f] ? `<p class="err" id="e-${f}">${esc(v.errors[f])}</p>` : '');
  const checked = (on: boolean) => (on ? ' checked' : '');
  const levels = v.levels
    .map((l) => `<label><input type="radio" name="level" value="${l.value}" required${checked(v.values.level === String(l.value))}${invalid('level')}><span>${face(l.value)}${label(l)}</span></label>`)
    .join('');
  const indicators = indicatorKeys
    .map((k) => {
      const options = v.levels.map((l) => `<option value="${l.value}"${v.values.indicators[k] === String(l.value) ? ' selected' : ''}>${label(l)}</option>`).join('');
      return `<div><label for="i-${k}">${w[k]}</label><select id="i-${k}" name="i_${k}"${invalid('indicators')}><option value="">-</option>${options}</select></div>`;
    })
    .join('');
  const reasons = v.reasons
    .map((r) => `<div class="row"><input type="checkbox" id="r-${esc(r.code)}" name="reasons" value="${esc(r.code)}"${checked(v.values.reasons.includes(r.code))}><label for="r-${esc(r.code)}" style="margin:.2rem 0">${label(r)}</label></div>`)
    .join('');
  const summary = Object.keys(v.errors).length ? `<p class="err box" role="alert">${w.fix}</p>` : '';
  return `<style>${css}${reasonsCss(v.negativeLevels)}</style>${targetHeading(v.target, v.lang, v.star)}${summary}
<form method="post" action="${esc(v.action)}" class="box"><input type="hidden" name="idem" value="${esc(v.idem)}">
<fieldset style="border:0;padding:0;margin:0"><legend style="font-weight:600;margin-bottom:.4rem">${w.how}</legend><div class="levels">${levels}</div>${error('level')}</fieldset>
<div class="reasons"><p style="font-weight:600;margin:.9rem 0 .3rem">${w.reasons}</p>${reasons}${error('reasons')}</div>
<details${v.errors.indicators || Object.keys(v.values.indicators).length ? ' open' : ''}><summary style="margin-top:.8rem">${w.indicators}</summary><div class="ind">${indicators}</div>${error('indicators')}</details>
<label for="comment">${w.comment}</label><textarea id="comment" name="comment" maxlength="${fieldLimits.comment}" style="min-height:4rem"${invalid('comment')}>${esc(v.values.comment)}</textarea>${error('comment')}
<label for="contactName">${w.name}</label><input id="contactName" name="contactName" maxlength="${fieldLimits.contactName}" autocomplete="name" value="${esc(v.values.contactName)}"${invalid('contactName')}>${error('contactName')}
<label for="contactPhone">${w.phone}</label><input id="contactPhone" name="contactPhone" type="tel" maxlength="20" autocomplete="tel" value="${esc(v.values.contactPhone)}"${invalid('contactPhone')}>${error('contactPhone')}
<button type="submit">${w.submit}</button></form>`;
}
