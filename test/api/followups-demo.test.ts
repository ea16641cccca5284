/**
 * The demo hospital's follow-ups (issue 17): one in every state, the negative one with its
 * rectification, a home visit, the demo caller's phone list, the month's figures — through the services.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { seedDemoFollowUps } from '../../src/demo/followups.js';

const now = Date.parse('2026-11-20T10:00:00+08:00');
const clock = fakeClock(now);
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365, demoOrgs: ['demo-hospital'] });
  expect(await seedDemoFollowUps(t.ctx, 'demo-hospital', now, 480)).toBe(10);
  // Once only.
  expect(await seedDemoFollowUps(t.ctx, 'demo-hospital', now, 480)).toBe(0);
});
afterAll(async () => t?.close());

describe('demo follow-ups', () => {
  it('has follow-ups in every state, one 不满意 with its rectification', async () => {
    const office = await t.login('hosp-quality-office');
    const items = (await office.get('/api/v1/followups?pageSize=100')).json().items as { status: string; rectification: unknown; dueBadge: string }[];
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['pending', 'link_sent', 'completed', 'refused', 'unreachable']));
    expect(items.filter((i) => i.rectification)).toHaveLength(1);
    // 杨先生, discharged 9 days ago, is overdue.
    expect(items.some((i) => i.status === 'pending' && i.dueBadge === 'overdue')).toBe(true);
    const f = (await office.get('/api/v1/followups/figures?month=2026-11')).json();
    // Ended: 4 completed (one on a home visit, 003:L109) and 1 refused were reached; 1 unreachable.
    expect(f.total.reachRate).toEqual({ numerator: 5, denominator: 6, value: 5 / 6 });
    expect(f.total.satisfaction).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(f.total.homeVisits).toBe(1);
  });

  it("the demo caller (hosp-staff) has today's calls on the phone list", async () => {
    const caller = await t.login('hosp-staff');
    const mine = (await caller.get('/api/v1/followups?mine=1&date=2026-11-20')).json().items as { patientName: string; closed: boolean }[];
    expect(mine.filter((i) => !i.closed).map((i) => i.patientName)).toEqual(['杨先生', '陈阿姨', '刘大爷']);
  });
});
