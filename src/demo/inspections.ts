/**
 * A handful of inspections for each demo organisation (issue 14), through the inspection service
 * as the demo inspector: scores, findings and the rectification cases they open are all real.
 * Each has an idempotency key, so running it again stores nothing twice.
 */
import type { AppContext } from '../shared/context.js';
import { systemActor, type Actor, type Role } from '../shared/access.js';
import { findOrganisationByCode } from '../modules/organisations/service.js';
import { findUnitByCode } from '../modules/units/service.js';
import { findUserByUsername } from '../modules/users/service.js';
import { createInspection } from '../modules/inspections/service.js';
import { casesByIds, performCaseAction } from '../modules/cases/service.js';
import type { InspectionInput } from '../modules/inspections/service.js';
import { seedDemoCoverage } from './inspection-coverage.js';

/** `rectify`: the first finding's rectification is reported and verified at once (the results screen's on-time rate). */
type DemoInspection = Omit<InspectionInput, 'unitId' | 'performedAt' | 'idempotencyKey'> & { unit: string; daysAgo: number; rectify?: boolean };

const waits = (...minutes: number[]) => minutes.map((value) => ({ metric: 'window_wait', value }));

const plans: Record<string, { inspector: string; inspections: DemoInspection[] }> = {
  'demo-hospital': {
    inspector: 'hosp-inspector',
    inspections: [
      // The scorecard's worked example (004:L202–204): waits 9, 10, 13 and three fee cases → 9.3.
      { unit: 'H-IM', templateCode: 'hospital-scorecard', kind: 'scheduled', daysAgo: 20, results: [{ item: 'service', observations: waits(9, 10, 13) }, { item: 'fees', cases: 3, note: '重复收取换药费' }] },
      {
        unit: 'H-SUR',
        templateCode: 'hospital-scorecard',
        kind: 'scheduled',
        daysAgo: 19,
        results: [
          { item: 'quality', observations: [{ metric: 'average_stay', value: 9.5 }, { metric: 'prescription_compliance', value: 97.2 }, { metric: 'drug_ratio', value: 28 }] },
          { item: 'care', cases: 2, note: '抽查病历两份检查项目与诊断不符' },
        ],
      },
      { unit: 'H-OPD-REG', templateCode: 'window-norm', kind: 'unannounced', daysAgo: 6, rectify: true, results: [{ item: 'badge', cases: 1, note: '收费窗口一人未佩戴工牌' }, { item: 'smile', cases: 0 }] },
      { unit: 'H-OPD-PHA', templateCode: 'window-norm', kind: 'mystery_shopper', daysAgo: 3, results: [{ item: 'civil_language', cases: 0 }, { item: 'one_time_notice', cases: 0 }] },
      // Two months of history before them, so the results screen has trends (检查结果, issue 14 item 8).
      { unit: 'H-IM', templateCode: 'hospital-scorecard', kind: 'scheduled', daysAgo: 52, results: [{ item: 'service', observations: waits(12, 15, 8) }, { item: 'fees', cases: 1, note: '检查费重复计费' }] },
      { unit: 'H-SUR', templateCode: 'hospital-scorecard', kind: 'scheduled', daysAgo: 50, results: [{ item: 'lawful', cases: 1, note: '一名进修医师超范围执业' }, { item: 'care', cases: 1, note: '术前检查项目过多' }] },
      { unit: 'H-OPD-REG', templateCode: 'window-norm', kind: 'mystery_shopper', daysAgo: 45, rectify: true, results: [{ item: 'badge', cases: 1, note: '未佩戴工牌' }, { item: 'smile', cases: 1, note: '收费员未微笑服务' }] },
      { unit: 'H-IM', templateCode: 'hospital-scorecard', kind: 'scheduled', daysAgo: 38, results: [{ item: 'service', observations: waits(11, 9) }, { item: 'fees', cases: 2, note: '床位费计费错误' }] },
      { unit: 'H-OPD-PHA', templateCode: 'window-norm', kind: 'unannounced', daysAgo: 33, results: [{ item: 'badge', cases: 1, note: '药房窗口一人未佩戴工牌' }] },
    ],
  },
  'demo-hall': {
    inspector: 'hall-inspector',
    inspections: [
      { unit: 'G-A-01', templateCode: 'window-norm', kind: 'unannounced', daysAgo: 15, results: [{ item: 'no_eating', cases: 1, note: '窗口内吃零食' }, { item: 'early_arrival', pass: false }] },
      { unit: 'G-A-02', templateCode: 'window-norm', kind: 'mystery_shopper', daysAgo: 9, results: [{ item: 'banned_phrases', cases: 1, note: '对群众说"有牌子、自己看"' }] },
      { unit: 'G-B-01', templateCode: 'window-norm', kind: 'video_review', daysAgo: 2, results: [{ item: 'no_leaving_post', cases: 0 }, { item: 'tidy_desk', cases: 0 }] },
    ],
  },
};

const DAY = 86_400_000;

/** Stores the demo inspections of one organisation; returns how many are new. */
export async function seedDemoInspections(ctx: AppContext, orgCode: string, now: number): Promise<number> {
  const plan = plans[orgCode];
  const org = plan ? await findOrganisationByCode(ctx, orgCode) : null;
  const user = plan ? await findUserByUsername(ctx, plan.inspector) : undefined;
  if (!plan || !org || !user || user.org_id !== org.id) return 0;
  const actor: Actor = { userId: user.id, orgId: org.id, role: user.role as Role, username: user.username, staffId: null, unitId: null, scopePath: null, via: 'cli' };
  let created = 0;
  for (const [n, { unit, daysAgo, ...inspection }] of plan.inspections.entries()) {
    const unitRow = await findUnitByCode(ctx, org.id, unit);
    if (!unitRow) continue;
    const { rectify, ...input } = inspection;
    const r = await createInspection(ctx, actor, { ...input, unitId: unitRow.id, performedAt: new Date(now - daysAgo * DAY).toISOString(), idempotencyKey: `demo-${orgCode}-${n + 1}` });
    if (!r.created) continue;
    created++;
    const caseId = r.body.findings[0]?.caseId;
    if (rectify && caseId) await rectifyNow(ctx, systemActor(org.id, 'demo-seed'), caseId);
  }
  await seedDemoCoverage(ctx, orgCode, org.id, now);
  return created;
}

/** Reports and verifies a rectification now: on time for a recent finding, late for an old one. */
async function rectifyNow(ctx: AppContext, actor: Actor, caseId: string) {
  const version = async () => (await casesByIds(ctx.db.kysely, [caseId]))[0].version;
  await performCaseAction(ctx, actor, caseId, { action: 'rectify', version: await version(), input: { measure: '已组织窗口人员学习服务规范并整改' } });
  await performCaseAction(ctx, actor, caseId, { action: 'verify', version: await version(), input: {} });
}
