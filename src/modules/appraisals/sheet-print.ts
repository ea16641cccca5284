/**
 * 个人考核表 as a PDF for whoever may read the sheet (getSheet's own access rule: the person, the
 * head of their unit, the office), printed for the paper file with the signatures; audited.
 */
import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { downloadName } from '../../shared/download.js';
import { appendAudit } from '../audit/service.js';
import { loadOrganisation } from '../organisations/service.js';
import { getSheet, todayOf } from './service.js';
import { renderSheetPdf, type SheetPrint } from './sheet-pdf.js';

type Sheet = Awaited<ReturnType<typeof getSheet>>;

const stateZh: Record<string, string> = { filled: '待评分', scored: '待本人确认', confirmed: '本人已确认', objected: '本人有异议', approved: '已审核' };
const groupZh: Record<string, string> = { de: '德', neng: '能', qin: '勤', ji: '绩' };
/** The template's post (岗位) in words; an organisation's own post code prints as it is. */
const postZh: Record<string, string> = { window_staff: '窗口服务', nurse: '护理', doctor: '医生', teller: '柜员', technician: '技术' };

/** The sheet as the printed page words it (Chinese: the paper file is Chinese). */
export function sheetPrintOf(s: Sheet, organisation: string, post: string | null, printedOn: string): SheetPrint {
  const reopenNotes = s.notes.filter((n) => n.kind === 'reopen' || n.kind === 'fact').map((n) => `${n.at?.slice(0, 10) ?? ''} ${n.text}`.trim());
  return {
    organisation,
    period: s.period.label,
    periodFrom: s.periodRange.from,
    periodTo: s.periodRange.to,
    templateLabel: s.template.label.zh,
    staffName: s.staff.name,
    badgeNo: s.staff.badgeNo,
    unitName: s.staff.unitName,
    post: post ? (postZh[post] ?? post) : null,
    state: stateZh[s.state] ?? s.state,
    items: s.items.map((i) => ({ group: groupZh[i.group] ?? i.group, label: i.label.zh, inWords: i.inWords.zh, value: i.value, points: i.points, max: i.max })),
    total: s.total,
    star: s.star ? s.star.label.zh : null,
    vetoed: s.vetoed,
    feedback: s.feedback,
    objection: s.objection,
    notes: reopenNotes,
    printedOn,
  };
}

export async function sheetPdf(ctx: AppContext, actor: Actor, id: string) {
  const s = await getSheet(ctx, actor, id);
  const [org, today] = await Promise.all([loadOrganisation(ctx, actor.orgId), todayOf(ctx, actor.orgId)]);
  const post = (s.template as { post?: string }).post ?? null;
  const pdf = await renderSheetPdf(sheetPrintOf(s, org.name, post, today));
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: 'appraisal_sheet', entityId: id, after: { format: 'pdf', period: s.period.label } }));
  return { filename: downloadName(`个人考核表_${s.staff.name}`, s.period.label, 'pdf'), pdf };
}
