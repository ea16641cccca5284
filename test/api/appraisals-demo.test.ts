/**
 * The demo appraisal (issue 21 item 2): last month's sheets of the hospital and the hall, one per
 * person of each template's post (002:L216), in every state of the workflow — left for the head,
 * scored, confirmed, one objected, approved with a star; seeding again adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { seedDemoAppraisals } from '../../src/demo/appraisals.js';

const now = Date.parse('2026-12-04T10:00:00+08:00');
const clock = fakeClock(now);
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 30 });
});
afterAll(async () => t?.close());

describe('demo appraisals', () => {
  it('fill last month for both demo organisations with sheets in each state', async () => {
    const hospital = await seedDemoAppraisals(t.ctx, 'demo-hospital', now, 480);
    const hall = await seedDemoAppraisals(t.ctx, 'demo-hall', now, 480);
    expect(hospital).toBeGreaterThan(0);
    expect(hall).toBeGreaterThan(0);
    const states = new Set<string>();
    for (const user of ['hosp-quality-office', 'hall-quality-office']) {
      const s = await t.login(user);
      const periods = (await s.get('/api/v1/appraisals/periods')).json().items;
      expect(periods.length).toBeGreaterThan(0);
      for (const p of periods) expect(p.period.label).toBe('2026-11');
      const sheets = (await s.get('/api/v1/appraisals/sheets?pageSize=500')).json().items as { state: string; star: { stars: number } | null }[];
      for (const x of sheets) states.add(x.state);
      for (const x of sheets.filter((y) => y.state === 'approved')) expect(x.star === null || x.star.stars >= 1).toBe(true);
    }
    expect([...states].sort()).toEqual(['approved', 'confirmed', 'filled', 'objected', 'scored']);
  });

  it('seeding again adds nothing', async () => {
    expect(await seedDemoAppraisals(t.ctx, 'demo-hospital', now, 480)).toBe(0);
  });
});
