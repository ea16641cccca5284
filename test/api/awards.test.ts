/**
 * Award selection (评选, issue 16; RULES §6) over HTTP, on SQLite and PostgreSQL: quotas (a
 * department of 30 nominates 3 文明服务标兵, 001:L311), eligibility from the incident file with
 * the reasons (001:L203–215, L445–455), publicity with objections (001:L315), secret ballots by
 * the middle cadres, score sheets with item maxima (001:L261–299), results with ties, and the
 * announcement with ledger rewards (001:L195) and automatic honours (001:L197–201).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

const start = Date.parse('2026-11-02T12:00:00+08:00');
const clock = fakeClock(start);
let t: TestApp;
let office: Session;
let head: Session;
let staffUser: Session;
let admin: Session;
const ids: Record<string, string> = {};
const bigDept: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hosp-admin');
  office = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  staffUser = await t.login('hosp-staff');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  const dept = await admin.post('/api/v1/units', { code: 'H-PED', name: '儿科', kind: 'department', parentId: ids.H });
  expect(dept.statusCode, dept.body).toBe(201);
  ids['H-PED'] = dept.json().id;
  for (let i = 1; i <= 30; i++) {
    const s = await admin.post('/api/v1/staff', { badgeNo: `P${String(i).padStart(3, '0')}`, name: `儿科职工${i}`, unitIds: [ids['H-PED']], category: i <= 10 ? '医生' : '护理', partyBranch: '内儿党支部' });
    expect(s.statusCode, s.body).toBe(201);
    bigDept.push(s.json().id);
  }
}, 120_000);
afterAll(async () => t?.close());

async function incident(body: Record<string, unknown>, verdict: 'verify' | 'reject') {
  const created = await office.post('/api/v1/incidents', { occurredAt: '2026-10-28', summary: '经调查核实', ...body });
  expect(created.statusCode, created.body).toBe(201);
  const { id, version } = created.json();
  const res = await office.post(`/api/v1/incidents/${id}/${verdict}`, verdict === 'verify' ? { version } : { version, reason: '调查不属实' });
  expect(res.statusCode, res.body).toBe(200);
}

async function round(awardType: string, period: string) {
  const res = await office.post('/api/v1/award-rounds', { awardType, period });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function nominate(roundId: string, body: Record<string, unknown>, who = office) {
  return who.post(`/api/v1/award-rounds/${roundId}/nominations`, { reason: '服务热情，群众好评', ...body });
}

async function step(roundId: string, action: string, body: Record<string, unknown> = {}) {
  const version = (await office.get(`/api/v1/award-rounds/${roundId}`)).json().version;
  const res = await office.post(`/api/v1/award-rounds/${roundId}/${action}`, { version, ...body });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

describe('award types (pack data)', () => {
  it('lists the pack\'s types with quota in words, seats, score sheet, profile, reward and citation', async () => {
    const res = await staffUser.get('/api/v1/award-types');
    expect(res.statusCode).toBe(200);
    const types = Object.fromEntries(res.json().map((x: { code: string }) => [x.code, x]));
    expect(types['taixing.window']).toMatchObject({ subject: 'unit', cadence: 'quarterly', method: 'leadership', profile: 'taixing', rewardFen: 100_000, seats: { max: 3 }, redFlag: true });
    expect(types['taixing.star']).toMatchObject({ subject: 'person', rewardFen: 50_000, seats: { max: 10 } });
    expect(types['huizhou.star']).toMatchObject({ profile: 'huizhou', rewardFen: 20_000 });
    expect(types['taixing.civility_star'].quota).toMatchObject({ kind: 'fraction', per: 'unit', numerator: 1, denominator: 10, citation: '001:L311' });
    expect(types['taixing.civility_star'].quota.text.zh).toContain('1/10');
    expect(types['taixing.civility_star'].scoreSheet).toHaveLength(10);
    expect(types['five_star_doctor'].profile).toBeNull();
  });
});

describe('nomination quotas (001:L311; RULES §6 decision: half up, minimum 1)', () => {
  it('a department of 30 may nominate 3 文明服务标兵; a 4th is refused with 409 quota_exceeded and not stored', async () => {
    const r = await round('taixing.civility_star', '2026');
    expect(r).toMatchObject({ awardType: 'taixing.civility_star', period: '2026', state: 'nominating', version: 1 });
    for (const s of bigDept.slice(0, 3)) expect((await nominate(r.id, { staffId: s })).statusCode).toBe(201);
    const fourth = await nominate(r.id, { staffId: bigDept[3] });
    expect(fourth.statusCode, fourth.body).toBe(409);
    expect(fourth.json().error).toMatchObject({ code: 'quota_exceeded', details: { limit: 3, used: 3, scope: ids['H-PED'] } });
    const view = (await office.get(`/api/v1/award-rounds/${r.id}`)).json();
    expect(view.quotas).toContainEqual(expect.objectContaining({ scope: ids['H-PED'], per: 'unit', limit: 3, used: 3 }));
    expect(view.counts.nominations).toBe(3);
    // The same person twice, a unit for a person's award, a window clerk nominating: refused.
    expect((await nominate(r.id, { staffId: bigDept[0] })).json().error.code).toBe('already_nominated');
    expect((await nominate(r.id, { unitId: ids['H-PED'] })).statusCode).toBe(400);
    expect((await nominate(r.id, { staffId: ids.H1009 }, staffUser)).statusCode).toBe(403);
    // A department head nominates within their own units only.
    expect((await nominate(r.id, { staffId: ids.H1009 }, head)).statusCode).toBe(403);
    expect((await nominate(r.id, { staffId: ids.H1003 }, head)).statusCode).toBe(201);
    // A window clerk counts in the window's department: 门诊部 has 5 people, 1/10 rounds half up to 1.
    expect((await nominate(r.id, { staffId: ids.H1004 }, head)).json().error).toMatchObject({ code: 'quota_exceeded', details: { scope: ids['H-OPD'], limit: 1, used: 1 } });
    // Withdrawing frees the place.
    const list = (await office.get(`/api/v1/award-rounds/${r.id}/nominations`)).json();
    const first = list.find((n: { staffId: string }) => n.staffId === bigDept[0]);
    const res = await office.delete(`/api/v1/award-rounds/${r.id}/nominations/${first.id}`);
    expect(res.statusCode).toBe(204);
    expect((await nominate(r.id, { staffId: bigDept[3] })).statusCode).toBe(201);
  });

  it('two nominations at once for the last place: one is taken, the other 409 (廉洁行医标兵: one per department, 001:L313)', async () => {
    const r = await round('taixing.integrity_star', '2026');
    const both = await Promise.all([nominate(r.id, { staffId: bigDept[5] }), nominate(r.id, { staffId: bigDept[6] })]);
    expect(both.map((x) => x.statusCode).sort()).toEqual([201, 409]);
    expect((await office.get(`/api/v1/award-rounds/${r.id}`)).json().counts.nominations).toBe(1);
    const rounds = (await staffUser.get('/api/v1/award-rounds?state=nominating&year=2026')).json();
    expect(rounds.map((x: { id: string }) => x.id)).toContain(r.id);
    expect((await staffUser.get('/api/v1/award-rounds?year=2025')).json().map((x: { id: string }) => x.id)).not.toContain(r.id);
  });

  it('a second round of the same type and period is 409; a period that does not fit the cadence is 400; an unknown type 400', async () => {
    expect((await office.post('/api/v1/award-rounds', { awardType: 'taixing.civility_star', period: '2026' })).json().error.code).toBe('award_round_exists');
    expect((await office.post('/api/v1/award-rounds', { awardType: 'taixing.star', period: '2026-11' })).json().error.code).toBe('award_period_invalid');
    expect((await office.post('/api/v1/award-rounds', { awardType: 'no.such', period: '2026' })).json().error.code).toBe('award_type_unknown');
    expect((await head.post('/api/v1/award-rounds', { awardType: 'taixing.star', period: '2026-Q3' })).statusCode).toBe(403);
  });
});

describe('eligibility over the incident file (RULES §6 table)', () => {
  let taixing: string;
  let huizhou: string;
  beforeAll(async () => {
    // P011: a verified complaint; P012: an unfounded one; P013: damage 199 元; P014: damage 200 元; P015: a dispute loss of 1,500 元.
    await incident({ staffId: bigDept[10], kind: 'verified_complaint', details: { verdict: 'substantiated' } }, 'verify');
    await incident({ staffId: bigDept[11], kind: 'verified_complaint', details: { verdict: 'substantiated' } }, 'reject');
    await incident({ staffId: bigDept[12], kind: 'damage', amountFen: 19_900, details: { property: '血压计' } }, 'verify');
    await incident({ staffId: bigDept[13], kind: 'damage', amountFen: 20_000, details: { property: '输液泵' } }, 'verify');
    await incident({ staffId: bigDept[14], kind: 'dispute', amountFen: 150_000, details: { party: 'patient', reputationDamage: false } }, 'verify');
    taixing = (await round('taixing.star', '2026-Q4')).id;
    huizhou = (await round('huizhou.star', '2026-Q4')).id;
    for (const i of [10, 11, 12, 13, 14, 15]) expect((await nominate(taixing, { staffId: bigDept[i] })).statusCode).toBe(201);
    // Huizhou: one per department and category (001:L423): the nurses of 儿科 share one place.
    expect((await nominate(huizhou, { staffId: bigDept[14] })).statusCode).toBe(201);
    expect((await nominate(huizhou, { staffId: bigDept[13] })).json().error.code).toBe('quota_exceeded');
  });

  const nominationOf = async (roundId: string, staffId: string) => (await office.get(`/api/v1/award-rounds/${roundId}/nominations`)).json().find((n: { staffId: string }) => n.staffId === staffId);

  it('before the review the reasons are computed on request: a verified complaint disqualifies with the reason, source and citation; an unfounded one does not', async () => {
    const n = await nominationOf(taixing, bigDept[10]);
    const res = await office.get(`/api/v1/award-rounds/${taixing}/nominations/${n.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ eligible: false, evaluatedAt: 'now' });
    expect(res.json().reasons).toEqual([expect.objectContaining({ code: 'taixing.verified_complaint', citation: '001:L209', source: expect.objectContaining({ kind: 'incident' }), text: expect.objectContaining({ zh: expect.stringContaining('投诉') }) })]);
    const unfounded = await nominationOf(taixing, bigDept[11]);
    expect((await office.get(`/api/v1/award-rounds/${taixing}/nominations/${unfounded.id}`)).json()).toMatchObject({ eligible: true, reasons: [] });
  });

  it('the review stores eligibility for every nominee: damage 199 元 eligible, 200 元 disqualified; a 1,500 元 dispute loss disqualifies under Taixing (001:L211) but not Huizhou (001:L453)', async () => {
    const reviewed = await step(taixing, 'review');
    expect(reviewed.state).toBe('reviewing');
    const list = (await office.get(`/api/v1/award-rounds/${taixing}/nominations`)).json();
    const state = (i: number) => list.find((n: { staffId: string }) => n.staffId === bigDept[i]);
    expect(state(10)).toMatchObject({ eligible: false, state: 'excluded' });
    expect(state(11)).toMatchObject({ eligible: true, state: 'candidate' });
    expect(state(12)).toMatchObject({ eligible: true, state: 'candidate' });
    expect(state(13)).toMatchObject({ eligible: false, state: 'excluded' });
    expect(state(13).reasons[0]).toMatchObject({ code: 'taixing.damage', citation: '001:L213' });
    expect(state(14)).toMatchObject({ eligible: false, state: 'excluded' });
    expect(state(14).reasons[0]).toMatchObject({ code: 'taixing.dispute' });
    expect(state(15)).toMatchObject({ eligible: true, state: 'candidate' });
    await step(huizhou, 'review');
    const hz = await nominationOf(huizhou, bigDept[14]);
    expect(hz).toMatchObject({ eligible: true, state: 'candidate', reasons: [] });
    expect((await office.get(`/api/v1/award-rounds/${huizhou}/nominations/${hz.id}`)).json()).toMatchObject({ evaluatedAt: 'review', routing: ['护理部'] });
    // Window staff see the list without the reasons (facts of the incident file).
    const seen = (await staffUser.get(`/api/v1/award-rounds/${taixing}/nominations`)).json();
    expect(seen[0].reasons).toBeUndefined();
    expect((await staffUser.get(`/api/v1/award-rounds/${taixing}/nominations/${hz.id}`)).statusCode).toBe(403);
  });

  it('a stale version is 409 and nothing moves', async () => {
    const res = await office.post(`/api/v1/award-rounds/${taixing}/publish`, { version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('version_conflict');
    expect((await office.get(`/api/v1/award-rounds/${taixing}`)).json().state).toBe('reviewing');
  });

  it('publicity → leadership decision → announcement: 500 元 each into the ledger (001:L195), the award and 考核优秀 as honours (001:L197), on the honour roll', async () => {
    const published = await step(taixing, 'publish');
    expect(published.state).toBe('publicity');
    // 5 working days from Monday 2 November: to the end of Monday 9 November (local time).
    expect(published.publicityEndsAt).toBe(new Date(Date.parse('2026-11-10T00:00:00+08:00')).toISOString());
    expect((await office.post(`/api/v1/award-rounds/${taixing}/open-voting`, { version: published.version })).json().error.code).toBe('publicity_not_over');
    clock.set(Date.parse('2026-11-10T09:00:00+08:00'));
    const opened = await step(taixing, 'open-voting');
    expect(opened.state).toBe('deciding');
    const list = (await office.get(`/api/v1/award-rounds/${taixing}/nominations`)).json();
    const winner = list.find((n: { staffId: string }) => n.staffId === bigDept[11]);
    const excluded = list.find((n: { staffId: string }) => n.staffId === bigDept[10]);
    expect((await office.post(`/api/v1/award-rounds/${taixing}/announce`, { version: opened.version })).json().error.code).toBe('winners_invalid');
    expect((await office.post(`/api/v1/award-rounds/${taixing}/announce`, { version: opened.version, winners: [excluded.id] })).json().error.code).toBe('winners_invalid');
    const announced = await step(taixing, 'announce', { winners: [winner.id] });
    expect(announced).toMatchObject({ state: 'announced', counts: { winners: 1 } });
    const lines = await t.ctx.db.kysely.selectFrom('ledger_entries').selectAll().where('sanction_id', '=', `award:${winner.id}`).execute();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ staff_id: bigDept[11], direction: 'reward', rule_code: 'taixing.model_award', citation: '001:L195' });
    expect(Number(lines[0].amount_fen)).toBe(50_000);
    const honours = (await office.get(`/api/v1/honours?staffId=${bigDept[11]}`)).json();
    expect(honours.map((h: { kind: string; code: string }) => `${h.kind}:${h.code}`).sort()).toEqual(['award:taixing.star', 'honour:taixing.excellent_rating']);
    const roll = await t.app.inject({ method: 'GET', url: '/api/v1/public/honour-roll?orgCode=demo-hospital' });
    expect(roll.statusCode).toBe(200);
    expect(roll.json().winners).toContainEqual(expect.objectContaining({ awardType: 'taixing.star', name: '儿科职工12', unitName: '儿科', period: '2026-Q4' }));
    const cert = await office.get(`/api/v1/award-rounds/${taixing}/results`);
    expect(cert.statusCode).toBe(200);
    expect(cert.json().results).toEqual([expect.objectContaining({ nominationId: winner.id, winner: true })]);
  });
});

describe('publicity, objections, secret ballots, score sheets, results (001:L311–315)', () => {
  let roundId: string;
  let candidates: { id: string; staffId: string }[];
  beforeAll(async () => {
    clock.set(start);
    roundId = (await round('taixing.civility_star', '2025')).id;
    for (const s of [bigDept[20], bigDept[21], bigDept[22], ids.H1009, ids.H1007]) expect((await nominate(roundId, { staffId: s })).statusCode).toBe(201);
    await step(roundId, 'review');
    await step(roundId, 'publish');
    candidates = (await office.get(`/api/v1/award-rounds/${roundId}/nominations`)).json();
  });

  it('the public page shows names and units only; an objection is taken during publicity and, found true, cancels the candidacy', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/public/award-rounds/${roundId}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ state: 'publicity', objectionsOpen: true, organisation: { code: 'demo-hospital' } });
    expect(page.json().candidates).toHaveLength(5);
    expect(Object.keys(page.json().candidates[0]).sort()).toEqual(['name', 'nominationId', 'unitName', 'winner']);
    const objection = await t.app.inject({ method: 'POST', url: `/api/v1/public/award-rounds/${roundId}/objections`, payload: { nominationId: candidates[4].id, text: '该同志曾与患者发生争执', contact: '13800000000' } });
    expect(objection.statusCode, objection.body).toBe(201);
    const second = await t.app.inject({ method: 'POST', url: `/api/v1/public/award-rounds/${roundId}/objections`, payload: { nominationId: candidates[3].id, text: '不实举报' } });
    expect(second.statusCode).toBe(201);
    clock.set(Date.parse('2026-11-10T09:00:00+08:00'));
    const version = (await office.get(`/api/v1/award-rounds/${roundId}`)).json().version;
    expect((await office.post(`/api/v1/award-rounds/${roundId}/open-voting`, { version })).json().error.code).toBe('objections_pending');
    const late = await t.app.inject({ method: 'POST', url: `/api/v1/public/award-rounds/${roundId}/objections`, payload: { nominationId: candidates[0].id, text: '迟到的异议' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('publicity_closed');
    const objections = (await office.get(`/api/v1/award-rounds/${roundId}/objections`)).json();
    expect(objections).toHaveLength(2);
    const founded = await office.post(`/api/v1/award-rounds/${roundId}/objections/${objection.json().id}/decide`, { founded: true, reason: '经核实属实' });
    expect(founded.statusCode, founded.body).toBe(200);
    expect((await office.post(`/api/v1/award-rounds/${roundId}/objections/${objection.json().id}/decide`, { founded: false, reason: '再议' })).json().error.code).toBe('objection_decided');
    expect((await office.post(`/api/v1/award-rounds/${roundId}/objections/${second.json().id}/decide`, { founded: false, reason: '不属实' })).statusCode).toBe(200);
    const list = (await office.get(`/api/v1/award-rounds/${roundId}/nominations`)).json();
    expect(list.find((n: { id: string }) => n.id === candidates[4].id)).toMatchObject({ state: 'cancelled', cancelReason: '经核实属实' });
    expect(list.find((n: { id: string }) => n.id === candidates[3].id)).toMatchObject({ state: 'candidate' });
    expect((await step(roundId, 'open-voting')).state).toBe('voting');
  });

  it('middle cadres vote once each, secretly; others are refused; a bad ballot is 400', async () => {
    const [a, b, c, d] = candidates;
    expect((await staffUser.post(`/api/v1/award-rounds/${roundId}/ballots`, { choices: [a.id] })).json().error.code).toBe('not_a_voter');
    expect((await head.post(`/api/v1/award-rounds/${roundId}/ballots`, { choices: [candidates[4].id] })).json().error.code).toBe('ballot_invalid');
    expect((await head.post(`/api/v1/award-rounds/${roundId}/ballots`, { choices: [a.id, a.id] })).json().error.code).toBe('ballot_invalid');
    expect((await head.get(`/api/v1/award-rounds/${roundId}/my-ballot`)).json()).toMatchObject({ voter: true, voted: false });
    expect((await head.post(`/api/v1/award-rounds/${roundId}/ballots`, { choices: [a.id, b.id] })).statusCode).toBe(201);
    expect((await head.post(`/api/v1/award-rounds/${roundId}/ballots`, { choices: [c.id] })).json().error.code).toBe('ballot_already_cast');
    expect((await office.post(`/api/v1/award-rounds/${roundId}/ballots`, { choices: [b.id, c.id, d.id] })).statusCode).toBe(201);
    expect((await head.get(`/api/v1/award-rounds/${roundId}/my-ballot`)).json()).toMatchObject({ voter: true, voted: true });
    expect((await staffUser.get(`/api/v1/award-rounds/${roundId}/my-ballot`)).json()).toMatchObject({ voter: false, voted: false });
    // Results are not shown while the vote runs.
    expect((await office.get(`/api/v1/award-rounds/${roundId}/results`)).json().error.code).toBe('results_not_ready');
    // The stored choices carry no voter.
    const cols = Object.keys((await t.ctx.db.kysely.selectFrom('award_ballot_choices').selectAll().limit(1).executeTakeFirstOrThrow()) as object).sort();
    expect(cols).toEqual(['id', 'nomination_id', 'round_id']);
  });

  it('score sheets: an entry above its item maximum is 400 naming the item; a valid sheet counts as the tie-break', async () => {
    const [a, b] = candidates;
    const above = await office.put(`/api/v1/award-rounds/${roundId}/score-sheets/${a.id}`, { items: [{ code: 'language', points: 11 }] });
    expect(above.statusCode).toBe(400);
    expect(above.json().error).toMatchObject({ code: 'score_above_max', details: { item: 'language', max: 10 } });
    expect((await office.put(`/api/v1/award-rounds/${roundId}/score-sheets/${a.id}`, { items: [{ code: 'nope', points: 1 }] })).json().error.code).toBe('score_sheet_invalid');
    expect((await head.put(`/api/v1/award-rounds/${roundId}/score-sheets/${a.id}`, { items: [{ code: 'language', points: 1 }] })).statusCode).toBe(403);
    const ok = await office.put(`/api/v1/award-rounds/${roundId}/score-sheets/${b.id}`, { items: [{ code: 'language', points: 10 }, { code: 'ethics', points: 9 }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ total: 19, max: 100 });
  });

  it('closing computes the results with the tie flagged and broken by score; no ballot after close; the announcement names the winners', async () => {
    const [a, b, c, d] = candidates;
    const closed = await step(roundId, 'close');
    expect(closed.state).toBe('closed');
    expect((await t.login('hosp-admin')).username).toBe('hosp-admin');
    const late = await admin.post(`/api/v1/award-rounds/${roundId}/ballots`, { choices: [a.id] });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('round_closed');
    const results = (await office.get(`/api/v1/award-rounds/${roundId}/results`)).json();
    const byId = Object.fromEntries(results.results.map((r: { nominationId: string }) => [r.nominationId, r]));
    expect(byId[b.id]).toMatchObject({ votes: 2, rank: 1, tied: false });
    expect(byId[a.id]).toMatchObject({ votes: 1, rank: 2, tied: true });
    expect(byId[c.id]).toMatchObject({ votes: 1, rank: 2, tied: true });
    expect(byId[d.id]).toMatchObject({ votes: 1, rank: 2, tied: true });
    expect(results.ties).toHaveLength(1);
    expect([...results.ties[0]].sort()).toEqual([a.id, c.id, d.id].sort());
    expect(results).toMatchObject({ ballots: 2, method: 'vote', seats: 10 });
    const announced = await step(roundId, 'announce');
    expect(announced.state).toBe('announced');
    expect(announced.counts.winners).toBe(4);
  });
});
