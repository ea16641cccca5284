/**
 * Follow-up calls (回访/随访, RULES §2 Follow-up; 003:L605 attending physicians follow up their
 * discharged patients, 003:L109 phone follow-up, 000:L89, 004:L76, L214) over HTTP on the demo
 * hospital: discharges (one and a sheet), the 7-calendar-day due date, call attempts and the
 * three-failures rule, answers and the rectification a negative one opens, the one-time SMS
 * link, a closed complaint's follow-up, the figures, bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { multipartFile } from '../support/multipart.js';
import { systemActor } from '../../src/shared/access.js';
import { findOrganisationByCode } from '../../src/modules/organisations/service.js';
import { createUser } from '../../src/modules/users/service.js';
import { findStaffByBadge } from '../../src/modules/staff/service.js';
import { loadExcel } from '../../src/shared/excel.js';
import { havePdftotext, pdfText } from '../support/pdf.js';

// Thursday 2026-11-05, 10:00 Beijing time.
const start = Date.parse('2026-11-05T10:00:00+08:00');
const clock = fakeClock(start);
let t: TestApp;
let qc: Session;
let doctor: Session;
let head: Session;
let admin: Session;
let doctorId: string;
const units: Record<string, string> = {};

const discharge = (over: Record<string, unknown> = {}) => ({ patientName: '李大爷', phone: '13900001234', unitId: units['H-IM-W1'], physicianBadgeNo: 'H1007', dischargedOn: '2026-11-02', diagnosis: '社区获得性肺炎', ...over });

async function caseCount() {
  const row = await t.ctx.db.kysely.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function attempt(s: Session, id: string, outcome: string) {
  const v = (await s.get(`/api/v1/followups/${id}`)).json().version;
  return s.post(`/api/v1/followups/${id}/attempt`, { outcome, version: v });
}

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  const org = (await findOrganisationByCode(t.ctx, 'demo-hospital'))!;
  // 赵敏 (H1007, 内科主任) is the attending physician and has a login.
  const staff = (await findStaffByBadge(t.ctx, org.id, 'H1007'))!;
  const u = await createUser(t.ctx, systemActor(org.id, 'test'), { username: 'hosp-doctor', password: 'test-password-1', role: 'staff', unitId: (await t.ctx.db.kysely.selectFrom('units').select('id').where('org_id', '=', org.id).where('code', '=', 'H-IM').executeTakeFirstOrThrow()).id, staffId: staff.id });
  doctorId = u.id;
  qc = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  admin = await t.login('hosp-admin');
  doctor = await t.login('hosp-doctor');
  for (const x of (await admin.get('/api/v1/units?pageSize=100')).json().items) units[x.code] = x.id;
});
afterAll(async () => t?.close());

describe('a discharge opens a follow-up (003:L605)', () => {
  it('discharged 2026-11-02: due by the end of 2026-11-09 (7 calendar days, pack), held by the attending physician', async () => {
    const res = await qc.post('/api/v1/discharges', discharge());
    expect(res.statusCode, res.body).toBe(201);
    const f = res.json();
    expect(f.trackingNo).toMatch(/^SF\d{12}$/);
    expect(f).toMatchObject({ type: 'follow_up', source: 'discharge', status: 'pending', patientName: '李大爷', phone: '13900001234', assigneeId: doctorId, dueDate: '2026-11-09', failedAttempts: 0, maxFailedAttempts: 3 });
    expect(f.dueAt).toBe('2026-11-09T23:59:59+08:00');
    expect(f.data.discharge.physician).toMatchObject({ badgeNo: 'H1007', name: '赵敏' });
    expect(f.questions.map((q: { id: string }) => q.id)).toEqual(['recovery', 'satisfaction', 'comment']);
  });

  it('the caller sees their follow-ups of the day, soonest due first; another unit\'s head does not', async () => {
    const later = (await qc.post('/api/v1/discharges', discharge({ patientName: '王阿姨', dischargedOn: '2026-11-04' }))).json();
    const sooner = (await qc.post('/api/v1/discharges', discharge({ patientName: '赵叔叔', dischargedOn: '2026-11-01' }))).json();
    const mine = (await doctor.get('/api/v1/followups?mine=1&date=2026-11-05&state=pending')).json();
    const order = mine.items.map((i: { id: string }) => i.id);
    expect(order.indexOf(sooner.id)).toBeLessThan(order.indexOf(later.id));
    expect(mine.items[0].dueDate <= mine.items[1].dueDate).toBe(true);
    // Discharged tomorrow is not today's work (and cannot be registered: the date is in the future).
    expect((await doctor.get('/api/v1/followups?mine=1&date=2026-11-01')).json().items.map((i: { id: string }) => i.id)).toEqual([sooner.id]);
    // 门诊部's head sees no 内科 follow-up.
    expect((await head.get('/api/v1/followups')).json().items).toEqual([]);
    expect((await head.get(`/api/v1/followups/${later.id}`)).statusCode).toBe(403);
  });
});

describe('call attempts', () => {
  it('three failed attempts (no answer, wrong number, no answer) make it unreachable; a fourth is refused', async () => {
    const f = (await qc.post('/api/v1/discharges', discharge({ patientName: '钱奶奶' }))).json();
    const a1 = await attempt(doctor, f.id, 'no_answer');
    expect(a1.statusCode, a1.body).toBe(200);
    expect(a1.json()).toMatchObject({ status: 'pending', failedAttempts: 1 });
    expect((await attempt(doctor, f.id, 'wrong_number')).json()).toMatchObject({ status: 'pending', failedAttempts: 2 });
    const third = (await attempt(doctor, f.id, 'no_answer')).json();
    expect(third).toMatchObject({ status: 'unreachable', closed: true, failedAttempts: 3 });
    expect(third.clocks[0]).toMatchObject({ clockId: 'discharge', state: 'stopped', badge: 'met' });
    expect(third.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['no_answer', 'wrong_number', 'no_answer']);
    const fourth = await attempt(doctor, f.id, 'reached');
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().error.code).toBe('invalid_transition');
  });

  it('a stale version is a 409 and changes nothing', async () => {
    const f = (await qc.post('/api/v1/discharges', discharge({ patientName: '孙先生' }))).json();
    expect((await doctor.post(`/api/v1/followups/${f.id}/attempt`, { outcome: 'no_answer', version: f.version })).statusCode).toBe(200);
    const stale = await doctor.post(`/api/v1/followups/${f.id}/attempt`, { outcome: 'no_answer', version: f.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect((await doctor.get(`/api/v1/followups/${f.id}`)).json().failedAttempts).toBe(1);
  });

  it('a refusal ends the follow-up; reached after the due date is late', async () => {
    const refused = (await qc.post('/api/v1/discharges', discharge({ patientName: '周女士' }))).json();
    expect((await attempt(doctor, refused.id, 'refused')).json()).toMatchObject({ status: 'refused', closed: true });
    const late = (await qc.post('/api/v1/discharges', discharge({ patientName: '吴先生', dischargedOn: '2026-10-28' }))).json();
    expect(late.dueDate).toBe('2026-11-04');
    const reached = (await attempt(doctor, late.id, 'reached')).json();
    expect(reached.status).toBe('reached');
    expect(reached.dueBadge).toBe('late');
  });

  it('an unknown outcome is a 400 naming the field', async () => {
    const f = (await qc.post('/api/v1/discharges', discharge({ patientName: '郑先生' }))).json();
    const res = await doctor.post(`/api/v1/followups/${f.id}/attempt`, { outcome: 'busy', version: f.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.outcome');
  });
});

describe('answers (RULES §2: a negative answer opens a rectification)', () => {
  it('satisfied: done, no rectification', async () => {
    const f = (await qc.post('/api/v1/discharges', discharge({ patientName: '冯先生' }))).json();
    const r = (await attempt(doctor, f.id, 'reached')).json();
    const res = await doctor.post(`/api/v1/followups/${f.id}/answers`, { recovery: 'improving', satisfaction: 5, comment: '医生很耐心', version: r.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', rectification: null, answers: { recovery: 'improving', satisfaction: 5, via: 'call' } });
  });

  it('不满意 (2): a rectification case is opened for the ward and linked both ways', async () => {
    const f = (await qc.post('/api/v1/discharges', discharge({ patientName: '陈女士' }))).json();
    const r = (await attempt(doctor, f.id, 'reached')).json();
    const done = (await doctor.post(`/api/v1/followups/${f.id}/answers`, { recovery: 'unchanged', satisfaction: 2, comment: '出院指导不清楚', version: r.version })).json();
    expect(done.status).toBe('completed');
    expect(done.rectification.trackingNo).toMatch(/^ZG/);
    const rect = (await qc.get(`/api/v1/cases/${done.rectification.caseId}`)).json();
    expect(rect).toMatchObject({ type: 'rectification', status: 'open', unitId: units['H-IM-W1'], channel: 'follow_up', content: '出院指导不清楚' });
    expect(rect.data).toMatchObject({ source: 'follow_up', followUpId: f.id });
    expect(rect.title).toContain('不满意');
  });

  it('answers before the patient is reached are refused; a level the pack does not have is a 400', async () => {
    const f = (await qc.post('/api/v1/discharges', discharge({ patientName: '褚先生' }))).json();
    const early = await doctor.post(`/api/v1/followups/${f.id}/answers`, { satisfaction: 5, version: f.version });
    expect(early.statusCode).toBe(409);
    const r = (await attempt(doctor, f.id, 'reached')).json();
    const bad = await doctor.post(`/api/v1/followups/${f.id}/answers`, { satisfaction: 9, version: r.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.satisfaction');
  });
});

describe('the questionnaire as a one-time SMS link', () => {
  it('is queued by SMS to the patient, answered once without login, and completes the follow-up', async () => {
    const f = (await qc.post('/api/v1/discharges', discharge({ patientName: '卫女士', phone: '13900005678' }))).json();
    const sent = await doctor.post(`/api/v1/followups/${f.id}/send-link`, { version: f.version });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().status).toBe('link_sent');
    const sms = await t.ctx.db.kysely.selectFrom('notifications').select(['channel', 'address', 'body']).where('case_id', '=', f.id).execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: 'sms', address: '13900005678' });
    const token = /\/f\/([\w.-]+)/.exec(sms[0].body)![1];
    const page = await t.anonymous.get(`/f/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('对本次服务的满意程度');
    const q = await t.anonymous.get(`/api/v1/public/followups/${token}`);
    expect(q.json().questions.map((x: { id: string }) => x.id)).toContain('satisfaction');
    // A made-up secret opens nothing.
    expect((await t.anonymous.get(`/api/v1/public/followups/${f.id}.not-the-secret`)).statusCode).toBe(404);
    const answered = await t.anonymous.post(`/api/v1/public/followups/${token}`, { recovery: 'recovered', satisfaction: 4 });
    expect(answered.statusCode, answered.body).toBe(201);
    const again = await t.anonymous.post(`/api/v1/public/followups/${token}`, { satisfaction: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_answered');
    expect((await t.anonymous.get(`/f/${token}`)).statusCode).toBe(409);
    const after = (await doctor.get(`/api/v1/followups/${f.id}`)).json();
    expect(after).toMatchObject({ status: 'completed', answers: { satisfaction: 4, via: 'link' }, rectification: null });
  });

  it('the HTML form answered 不满意 opens a rectification', async () => {
    const f = (await qc.post('/api/v1/discharges', discharge({ patientName: '蒋先生', phone: '13900009999' }))).json();
    await doctor.post(`/api/v1/followups/${f.id}/send-link`, { version: f.version });
    const sms = await t.ctx.db.kysely.selectFrom('notifications').select('body').where('case_id', '=', f.id).executeTakeFirstOrThrow();
    const token = /\/f\/([\w.-]+)/.exec(sms.body)![1];
    const res = await t.app.inject({ method: 'POST', url: `/f/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'satisfaction=1&comment=%E6%80%81%E5%BA%A6%E5%B7%AE' });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await qc.get(`/api/v1/followups/${f.id}`)).json();
    expect(after.status).toBe('completed');
    expect(after.rectification?.trackingNo).toMatch(/^ZG/);
  });
});

describe('bad input: 400 naming the field, nothing written', () => {
  it.each([
    ['body.phone', { phone: 'not a phone' }],
    ['body.dischargedOn', { dischargedOn: '2026-11-06' }],
    ['body.dischargedOn', { dischargedOn: '2026-02-30' }],
    ['body.physicianBadgeNo', { physicianBadgeNo: 'NOPE' }],
    ['body.patientName', { patientName: '' }],
  ])('%s', async (path, over) => {
    const before = await caseCount();
    const res = await qc.post('/api/v1/discharges', discharge(over));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await caseCount()).toBe(before);
  });
});

describe('discharge sheet import', () => {
  const csv = (lines: string[]) => Buffer.from(`患者姓名,联系电话,科室编码,主治医师工号,出院日期,诊断\n${lines.join('\n')}\n`);

  it('every bad row is reported with its field; nothing is stored', async () => {
    const before = await caseCount();
    const body = csv(['甲,13900000001,H-IM-W1,H1007,2026-11-03,肺炎', '乙,12-ab,H-IM-W1,H1007,2026-11-03,', '丙,13900000003,H-NOPE,H1007,2026-11-03,', '丁,13900000004,H-SUR-W1,X9,2026-13-01,']);
    const form = multipartFile('file', 'discharges.csv', body, 'text/csv');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/discharges/import', headers: { ...qc.headers, ...form.headers }, payload: form.payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code, res.body).toBe('import_failed');
    const errors = res.json().error.details.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(errors).toEqual(['3:phone', '4:unitCode', '5:physicianBadgeNo', '5:dischargedOn']);
    expect(await caseCount()).toBe(before);
  });

  it('a good xlsx stores every row, each with its follow-up; the template downloads', async () => {
    const template = await qc.get('/api/v1/discharges/template.xlsx');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = await loadExcel();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '患者姓名', '联系电话', '科室编码', '主治医师工号', '出院日期', '诊断']);
    ws.spliceRows(2, 1, ['沈先生', '13900000011', 'H-IM-W1', 'H1007', '2026-11-04', '心衰'], ['韩女士', '13900000012', 'H-SUR-W1', '', '2026-11-05', '']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const form = multipartFile('file', 'discharges.xlsx', bytes);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/discharges/import', headers: { ...qc.headers, ...form.headers }, payload: form.payload });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().imported).toBe(2);
    const second = (await qc.get(`/api/v1/followups/${res.json().ids[1]}`)).json();
    expect(second).toMatchObject({ patientName: '韩女士', unitId: units['H-SUR-W1'], assigneeId: null, dueDate: '2026-11-12' });
  });
});

describe('a closed complaint is followed up (000:L99; 004:L214; pack switch)', () => {
  it('closing a hospital complaint with a phone opens a follow-up due in 3 working days', async () => {
    const c = (await qc.post('/api/v1/complaints', { channel: 'phone', content: '病房夜间噪音太大，护士站无人处理。', unitId: units['H-IM-W1'], category: 'environment', complainant: { name: '杨先生', phone: '13800009876' } })).json();
    const act = async (action: string, body: Record<string, unknown> = {}) => {
      const v = (await qc.get(`/api/v1/cases/${c.id}`)).json().version;
      const res = await qc.post(`/api/v1/complaints/${c.id}/${action}`, { version: v, ...body });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await act('assign', { assigneeId: (await qc.get('/api/v1/auth/me')).json().user?.id ?? (await qc.get('/api/v1/auth/me')).json().id });
    await act('verify', { verdict: 'unsubstantiated', findings: '经核实为邻床家属喧哗。' });
    await act('reply', { channel: 'phone', content: '已提醒邻床家属，并加强夜间巡视。' });
    const closed = await act((await qc.get(`/api/v1/cases/${c.id}`)).json().status === 'awaiting_review' ? 'review_close' : 'close');
    expect(closed.status).toBe('closed');
    const list = (await qc.get('/api/v1/followups?pageSize=100')).json().items.filter((i: { source: string }) => i.source === 'complaint');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ patientName: '杨先生', phone: '13800009876', unitId: units['H-IM-W1'], status: 'pending' });
    expect(list[0].data.sourceTrackingNo).toBe(c.trackingNo);
    // Closed Thursday 2026-11-05 10:00 → 3 working days → Tuesday 2026-11-10.
    expect(list[0].dueDate).toBe('2026-11-10');
  });
});

describe('figures (exact rates per unit and month)', () => {
  it('reach rate, on time and satisfaction for November', async () => {
    const res = await qc.get('/api/v1/followups/figures?month=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.inUse).toBe(true);
    const ward = f.units.find((u: { unitId: string }) => u.unitId === units['H-IM-W1']);
    // Ended in November on 内科一病区: unreachable 1; refused 1; reached 1 (吴先生 is October's); completed 冯, 陈, 卫, 蒋, 褚 is reached.
    expect(ward.unreachable).toBe(1);
    expect(ward.reachRate.denominator).toBeGreaterThan(ward.reachRate.numerator);
    expect(ward.reachRate.numerator).toBe(ward.reachRate.denominator - 1);
    // Satisfied: 冯 5, 卫 4; not: 陈 2, 蒋 1.
    expect(ward.satisfaction).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    expect(ward.rectifications).toBe(2);
    expect((await doctor.get('/api/v1/followups/figures?month=2026-11')).statusCode).toBe(403);
  });

  it('exports one row per follow-up as 随访_2026-11.xlsx', async () => {
    const res = await qc.get('/api/v1/exports/followups.xlsx?month=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('随访_2026-11.xlsx');
    const wb = new (await loadExcel()).Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const figures = (await qc.get('/api/v1/followups/figures?month=2026-11')).json();
    expect(ws.rowCount).toBe(figures.total.followUps + 1);
    expect(ws.getRow(1).getCell(1).value).toBe('随访编号');
    const texts = ws.getSheetValues().map((r) => JSON.stringify(r));
    expect(texts.some((r) => r.includes('无法联系') && r.includes('钱奶奶'))).toBe(true);
  });

  it.skipIf(!havePdftotext)('prints a 回访/随访 section in the monthly PDF', async () => {
    const res = await qc.get('/api/v1/reports/monthly.pdf?month=2026-11');
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('回访/随访');
    expect(text).toMatch(/随访满意率 \d+\.\d%（\d+\/\d+）/);
  });
});
