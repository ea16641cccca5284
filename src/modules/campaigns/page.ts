/** The public campaign page: plain HTML, a Gantt-style bar per phase, tasks and units' progress. */
import { esc, page, switchLang, type Lang } from '../public/index.js';
import { daysBetween } from '../../engines/campaigns/index.js';
import type { PublicCampaign } from './public.js';

const texts = {
  zh: {
    group: '领导小组',
    office: '活动办公室',
    phases: '活动阶段',
    tasks: '工作任务',
    units: '各单位进展',
    due: '截止',
    done: '按时完成',
    late: '逾期完成',
    missing: '未报送',
    pending: '未到期',
    acceptance: '验收',
    pass: '通过',
    fail: '未通过',
    none: '—',
    today: '今日',
    status: { draft: '草拟', active: '进行中', closed: '已结束' } as Record<string, string>,
  },
  en: {
    group: 'Leading group',
    office: 'Campaign office',
    phases: 'Phases',
    tasks: 'Tasks',
    units: 'Progress by unit',
    due: 'due',
    done: 'On time',
    late: 'Late',
    missing: 'Missing',
    pending: 'Not yet due',
    acceptance: 'Acceptance',
    pass: 'passed',
    fail: 'failed',
    none: '—',
    today: 'today',
    status: { draft: 'Draft', active: 'Running', closed: 'Closed' } as Record<string, string>,
  },
};

function timeline(c: PublicCampaign, lang: Lang): string {
  const total = daysBetween(c.startsOn, c.endsOn) + 1;
  const pct = (d: string) => ((daysBetween(c.startsOn, d) / total) * 100).toFixed(2);
  const width = (from: string, to: string) => (((daysBetween(from, to) + 1) / total) * 100).toFixed(2);
  const bars = c.phases
    .map(
      (p) =>
        `<div style="margin:.3rem 0"><div style="font-size:.85rem">${esc(p.label[lang])} <span class="muted">${esc(p.from)} – ${esc(p.to)}</span></div>` +
        `<div style="position:relative;height:.9rem;background:#eef0f3;border-radius:3px"><div data-phase="${esc(p.code)}" style="position:absolute;left:${pct(p.from)}%;width:${width(p.from, p.to)}%;height:100%;border-radius:3px;background:${p.active ? '#1a7f37' : '#4b79c6'}"></div></div></div>`,
    )
    .join('');
  return `<section>${bars}</section>`;
}

export function renderCampaign(c: PublicCampaign, lang: Lang, url: string): string {
  const t = texts[lang];
  const counts = (x: { done: number; late: number; missing: number; pending: number }) =>
    `<span style="color:#1a7f37">${t.done} ${x.done}</span> · <span style="color:#b35900">${t.late} ${x.late}</span> · <span class="err">${t.missing} ${x.missing}</span> · <span class="muted">${t.pending} ${x.pending}</span>`;
  const body = [
    `<h1 style="font-size:1.3rem">${esc(c.title)}</h1>`,
    `<p class="muted">${esc(c.organisation.name)} · ${esc(t.status[c.status] ?? c.status)} · ${esc(c.startsOn)} – ${esc(c.endsOn)}<br>${t.group}：${esc(c.leadingGroup)} · ${t.office}：${esc(c.office)}</p>`,
    `<h2 style="font-size:1.1rem">${t.phases}</h2>`,
    timeline(c, lang),
    `<h2 style="font-size:1.1rem">${t.tasks}</h2>`,
    `<ol>${c.tasks.map((x) => `<li>${esc(x.label[lang])} <span class="muted">（${t.due} ${esc(x.dueOn)}）</span><br>${counts(x.counts)}</li>`).join('')}</ol>`,
    `<h2 style="font-size:1.1rem">${t.units}</h2>`,
    `<ul>${c.units.map((u) => `<li><b>${esc(u.name)}</b>：${counts(u.counts)} · ${t.acceptance}：${u.acceptance ? t[u.acceptance] : t.none}</li>`).join('')}</ul>`,
  ].join('');
  return page(lang, c.title, body, switchLang(url, lang));
}
