import { esc, page, switchLang, type Lang } from '../public/index.js';
import { thresholdWords } from '../../policy/index.js';
import type { Measurement } from '../commitments/index.js';
import { boardItemLimit, type Board } from './service.js';
import { boardTexts, type BoardTexts } from './text.js';
import { renderBoardAwards } from '../awards/index.js';

const h2 = (title: string) => `<h2 style="font-size:1.1rem;margin:.2rem 0 .6rem">${esc(title)}</h2>`;
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);
const tel = (phone: string) => `<a href="tel:${esc(phone.replace(/[^0-9+]/g, ''))}">${esc(phone)}</a>`;

function figure(m: Omit<Measurement, 'source'>, t: BoardTexts, lang: Lang): string {
  const unit = m.kind === 'rate' ? '%' : t.cases;
  const value = m.value === null ? '—' : m.kind === 'rate' ? pct(m.value) : `${m.value}${t.cases}`;
  const verdict = m.met === null ? `<span class="muted">${t.noData}</span>` : m.met ? `<b style="color:#1a7f37">✓ ${t.met}</b>` : `<b class="err">✗ ${t.notMet}</b>`;
  const [colon, open, close] = lang === 'zh' ? ['：', '（', '）'] : [': ', ' (', ') '];
  return `<br>${esc(m.label[lang])} · ${esc(t.measuredIn(m.month))}${colon}<b>${esc(value)}</b>${open}${t.target}${colon}${thresholdWords[m.op][lang]} ${esc(String(m.target))}${unit}${close}${verdict}`;
}

function commitments(b: Board, t: BoardTexts, lang: Lang): string {
  if (!b.commitments.length) return `<p class="muted">${t.noCommitments}</p>`;
  return `<ol>${b.commitments
    .map(
      (c) =>
        `<li><b>${esc(c.text[lang])}</b><br>${esc(c.promise[lang])}<br><span class="muted">${t.unit}：${esc(c.unit ?? b.organisation.name)} · ${t.supervisionPhone}：${tel(c.supervisionPhone)}</span>${c.measured ? figure(c.measured, t, lang) : ''}</li>`,
    )
    .join('')}</ol>`;
}

function statistics(b: Board, t: BoardTexts): string {
  const td = (v: string | number) => `<td style="text-align:right">${esc(v)}</td>`;
  const rows = b.statistics
    .map((s) => `<tr><td>${esc(t.monthLabel(s.month))}</td>${td(s.complaints.received)}${td(s.complaints.replyDue)}${td(pct(s.complaints.onTimeRate))}${td(s.ratings.ratings)}${td(pct(s.ratings.satisfactionRate))}</tr>`)
    .join('');
  return `<table style="width:100%;border-collapse:collapse;font-size:.85rem"><tr><th style="text-align:left">${t.month}</th><th>${t.received}</th><th>${t.replyDue}</th><th>${t.onTime}</th><th>${t.ratings}</th><th>${t.satisfaction}</th></tr>${rows}</table>`;
}

type PublicItem = Board['serviceItems'][number];

/** One item of the service guide (002:L69): limits, body, basis, conditions, procedure, materials, fees, complaint channels. */
function serviceItem(i: PublicItem, t: BoardTexts): string {
  const p = (label: string, value: string) => (value ? `<p><b>${label}</b>：${esc(value)}</p>` : '');
  return `<details><summary><b>${esc(i.name)}</b> · ${esc(t.committedLimit(i.committedLimitDays))}（${esc(t.statutoryLimit(i.statutoryLimitDays))}）</summary>
${p(t.responsibleBody, i.responsibleBody)}${p(t.legalBasis, i.legalBasis)}${p(t.conditions, i.conditions)}${p(t.procedure, i.procedure)}<p><b>${t.materials}</b>：</p><ol>${i.materials.map((m) => `<li>${esc(m.name)}（${m.required ? t.required : t.optional}）</li>`).join('')}</ol>${p(t.fees, i.fees)}${p(t.feeBasis, i.feeBasis)}${p(t.itemChannels, i.complaintChannels.join('；'))}</details>`;
}

function serviceItems(b: Board, t: BoardTexts, q: string): string {
  if (!b.serviceItems.length) return `<p class="muted">${t.noItems}</p>`;
  const shown = b.serviceItems.slice(0, boardItemLimit);
  const more = b.serviceItems.length > shown.length ? `<p class="muted">${esc(t.moreItems(shown.length, b.serviceItems.length))}</p>` : '';
  return `${shown.map((i) => serviceItem(i, t)).join('')}${more}<p><a href="${esc(`${b.links.serviceGuide}${q}`)}">${t.allItems}</a></p>`;
}

/** 办事指南 on its own page: every active item, searchable, a page at a time. */
export function renderServiceGuide(g: { organisation: { code: string; name: string }; items: PublicItem[]; total: number; page: number; pageSize: number; q: string }, lang: Lang, url: string): string {
  const t = boardTexts(lang);
  const base = `/public/${encodeURIComponent(g.organisation.code)}`;
  const href = (page: number) => `${base}/services?lang=${lang}${g.q ? `&q=${encodeURIComponent(g.q)}` : ''}&page=${page}`;
  const pages = Math.max(1, Math.ceil(g.total / g.pageSize));
  const nav = [g.page > 1 ? `<a href="${esc(href(g.page - 1))}">${t.prev}</a>` : '', `${g.page} / ${pages}`, g.page < pages ? `<a href="${esc(href(g.page + 1))}">${t.next}</a>` : ''].filter(Boolean).join(' · ');
  const body = `<h1>${esc(g.organisation.name)} · ${t.guideTitle}</h1>
<form method="get" action="${esc(`${base}/services`)}" class="box" role="search"><input type="hidden" name="lang" value="${lang}"><label for="q">${t.search}</label><input id="q" name="q" maxlength="100" value="${esc(g.q)}"><button type="submit">${t.searchButton}</button></form>
<section class="box"><p class="muted">${esc(t.found(g.total))}</p>${g.items.length ? g.items.map((i) => serviceItem(i, t)).join('') : `<p>${t.noMatch}</p>`}<p>${nav}</p></section>
<p><a href="${esc(`${base}?lang=${lang}`)}">${t.back}</a></p>`;
  return page(lang, `${g.organisation.name} · ${t.guideTitle}`, body, switchLang(url, lang));
}

function ratingLinks(b: Board, q: string): string {
  if (!b.rating.windows.length) return '';
  return `<ul>${b.rating.windows.map((w) => `<li><a href="${esc(w.url + q)}">${esc(w.unitName)}</a></li>`).join('')}</ul>`;
}

/** The public board as one small HTML page: no script, phone-first, Chinese with an English switch. */
/** Published campaigns, each linking to its page (plan, timeline, progress per unit). */
function campaigns(b: Board, t: BoardTexts, q: string): string {
  if (!b.campaigns.length) return '';
  return `<section class="box">${h2(t.campaigns)}<ul>${b.campaigns.map((c) => `<li><a href="${esc(c.link + q)}">${esc(c.title)}</a> <span class="muted">${esc(c.startsOn)} – ${esc(c.endsOn)}</span></li>`).join('')}</ul></section>`;
}

export function renderBoard(b: Board, lang: Lang, url: string): string {
  const t = boardTexts(lang);
  const q = `?lang=${lang}`;
  const phones = b.supervisionPhones.length ? `<p>${t.supervisionPhone}：${b.supervisionPhones.map(tel).join('、')}</p>` : '';
  const channels = b.complaintChannels.length ? `<p>${t.channels}：</p><ul>${b.complaintChannels.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>` : '';
  const body = `<h1>${esc(b.organisation.name)}</h1><p class="muted">${t.subtitle} · ${t.generated} ${esc(b.generatedOn)}</p>
<section class="box">${h2(t.commitments)}${commitments(b, t, lang)}</section>
<section class="box">${h2(t.complaints)}<p><a href="${esc(b.links.complaintForm + q)}">${t.complain}</a></p><p><a href="${esc(b.links.complaintStatus + q)}">${t.checkStatus}</a></p>${phones}${channels}<p class="muted">${t.noRetaliation}</p></section>
<section class="box">${h2(t.rating)}<p>${esc(b.rating[lang])}</p>${ratingLinks(b, q)}</section>
${renderBoardAwards(b.awards.publicity, b.awards.honourRoll, lang)}
<section class="box">${h2(t.statistics(b.statistics.length))}${statistics(b, t)}</section>
<section class="box">${h2(t.serviceItems)}${serviceItems(b, t, q)}</section>${campaigns(b, t, q)}`;
  return page(lang, `${b.organisation.name} · ${t.subtitle}`, body, switchLang(url, lang));
}

export function renderNotFound(lang: Lang): string {
  return page(lang, '404', `<p>${boardTexts(lang).orgNotFound}</p>`, '/');
}
