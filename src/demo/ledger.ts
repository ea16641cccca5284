/**
 * A few ledger lines for each demo organisation (issue 15 item 7), posted through the ledger
 * service as the sanctions module posts final sanctions: last month's and the month before's, so
 * the payroll screen, a statement and both bulletins show something from the first login. Each
 * line has a fixed sanction id: running it again posts nothing twice.
 */
import type { AppContext } from '../shared/context.js';
import { systemActor } from '../shared/access.js';
import { localMonth, monthPeriod, shiftMonth } from '../shared/months.js';
import { findOrganisationByCode } from '../modules/organisations/service.js';
import { findStaffByBadge } from '../modules/staff/service.js';
import { findUnitByCode } from '../modules/units/service.js';
import { postLedgerEntry } from '../modules/ledger/service.js';

interface DemoLine {
  badge?: string;
  unit?: string;
  /** Months before the current one in which it became final, and the day of that month. */
  monthsAgo: number;
  day: number;
  direction: 'fine' | 'reward';
  amountFen: number;
  outcomes: string[];
  ruleCode: string;
  citation: string;
  summary: string;
}

const plans: Record<string, DemoLine[]> = {
  'demo-hospital': [
    { badge: 'H1003', monthsAgo: 1, day: 8, direction: 'fine', amountFen: 20_000, outcomes: ['notice_criticism'], ruleCode: 'feixian.phone_greeting', citation: '004:L176–178', summary: '接听电话未使用单位规范用语' },
    { badge: 'H1004', monthsAgo: 1, day: 15, direction: 'reward', amountFen: 50_000, outcomes: ['notice_praise'], ruleCode: 'psbc.reward_no_orders', citation: '003:L448', summary: '连续三个月无有效投诉，患者书面表扬' },
    { unit: 'H-OPD-PHA', monthsAgo: 1, day: 20, direction: 'fine', amountFen: 10_000, outcomes: [], ruleCode: 'feixian.premises', citation: '004:L176', summary: '药房窗口台面杂乱、下班未关电脑' },
    { badge: 'H1009', monthsAgo: 2, day: 11, direction: 'fine', amountFen: 30_000, outcomes: ['training'], ruleCode: 'feixian.valid_complaint', citation: '004:L178', summary: '有效服务投诉：输液等候时态度生硬' },
  ],
  'demo-hall': [
    { badge: 'G2003', monthsAgo: 1, day: 9, direction: 'fine', amountFen: 30_000, outcomes: ['notice_criticism'], ruleCode: 'hall.first_question', citation: '004:L188', summary: '未落实首问负责制并引起投诉' },
    { badge: 'G2006', monthsAgo: 1, day: 18, direction: 'reward', amountFen: 50_000, outcomes: ['notice_praise'], ruleCode: 'psbc.reward_no_orders', citation: '003:L448', summary: '帮办代办获群众锦旗' },
  ],
};

export async function seedDemoLedger(ctx: AppContext, orgCode: string, now: number, utcOffsetMinutes: number): Promise<number> {
  const lines = plans[orgCode];
  const org = lines ? await findOrganisationByCode(ctx, orgCode) : null;
  if (!lines || !org) return 0;
  const actor = systemActor(org.id, 'demo-seed');
  const thisMonth = localMonth(now, utcOffsetMinutes);
  let posted = 0;
  for (const [n, line] of lines.entries()) {
    const staff = line.badge ? await findStaffByBadge(ctx, org.id, line.badge) : undefined;
    const unit = line.unit ? await findUnitByCode(ctx, org.id, line.unit) : undefined;
    if (!staff && !unit) continue;
    const month = monthPeriod(shiftMonth(thisMonth, -line.monthsAgo), utcOffsetMinutes);
    const finalAt = month.start + (line.day - 1) * 86_400_000 + 10 * 3_600_000;
    await ctx.db.kysely.transaction().execute((trx) =>
      postLedgerEntry(ctx, trx, actor, {
        orgId: org.id,
        sanctionId: `demo-${orgCode}-ledger-${n + 1}`,
        staffId: staff?.id ?? null,
        unitId: unit?.id ?? null,
        direction: line.direction,
        amountFen: line.amountFen,
        outcomes: line.outcomes,
        ruleCode: line.ruleCode,
        citation: line.citation,
        summary: line.summary,
        finalAt,
      }),
    );
    posted++;
  }
  return posted;
}
