/**
 * Personal appraisal over HTTP (个人考核, issue 21): one sheet per person per period (002:L216)
 * filled from facts created through the public API, every measured item linked to its records,
 * the total following the template exactly; the head's judged items (德能勤绩) in range; the
 * person's confirmation or objection and the head's feedback; the office's approval with star and
 * pay coefficient (星薪挂钩, 000:L115); a verified complaint found unfounded after approval reopens
 * the sheet with the reason, the new total and star.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { useAppraisalTemplate, windowTemplate } from '../support/appraisal.js';
import { findOrganisationByCode } from '../../src/modules/organisations/service.js';
import { readLatestStars } from '../../src/modules/appraisals/index.js';

const at = (local: string) => Date.parse(`${local}+08:00`);
const clock = fakeClock(at('2026-11-02T09:00:00'));
let t: TestApp;
let orgId = '';
let admin: Session;
let office: Session;
let head: Session;
let inspector: Session;
let person: Session;
const ids: Record<string, string> = {};
const made: Record<string, string> = {};

const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>, status = [200, 201]) => {
  const r = await res;
  expect(status, r.body).toContain(r.statusCode);
  return r.json();
};
const code = (r: { statusCode: number; json: () => { error?: { code: string } } }) => [r.statusCode, r.json().error?.code];
const rate = (ratingCode: string, level: number, i: number) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code: ratingCode, level }, remoteAddress: `127.0.4.${i % 250}` });

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  orgId = (await findOrganisationByCode(t.ctx, 'demo-hospital'))!.id;
  admin = await t.login('hosp-admin');
  office = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  inspector = await t.login('hosp-inspector');
  // hosp-staff is 张丽 (H1003), a cashier (收费员, 窗口) at 门诊收费处; the head's scope is 门诊部.
  person = await t.login('hosp-staff');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  await useAppraisalTemplate(admin, windowTemplate);

  // 好差评 on 10 November: 575 ratings, 552 of them 满意 (96 %), of 625 clients served (92 %).
  clock.set(at('2026-11-10T10:00:00'));
  const ratingCode = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}&staffId=${ids.H1003}`)).json().code;
  for (let i = 0; i < 575; i++) {
    const r = await rate(ratingCode, i < 552 ? 5 : 1, i);
    expect(r.statusCode, r.body).toBe(201);
  }
  await ok(admin.post('/api/v1/served-counts', { counts: [{ unitId: ids['H-OPD-REG'], staffId: ids.H1003, date: '2026-11-10', served: 625 }] }));

  // One complaint against her, verified (属实): an incident of her file.
  clock.set(at('2026-11-12T10:00:00'));
  const c = await ok(office.post('/api/v1/complaints', { channel: 'window', content: '收费时解释不耐心', unitId: ids['H-OPD-REG'], staffId: ids.H1003, complainant: { name: '王女士', phone: '13800000002' } }));
  made.complaint = c.id;
  made.trackingNo = c.trackingNo;
  const users = (await admin.get('/api/v1/users?pageSize=100')).json().items as { username: string; id: string }[];
  for (const [action, body] of [['assign', { assigneeId: users.find((u) => u.username === 'hosp-unit-head')!.id }], ['verify', { verdict: 'substantiated', findings: '经调取录像核实。' }]] as const) {
    const version = (await admin.get(`/api/v1/cases/${c.id}`)).json().version;
    await ok(office.post(`/api/v1/complaints/${c.id}/${action}`, { version, ...body }));
  }
  made.incident = (await admin.get(`/api/v1/incidents?staffId=${ids.H1003}&pageSize=10`)).json().items.find((i: { kind: string }) => i.kind === 'verified_complaint').id;

  // An inspection charged to her: five late windows, 0.1 each — 0.5 points deducted (003:L143, 004:L202).
  clock.set(at('2026-11-14T12:00:00'));
  const inspection = await ok(inspector.post('/api/v1/inspections', { templateCode: 'hospital-scorecard', unitId: ids['H-OPD-REG'], staffId: ids.H1003, kind: 'scheduled', performedAt: '2026-11-14T10:00:00+08:00', results: [{ item: 'service', cases: 5 }] }));
  made.inspection = inspection.id;

  // December: November has ended.
  clock.set(at('2026-12-02T09:00:00'));
}, 240_000);
afterAll(async () => t?.close());

async function sheetOf(badge: string) {
  const list = (await office.get(`/api/v1/appraisals/sheets?periodId=${made.period}&pageSize=100`)).json();
  const s = list.items.find((x: { staff: { id: string } }) => x.staff.id === ids[badge]);
  return (await office.get(`/api/v1/appraisals/sheets/${s.id}`)).json();
}
const item = (sheet: { items: { code: string }[] }, c: string) => sheet.items.find((i) => i.code === c) as any;

describe('a period is filled from the facts', () => {
  it('POST /periods fills one sheet per person of the post (002:L216); the same period twice is 409', async () => {
    expect(code(await office.post('/api/v1/appraisals/periods', { template: 'window_staff', period: '2026-12' }))).toEqual([400, 'validation_failed']); // not ended yet
    expect(code(await office.post('/api/v1/appraisals/periods', { template: 'window_staff', period: '2026-W47' }))).toEqual([400, 'validation_failed']); // a monthly template
    expect(code(await office.post('/api/v1/appraisals/periods', { template: 'nope', period: '2026-11' }))).toEqual([400, 'validation_failed']);
    const p = await ok(office.post('/api/v1/appraisals/periods', { template: 'window_staff', period: '2026-11' }));
    made.period = p.id;
    expect(p).toMatchObject({ template: { code: 'window_staff', version: 1 }, period: { kind: 'monthly', label: '2026-11', from: '2026-11-01', to: '2026-11-30' }, state: 'open' });
    // The hospital's window staff: 张丽, 刘洋 (收费员), 杨帆 (导医) — category 窗口 or a window post.
    const list = (await office.get(`/api/v1/appraisals/sheets?periodId=${p.id}&pageSize=100`)).json();
    expect(p.sheets).toBe(list.total);
    expect(list.items.map((s: { staff: { id: string } }) => s.staff.id)).toContain(ids.H1003);
    expect(new Set(list.items.map((s: { staff: { id: string } }) => s.staff.id)).size).toBe(list.total);
    expect(code(await office.post('/api/v1/appraisals/periods', { template: 'window_staff', period: '2026-11' }))).toEqual([409, 'appraisal_period_exists']);
  });

  it('the window clerk: 96 % satisfaction, 92 % rating rate, one verified complaint, 0.5 deducted — each item linked to its records, the total as the template says', async () => {
    const s = await sheetOf('H1003');
    expect(s.template).toMatchObject({ code: 'window_staff', version: 1 });
    expect(s.state).toBe('filled'); // the judged items wait for the head
    const sat = item(s, 'satisfaction');
    expect(sat).toMatchObject({ source: 'satisfaction', kind: 'measured', value: '96', points: '28.8', max: '30' }); // 30 × 96 ÷ 100
    expect(sat.records).toHaveLength(1);
    expect(sat.records[0]).toMatchObject({ kind: 'ratings', id: `${ids.H1003}|2026-11-01|2026-11-30` });
    expect(sat.records[0].label).toContain('评价 575 次，满意 552 次，服务 625 人次');
    expect(item(s, 'rating_rate')).toMatchObject({ value: '92', points: '10' }); // ≥ 90 % target: full marks
    expect(item(s, 'rating_rate').records[0]).toMatchObject({ kind: 'ratings' });
    const complaints = item(s, 'complaints');
    expect(complaints).toMatchObject({ value: '1', points: '5' }); // 10 − 5 per verified complaint
    expect(complaints.records.map((r: { kind: string; id: string }) => `${r.kind}:${r.id}`)).toEqual([`incident:${made.incident}`]);
    expect(complaints.records[0].label).toContain(made.trackingNo);
    const deducted = item(s, 'inspection');
    expect(deducted).toMatchObject({ value: '0.5', points: '9.5' }); // 10 − 1 × 0.5 (003:L143)
    expect(deducted.records.map((r: { kind: string; id: string }) => `${r.kind}:${r.id}`)).toEqual([`inspection:${made.inspection}`]);
    expect(item(s, 'veto')).toMatchObject({ points: '0', records: [] });
    expect(item(s, 'sanctions')).toMatchObject({ points: '8' }); // the base: nothing final in November
    // Measured: 28.8 + 10 + 5 + 9.5 + 0 + 8 + 5 + 5 = 71.3; the four judged items still empty.
    expect(s.total).toBe('71.3');
    expect(s.complete).toBe(false);
    expect(s.star).toBeNull();
    for (const c of ['de', 'neng', 'qin', 'ji']) expect(item(s, c)).toMatchObject({ kind: 'judged', points: null });
  });
});

describe('the workflow', () => {
  it('the head scores the judged items in range (400 names items.<code>), writes feedback; 409 on a stale version', async () => {
    const s = await sheetOf('H1003');
    made.sheet = s.id;
    const bad = await head.put(`/api/v1/appraisals/sheets/${s.id}/judged`, { version: s.version, items: { qin: '0', veto: '1' } });
    expect(code(bad)).toEqual([400, 'appraisal_judged_out_of_range']);
    expect(bad.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.items.qin', 'body.items.veto']);
    expect((await office.get(`/api/v1/appraisals/sheets/${s.id}`)).json().version).toBe(s.version); // nothing stored
    clock.advance(60_000);
    const scored = await ok(head.put(`/api/v1/appraisals/sheets/${s.id}/judged`, { version: s.version, items: { de: '5', neng: 4, qin: '5', ji: '5' }, feedback: '服务态度需加强，耐心解释收费项目。' }));
    // 71.3 + 5 + 4 + 5 + 5 = 90.3: four stars (85 ≤ 90.3 < 95), pay coefficient 1.1.
    expect(scored).toMatchObject({ state: 'scored', total: '90.3', complete: true, star: { stars: 4, payCoefficient: '1.1' }, feedback: '服务态度需加强，耐心解释收费项目。' });
    expect(code(await head.put(`/api/v1/appraisals/sheets/${s.id}/judged`, { version: s.version, items: { de: '4' } }))).toEqual([409, 'version_conflict']);
    // The office does not score; the person does not score their own sheet.
    expect(code(await office.put(`/api/v1/appraisals/sheets/${s.id}/judged`, { version: scored.version, items: { de: '4' } }))).toEqual([403, 'forbidden']);
    expect(code(await person.put(`/api/v1/appraisals/sheets/${s.id}/judged`, { version: scored.version, items: { de: '4' } }))).toEqual([403, 'forbidden']);
  });

  it('include=items: the head\'s grid reads a unit\'s sheets with their items and feedback in one request; without it the list stays a summary', async () => {
    const plain = (await head.get(`/api/v1/appraisals/sheets?periodId=${made.period}&pageSize=100`)).json();
    const withItems = (await head.get(`/api/v1/appraisals/sheets?periodId=${made.period}&include=items&pageSize=100`)).json();
    expect(plain.items[0].items).toBeUndefined();
    expect(withItems.total).toBe(plain.total);
    expect(withItems.items.map((s: { id: string }) => s.id)).toEqual(plain.items.map((s: { id: string }) => s.id));
    const full = (await head.get(`/api/v1/appraisals/sheets/${made.sheet}`)).json();
    const row = withItems.items.find((s: { id: string }) => s.id === made.sheet);
    expect(row).toMatchObject({ version: full.version, total: full.total, feedback: full.feedback, items: full.items });
    expect(item(row, 'de')).toMatchObject({ kind: 'judged', value: '5' });
    expect(code(await head.get(`/api/v1/appraisals/sheets?periodId=${made.period}&include=notes`))).toEqual([400, 'validation_failed']);
  });

  it('the person sees their sheet and the head\'s feedback (002:L216), objects in words; approving the objected sheet needs feedback', async () => {
    const mine = (await person.get('/api/v1/appraisals/sheets?mine=1')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([made.sheet]);
    const s = (await person.get(`/api/v1/appraisals/sheets/${made.sheet}`)).json();
    expect(s.feedback).toBe('服务态度需加强，耐心解释收费项目。');
    expect(code(await person.post(`/api/v1/appraisals/sheets/${made.sheet}/object`, { version: s.version, text: '' }))).toEqual([400, 'validation_failed']);
    clock.advance(60_000);
    const objected = await ok(person.post(`/api/v1/appraisals/sheets/${made.sheet}/object`, { version: s.version, text: '投诉当天系统故障，排队并非本人原因。' }));
    expect(objected).toMatchObject({ state: 'objected', objection: '投诉当天系统故障，排队并非本人原因。' });
    expect(objected.notes.map((n: { kind: string }) => n.kind)).toEqual(['feedback', 'objection']);
    expect(code(await office.post(`/api/v1/appraisals/sheets/${made.sheet}/approve`, { version: objected.version }))).toEqual([400, 'appraisal_feedback_required']);
    expect(code(await office.post(`/api/v1/appraisals/sheets/${made.sheet}/confirm`, { version: objected.version }))).toEqual([403, 'forbidden']);
    clock.advance(60_000);
    const approved = await ok(office.post(`/api/v1/appraisals/sheets/${made.sheet}/approve`, { version: objected.version, feedback: '已核实系统故障记录，投诉另行复核。' }));
    expect(approved).toMatchObject({ state: 'approved', total: '90.3', star: { stars: 4, payCoefficient: '1.1' } });
    expect(approved.history.map((h: { action: string }) => h.action)).toEqual(['fill', 'score', 'object', 'approve']);
    expect(code(await person.post(`/api/v1/appraisals/sheets/${made.sheet}/confirm`, { version: approved.version }))).toEqual([409, 'invalid_transition']);
    const stars = await readLatestStars(t.ctx.db.kysely, { orgId, staffIds: [ids.H1003, ids.H1004] });
    expect(stars.get(ids.H1003)).toMatchObject({ stars: 4, payCoefficient: '1.1', period: '2026-11', sheetId: made.sheet });
    expect(stars.has(ids.H1004)).toBe(false);
  });

  it('an incomplete sheet is not approved; a complete one is confirmed by the person only', async () => {
    const other = await sheetOf('H1004');
    expect(code(await office.post(`/api/v1/appraisals/sheets/${other.id}/approve`, { version: other.version }))).toEqual([409, 'appraisal_sheet_incomplete']);
    expect(code(await person.post(`/api/v1/appraisals/sheets/${other.id}/confirm`, { version: other.version }))).toEqual([403, 'forbidden']);
  });
});

describe('a fact that changes after approval', () => {
  it('the complaint re-verified as 不属实 on appeal reopens the sheet: the reason, the old and new total and star', async () => {
    clock.advance(60_000);
    const version = (await admin.get(`/api/v1/cases/${made.complaint}`)).json().version;
    await ok(office.post(`/api/v1/complaints/${made.complaint}/verify`, { version, verdict: 'unsubstantiated', findings: '申诉成立：当日系统故障，非本人责任。' }));
    const s = (await person.get(`/api/v1/appraisals/sheets/${made.sheet}`)).json();
    // Back to scored: it needs the office's approval again; the complaint no longer counts (10 − 0).
    expect(s.state).toBe('scored');
    expect(item(s, 'complaints')).toMatchObject({ value: '0', points: '10', records: [] });
    expect(s.total).toBe('95.3');
    expect(s.star).toMatchObject({ stars: 5, payCoefficient: '1.2' });
    const note = s.notes.find((n: { kind: string }) => n.kind === 'fact');
    expect(note.text).toContain(made.trackingNo);
    expect(note.text).toContain('不属实');
    expect(note.details).toMatchObject({ fact: { kind: 'incident', id: made.incident }, before: { state: 'approved', total: '90.3', stars: 4 }, after: { total: '95.3', stars: 5 } });
    expect(s.history.map((h: { action: string }) => h.action).slice(-1)).toEqual(['reopen_fact']);
    // The latest approved star is gone until the office approves again.
    expect((await readLatestStars(t.ctx.db.kysely, { orgId, staffIds: [ids.H1003] })).has(ids.H1003)).toBe(false);
    const again = await ok(office.post(`/api/v1/appraisals/sheets/${made.sheet}/approve`, { version: s.version }));
    expect(again).toMatchObject({ state: 'approved', star: { stars: 5 } });
  });
});

describe('the office\'s summary', () => {
  it('counts by state, the star distribution, sheets not scored and outliers', async () => {
    const p = (await office.get(`/api/v1/appraisals/periods/${made.period}`)).json();
    expect(p.summary.count).toBe(p.sheets);
    expect(p.summary.byState.approved).toBe(1);
    expect(p.summary.distribution).toEqual([{ stars: 5, count: 1 }]);
    expect(p.summary.notScored).toBe(p.sheets - 1);
    expect(p.stars.map((g: { stars: number }) => g.stars)).toEqual([5, 4, 3, 2, 1]);
    expect((await office.get('/api/v1/appraisals/periods')).json().items.map((x: { id: string }) => x.id)).toEqual([made.period]);
  });
});
