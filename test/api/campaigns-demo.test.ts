/**
 * The demo campaigns (issue 18 item 5): the hospital's quality year in the current year and the
 * hall's Hefei campaign started last December, with deliverables on time, late and missing, a
 * monthly report missing, a failed acceptance in the hospital, published; seeding again adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { seedDemoCampaigns } from '../../src/demo/campaigns.js';

const now = Date.parse('2026-12-04T10:00:00+08:00');
const clock = fakeClock(now);
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 30 });
});
afterAll(async () => t?.close());

describe('demo campaigns', () => {
  it('fill both demo organisations quickly, with done, late and missing deliverables', async () => {
    const started = performance.now();
    expect(await seedDemoCampaigns(t.ctx, 'demo-hospital', now, 480)).toBeGreaterThan(0);
    expect(await seedDemoCampaigns(t.ctx, 'demo-hall', now, 480)).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5000);
    for (const [user, template, year] of [['hosp-quality-office', 'hospital-quality-year', 2026], ['hall-quality-office', 'hefei', 2025]] as const) {
      const s = await t.login(user);
      const c = (await s.get('/api/v1/campaigns')).json().items.find((x: { templateCode: string }) => x.templateCode === template);
      expect(c).toMatchObject({ year, status: 'active', published: true });
      const p = (await s.get(`/api/v1/campaigns/${c.id}/progress`)).json();
      const states = new Set(p.units.flatMap((u: { cells: { state: string }[] }) => u.cells.map((x) => x.state)));
      expect([...states]).toEqual(expect.arrayContaining(['done', 'late', 'missing']));
    }
    const hospital = (await (await t.login('hosp-quality-office')).get('/api/v1/campaigns')).json().items[0];
    const p = (await (await t.login('hosp-quality-office')).get(`/api/v1/campaigns/${hospital.id}/progress`)).json();
    expect(p.units.some((u: { acceptance: string | null }) => u.acceptance === 'fail')).toBe(true);
    expect(p.units.some((u: { monthlyReports: { missing: string[] } }) => u.monthlyReports.missing.length > 0)).toBe(true);
  });

  it('seeding again adds nothing', async () => {
    expect(await seedDemoCampaigns(t.ctx, 'demo-hospital', now, 480)).toBe(0);
    expect((await (await t.login('hosp-quality-office')).get('/api/v1/campaigns')).json().items).toHaveLength(1);
  });
});
