/**
 * Award rounds by score sheet (the organisation switches 文明服务标兵 to its score sheet by a cited
 * override) and Huizhou's automatic honour on the second win in a year (001:L443).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { awardsPreset } from '../../src/policy/presets/awards.js';

const start = Date.parse('2026-11-02T12:00:00+08:00');
const clock = fakeClock(start);
let t: TestApp;
let office: Session;
let admin: Session;
let head: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hosp-admin');
  office = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  const types = awardsPreset('hospital').types.map((ty) => (ty.code === 'taixing.civility_star' ? { ...ty, method: 'score_sheet' as const } : ty));
  const before = (await admin.get('/api/v1/policy')).json();
  const res = await admin.put('/api/v1/policy/overrides', { version: before.version, overrides: { awards: { types } } });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => t?.close());

async function runToOpen(awardType: string, period: string, staff: string[]) {
  clock.set(start);
  const r = (await office.post('/api/v1/award-rounds', { awardType, period })).json();
  for (const s of staff) expect((await office.post(`/api/v1/award-rounds/${r.id}/nominations`, { staffId: s, reason: '推荐' })).statusCode).toBe(201);
  let v = (await office.post(`/api/v1/award-rounds/${r.id}/review`, { version: r.version })).json().version;
  v = (await office.post(`/api/v1/award-rounds/${r.id}/publish`, { version: v })).json().version;
  clock.set(Date.parse('2026-11-12T09:00:00+08:00'));
  const opened = (await office.post(`/api/v1/award-rounds/${r.id}/open-voting`, { version: v })).json();
  const nominations = (await office.get(`/api/v1/award-rounds/${r.id}/nominations`)).json() as { id: string; staffId: string }[];
  return { id: r.id, version: opened.version as number, state: opened.state as string, of: (staffId: string) => nominations.find((n) => n.staffId === staffId)!.id };
}

describe('the score-sheet method', () => {
  it('ranks the candidates by their mean sheet total; no ballots; the tally announces the winners', async () => {
    const r = await runToOpen('taixing.civility_star', '2026', [ids.H1003, ids.H1009, ids.H1007]);
    expect(r.state).toBe('scoring');
    expect((await head.post(`/api/v1/award-rounds/${r.id}/ballots`, { choices: [r.of(ids.H1003)] })).json().error.code).toBe('round_state');
    const sheet = (points: number[]) => ({ items: ['language', 'appearance', 'attitude'].map((code, i) => ({ code, points: points[i] })) });
    for (const [who, s, pts] of [
      [office, ids.H1003, [10, 9, 8]],
      [admin, ids.H1003, [10, 10, 10]],
      [office, ids.H1009, [10, 10, 9]],
      [admin, ids.H1009, [10, 10, 9]],
      [office, ids.H1007, [5, 5, 5]],
    ] as const) {
      const res = await who.put(`/api/v1/award-rounds/${r.id}/score-sheets/${r.of(s)}`, sheet([...pts]));
      expect(res.statusCode, res.body).toBe(200);
    }
    // A scorer may correct their own sheet until the close.
    expect((await office.put(`/api/v1/award-rounds/${r.id}/score-sheets/${r.of(ids.H1007)}`, sheet([6, 6, 6]))).json().total).toBe(18);
    const closed = (await office.post(`/api/v1/award-rounds/${r.id}/close`, { version: r.version })).json();
    expect(closed.state).toBe('closed');
    const results = (await office.get(`/api/v1/award-rounds/${r.id}/results`)).json();
    expect(results.results.map((x: { nominationId: string; score: number; rank: number }) => [x.nominationId, x.score, x.rank])).toEqual([
      [r.of(ids.H1009), 29, 1],
      [r.of(ids.H1003), 28.5, 2],
      [r.of(ids.H1007), 18, 3],
    ]);
    expect(results.results[0].votes).toBeUndefined();
    expect((await office.put(`/api/v1/award-rounds/${r.id}/score-sheets/${r.of(ids.H1007)}`, sheet([9, 9, 9]))).json().error.code).toBe('round_closed');
    expect((await office.post(`/api/v1/award-rounds/${r.id}/announce`, { version: closed.version })).json()).toMatchObject({ state: 'announced', counts: { winners: 3 } });
  });
});

describe('Huizhou honours (001:L441–443)', () => {
  it('a second win in the year recommends the person; each win rewards 200 元', async () => {
    for (const [n, period] of ['2026-Q1', '2026-Q2'].entries()) {
      const r = await runToOpen('huizhou.star', period, [ids.H1009]);
      expect(r.state).toBe('deciding');
      const res = await office.post(`/api/v1/award-rounds/${r.id}/announce`, { version: r.version, winners: [r.of(ids.H1009)] });
      expect(res.statusCode, res.body).toBe(200);
      const honours = (await office.get(`/api/v1/honours?staffId=${ids.H1009}&year=2026`)).json() as { kind: string; code: string }[];
      expect(honours.filter((h) => h.kind === 'honour').map((h) => h.code)).toEqual(n === 0 ? [] : ['huizhou.recommended']);
    }
    const lines = await t.ctx.db.kysely.selectFrom('ledger_entries').select(['amount_fen', 'rule_code']).where('staff_id', '=', ids.H1009).where('sanction_id', 'like', 'award:%').execute();
    expect(lines.map((l) => `${l.rule_code} ${Number(l.amount_fen)}`)).toEqual(['huizhou.model_award 20000', 'huizhou.model_award 20000']);
  });
});
