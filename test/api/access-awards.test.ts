import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * The award routes (评选, issue 16) as a window clerk (staff) and the 门诊部 unit head of the
 * hospital demo: the office's steps are refused, another unit's nominees are out of reach, eligibility
 * reasons (incident facts) stay with the office and heads in scope, only voters vote. See
 * access.test.ts for the coverage rule.
 */
const clock = fakeClock(Date.parse('2026-11-02T12:00:00+08:00'));
let t: TestApp;
let staff: Session;
let head: Session;
let quality: Session;
const ids: Record<string, string> = {};
let roundId: string;
let otherNomination: string;
let ownNomination: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  staff = await t.login('hosp-staff');
  head = await t.login('hosp-unit-head');
  quality = await t.login('hosp-quality-office');
  for (const u of (await quality.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await quality.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  roundId = (await quality.post('/api/v1/award-rounds', { awardType: 'taixing.star', period: '2026-Q3' })).json().id;
  otherNomination = (await quality.post(`/api/v1/award-rounds/${roundId}/nominations`, { staffId: ids.H1007, reason: '内科' })).json().id;
  ownNomination = (await head.post(`/api/v1/award-rounds/${roundId}/nominations`, { staffId: ids.H1003, reason: '挂号窗口' })).json().id;
});
afterAll(async () => t?.close());

async function expectRefused(res: { statusCode: number; body: string; json(): any }, codes = ['forbidden', 'out_of_scope', 'not_found']) {
  expect([403, 404], res.body).toContain(res.statusCode);
  expect(codes).toContain(res.json().error.code);
}

describe('award rounds: the office runs them', () => {
  it("'POST /api/v1/award-rounds', 'POST /api/v1/award-rounds/:id/review', 'POST /api/v1/award-rounds/:id/publish', 'POST /api/v1/award-rounds/:id/open-voting', 'POST /api/v1/award-rounds/:id/close', 'POST /api/v1/award-rounds/:id/announce', 'POST /api/v1/award-rounds/:id/cancel' are refused to heads and staff", async () => {
    for (const s of [staff, head]) {
      await expectRefused(await s.post('/api/v1/award-rounds', { awardType: 'taixing.star', period: '2026-Q2' }));
      for (const step of ['review', 'publish', 'open-voting', 'close']) await expectRefused(await s.post(`/api/v1/award-rounds/${roundId}/${step}`, { version: 1 }));
      await expectRefused(await s.post(`/api/v1/award-rounds/${roundId}/announce`, { version: 1, winners: [ownNomination] }));
      await expectRefused(await s.post(`/api/v1/award-rounds/${roundId}/cancel`, { version: 1, reason: '撤销' }));
    }
    expect((await quality.get(`/api/v1/award-rounds/${roundId}`)).json()).toMatchObject({ state: 'nominating', version: 1 });
  });

  it("'GET /api/v1/award-types', 'GET /api/v1/award-rounds', 'GET /api/v1/award-rounds/:id' are the organisation's to read; another round id is 404", async () => {
    expect((await staff.get('/api/v1/award-types')).statusCode).toBe(200);
    expect((await staff.get('/api/v1/award-rounds')).json().map((r: { id: string }) => r.id)).toContain(roundId);
    expect((await head.get(`/api/v1/award-rounds/${roundId}`)).statusCode).toBe(200);
    await expectRefused(await head.get('/api/v1/award-rounds/01900000-0000-7000-8000-000000000000'));
    const hall = await t.login('hall-admin');
    await expectRefused(await hall.get(`/api/v1/award-rounds/${roundId}`));
    await expectRefused(await hall.post(`/api/v1/award-rounds/${roundId}/nominations`, { staffId: ids.H1003, reason: 'x' }));
  });
});

describe('nominations', () => {
  it("'POST /api/v1/award-rounds/:id/nominations': a head nominates in their units only; staff not at all", async () => {
    await expectRefused(await head.post(`/api/v1/award-rounds/${roundId}/nominations`, { staffId: ids.H1009, reason: '外科' }));
    await expectRefused(await staff.post(`/api/v1/award-rounds/${roundId}/nominations`, { staffId: ids.H1004, reason: '同事' }));
  });

  it("'GET /api/v1/award-rounds/:id/nominations' and 'GET /api/v1/award-rounds/:id/nominations/:nominationId': reasons only for the office and heads in scope", async () => {
    const seen = (await head.get(`/api/v1/award-rounds/${roundId}/nominations`)).json();
    expect(seen.find((n: { id: string }) => n.id === ownNomination).reasons).toEqual([]);
    expect(seen.find((n: { id: string }) => n.id === otherNomination).reasons).toBeUndefined();
    expect((await staff.get(`/api/v1/award-rounds/${roundId}/nominations`)).json()[0].reasons).toBeUndefined();
    await expectRefused(await head.get(`/api/v1/award-rounds/${roundId}/nominations/${otherNomination}`));
    await expectRefused(await staff.get(`/api/v1/award-rounds/${roundId}/nominations/${ownNomination}`));
    expect((await head.get(`/api/v1/award-rounds/${roundId}/nominations/${ownNomination}`)).statusCode).toBe(200);
  });

  it("'DELETE /api/v1/award-rounds/:id/nominations/:nominationId': not another unit's nominee, not by staff", async () => {
    await expectRefused(await head.delete(`/api/v1/award-rounds/${roundId}/nominations/${otherNomination}`));
    await expectRefused(await staff.delete(`/api/v1/award-rounds/${roundId}/nominations/${ownNomination}`));
    expect((await quality.get(`/api/v1/award-rounds/${roundId}`)).json().counts.nominations).toBe(2);
  });
});

describe('objections, ballots, score sheets, results, honours', () => {
  it("'GET /api/v1/award-rounds/:id/objections' and 'POST /api/v1/award-rounds/:id/objections/:objectionId/decide' are the office's", async () => {
    for (const s of [staff, head]) {
      await expectRefused(await s.get(`/api/v1/award-rounds/${roundId}/objections`));
      await expectRefused(await s.post(`/api/v1/award-rounds/${roundId}/objections/01900000-0000-7000-8000-000000000000/decide`, { founded: true, reason: '属实' }));
    }
  });

  it("'POST /api/v1/award-rounds/:id/ballots' and 'GET /api/v1/award-rounds/:id/my-ballot': only the type's voters vote; anyone may ask whether they voted", async () => {
    const res = await staff.post(`/api/v1/award-rounds/${roundId}/ballots`, { choices: [ownNomination] });
    expect([403, 409]).toContain(res.statusCode);
    expect(['not_a_voter', 'round_state']).toContain(res.json().error.code);
    expect((await staff.get(`/api/v1/award-rounds/${roundId}/my-ballot`)).json()).toMatchObject({ voter: false, voted: false });
  });

  it("'PUT /api/v1/award-rounds/:id/score-sheets/:nominationId' is the office's; 'GET /api/v1/award-rounds/:id/results' shows nothing before the close", async () => {
    for (const s of [staff, head]) await expectRefused(await s.put(`/api/v1/award-rounds/${roundId}/score-sheets/${ownNomination}`, { items: [] }));
    const res = await head.get(`/api/v1/award-rounds/${roundId}/results`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('results_not_ready');
  });

  it("'GET /api/v1/honours': staff read their own; a head their units' people; the office anyone", async () => {
    expect((await staff.get('/api/v1/honours')).statusCode).toBe(200);
    await expectRefused(await staff.get(`/api/v1/honours?staffId=${ids.H1007}`));
    await expectRefused(await staff.get(`/api/v1/honours?unitId=${ids['H-OPD']}`));
    await expectRefused(await head.get(`/api/v1/honours?staffId=${ids.H1007}`));
    await expectRefused(await head.get(`/api/v1/honours?unitId=${ids['H-IM']}`));
    expect((await head.get(`/api/v1/honours?staffId=${ids.H1003}`)).statusCode).toBe(200);
    expect((await quality.get(`/api/v1/honours?staffId=${ids.H1007}`)).statusCode).toBe(200);
  });
});
