/**
 * Demo sanctions (奖惩, issue 15 item 8): each demo organisation whose pack has sanction rules
 * shows sanctions in every state from the first login — proposed, reviewed (待审批), approved
 * (待决定), decided with the appeal window open for the demo staff login, appealed, final and
 * posted to the ledger, dismissed — all through the sanctions service, as the office, the
 * committee and the person would. Older steps run on a clock set back in time, so their appeal
 * windows have closed and the sweep makes them final as the background round would.
 *
 * The demo hospital's preset has rewards only (001:L195, L441); like the demo ledger's lines, it
 * adopts four fines of the 费县 catalogue (004:L176–178) as its own rules, through its policy
 * overrides, so its office can show fines too. The hall's one rule (首问责任制, 004:L188) charges
 * no money, only criticism, a warning and a record for appraisal: its sanctions show at 0 元, with
 * the appeal open for the demo staff login, and in no payroll.
 */
import type { AppContext } from '../shared/context.js';
import { systemActor, type Actor, type Role } from '../shared/access.js';
import { feixian } from '../policy/presets/sanctions/feixian.js';
import { findOrganisationByCode } from '../modules/organisations/service.js';
import { findStaffByBadge } from '../modules/staff/service.js';
import { findUnitByCode } from '../modules/units/service.js';
import { findUserByUsername } from '../modules/users/service.js';
import { getEffectivePolicy, updatePolicyOverrides } from '../modules/policy/service.js';
import { approveSanction, decideSanction, listSanctions, proposeSanction, reviewSanction } from '../modules/sanctions/service.js';
import { decideAppeal, fileAppeal } from '../modules/sanctions/appeals.js';
import { sweepSanctions } from '../modules/sanctions/sweep.js';

const DAY = 86_400_000;

/** How far a demo sanction travels: its last step, and an appeal's ruling. */
type Stage = 'proposed' | 'dismissed' | 'reviewed' | 'approved' | 'noticed' | 'appealed' | 'reduced' | 'window_closed';

interface DemoSanction {
  rule: string;
  facts: Record<string, number | boolean>;
  unit: string;
  staff?: string;
  staffs?: string[];
  note: string;
  stage: Stage;
  /** Days ago it was proposed (each later step a day after the one before). */
  daysAgo: number;
  appeal?: string;
  ruling?: { amountFen: number; reason: string };
  dismissal?: string;
}

interface Plan {
  logins: { office: string; committee: string; person: string };
  /** Rules the organisation adopts as its own before proposing. */
  adopt?: Record<string, Record<string, unknown>>;
  sanctions: DemoSanction[];
}

const hospitalFines = { phone_greeting: feixian.phone_greeting, left_on: feixian.left_on, loud_noise: feixian.loud_noise, valid_complaint: feixian.valid_complaint };

const plans: Record<string, Plan> = {
  'demo-hospital': {
    logins: { office: 'hosp-quality-office', committee: 'hosp-admin', person: 'hosp-staff' },
    adopt: { feixian: hospitalFines },
    sanctions: [
      { rule: 'feixian.left_on', facts: { items: 2 }, unit: 'H-OPD-REG', staff: 'H1004', note: '夜班巡查：收费窗口下班后电脑、空调未关。', stage: 'proposed', daysAgo: 1 },
      { rule: 'taixing.model_award', facts: {}, unit: 'H-OPD-INF', staff: 'H1006', note: '导医服务台患者满意度连续三个月第一，推荐为优质服务标兵。', stage: 'proposed', daysAgo: 2 },
      { rule: 'feixian.loud_noise', facts: { present: 2 }, unit: 'H-OPD-REG', staffs: ['H1003', 'H1004'], note: '午间在收费大厅大声喧哗，患者反映。', stage: 'reviewed', daysAgo: 3 },
      { rule: 'feixian.valid_complaint', facts: { amountFen: 40_000, serious: false }, unit: 'H-SUR-W1', staff: 'H1009', note: '患者投诉换药时态度生硬，经核实属有效投诉。', stage: 'approved', daysAgo: 4 },
      { rule: 'feixian.phone_greeting', facts: {}, unit: 'H-OPD-REG', staff: 'H1003', note: '电话抽查：接听咨询电话未自报单位。', stage: 'noticed', daysAgo: 3 },
      { rule: 'feixian.valid_complaint', facts: { amountFen: 30_000, serious: false }, unit: 'H-OPD-REG', staff: 'H1003', note: '患者投诉收费时解释不耐心。', stage: 'appealed', daysAgo: 5, appeal: '当时系统故障排队较长，已向患者道歉并解释，并非服务态度问题。' },
      { rule: 'feixian.left_on', facts: { items: 2 }, unit: 'H-OPD-REG', staff: 'H1003', note: '周末巡查：打印机、电灯未关。', stage: 'reduced', daysAgo: 30, appeal: '电灯为保洁人员下班后打开，非本人遗留。', ruling: { amountFen: 10_000, reason: '经调取监控，电灯确为保洁人员打开，减为一项。' } },
      { rule: 'taixing.model_award', facts: {}, unit: 'H-OPD-PHA', staff: 'H1005', note: '当选院优质服务标兵。', stage: 'window_closed', daysAgo: 35 },
      { rule: 'feixian.phone_greeting', facts: {}, unit: 'H-IM-W1', staff: 'H1008', note: '电话抽查：病区电话未自报单位。', stage: 'window_closed', daysAgo: 33 },
      { rule: 'feixian.left_on', facts: { items: 1 }, unit: 'H-SUR-W1', staff: 'H1009', note: '巡查记录：空调未关。', stage: 'dismissed', daysAgo: 6, dismissal: '复核：当晚病区有手术患者，空调按规定开启。' },
    ],
  },
  'demo-hall': {
    logins: { office: 'hall-quality-office', committee: 'hall-admin', person: 'hall-staff' },
    sanctions: [
      { rule: 'hall.first_responsibility', facts: {}, unit: 'G-A-01', staff: 'G2003', note: '群众咨询企业开办材料，首问人员未一次告知，群众往返两次。', stage: 'noticed', daysAgo: 3 },
      { rule: 'hall.first_responsibility', facts: {}, unit: 'G-A-02', staff: 'G2004', note: '首问人员以“不归本窗口管”为由推诿，未引导至对应窗口。', stage: 'window_closed', daysAgo: 30 },
      { rule: 'hall.first_responsibility', facts: { repeat: true }, unit: 'G-A-03', staff: 'G2005', note: '本季度第二次违反首问责任制，群众投诉至 12345。', stage: 'proposed', daysAgo: 1 },
    ],
  },
};

async function actorOf(ctx: AppContext, orgId: string, username: string): Promise<Actor | null> {
  const u = await findUserByUsername(ctx, username);
  if (!u || u.org_id !== orgId) return null;
  return { userId: u.id, orgId, role: u.role as Role, username: u.username, staffId: u.staff_id ?? null, unitId: u.unit_id ?? null, scopePath: null, via: 'cli' };
}

/** The same context on a clock set to `at` (for the steps taken weeks ago). */
const asOf = (ctx: AppContext, at: number): AppContext => ({ ...ctx, clock: { now: () => at } });

/** The demo hospital takes the fines it shows as rules of its own (its overrides, kept as they are otherwise). */
export async function adoptDemoSanctionRules(ctx: AppContext, orgCode: string): Promise<boolean> {
  const adopt = plans[orgCode]?.adopt;
  const org = adopt ? await findOrganisationByCode(ctx, orgCode) : null;
  if (!adopt || !org) return false;
  const actor = systemActor(org.id, 'demo-seed');
  const policy = await getEffectivePolicy(ctx, actor);
  const overrides = (policy.overrides ?? {}) as Record<string, unknown>;
  const rules = (overrides.sanctionRules ?? {}) as Record<string, unknown>;
  if (Object.keys(adopt).every((k) => k in rules)) return false;
  await updatePolicyOverrides(ctx, actor, { version: policy.version, overrides: { ...overrides, sanctionRules: { ...rules, ...adopt } } });
  return true;
}

/** Seeds the demo sanctions of one organisation, once (none if it has any); returns how many were proposed. */
export async function seedDemoSanctions(ctx: AppContext, orgCode: string, now: number): Promise<number> {
  const plan = plans[orgCode];
  const org = plan ? await findOrganisationByCode(ctx, orgCode) : null;
  if (!plan || !org) return 0;
  const [office, committee, person] = await Promise.all([actorOf(ctx, org.id, plan.logins.office), actorOf(ctx, org.id, plan.logins.committee), actorOf(ctx, org.id, plan.logins.person)]);
  if (!office || !committee || !person) return 0;
  if ((await listSanctions(ctx, committee, { view: 'all', page: 1, pageSize: 1 })).total > 0) return 0;
  await adoptDemoSanctionRules(ctx, orgCode);
  let proposed = 0;
  for (const d of plan.sanctions) {
    const unit = await findUnitByCode(ctx, org.id, d.unit);
    const staffIds: string[] = [];
    for (const badge of d.staffs ?? (d.staff ? [d.staff] : [])) {
      const s = await findStaffByBadge(ctx, org.id, badge);
      if (s) staffIds.push(s.id);
    }
    if (!unit || staffIds.length === 0) continue;
    // Each step a day after the one before.
    let day = 0;
    const at = () => asOf(ctx, now - (d.daysAgo - day++) * DAY);
    const r = await proposeSanction(at(), office, { rule: d.rule, facts: d.facts, unitId: unit.id, ...(staffIds.length > 1 ? { staffIds } : { staffId: staffIds[0] }), note: d.note });
    proposed += r.created.length;
    for (const created of r.created) {
      let row: { id: string; version: number } = created;
      if (d.stage === 'proposed') continue;
      if (d.stage === 'dismissed') {
        await reviewSanction(at(), office, row.id, { version: row.version, accept: false, note: d.dismissal });
        continue;
      }
      row = await reviewSanction(at(), office, row.id, { version: row.version, accept: true, note: '事实清楚，依据充分。' });
      if (d.stage === 'reviewed') continue;
      const approver = created.direction === 'reward' || created.amountFen > 100_000 ? committee : office;
      row = await approveSanction(at(), approver, row.id, { version: row.version, note: '同意。' });
      if (d.stage === 'approved') continue;
      row = await decideSanction(at(), committee, row.id, { version: row.version, note: '奖惩委员会决定。' });
      if (d.stage === 'noticed' || d.stage === 'window_closed' || !d.appeal) continue;
      row = await fileAppeal(at(), person, row.id, { version: row.version, reason: d.appeal });
      if (d.stage === 'reduced' && d.ruling) await decideAppeal(at(), committee, row.id, { version: row.version, outcome: 'reduce', amountFen: d.ruling.amountFen, reason: d.ruling.reason });
    }
  }
  // The windows that closed make their sanctions final and post them, as the background round does.
  await sweepSanctions(ctx);
  return proposed;
}
