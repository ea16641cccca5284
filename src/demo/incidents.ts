/**
 * A handful of incidents for each demo organisation's file (差错事故档案, issue 15), recorded by
 * the demo quality office through the incident service: several kinds, some verified, one found
 * unfounded, some still waiting. The demo inspections add findings on their own. Runs once.
 */
import type { AppContext } from '../shared/context.js';
import type { Actor, Role } from '../shared/access.js';
import { localDate } from '../shared/months.js';
import { findOrganisationByCode } from '../modules/organisations/service.js';
import { findStaffByBadge } from '../modules/staff/service.js';
import { findUnitByCode } from '../modules/units/service.js';
import { findUserByUsername } from '../modules/users/service.js';
import { createIncident, hasManualIncidents, rejectIncident, verifyIncident } from '../modules/incidents/service.js';
import type { CreateIncidentInput } from '../modules/incidents/schema.js';

type DemoIncident = Omit<CreateIncidentInput, 'staffId' | 'unitId' | 'occurredAt'> & {
  staff?: string;
  unit?: string;
  daysAgo: number;
  /** A red envelope's return date and deadline, in days before now. */
  returned?: { daysAgo: number; dueDaysAgo: number };
  outcome?: { verify: string } | { reject: string };
};

const plans: Record<string, { office: string; incidents: DemoIncident[] }> = {
  'demo-hospital': {
    office: 'hosp-quality-office',
    incidents: [
      { staff: 'H1005', kind: 'damage', daysAgo: 24, amountFen: 38_000, details: { property: '门诊药房自动发药机托盘' }, summary: '交接班时未按规程操作，发药机托盘卡损，维修费 380 元。', outcome: { verify: '经设备科鉴定属操作不当。' } },
      { staff: 'H1009', kind: 'dispute', daysAgo: 18, amountFen: 250_000, details: { party: 'patient', reputationDamage: true }, summary: '换药时与患者家属发生争执，家属在网上发帖，医院减免费用 2,500 元。', outcome: { verify: '经医务科调查属实。' } },
      { staff: 'H1008', kind: 'red_envelope', daysAgo: 12, amountFen: 100_000, details: { form: 'red_envelope', returned: true }, returned: { daysAgo: 11, dueDaysAgo: 9 }, summary: '患者出院时塞红包 1,000 元，次日交至纪检监察室。', outcome: { verify: '纪检监察室已出具收据。' } },
      { staff: 'H1004', kind: 'concealed_error', daysAgo: 9, details: {}, summary: '收费差错 30 元未按规定上报，患者复诊时发现。', outcome: { reject: '复核发现差错已当日登记上报，不属隐瞒。' } },
      { unit: 'H-SUR', kind: 'exposure', daysAgo: 5, details: { level: 'county', channel: 'media', outlet: '示范县广播电视台' }, summary: '县电视台《民生热线》报道外科病区夜间呼叫无人应答。' },
      { staff: 'H1007', kind: 'eight_prohibitions', daysAgo: 3, details: { item: 4 }, summary: '群众举报接受医药代表宴请，待调查核实。' },
    ],
  },
  'demo-hall': {
    office: 'hall-quality-office',
    incidents: [
      { staff: 'G2004', kind: 'dispute', daysAgo: 20, details: { party: 'colleague', reputationDamage: false }, summary: '与邻窗同事在大厅内争吵，影响办事群众。', outcome: { verify: '调取监控核实。' } },
      { staff: 'G2006', kind: 'damage', daysAgo: 14, amountFen: 45_000, details: { property: '窗口高拍仪' }, summary: '下班未按规定收好设备，高拍仪跌落损坏，维修费 450 元。', outcome: { verify: '经信息科确认。' } },
      { unit: 'G-B', kind: 'exposure', daysAgo: 7, details: { level: 'city', channel: 'supervision', outlet: '市 12345 政务服务便民热线' }, summary: '市 12345 通报专项服务区午间无人值守。', outcome: { verify: '督查办现场核实。' } },
      { staff: 'G2005', kind: 'major_complaint', daysAgo: 2, details: {}, summary: '群众反映社保窗口三次往返仍未办结，要求追责。' },
    ],
  },
};

const DAY = 86_400_000;
/** The demo organisations keep Beijing time. */
const beijing = 8 * 60;

/** Records the demo incidents of one organisation, once; returns how many were recorded. */
export async function seedDemoIncidents(ctx: AppContext, orgCode: string, now: number): Promise<number> {
  const plan = plans[orgCode];
  const org = plan ? await findOrganisationByCode(ctx, orgCode) : null;
  const user = plan ? await findUserByUsername(ctx, plan.office) : undefined;
  if (!plan || !org || !user || user.org_id !== org.id || (await hasManualIncidents(ctx, org.id))) return 0;
  const actor: Actor = { userId: user.id, orgId: org.id, role: user.role as Role, username: user.username, staffId: null, unitId: null, scopePath: null, via: 'cli' };
  let created = 0;
  for (const { staff, unit, daysAgo, returned, outcome, ...incident } of plan.incidents) {
    const staffId = staff ? (await findStaffByBadge(ctx, org.id, staff))?.id : undefined;
    const unitId = unit ? (await findUnitByCode(ctx, org.id, unit))?.id : undefined;
    if (!staffId && !unitId) continue;
    const occurred = new Date(now - daysAgo * DAY);
    const details = returned ? { ...incident.details, returnedOn: localDate(now - returned.daysAgo * DAY, beijing), dueBy: localDate(now - returned.dueDaysAgo * DAY, beijing) } : incident.details;
    const view = await createIncident(ctx, actor, { ...incident, details, staffId, unitId, occurredAt: occurred.toISOString() } as CreateIncidentInput);
    if (outcome && 'verify' in outcome) await verifyIncident(ctx, actor, view.id, { version: view.version, note: outcome.verify });
    if (outcome && 'reject' in outcome) await rejectIncident(ctx, actor, view.id, { version: view.version, reason: outcome.reject });
    created++;
  }
  return created;
}
