/**
 * A campaign in each demo organisation (issue 18 item 5), through the campaign service: the
 * hospital runs the hospital quality year (003:L137–145) in the current year, the hall the Hefei
 * window-service campaign (002:L76–82) started last December, each with deliverables on time,
 * late and missing, some monthly reports and one failed acceptance, published on the public
 * board. Deliverables are recorded by the office with the time they were received, so only what
 * is already past is filled in. Running it again adds nothing (the campaign exists).
 */
import type { AppContext } from '../shared/context.js';
import { systemActor } from '../shared/access.js';
import { localDate } from '../shared/months.js';
import { addDays } from '../engines/campaigns/index.js';
import { findOrganisationByCode } from '../modules/organisations/service.js';
import { findUnitByCode } from '../modules/units/service.js';
import { createCampaign, getCampaign, listCampaigns, recordAcceptance, submitDeliverable, submitReport, updateCampaign } from '../modules/campaigns/service.js';

/** A one-pixel PNG: the demo's uploaded photographs. */
const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

interface DemoDelivery {
  unit: string;
  task: string;
  /** Days after the due date it was received (negative: before; positive: late). */
  offset: number;
  value: string;
}

interface DemoCampaign {
  template: string;
  /** The campaign year relative to now's year. */
  yearOffset: number;
  units: string[];
  deliveries: DemoDelivery[];
  /** Units reporting every month except the last, when the campaign takes monthly reports. */
  monthlyReporters: string[];
  failed?: string;
}

const plans: Record<string, DemoCampaign> = {
  'demo-hospital': {
    template: 'hospital-quality-year',
    yearOffset: 0,
    units: ['H-OPD-REG', 'H-OPD-PHA', 'H-IM-W1', 'H-SUR-W1'],
    deliveries: [
      { unit: 'H-OPD-REG', task: 'work_plan', offset: -3, value: '门诊收费处优质服务工作计划：推行微笑服务、错峰开放窗口、缩短排队时间。' },
      { unit: 'H-OPD-PHA', task: 'work_plan', offset: -1, value: '门诊药房工作计划：发药核对“四查十对”，用药交代到位。' },
      { unit: 'H-IM-W1', task: 'work_plan', offset: 0, value: '内科一病区工作计划：责任制整体护理，出院随访。' },
      { unit: 'H-SUR-W1', task: 'work_plan', offset: 6, value: '外科一病区工作计划（逾期报送）。' },
      { unit: 'H-OPD-REG', task: 'service_standards', offset: -5, value: 'upload' },
      { unit: 'H-IM-W1', task: 'service_standards', offset: 12, value: 'upload' },
      { unit: 'H-OPD-REG', task: 'satisfaction', offset: -2, value: '96.5' },
      { unit: 'H-OPD-PHA', task: 'satisfaction', offset: 0, value: '94.2' },
      { unit: 'H-IM-W1', task: 'satisfaction', offset: 3, value: '97.1' },
    ],
    monthlyReporters: ['H-OPD-REG', 'H-IM-W1'],
    failed: 'H-SUR-W1',
  },
  'demo-hall': {
    template: 'hefei',
    yearOffset: -1,
    units: ['G-A-01', 'G-A-02', 'G-B-01', 'G-HELP'],
    deliveries: [
      { unit: 'G-A-01', task: 'implementation_plan', offset: -4, value: '1号窗口实施方案：企业开办一窗通办，材料一次告知。' },
      { unit: 'G-A-02', task: 'implementation_plan', offset: 0, value: '2号窗口实施方案：不动产登记压缩时限。' },
      { unit: 'G-B-01', task: 'implementation_plan', offset: 5, value: '4号窗口实施方案（逾期）。' },
      { unit: 'G-A-01', task: 'self_check', offset: -2, value: 'upload' },
      { unit: 'G-HELP', task: 'self_check', offset: 9, value: 'upload' },
      { unit: 'G-A-01', task: 'summary', offset: -1, value: '1号窗口活动总结：群众满意率提升，办件零超期。' },
    ],
    monthlyReporters: [],
    failed: 'G-B-01',
  },
};

export async function seedDemoCampaigns(ctx: AppContext, orgCode: string, now: number, utcOffsetMinutes: number): Promise<number> {
  const plan = plans[orgCode];
  const org = plan ? await findOrganisationByCode(ctx, orgCode) : null;
  if (!plan || !org) return 0;
  const actor = systemActor(org.id, 'demo-seed');
  const today = localDate(now, utcOffsetMinutes);
  const year = Number(today.slice(0, 4)) + plan.yearOffset;
  if ((await listCampaigns(ctx, actor, { year })).items.some((c) => c.templateCode === plan.template)) return 0;
  const unitIds = new Map<string, string>();
  for (const code of plan.units) {
    const unit = await findUnitByCode(ctx, org.id, code);
    if (unit) unitIds.set(code, unit.id);
  }
  let c = await createCampaign(ctx, actor, { templateCode: plan.template, year, unitIds: [...unitIds.values()] });
  c = await updateCampaign(ctx, actor, c.id, { version: c.version, status: 'active', published: true });
  // Received at 10:00 local time on the day, when that is already past.
  const at = (date: string) => Date.parse(`${date}T10:00:00Z`) - utcOffsetMinutes * 60_000;
  let stored = 0;
  for (const d of plan.deliveries) {
    const task = c.tasks.find((x) => x.code === d.task);
    const unitId = unitIds.get(d.unit);
    if (!task || !unitId) continue;
    const receivedAt = at(addDays(task.dueOn, d.offset));
    if (receivedAt > now) continue;
    const value = task.deliverable === 'upload' ? { file: { name: `${d.unit}-${d.task}.png`, contentBase64: pixel } } : task.deliverable === 'figure' ? { figure: d.value } : { text: d.value };
    await submitDeliverable(ctx, actor, c.id, { taskId: task.id, unitId, receivedAt: new Date(receivedAt).toISOString(), ...value });
    stored += 1;
  }
  if (c.settings.monthlyReport) {
    for (const code of plan.monthlyReporters) {
      const unitId = unitIds.get(code);
      // Each month reported on the 3rd of the next month (a little late), the last month left missing.
      for (let month = c.startsOn.slice(0, 7); unitId && month < today.slice(0, 7); ) {
        const next = addDays(`${month}-28`, 7).slice(0, 7);
        const receivedAt = at(`${next}-03`);
        if (receivedAt > now || next >= today.slice(0, 7)) break;
        await submitReport(ctx, actor, c.id, { unitId, kind: 'monthly', period: month, text: `${month} 月度进展：按计划推进，无重大问题。`, receivedAt: new Date(receivedAt).toISOString() });
        month = next;
      }
    }
  }
  const failed = plan.failed ? unitIds.get(plan.failed) : undefined;
  if (failed) {
    const unit = (await getCampaign(ctx, actor, c.id)).units.find((u) => u.unitId === failed);
    // The hall's plan accepts by 暗访 (002:L82): the demo's verdict rests on no stored inspection, so it is the hospital's only.
    if (unit && !c.settings.acceptanceByInspection) await recordAcceptance(ctx, actor, c.id, { unitId: failed, version: unit.version, result: 'fail', note: '暗访发现多项承诺未落实' });
  }
  return stored;
}
