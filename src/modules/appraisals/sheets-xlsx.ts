/**
 * 考核汇总表: a period's sheets as one workbook row per person — every item's points, the total,
 * the star, the pay coefficient (星薪挂钩, 000:L115) and the state — streamed a page at a time.
 * Who may export and which sheets they get are the period's and the sheet list's own rules
 * (getPeriod, listSheets): the office every sheet, a unit head their subtree's.
 */
import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { downloadName } from '../../shared/download.js';
import { parseJson } from '../../shared/json.js';
import { appendAudit } from '../audit/service.js';
import { streamWorkbook } from '../exports/index.js';
import type { FilledItem } from '../../engines/appraisal/index.js';
import { templateOf } from './fill.js';
import { getPeriod, listSheets } from './service.js';
import * as repo from './repository.js';

type Lang = 'zh' | 'en';
const PAGE = 500;

const stateWords: Record<string, { zh: string; en: string }> = {
  filled: { zh: '待评分', en: 'To score' },
  scored: { zh: '待本人确认', en: 'Awaiting the person' },
  confirmed: { zh: '本人已确认', en: 'Confirmed' },
  objected: { zh: '本人有异议', en: 'Objected' },
  approved: { zh: '已审核', en: 'Approved' },
};

/** A decimal as a spreadsheet number (exact text in, the cell shows the same digits); blank when unscored. */
const cell = (d: string | null | undefined) => (d === null || d === undefined || d === '' ? null : Number(d));

export async function exportPeriodSheets(ctx: AppContext, actor: Actor, periodId: string, lang: Lang, onError: (e: unknown) => void) {
  const period = await getPeriod(ctx, actor, periodId);
  const template = templateOf((await repo.findPeriodById(ctx.db.kysely, actor.orgId, periodId))!);
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: 'export:appraisal_period', entityId: periodId, after: { lang, sheets: period.summary.count } }));
  const en = lang === 'en';
  const columns = [
    { header: en ? 'Badge no.' : '工号', width: 10 },
    { header: en ? 'Name' : '姓名', width: 12 },
    { header: en ? 'Unit' : '科室', width: 18 },
    ...template.items.map((i) => ({ header: `${i.label[lang]} (${i.max})`, width: 12 })),
    { header: en ? 'Total' : '总分', width: 9 },
    { header: en ? 'Stars' : '星级', width: 10 },
    { header: en ? 'Pay coefficient' : '绩效系数', width: 10 },
    { header: en ? 'State' : '状态', width: 12 },
    { header: en ? 'Complete' : '评分完整', width: 9 },
    { header: en ? 'Veto' : '一票否决', width: 9 },
  ];
  async function* pages() {
    for (let page = 1; ; page++) {
      const { items } = await listSheets(ctx, actor, { periodId, page, pageSize: PAGE });
      if (items.length === 0) break;
      const rows: unknown[][] = [];
      const stored = new Map((await repo.findSheetItems(ctx.db.kysely, actor.orgId, items.map((s) => s.id))).map((r) => [r.id, r]));
      for (const s of items) {
        const full = stored.get(s.id);
        const points = new Map(parseJson<FilledItem[]>(full?.items ?? null, []).map((i) => [i.code, i.points]));
        rows.push([
          s.staff.badgeNo,
          s.staff.name,
          s.staff.unitName ?? '',
          ...template.items.map((i) => cell(points.get(i.code))),
          cell(s.total),
          s.star ? s.star.label[lang] : '',
          cell(s.star?.payCoefficient ?? full?.pay_coefficient),
          (stateWords[s.state] ?? { zh: s.state, en: s.state })[lang],
          s.complete ? (en ? 'yes' : '是') : en ? 'no' : '否',
          s.vetoed ? (en ? 'yes' : '是') : '',
        ]);
      }
      yield rows;
      if (items.length < PAGE) break;
    }
  }
  return {
    filename: downloadName(en ? `appraisals-${template.code}` : `个人考核_${template.label.zh}`, period.period.label, 'xlsx'),
    stream: streamWorkbook({ name: en ? 'Appraisals' : '个人考核', columns, pages }, onError),
  };
}
