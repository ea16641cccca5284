/**
 * The ranking as files: an xlsx (one row per unit: rank, unit, total, each block and indicator,
 * eligibility, target) and a Chinese PDF bulletin (竞赛通报) with the ranking table, the units
 * below their target line, those not eligible for honours, and each unit's breakdown.
 */
import type { AppContext } from '../../shared/context.js';
import { managers, requireRole, type Actor } from '../../shared/access.js';
import { downloadName } from '../../shared/download.js';
import { localDate } from '../../shared/months.js';
import { businessHoursOf } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { streamWorkbook } from '../exports/index.js';
import { getOwnOrganisation } from '../organisations/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { renderReport, type Block } from '../reports/index.js';
import { getCompetitionScores } from './service.js';

type Lang = 'zh' | 'en';
type Scores = Awaited<ReturnType<typeof getCompetitionScores>>;

const yesNo = (b: boolean, lang: Lang) => (lang === 'en' ? (b ? 'yes' : 'no') : b ? '是' : '否');

/** The ranking workbook (streamed; audited like every export). */
export async function exportRanking(ctx: AppContext, actor: Actor, id: string, lang: Lang, onError: (e: unknown) => void) {
  const s = await getCompetitionScores(ctx, actor, id);
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: 'export:competition', entityId: id, after: { lang, units: s.units.length } }));
  const indicators = s.units[0]?.indicators ?? [];
  const cols = [
    { header: lang === 'en' ? 'Rank' : '名次', width: 8 },
    { header: lang === 'en' ? 'Unit code' : '单位编码', width: 12 },
    { header: lang === 'en' ? 'Unit' : '单位', width: 20 },
    { header: lang === 'en' ? 'Total' : '总分', width: 10 },
    ...s.preset.blocks.map((b) => ({ header: `${b.label[lang]} (${b.weight})`, width: 14 })),
    ...indicators.map((i) => ({ header: `${i.label[lang]} (${i.weight})`, width: 16 })),
    { header: lang === 'en' ? 'Eligible for honours' : '评先资格', width: 12 },
    { header: lang === 'en' ? 'Complete' : '数据齐全', width: 10 },
    { header: lang === 'en' ? 'Target' : '目标', width: 14 },
    { header: lang === 'en' ? 'Target met' : '达标', width: 8 },
    { header: lang === 'en' ? 'Formulas' : '计分说明', width: 100 },
  ];
  async function* pages() {
    yield s.units.map((u) => [
      u.rank,
      u.unitCode,
      u.unitName,
      Number(u.total),
      ...u.blocks.map((b) => Number(b.score)),
      ...u.indicators.map((i) => Number(i.score)),
      yesNo(u.eligible, lang),
      yesNo(u.complete, lang),
      u.target ? `${u.target.label[lang]} ≥ ${u.target.atLeast}` : '',
      u.target ? yesNo(u.target.met === true, lang) : '',
      u.indicators.map((i) => `${i.label[lang]}: ${i.formula[lang]}`).join(lang === 'en' ? '; ' : '；'),
    ]);
  }
  return {
    filename: downloadName(lang === 'en' ? 'competition-ranking' : '竞赛排名', s.competition.period, 'xlsx'),
    stream: streamWorkbook({ name: lang === 'en' ? 'Ranking' : '竞赛排名', columns: cols, pages }, onError),
  };
}

const dateZh = (date: string) => `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

function bulletinBlocks(orgName: string, s: Scores, today: string): Block[] {
  const blocks: Block[] = [
    { kind: 'title', text: orgName, size: 18 },
    { kind: 'title', text: `关于${s.competition.title}结果的通报`, size: 15 },
    { kind: 'gap', height: 6 },
    {
      kind: 'paragraph',
      text: `根据《${s.preset.label.zh}》，现将${s.competition.period}期间 ${s.units.length} 家单位的考核结果通报如下。各项指标按方案计分，单项指标得分不低于 0 分、不超过封顶分；得分保留两位小数，名次按精确得分排列，得分相同者名次并列。`,
    },
    { kind: 'heading', text: '一、综合排名' },
  ];
  const header = ['名次', '单位', '总分', ...s.preset.blocks.map((b) => `${b.label.zh}`), '评先资格'];
  const widths = [1, 3, 1.4, ...s.preset.blocks.map(() => 1.6), 1.4];
  blocks.push({ kind: 'row', cells: header, widths, header: true });
  for (const u of s.units) blocks.push({ kind: 'row', cells: [String(u.rank), u.unitName, u.total, ...u.blocks.map((b) => b.score), u.eligible ? '有' : '取消'], widths, repeat: header });
  blocks.push({ kind: 'heading', text: '二、目标完成情况' });
  if (s.preset.targets.length === 0) blocks.push({ kind: 'paragraph', text: '本方案未设得分目标。' });
  else {
    blocks.push({ kind: 'paragraph', text: `目标：${s.preset.targets.map((t) => `${t.label.zh}得分达到 ${t.atLeast} 分以上`).join('，')}。` });
    const missed = s.units.filter((u) => u.target && u.target.met === false);
    blocks.push({ kind: 'paragraph', text: missed.length === 0 ? '已设定目标的单位均达到目标。' : `未达到目标的单位：${missed.map((u) => `${u.unitName}（${u.total} 分，目标 ${u.target!.atLeast} 分）`).join('；')}。` });
  }
  const ineligible = s.units.filter((u) => !u.eligible);
  blocks.push({ kind: 'heading', text: '三、评先资格' });
  blocks.push({ kind: 'paragraph', text: ineligible.length === 0 ? '各单位均未因重大有责投诉或负面报道取消评先资格。' : ineligible.map((u) => `${u.unitName}：${u.ineligibleReason?.zh ?? ''}。`).join('') });
  blocks.push({ kind: 'heading', text: '四、各单位得分明细' });
  for (const u of s.units) {
    blocks.push({ kind: 'text', text: `${u.rank}. ${u.unitName}　总分 ${u.total}${u.complete ? '' : '（数据不全）'}`, size: 11 });
    for (const i of u.indicators) blocks.push({ kind: 'text', text: `${i.label.zh}：${i.score} 分。${i.formula.zh}`, size: 9, indent: 12 });
  }
  blocks.push({ kind: 'gap', height: 16 }, { kind: 'text', text: `${orgName}　　${dateZh(today)}`, size: 10.5 });
  blocks.push({ kind: 'signature', fields: ['编制：__________', '审核：__________', '签发：__________'], seal: '（盖章）' });
  return blocks;
}

/** 竞赛通报: the ranking as a printed Chinese bulletin (managers; audited). */
export async function rankingBulletin(ctx: AppContext, actor: Actor, id: string) {
  requireRole(actor, managers);
  const s = await getCompetitionScores(ctx, actor, id);
  const org = await getOwnOrganisation(ctx, actor);
  const offset = businessHoursOf(await policyForOrganisation(ctx, actor.orgId)).utcOffsetMinutes;
  const today = localDate(ctx.clock.now(), offset);
  const pdf = await renderReport({ header: { left: org.name, right: `竞赛通报（${s.competition.period}）` }, blocks: bulletinBlocks(org.name, s, today) });
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: 'bulletin:competition', entityId: id, after: { units: s.units.length } }));
  return { filename: downloadName('竞赛通报', s.competition.period, 'pdf'), pdf };
}
