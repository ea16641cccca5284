/**
 * The demo hospital's award rounds (issue 16): last quarter's announced with winners, rewards and
 * honours, this quarter's in publicity with candidates — and a second run adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { seedDemoAwards } from '../../src/demo/awards.js';

const now = Date.parse('2026-11-20T10:00:00+08:00');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock: fakeClock(now), sessionHours: 24 * 365 });
});
afterAll(async () => t?.close());

describe('demo award rounds', () => {
  it('seeds three rounds once: 2026-Q3 announced (stars and a window), 2026-Q4 in publicity', async () => {
    expect(await seedDemoAwards(t.ctx, 'demo-hospital', now, 480)).toBe(3);
    expect(await seedDemoAwards(t.ctx, 'demo-hospital', now, 480)).toBe(0);
    expect(await seedDemoAwards(t.ctx, 'demo-hall', now, 480)).toBe(0);
    const office = await t.login('hosp-quality-office');
    const rounds = (await office.get('/api/v1/award-rounds')).json();
    expect(rounds.map((r: { awardType: string; period: string; state: string }) => `${r.awardType} ${r.period} ${r.state}`).sort()).toEqual([
      'taixing.star 2026-Q3 announced',
      'taixing.star 2026-Q4 publicity',
      'taixing.window 2026-Q3 announced',
    ]);
    const current = rounds.find((r: { period: string }) => r.period === '2026-Q4');
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/public/award-rounds/${current.id}` });
    expect(page.json()).toMatchObject({ state: 'publicity', objectionsOpen: true });
    expect(page.json().candidates.length).toBeGreaterThan(0);
    const roll = (await t.app.inject({ method: 'GET', url: '/api/v1/public/honour-roll?orgCode=demo-hospital' })).json();
    expect(roll.winners.map((w: { awardType: string }) => w.awardType).sort()).toEqual(['taixing.star', 'taixing.star', 'taixing.window']);
    const rewards = await t.ctx.db.kysely.selectFrom('ledger_entries').select(['rule_code', 'amount_fen']).where('sanction_id', 'like', 'award:%').execute();
    expect(rewards.map((r) => `${r.rule_code} ${Number(r.amount_fen)}`).sort()).toEqual(['taixing.model_award 50000', 'taixing.model_award 50000', 'taixing.window_award 100000']);
    // The window's head (the 门诊部 head) is 先进工作者 (001:L201).
    const honours = await t.ctx.db.kysely.selectFrom('honours').select(['code']).where('kind', '=', 'honour').execute();
    expect(honours.map((h) => h.code)).toContain('taixing.window_head');
  });
});
