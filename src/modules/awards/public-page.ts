/**
 * The public side of a round as plain HTML (no login, no script, phone-first): the 公示 page with
 * the candidates and an objection form (001:L315), and the 光荣榜 section of the public board.
 * Names, units and the nomination's reason only: never an eligibility reason, a vote or a score.
 */
import { esc, page, switchLang, type Lang } from '../public/index.js';
import { periodZh } from './certificate-pdf.js';

export interface PublicCandidate {
  id: string;
  name: string;
  unitName?: string | null;
  /** The nomination's reason (事迹), where the page publishes it. */
  reason?: string | null;
}

export interface PublicRound {
  id: string;
  organisation: { code: string; name: string };
  awardName: { zh: string; en: string };
  period: string;
  state: string;
  publicityEndsAt?: string | null;
  /** Objections are taken now (the publicity runs and has not ended). */
  objectionsOpen: boolean;
  candidates: PublicCandidate[];
}

export interface HonourRollEntry {
  awardName: { zh: string; en: string };
  period: string;
  winners: { name: string; unitName?: string | null }[];
}

const zh = {
  title: '评选公示',
  candidates: '候选人名单',
  none: '暂无候选人。',
  endsAt: (d: string) => `公示期至 ${d}`,
  closed: '本次评选不在公示期内，不再受理异议。',
  objectTitle: '提出异议',
  objectIntro: '如对候选人有异议，请如实填写。异议经核查属实的，取消其候选资格。',
  nominee: '异议对象',
  choose: '请选择',
  text: '异议内容（请写明具体事实）',
  contact: '联系方式（选填，便于核实）',
  submit: '提交异议',
  confidential: '我们对异议人信息严格保密，严禁打击报复。',
  received: '已收到您的异议',
  receivedNote: '我们将在公示期内核查，异议属实的将取消该候选人的资格。',
  back: '返回公示页面',
  fix: '请检查填写的内容。',
  needNominee: '请选择异议对象',
  needText: '请填写异议内容（至少 5 个字）',
  notFound: '未找到该评选公示。',
  period: (p: string) => periodZh(p),
  honourRoll: '光荣榜',
  publicity: '评选公示',
  publicityOpen: (name: string, period: string) => `${name}（${periodZh(period)}）候选人公示`,
  winners: (n: number) => `${n} 名`,
};

const en: typeof zh = {
  title: 'Award publicity',
  candidates: 'Candidates',
  none: 'No candidates.',
  endsAt: (d: string) => `Open for objections until ${d}`,
  closed: 'This round is not in its publicity period; objections are no longer taken.',
  objectTitle: 'Raise an objection',
  objectIntro: 'If you know of a reason a candidate should not be honoured, tell us the facts. An objection found true cancels the candidacy.',
  nominee: 'Candidate',
  choose: 'Choose',
  text: 'Your objection (the facts, please)',
  contact: 'Contact (optional, so we can check with you)',
  submit: 'Send the objection',
  confidential: 'Your details are kept confidential; retaliation is forbidden.',
  received: 'Your objection has been received',
  receivedNote: 'We check it during the publicity; if it is found true, the candidacy is cancelled.',
  back: 'Back to the publicity page',
  fix: 'Please check what you entered.',
  needNominee: 'Choose the candidate',
  needText: 'Write your objection (at least 5 characters)',
  notFound: 'No such award publicity.',
  period: (p: string) => p,
  honourRoll: 'Honour roll',
  publicity: 'Award publicity',
  publicityOpen: (name: string, period: string) => `${name} (${period}): candidates`,
  winners: (n: number) => `${n}`,
};

export type AwardTexts = typeof zh;
export const awardTexts = (lang: Lang): AwardTexts => (lang === 'en' ? en : zh);

export interface ObjectionForm {
  nominationId?: string;
  text?: string;
  contact?: string;
}

export type ObjectionErrors = Partial<Record<keyof ObjectionForm, string>>;

/** The address of a round's 公示 page. */
export const publicityPath = (roundId: string) => `/public/awards/${encodeURIComponent(roundId)}`;

/** 评选公示: the candidates, and while the publicity runs, the objection form. */
export function renderPublicity(r: PublicRound, lang: Lang, url: string, values: ObjectionForm = {}, error = '', errors: ObjectionErrors = {}): string {
  const t = awardTexts(lang);
  const name = r.awardName[lang];
  const open = r.objectionsOpen;
  const invalid = (f: keyof ObjectionForm) => (errors[f] ? ` aria-invalid="true" aria-describedby="e-${f}"` : '');
  const fieldError = (f: keyof ObjectionForm) => (errors[f] ? `<p class="err" id="e-${f}">${esc(errors[f])}</p>` : '');
  const list = r.candidates.length
    ? `<ol>${r.candidates.map((c) => `<li data-candidate="${esc(c.id)}"><b>${esc(c.name)}</b>${c.unitName ? ` · ${esc(c.unitName)}` : ''}${c.reason ? `<br><span class="muted">${esc(c.reason)}</span>` : ''}</li>`).join('')}</ol>`
    : `<p class="muted">${t.none}</p>`;
  const options = r.candidates.map((c) => `<option value="${esc(c.id)}"${values.nominationId === c.id ? ' selected' : ''}>${esc(c.name)}${c.unitName ? `（${esc(c.unitName)}）` : ''}</option>`).join('');
  const form = open
    ? `<form method="post" action="${esc(`${publicityPath(r.id)}/objection?lang=${lang}`)}" class="box"><h2 style="font-size:1.1rem;margin:.2rem 0">${t.objectTitle}</h2><p class="muted">${t.objectIntro}</p>
<label for="nominationId">${t.nominee}</label><select id="nominationId" name="nominationId" required${invalid('nominationId')}><option value="">${t.choose}</option>${options}</select>${fieldError('nominationId')}
<label for="text">${t.text}</label><textarea id="text" name="text" required minlength="5" maxlength="2000"${invalid('text')}>${esc(values.text)}</textarea>${fieldError('text')}
<label for="contact">${t.contact}</label><input id="contact" name="contact" maxlength="100" autocomplete="tel" value="${esc(values.contact)}"${invalid('contact')}>${fieldError('contact')}
<button type="submit">${t.submit}</button><p class="muted">${t.confidential}</p></form>`
    : `<p class="box muted">${t.closed}</p>`;
  const ends = r.publicityEndsAt && open ? ` · ${esc(t.endsAt(r.publicityEndsAt.slice(0, 10)))}` : '';
  const body = `<h1>${esc(r.organisation.name)} · ${t.title}</h1><p class="muted">${esc(name)} · ${esc(t.period(r.period))}${ends}</p>${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}
<section class="box"><h2 style="font-size:1.1rem;margin:.2rem 0 .6rem">${t.candidates}</h2>${list}</section>${form}`;
  return page(lang, `${r.organisation.name} · ${name} · ${t.title}`, body, switchLang(url, lang));
}

/** After an objection: it is received and will be checked. */
export function renderObjectionReceived(r: Pick<PublicRound, 'id' | 'organisation'>, lang: Lang, url: string): string {
  const t = awardTexts(lang);
  const body = `<h1>${t.received}</h1><div class="box"><p>${t.receivedNote}</p></div><p><a href="${esc(`${publicityPath(r.id)}?lang=${lang}`)}">${t.back}</a></p>`;
  return page(lang, `${r.organisation.name} · ${t.received}`, body, switchLang(url, lang));
}

export function renderPublicityNotFound(lang: Lang): string {
  return page(lang, '404', `<p>${awardTexts(lang).notFound}</p>`, '/');
}

/**
 * The board's 评选 sections: rounds in their publicity (a link to each 公示 page) and the 光荣榜,
 * the winners of the announced rounds, newest first. Empty when there is neither.
 */
export function renderBoardAwards(publicity: Pick<PublicRound, 'id' | 'awardName' | 'period'>[], honourRoll: HonourRollEntry[], lang: Lang): string {
  const t = awardTexts(lang);
  const h2 = (title: string) => `<h2 style="font-size:1.1rem;margin:.2rem 0 .6rem">${esc(title)}</h2>`;
  const q = `?lang=${lang}`;
  const open = publicity.length
    ? `<section class="box">${h2(t.publicity)}<ul>${publicity.map((r) => `<li><a href="${esc(publicityPath(r.id) + q)}">${esc(t.publicityOpen(r.awardName[lang], r.period))}</a></li>`).join('')}</ul></section>`
    : '';
  const roll = honourRoll.length
    ? `<section class="box" id="honour-roll">${h2(t.honourRoll)}${honourRoll
        .map(
          (e) =>
            `<p><b>${esc(e.awardName[lang])}</b> <span class="muted">${esc(t.period(e.period))}</span><br>${e.winners.map((w) => `${esc(w.name)}${w.unitName ? `<span class="muted">（${esc(w.unitName)}）</span>` : ''}`).join(lang === 'zh' ? '、' : ', ')}</p>`,
        )
        .join('')}</section>`
    : '';
  return open + roll;
}
