/**
 * The incident file (差错事故档案, issue 15 item 1; RULES §5) over HTTP, on SQLite and PostgreSQL:
 * every kind's details validated and named in a 400 that stores nothing, reported → verified |
 * unfounded by the office only, 409 on a stale version, scope (a unit head records for their own
 * units only, staff read their own file), the feeds (unit-level findings in the unit's file, once
 * per source), the audit trail, and the facts the sanctions module reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { listIncidentFacts } from '../../src/modules/incidents/service.js';
import { seedDemoIncidents } from '../../src/demo/incidents.js';

const clock = fakeClock(Date.parse('2026-11-02T12:00:00+08:00'));
let t: TestApp;
let admin: Session;
let office: Session;
let head: Session;
let staffUser: Session;
let inspector: Session;
let supervisor: Session;
let orgId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hosp-admin');
  office = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  staffUser = await t.login('hosp-staff');
  inspector = await t.login('hosp-inspector');
  supervisor = await t.login('hosp-supervisor');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  orgId = (await t.ctx.db.kysely.selectFrom('organisations').select('id').where('code', '=', 'demo-hospital').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t?.close());

const base = () => ({ staffId: ids.H1003, occurredAt: '2026-10-28', summary: '当事人经调查核实' });

/** One valid body of each kind (the seeds' wording in the summaries). */
const valid = (): Record<string, Record<string, unknown>> => ({
  verified_complaint: { ...base(), kind: 'verified_complaint', details: { verdict: 'substantiated', trackingNo: 'TS202610280001' } },
  concealed_error: { ...base(), kind: 'concealed_error', summary: '发生一般差错隐瞒不报', details: { discoveredOn: '2026-10-30' } },
  accident: { ...base(), kind: 'accident', summary: '等级医疗事故', details: { graded: true, grade: 3, liability: true } },
  dispute: { ...base(), kind: 'dispute', amountFen: 250_000, details: { party: 'patient', reputationDamage: true } },
  damage: { ...base(), kind: 'damage', amountFen: 35_000, details: { property: '输液泵' } },
  red_envelope: { ...base(), kind: 'red_envelope', amountFen: 200_000, details: { form: 'red_envelope', returned: true, returnedOn: '2026-10-29', dueBy: '2026-10-31' } },
  exposure: { ...base(), kind: 'exposure', details: { level: 'city', channel: 'media', outlet: '市电视台' } },
  major_complaint: { ...base(), kind: 'major_complaint', details: {} },
  eight_prohibitions: { ...base(), kind: 'eight_prohibitions', details: { item: 3 } },
  finding: { unitId: ids['H-OPD-REG'], occurredAt: '2026-10-28T09:30:00+08:00', summary: '窗口台面杂乱', kind: 'finding', details: { item: 'desk' } },
  veto: { ...base(), kind: 'veto', details: {} },
  one_time_notice_violation: { ...base(), kind: 'one_time_notice_violation', details: {} },
});

async function countIncidents(): Promise<number> {
  return (await admin.get('/api/v1/incidents?pageSize=1')).json().total;
}

describe('recording each kind (RULES §5; kinds of 001:L205–213, L447–455; 003:L435; 004:L122–124)', () => {
  it('every kind with its details is recorded as reported, with its amount, unit and source-less origin', async () => {
    const kinds = (await office.get('/api/v1/incident-kinds')).json().items.map((k: { code: string }) => k.code);
    expect(kinds).toEqual(expect.arrayContaining(['verified_complaint', 'concealed_error', 'accident', 'dispute', 'damage', 'red_envelope', 'exposure', 'major_complaint', 'eight_prohibitions', 'finding', 'veto']));
    for (const [kind, body] of Object.entries(valid())) {
      const res = await office.post('/api/v1/incidents', body);
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(201);
      const view = res.json();
      expect(view).toMatchObject({ kind, state: 'reported', version: 1, sourceType: null, sourceId: null, decision: null, amountFen: body.amountFen ?? null, summary: body.summary });
      expect(view.details).toMatchObject(body.details as object);
      if (body.staffId) expect(view).toMatchObject({ staffId: ids.H1003, staff: { name: '张丽' }, unitId: ids['H-OPD-REG'] });
      else expect(view).toMatchObject({ staffId: null, unit: { id: ids['H-OPD-REG'], name: '挂号收费窗口' } });
    }
    const accident = (await office.get(`/api/v1/incidents?kind=accident`)).json().items[0];
    // A civil date is local midnight in the organisation's offset (UTC+8): shown back as that date.
    expect(accident).toMatchObject({ occurredOn: '2026-10-28', occurredAt: '2026-10-27T16:00:00.000Z', kindLabel: { zh: '医疗事故 / 责任事故' } });
  });

  const bad: [string, (b: Record<string, Record<string, unknown>>) => Record<string, unknown>, string][] = [
    ['an unknown kind', (b) => ({ ...b.concealed_error, kind: 'mystery' }), 'body.kind'],
    ['a graded accident without its grade (001:L447 等级医疗事故)', (b) => ({ ...b.accident, details: { graded: true } }), 'body.details.grade'],
    ['an ungraded accident with a grade', (b) => ({ ...b.accident, details: { graded: false, grade: 2 } }), 'body.details.grade'],
    ['an accident grade outside 1–4', (b) => ({ ...b.accident, details: { graded: true, grade: 5 } }), 'body.details.grade'],
    ['an accident with an amount (the kind records none)', (b) => ({ ...b.accident, amountFen: 100 }), 'body.amountFen'],
    ['a dispute with a third kind of party', (b) => ({ ...b.dispute, details: { party: 'vendor', reputationDamage: false } }), 'body.details.party'],
    ['a dispute with a negative loss', (b) => ({ ...b.dispute, amountFen: -1 }), 'body.amountFen'],
    ['a damage without its amount', (b) => ({ ...b.damage, amountFen: undefined }), 'body.amountFen'],
    ['a damage in fractions of a fen', (b) => ({ ...b.damage, amountFen: 12.5 }), 'body.amountFen'],
    ['a damage without the property', (b) => ({ ...b.damage, details: {} }), 'body.details.property'],
    ['a red envelope returned without the date', (b) => ({ ...b.red_envelope, details: { form: 'kickback', returned: true } }), 'body.details.returnedOn'],
    ['a red envelope not returned with a return date', (b) => ({ ...b.red_envelope, details: { form: 'kickback', returned: false, returnedOn: '2026-10-29' } }), 'body.details.returnedOn'],
    ['a red envelope without its sum', (b) => ({ ...b.red_envelope, amountFen: undefined }), 'body.amountFen'],
    ['an exposure at township level (003:L435: county, city, province, national)', (b) => ({ ...b.exposure, details: { level: 'township', channel: 'media', outlet: '镇广播' } }), 'body.details.level'],
    ['an exposure without the outlet', (b) => ({ ...b.exposure, details: { level: 'county', channel: 'supervision' } }), 'body.details.outlet'],
    ['the ninth of the eight prohibitions (004:L122–124)', (b) => ({ ...b.eight_prohibitions, details: { item: 9 } }), 'body.details.item'],
    ['an unknown detail', (b) => ({ ...b.major_complaint, details: { severity: 'high' } }), 'body.details.severity'],
    ['an impossible date', (b) => ({ ...b.concealed_error, occurredAt: '2026-02-30' }), 'body.occurredAt'],
    ['a date in the future', (b) => ({ ...b.concealed_error, occurredAt: '2026-12-01' }), 'body.occurredAt'],
    ['no person and no unit', (b) => ({ ...b.concealed_error, staffId: undefined }), 'body.staffId'],
    ['a person who does not exist', (b) => ({ ...b.concealed_error, staffId: '01900000-0000-7000-8000-000000000000' }), 'body.staffId'],
    ['a unit that does not exist', (b) => ({ ...b.finding, unitId: '01900000-0000-7000-8000-000000000000' }), 'body.unitId'],
    ['an empty summary', (b) => ({ ...b.concealed_error, summary: '  ' }), 'body.summary'],
  ];
  for (const [what, make, field] of bad) {
    it(`400 naming ${field}: ${what}; nothing stored`, async () => {
      const before = await countIncidents();
      const res = await office.post('/api/v1/incidents', make(valid()));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
      expect(await countIncidents()).toBe(before);
    });
  }
});

describe('verification: reported → verified | unfounded, by the office only', () => {
  it('the office verifies with the version read; a second decision is 409, a stale version 409, and both are audited', async () => {
    const created = (await head.post('/api/v1/incidents', valid().damage)).json();
    expect(created).toMatchObject({ state: 'reported', reportedBy: { name: 'hosp-unit-head' } });
    // Only the office decides: the unit head who reported it may not.
    expect((await head.post(`/api/v1/incidents/${created.id}/verify`, { version: 1 })).statusCode).toBe(403);
    expect((await staffUser.post(`/api/v1/incidents/${created.id}/reject`, { version: 1, reason: '不属实' })).statusCode).toBe(403);
    const stale = await office.post(`/api/v1/incidents/${created.id}/verify`, { version: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', details: { current: 1 } });
    const verified = await office.post(`/api/v1/incidents/${created.id}/verify`, { version: 1, note: '现场核实，输液泵损坏' });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ state: 'verified', version: 2, decision: { name: 'hosp-quality-office', note: '现场核实，输液泵损坏', at: '2026-11-02T04:00:00.000Z' } });
    // Decided: neither verified again nor rejected.
    expect((await office.post(`/api/v1/incidents/${created.id}/reject`, { version: 2, reason: '改判' })).json().error.code).toBe('invalid_transition');
    expect((await office.post(`/api/v1/incidents/${created.id}/verify`, { version: 1 })).statusCode).toBe(409);
    const audit = (await admin.get(`/api/v1/audit?entity=incident&entityId=${created.id}`)).json().items;
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'verify']);
    const verify = audit.find((e: { action: string }) => e.action === 'verify');
    expect(verify.before).toMatchObject({ state: 'reported', amountFen: 35_000 });
    expect(verify.after).toMatchObject({ state: 'verified', note: '现场核实，输液泵损坏' });
  });

  it('unfounded needs the reason and keeps it', async () => {
    const created = (await office.post('/api/v1/incidents', valid().exposure)).json();
    const noReason = await office.post(`/api/v1/incidents/${created.id}/reject`, { version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.reason');
    const rejected = await office.post(`/api/v1/incidents/${created.id}/reject`, { version: 1, reason: '报道对象为他院，不属实' });
    expect(rejected.json()).toMatchObject({ state: 'unfounded', decision: { note: '报道对象为他院，不属实' } });
    expect((await office.get(`/api/v1/incidents?state=unfounded&kind=exposure`)).json().items.map((i: { id: string }) => i.id)).toContain(created.id);
  });

  it('an incident of another organisation does not exist for the office', async () => {
    const hall = await t.login('hall-quality-office');
    const created = (await office.post('/api/v1/incidents', valid().major_complaint)).json();
    expect((await hall.get(`/api/v1/incidents/${created.id}`)).statusCode).toBe(404);
    expect((await hall.post(`/api/v1/incidents/${created.id}/verify`, { version: 1 })).statusCode).toBe(404);
  });
});

describe('scope', () => {
  it('a unit head records for people and units in their subtree only (门诊部, not 内科)', async () => {
    const own = await head.post('/api/v1/incidents', { ...valid().concealed_error, staffId: ids.H1004 });
    expect(own.statusCode, own.body).toBe(201);
    const before = await countIncidents();
    const otherPerson = await head.post('/api/v1/incidents', { ...valid().concealed_error, staffId: ids.H1007 });
    expect(otherPerson.statusCode).toBe(403);
    expect(otherPerson.json().error.code).toBe('out_of_scope');
    const otherUnit = await head.post('/api/v1/incidents', { ...valid().finding, unitId: ids['H-IM'] });
    expect(otherUnit.statusCode).toBe(403);
    // Their own person filed under another's unit is refused too.
    expect((await head.post('/api/v1/incidents', { ...valid().concealed_error, unitId: ids['H-SUR'] })).statusCode).toBe(403);
    expect(await countIncidents()).toBe(before);
    for (const s of [staffUser, inspector, supervisor]) expect((await s.post('/api/v1/incidents', valid().concealed_error)).statusCode, s.username).toBe(403);
  });

  it('a unit head lists and reads their subtree only', async () => {
    const im = (await office.post('/api/v1/incidents', { ...valid().concealed_error, staffId: ids.H1007 })).json();
    const mine = (await head.get('/api/v1/incidents?pageSize=500')).json().items as { id: string; unitId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((i) => i.id)).not.toContain(im.id);
    expect((await head.get(`/api/v1/incidents/${im.id}`)).statusCode).toBe(403);
    expect((await head.get(`/api/v1/incidents?unitId=${ids['H-IM']}`)).statusCode).toBe(403);
    expect((await head.get(`/api/v1/incidents?staffId=${ids.H1007}`)).statusCode).toBe(403);
    expect((await head.get(`/api/v1/units/${ids['H-IM']}/incidents`)).statusCode).toBe(403);
    expect((await office.get(`/api/v1/units/${ids['H-IM']}/incidents`)).json().items.map((i: { id: string }) => i.id)).toContain(im.id);
  });

  it('staff see only their own file, on every route', async () => {
    const other = (await office.post('/api/v1/incidents', { ...valid().concealed_error, staffId: ids.H1004 })).json();
    const own = (await office.post('/api/v1/incidents', valid().concealed_error)).json();
    const list = (await staffUser.get('/api/v1/incidents?pageSize=500')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i: { staffId: string }) => i.staffId === ids.H1003)).toBe(true);
    expect(list.items.map((i: { id: string }) => i.id)).toContain(own.id);
    expect((await staffUser.get(`/api/v1/incidents/${own.id}`)).statusCode).toBe(200);
    expect((await staffUser.get(`/api/v1/incidents/${other.id}`)).statusCode).toBe(403);
    expect((await staffUser.get(`/api/v1/incidents?staffId=${ids.H1004}`)).statusCode).toBe(403);
    expect((await staffUser.get(`/api/v1/staff/${ids.H1004}/incidents`)).statusCode).toBe(403);
    expect((await staffUser.get(`/api/v1/units/${ids['H-OPD-REG']}/incidents`)).statusCode).toBe(403);
    const file = (await staffUser.get(`/api/v1/staff/${ids.H1003}/incidents`)).json();
    expect(file.staff.name).toBe('张丽');
    expect(file.items.map((i: { id: string }) => i.id)).toContain(own.id);
    expect((await supervisor.get('/api/v1/incidents')).statusCode).toBe(403);
  });
});

describe('lists', () => {
  it('filter by kind, state and local dates; page like every list', async () => {
    clock.set(Date.parse('2026-11-03T12:00:00+08:00'));
    const early = (await office.post('/api/v1/incidents', { ...valid().eight_prohibitions, occurredAt: '2026-10-01T23:30:00+08:00' })).json();
    const page = (await office.get('/api/v1/incidents?kind=eight_prohibitions&from=2026-10-01&to=2026-10-01')).json();
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(page.items[0].id).toBe(early.id);
    expect((await office.get('/api/v1/incidents?kind=eight_prohibitions&from=2026-10-02&to=2026-10-31')).json().items.map((i: { id: string }) => i.id)).not.toContain(early.id);
    const bad = await office.get('/api/v1/incidents?from=2026-10-05&to=2026-10-01');
    expect(bad.statusCode).toBe(400);
    expect((await office.get('/api/v1/incidents?state=pending')).json().error.details[0].path).toBe('querystring.state');
    const two = (await office.get('/api/v1/incidents?pageSize=2&page=2')).json();
    expect(two.items).toHaveLength(2);
    expect(two.total).toBeGreaterThan(4);
  });
});

describe('feeds: inspections and complaints enter as verified, once per source', () => {
  it('a finding without a person goes to the unit\'s file; storing the same inspection again adds nothing', async () => {
    const body = { templateCode: 'window-norm', unitId: ids['H-OPD-PHA'], kind: 'unannounced', performedAt: '2026-11-03T10:00:00+08:00', idempotencyKey: 'incident-feed-1', results: [{ item: 'badge', cases: 1, note: '一人未佩戴工牌' }] };
    const first = await inspector.post('/api/v1/inspections', body);
    expect(first.statusCode, first.body).toBe(201);
    const unitFile = async () => (await office.get(`/api/v1/units/${ids['H-OPD-PHA']}/incidents?unitOnly=true`)).json();
    const file = await unitFile();
    expect(file.unit.name).toBe('门诊药房窗口');
    expect(file.items).toHaveLength(1);
    expect(file.items[0]).toMatchObject({ kind: 'finding', state: 'verified', staffId: null, unitId: ids['H-OPD-PHA'], sourceType: 'inspection', sourceId: `${first.json().id}:badge`, decision: { name: 'hosp-inspector' } });
    expect(file.items[0].details).toMatchObject({ inspectionId: first.json().id, item: 'badge', halfHearted: false });
    expect((await inspector.post('/api/v1/inspections', body)).statusCode).toBe(200);
    expect((await unitFile()).items).toHaveLength(1);
  });

  it('a verified complaint enters as verified_complaint; facts for sanctions list verified incidents only, in id order, by kind, with keyset paging', async () => {
    const c = (await office.post('/api/v1/complaints', { channel: 'window', content: '药房窗口发药时态度生硬', unitId: ids['H-OPD-PHA'], staffId: ids.H1005, complainant: { name: '王女士', phone: '13800000002' } })).json();
    const act = async (action: string, body: Record<string, unknown>) => {
      const version = (await admin.get(`/api/v1/cases/${c.id}`)).json().version;
      const res = await office.post(`/api/v1/complaints/${c.id}/${action}`, { version, ...body });
      expect(res.statusCode, res.body).toBe(200);
    };
    await act('assign', { assigneeId: (await admin.get('/api/v1/users?pageSize=100')).json().items.find((u: { username: string }) => u.username === 'hosp-unit-head').id });
    await act('verify', { verdict: 'substantiated', findings: '经调取录像核实属实。' });
    const file = (await office.get(`/api/v1/staff/${ids.H1005}/incidents`)).json();
    expect(file.items).toHaveLength(1);
    expect(file.items[0]).toMatchObject({ kind: 'verified_complaint', state: 'verified', sourceType: 'complaint', sourceId: c.id, verdict: 'substantiated', details: { verdict: 'substantiated', trackingNo: c.trackingNo } });

    const facts = await listIncidentFacts(t.ctx, { orgId, limit: 5000 });
    expect(facts.length).toBeGreaterThan(2);
    expect(facts.find((f) => f.sourceId === c.id)).toMatchObject({ kind: 'verified_complaint', staffId: ids.H1005, unitId: ids['H-OPD-PHA'] });
    expect(facts.every((f) => typeof f.verifiedAt === 'number' && typeof f.occurredAt === 'number')).toBe(true);
    expect([...facts.map((f) => f.id)].sort()).toEqual(facts.map((f) => f.id));
    const states = await t.ctx.db.kysely.selectFrom('incidents').select(['id', 'state']).where('org_id', '=', orgId).execute();
    const verified = new Set(states.filter((s) => s.state === 'verified').map((s) => s.id));
    expect(new Set(facts.map((f) => f.id))).toEqual(verified);
    const damage = facts.find((f) => f.kind === 'damage');
    expect(damage).toMatchObject({ amountFen: 35_000, details: { property: '输液泵' }, staffId: ids.H1003, sourceType: null });
    const findings = await listIncidentFacts(t.ctx, { orgId, kinds: ['finding'] });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.kind === 'finding')).toBe(true);
    const firstTwo = await listIncidentFacts(t.ctx, { orgId, limit: 2 });
    const next = await listIncidentFacts(t.ctx, { orgId, limit: 2, afterId: firstTwo[1].id });
    expect([...firstTwo, ...next].map((f) => f.id)).toEqual(facts.slice(0, 4).map((f) => f.id));
    expect(await listIncidentFacts(t.ctx, { orgId, verifiedFrom: Date.parse('2030-01-01') })).toEqual([]);
    expect(await listIncidentFacts(t.ctx, { orgId, kinds: [] })).toEqual([]);
  });
});

describe('demo', () => {
  it('each demo organisation gets a handful of incidents of several kinds through the service, once', async () => {
    const fresh = await createTestApp({ clock });
    try {
      expect(await seedDemoIncidents(fresh.ctx, 'demo-hospital', clock.now())).toBe(6);
      expect(await seedDemoIncidents(fresh.ctx, 'demo-hall', clock.now())).toBe(4);
      expect(await seedDemoIncidents(fresh.ctx, 'demo-hall', clock.now())).toBe(0);
      const hall = (await (await fresh.login('hall-quality-office')).get('/api/v1/incidents?pageSize=100')).json().items as { kind: string; state: string; amountFen: number | null; staffId: string | null }[];
      expect(hall.map((i) => i.kind).sort()).toEqual(['damage', 'dispute', 'exposure', 'major_complaint']);
      expect(hall.filter((i) => i.state === 'verified')).toHaveLength(3);
      expect(hall.find((i) => i.kind === 'damage')?.amountFen).toBe(45_000);
      expect(hall.find((i) => i.kind === 'exposure')?.staffId).toBeNull();
      const hospital = (await (await fresh.login('hosp-quality-office')).get('/api/v1/incidents?pageSize=100')).json().items as { kind: string; state: string; details: Record<string, unknown> }[];
      expect(new Set(hospital.map((i) => i.state))).toEqual(new Set(['verified', 'unfounded', 'reported']));
      expect(hospital.find((i) => i.kind === 'red_envelope')?.details).toMatchObject({ returned: true, returnedOn: '2026-10-23', dueBy: '2026-10-25' });
    } finally {
      await fresh.close();
    }
  });
});
