/**
 * 工资奖罚表: the payroll month as one row per person (a unit fined or rewarded as a unit gets a
 * row of its own), with the net in 元 and the lines behind it, streamed page by page: a month of
 * 5,000 people holds one page of 500 people and their lines in memory (npm run bench -- payroll).
 */
import type { AppContext } from '../../shared/context.js';
import { orgManagers, requireRole, type Actor } from '../../shared/access.js';
import { downloadName } from '../../shared/download.js';
import { appendAudit } from '../audit/service.js';
import { readLatestStars } from '../appraisals/index.js';
import { monthPeriod, shiftMonth } from '../../shared/months.js';
import { streamWorkbook } from '../exports/index.js';
import { yuan, yuanNumber } from '../../shared/money.js';
import * as repo from './repository.js';

type Lang = 'zh' | 'en';
const PAGE = 500;

const columns = [
  { zh: '工号', en: 'Badge no.', width: 12 },
  { zh: '姓名', en: 'Name', width: 12 },
  { zh: '单位', en: 'Unit', width: 20 },
  { zh: '罚款（元）', en: 'Fines (CNY)', width: 12 },
  { zh: '奖励（元）', en: 'Rewards (CNY)', width: 12 },
  { zh: '合计（元）', en: 'Net (CNY)', width: 12 },
  { zh: '明细', en: 'Items', width: 80 },
  // 星薪挂钩 (000:L115): the star and pay coefficient of the person's latest approved appraisal sheet (see `appraised`).
  { zh: '星级', en: 'Stars', width: 8 },
  { zh: '绩效系数', en: 'Pay coefficient', width: 12 },
] as const;

/** One line of the items column: "规则 <words>（<code>） 金额 -100.00". */
function itemText(l: repo.PayrollLine, lang: Lang): string {
  const correction = l.line_kind === 'correction' ? (lang === 'en' ? '[correction] ' : '【冲正】') : '';
  return lang === 'en'
    ? `${correction}Rule ${l.summary} (${l.rule_code}) amount ${yuan(Number(l.amount_fen))}`
    : `${correction}规则 ${l.summary}（${l.rule_code}） 金额 ${yuan(Number(l.amount_fen))}`;
}

export interface PayrollExport {
  filename: string;
  stream: NodeJS.ReadableStream;
}

/** The month's payroll workbook (office and administrators); audited like every export. */
export async function exportPayroll(ctx: AppContext, actor: Actor, month: string, lang: Lang, onError: (e: unknown) => void): Promise<PayrollExport> {
  requireRole(actor, orgManagers);
  const status = (await repo.findPayrollMonth(ctx.db.kysely, actor.orgId, month))?.status ?? 'open';
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: 'export:payroll', entityId: actor.orgId, after: { month, status, lang } }));
  const db = ctx.db.kysely;
  const orgId = actor.orgId;
  const sep = lang === 'en' ? '; ' : '；';
  // 星薪挂钩 (000:L115), a decision: the payroll month carries the month before (its final sanctions,
  // RULES §5), so it also carries the stars of the appraisal periods that ended in that month.
  const appraised = monthPeriod(shiftMonth(month, -1), 0);
  async function* pages() {
    const total = { fines: 0, rewards: 0, people: 0 };
    let after: { badge: string; id: string } | null = null;
    for (;;) {
      const people = await repo.findStaffPayeePage(db, orgId, month, after, PAGE, appraised);
      if (people.length === 0) break;
      const ids = people.map((p) => p.staff_id);
      const [lines, units, stars] = await Promise.all([repo.findLinesOfPayees(db, orgId, month, ids, []), repo.findPrimaryUnitNames(db, ids), readLatestStars(db, { orgId, staffIds: ids, notAfter: appraised.to })]);
      const byStaff = new Map<string, repo.PayrollLine[]>();
      for (const l of lines) {
        const own = byStaff.get(l.staff_id as string);
        if (own) own.push(l);
        else byStaff.set(l.staff_id as string, [l]);
      }
      yield people.map((p) => {
        const own = byStaff.get(p.staff_id) ?? [];
        const fines = own.reduce((a, l) => a + Math.min(0, Number(l.amount_fen)), 0);
        const rewards = own.reduce((a, l) => a + Math.max(0, Number(l.amount_fen)), 0);
        total.fines += fines;
        total.rewards += rewards;
        total.people++;
        const items = own.map((l) => itemText(l, lang)).join(sep);
        const star = stars.get(p.staff_id);
        return [p.badge_no, p.name, units.get(p.staff_id) ?? '', yuanNumber(fines), yuanNumber(rewards), yuanNumber(fines + rewards), items, star?.stars ?? '', star ? Number(star.payCoefficient) : ''];
      });
      const last = people[people.length - 1];
      after = { badge: last.badge_no, id: last.staff_id };
    }
    const units = await repo.findUnitPayees(db, orgId, month);
    if (units.length > 0) {
      const lines = await repo.findLinesOfPayees(db, orgId, month, [], units.map((u) => u.unit_id as string));
      yield units.map((u) => {
        const fines = Number(u.fines);
        const rewards = Number(u.rewards);
        total.fines += fines;
        total.rewards += rewards;
        total.people++;
        const items = lines.filter((l) => l.unit_id === u.unit_id).map((l) => itemText(l, lang)).join(sep);
        return ['', lang === 'en' ? '(unit)' : '（单位）', u.name, yuanNumber(fines), yuanNumber(rewards), yuanNumber(fines + rewards), items, '', ''];
      });
    }
    yield [['', lang === 'en' ? 'Total' : '合计', lang === 'en' ? `${total.people} payees` : `${total.people} 人（单位）`, yuanNumber(total.fines), yuanNumber(total.rewards), yuanNumber(total.fines + total.rewards), '', '', '']];
  }
  return {
    filename: downloadName('工资奖罚', month, 'xlsx'),
    stream: streamWorkbook({ name: lang === 'en' ? `Payroll ${month}` : `工资奖罚${month}`, columns: columns.map((c) => ({ header: c[lang], width: c.width })), pages }, onError),
  };
}
