/**
 * Competition standings feed the ABC bands (003:L341–343; issue 15): when the demo bank publishes
 * its sub-branch competition (abc-qingdao, 001:L927–971), the sanctions sweep proposes for each
 * unit the band its rank and total fall in — top 5 and 90 or more → reward; below 85 → pay
 * docked; below 80 → docked more — once per (competition and unit, rule, target). The source
 * gives no amounts: until the bank sets them the standings wait (policy_value_missing, 待定价),
 * and the first sweep after proposes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { bandScoreOf } from '../../src/modules/sanctions/competition-bands.js';

const clock = fakeClock(Date.parse('2026-11-10T10:00:00+08:00'));
let t: TestApp;
let office: Session;
let admin: Session;
const ids: Record<string, string> = {};
const S = ['B-S1', 'B-S2', 'B-S3', 'B-S4', 'B-S5'];
let competitionId = '';

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365, demoOrgs: ['demo-bank'] });
  office = await t.login('abc-quality-office');
  admin = await t.login('abc-admin');
  for (const u of (await office.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
}, 120_000);
afterAll(async () => t?.close());

const v = (unit: string, indicator: string, input: string, value: string | number) => ({ unitId: ids[unit], indicator, input, value });
/** (r + Δr) = 6 → capped at 1.2 × 10 (001:L949, L961, L965). */
const fullRatio = (unit: string, indicator: string) => [v(unit, indicator, 'unit_value', 300), v(unit, indicator, 'bank_value', 100), v(unit, indicator, 'unit_increment', 300), v(unit, indicator, 'bank_increment', 100)];
/** mystery shopper 20 + satisfaction 20 (001:L933–935). */
const service = (unit: string) => [...[1, 2, 3, 4].map((n) => v(unit, 'mystery_shopper', `check${n}`, 100)), v(unit, 'satisfaction', 'survey', 100)];

type Row = { id: string; direction: string; amountFen: number; outcomes: string[]; rule: { code: string }; source: { type: string; id: string }; target: { kind: string; unitId: string } };
const ofCompetition = async () =>
  ((await office.get('/api/v1/sanctions?view=all&pageSize=100')).json().items as Row[]).filter((r) => r.source.type === 'competition' && r.source.id.startsWith(`${competitionId}:`));

describe('a published competition proposes the ABC bands', () => {
  it('publishes: B-S1 100 (rank 1), B-S2 82, B-S3 40, B-S4 and B-S5 nothing entered', async () => {
    const c = (await office.post('/api/v1/competitions', { preset: 'abc-qingdao', period: '2025', unitIds: S.map((code) => ids[code]) })).json();
    const values = [
      // B-S1: 20 + 20 + 12 × 5 = 100
      ...service('B-S1'),
      ...fullRatio('B-S1', 'e_diversion'),
      ...fullRatio('B-S1', 'vip_assets'),
      ...fullRatio('B-S1', 'vip_card_rate'),
      v('B-S1', 'vip_increment', 'unit_increment', 80),
      v('B-S1', 'vip_increment', 'bank_increment', 50),
      v('B-S1', 'savings_increment', 'unit_increment', 80),
      v('B-S1', 'savings_increment', 'bank_increment', 50),
      // B-S2: 20 + 20 + 12 × 3 + 0.75 × 10 × 0.8 = 82
      ...service('B-S2'),
      ...fullRatio('B-S2', 'e_diversion'),
      ...fullRatio('B-S2', 'vip_assets'),
      ...fullRatio('B-S2', 'vip_card_rate'),
      v('B-S2', 'vip_increment', 'unit_increment', '37.5'),
      v('B-S2', 'vip_increment', 'bank_increment', 50),
      // B-S3: 20 + 20 = 40
      ...service('B-S3'),
    ];
    const put = await office.put(`/api/v1/competitions/${c.id}/values`, { version: c.version, values });
    expect(put.statusCode, put.body).toBe(200);
    const scores = (await office.get(`/api/v1/competitions/${c.id}/scores`)).json().units as { unitCode: string; total: string; rank: number }[];
    expect(Object.fromEntries(scores.map((u) => [u.unitCode, [u.total, u.rank]]))).toMatchObject({ 'B-S1': ['100.00', 1], 'B-S2': ['82.00', 2], 'B-S3': ['40.00', 3] });
    const published = await office.post(`/api/v1/competitions/${c.id}/publish`, { version: put.json().version });
    expect(published.statusCode, published.body).toBe(200);
    competitionId = c.id;
  });

  it('the amounts the source leaves out wait for the bank (policy_value_missing), each standing listed once', async () => {
    clock.set(clock.now() + 1_000);
    const r = await office.post('/api/v1/sanctions/sweep');
    expect(r.statusCode, r.body).toBe(200);
    const mine = (r.json().unpriced as { source: { type: string; id: string }; rule: string; code: string; missing: string[] }[]).filter((u) => u.source.type === 'competition');
    const byUnit = Object.fromEntries(mine.map((u) => [u.source.id.split(':')[1], [u.rule, u.missing[0]]]));
    expect(byUnit).toEqual({
      [ids['B-S1']]: ['abc.round_reward', 'policy.sanctionRules.abc.round_reward.bands.top_5.amountFen'], // 003:L341 top 5 and ≥ 90
      [ids['B-S2']]: ['abc.score_bands', 'policy.sanctionRules.abc.score_bands.bands.below_85.amountFen'], // 003:L343 < 85
      [ids['B-S3']]: ['abc.score_bands', 'policy.sanctionRules.abc.score_bands.bands.below_80.amountFen'], // 003:L343 < 80
      [ids['B-S4']]: ['abc.score_bands', 'policy.sanctionRules.abc.score_bands.bands.below_80.amountFen'],
      [ids['B-S5']]: ['abc.score_bands', 'policy.sanctionRules.abc.score_bands.bands.below_80.amountFen'],
    });
    expect(mine.every((u) => u.code === 'policy_value_missing')).toBe(true);
    expect(await ofCompetition()).toEqual([]);
  });

  it('once the bank sets the amounts, the next sweep proposes each band once: reward, docked, docked more', async () => {
    const policy = (await admin.get('/api/v1/policy')).json();
    const decision = { zh: '本行决定的金额', en: 'Our amount' };
    const amount = (value: number) => ({ amountFen: { value, decision } });
    const put = await admin.put('/api/v1/policy/overrides', {
      version: policy.version,
      overrides: { sanctionRules: { abc: { round_reward: { bands: { top_5: amount(100_000) } }, score_bands: { bands: { below_85: amount(50_000), below_80: amount(100_000) } } } } },
    });
    expect(put.statusCode, put.body).toBe(200);
    clock.set(clock.now() + 60_000);
    const [a, b] = await Promise.all([office.post('/api/v1/sanctions/sweep'), office.post('/api/v1/sanctions/sweep')]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect((await office.post('/api/v1/sanctions/sweep')).json().unpriced.filter((u: { source: { type: string } }) => u.source.type === 'competition')).toEqual([]);
    const rows = await ofCompetition();
    const byUnit = Object.fromEntries(rows.map((r) => [r.target.unitId, r]));
    expect(rows).toHaveLength(5);
    expect(byUnit[ids['B-S1']]).toMatchObject({ rule: { code: 'abc.round_reward' }, direction: 'reward', amountFen: 100_000, outcomes: ['notice_praise'], target: { kind: 'unit' } });
    expect(byUnit[ids['B-S2']]).toMatchObject({ rule: { code: 'abc.score_bands' }, direction: 'fine', amountFen: 50_000, outcomes: ['performance_pay_docked'] });
    for (const code of ['B-S3', 'B-S4', 'B-S5']) expect(byUnit[ids[code]]).toMatchObject({ rule: { code: 'abc.score_bands' }, direction: 'fine', amountFen: 100_000, outcomes: ['performance_pay_docked_more'] });
    // A later sweep proposes nothing again.
    clock.set(clock.now() + 60_000);
    await office.post('/api/v1/sanctions/sweep');
    expect(await ofCompetition()).toHaveLength(5);
  });
});

describe('the score a band reads', () => {
  it('is the exact total floored to thousandths, never below 0: 89.9995 is below 90 (003:L341 "90分以上")', () => {
    expect(bandScoreOf('179999/2000')).toBe('89.999');
    expect(bandScoreOf('90')).toBe('90');
    expect(bandScoreOf('1/3')).toBe('0.333');
    expect(bandScoreOf('-3')).toBe('0');
    expect(bandScoreOf('-1/3')).toBe('0');
  });
});
