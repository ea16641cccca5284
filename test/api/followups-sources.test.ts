/**
 * Follow-ups over HTTP on the demo hospital, the rest of issue 17: a 差评 with a phone opens a
 * follow-up (RULES §2 Follow-up, §3: the bottom two levels are 差评; due 1 working day, ANCHORS.md
 * 实名差评 callback 100 %), once per rating, linked to the rating and its rectification, and that
 * follow-up is the rectification's callback (one record); the same discharge registered twice
 * opens one follow-up (API 409, sheet rows skipped); home visits (上门随访, 003:L109) as attempts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { multipartFile } from '../support/multipart.js';
import { loadExcel } from '../../src/shared/excel.js';

// Thursday 2026-11-05, 10:00 Beijing time.
const clock = fakeClock(Date.parse('2026-11-05T10:00:00+08:00'));
let t: TestApp;
let qc: Session;
let admin: Session;
let code: string;
const units: Record<string, string> = {};

const rate = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code, ...body }, headers, remoteAddress: `127.0.2.${Math.floor(Math.random() * 200)}` });

type Item = { id: string; source: string; data: Record<string, any> };
const followUps = async () => (await qc.get('/api/v1/followups?pageSize=100')).json().items as Item[];
const ofRating = async (ratingId: string) => (await followUps()).filter((f) => f.data.ratingId === ratingId);

async function act(id: string, action: string, body: Record<string, unknown>) {
  const v = (await qc.get(`/api/v1/followups/${id}`)).json().version;
  const res = await qc.post(`/api/v1/followups/${id}/${action}`, { version: v, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  qc = await t.login('hosp-quality-office');
  admin = await t.login('hosp-admin');
  for (const x of (await admin.get('/api/v1/units?pageSize=100')).json().items) units[x.code] = x.id;
  code = (await admin.get(`/api/v1/rating-codes?unitId=${units['H-OPD-REG']}`)).json().code;
});
afterAll(async () => t?.close());

describe('a 差评 with a phone is followed up (RULES §3: levels 2 and 1 are 差评)', () => {
  it('opens a follow-up due the next working day, linked to the rating and to its rectification', async () => {
    const res = await rate({ level: 2, reasons: ['long_wait'], comment: '排队太久', contactName: '郑女士', contactPhone: '13600000021' });
    expect(res.statusCode, res.body).toBe(201);
    const ratingId = res.json().id;
    const [f] = await ofRating(ratingId);
    const caseId = (f as any).rectification?.caseId;
    expect(f).toMatchObject({ source: 'rating', status: 'pending', patientName: '郑女士', phone: '13600000021', unitId: units['H-OPD-REG'] });
    // Rated Thursday 2026-11-05 → 1 working day (ANCHORS.md) → Friday 2026-11-06.
    expect((f as any).dueDate).toBe('2026-11-06');
    expect((f as any).rectification).toEqual({ caseId: expect.any(String), trackingNo: expect.stringMatching(/^ZG/) });
    const rect = (await qc.get(`/api/v1/cases/${caseId}`)).json();
    expect(rect).toMatchObject({ type: 'rectification', data: { ratingId } });
    expect(rect.data.followUp).toEqual({ caseId: f.id, trackingNo: (f as any).trackingNo });
  });

  it('基本满意 (3) or a 差评 without a phone opens none', async () => {
    const before = (await followUps()).length;
    expect((await rate({ level: 3, contactPhone: '13600000022' })).statusCode).toBe(201);
    expect((await rate({ level: 1, comment: '态度差' })).statusCode).toBe(201);
    expect((await followUps()).length).toBe(before);
  });

  it('a retried rating (same Idempotency-Key) opens one follow-up', async () => {
    const key = { 'idempotency-key': 'followup-retry-0001' };
    const body = { level: 1, contactName: '钱先生', contactPhone: '13600000023' };
    const first = await rate(body, key);
    const second = await rate(body, key);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(await ofRating(first.json().id)).toHaveLength(1);
  });

  it('answering the follow-up records the rectification\'s callback (one callback, not two); a negative answer opens no second rectification', async () => {
    const ratingId = (await rate({ level: 1, contactName: '孙女士', contactPhone: '13600000024' })).json().id;
    const [f] = await ofRating(ratingId);
    const caseId = f.data.rectification.caseId;
    await act(f.id, 'attempt', { outcome: 'reached' });
    const done = await act(f.id, 'answers', { satisfaction: 2, comment: '还是觉得等太久' });
    expect(done.status).toBe('completed');
    expect(done.rectification.caseId).toBe(caseId);
    const rect = (await qc.get(`/api/v1/cases/${caseId}`)).json();
    expect(rect.status).toBe('called_back');
    expect(rect.data.callback).toMatchObject({ reached: true, channel: 'phone' });
    expect(rect.data.callback.result).toContain('还是觉得等太久');
    expect(rect.clocks.find((c: { clockId: string }) => c.clockId === 'callback').state).toBe('stopped');
    const rectifications = (await qc.get('/api/v1/cases?type=rectification&pageSize=100')).json().items.filter((c: { data: { followUpId?: string } }) => c.data.followUpId === f.id);
    expect(rectifications).toEqual([]);
  });

  it('a callback recorded on the rectification settles its follow-up', async () => {
    const ratingId = (await rate({ level: 2, contactName: '李先生', contactPhone: '13600000025' })).json().id;
    const [f] = await ofRating(ratingId);
    const caseId = f.data.rectification.caseId;
    const v = (await qc.get(`/api/v1/cases/${caseId}`)).json().version;
    const res = await qc.post(`/api/v1/cases/${caseId}/actions/record_callback`, { version: v, reached: true, channel: 'phone', result: '已致歉并说明排队原因' });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await qc.get(`/api/v1/followups/${f.id}`)).json();
    expect(after).toMatchObject({ status: 'completed', closed: true });
    expect(after.data.recordedOnSource.summary).toContain('已致歉');
    expect(after.clocks[0]).toMatchObject({ clockId: 'rating', state: 'stopped', badge: 'met' });
  });
});

describe('the same discharge twice opens one follow-up', () => {
  const discharge = (over: Record<string, unknown> = {}) => ({ patientName: '王建国', phone: '13900000031', unitId: units['H-IM-W1'], dischargedOn: '2026-11-03', ...over });

  it('the API answers 409 discharge_duplicate naming the follow-up; another date or department is another discharge', async () => {
    const first = await qc.post('/api/v1/discharges', discharge());
    expect(first.statusCode, first.body).toBe(201);
    const again = await qc.post('/api/v1/discharges', discharge({ patientName: ' 王建国 ' }));
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'discharge_duplicate', details: { followUpId: first.json().id } });
    expect((await qc.post('/api/v1/discharges', discharge({ dischargedOn: '2026-11-04' }))).statusCode).toBe(201);
    expect((await qc.post('/api/v1/discharges', discharge({ unitId: units['H-SUR-W1'] }))).statusCode).toBe(201);
  });

  it('two registrations at once store one', async () => {
    const both = await Promise.all([qc.post('/api/v1/discharges', discharge({ patientName: '并发甲' })), qc.post('/api/v1/discharges', discharge({ patientName: '并发甲' }))]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await followUps()).filter((f) => f.data.discharge?.patientName === '并发甲')).toHaveLength(1);
  });

  it('a sheet skips the rows already registered or repeated, by row number, and stores the rest', async () => {
    const ExcelJS = await loadExcel();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('出院患者');
    ws.addRow(['患者姓名', '联系电话', '科室编码', '主治医师工号', '出院日期', '诊断']);
    ws.addRow(['王建国', '13900000031', 'H-IM-W1', '', '2026-11-03', '']);
    ws.addRow(['新病人', '13900000032', 'H-IM-W1', '', '2026-11-03', '']);
    ws.addRow(['新病人', '13900000032', 'H-IM-W1', '', '2026-11-03', '重复一行']);
    const form = multipartFile('file', 'discharges.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const send = () => t.app.inject({ method: 'POST', url: '/api/v1/discharges/import', headers: { ...qc.headers, ...form.headers }, payload: form.payload });
    const res = await send();
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ imported: 1, skipped: [{ row: 2, reason: 'duplicate' }, { row: 4, reason: 'duplicate' }] });
    // The same sheet again: every row is a duplicate now.
    const again = (await send()).json();
    expect(again.imported).toBe(0);
    expect(again.skipped.map((s: { row: number }) => s.row)).toEqual([2, 3, 4]);
  });
});

describe('home visits (上门随访, 003:L109)', () => {
  const open = async (name: string) => (await qc.post('/api/v1/discharges', { patientName: name, phone: '13900000041', unitId: units['H-IM-W1'], dischargedOn: '2026-11-04' })).json();

  it('a home visit that meets the patient reaches them; its address and visitor are kept; the answers say they were given at home', async () => {
    const f = await open('上门甲');
    const reached = await act(f.id, 'attempt', { kind: 'home_visit', outcome: 'reached', address: '城南社区 5 栋 201', visitor: '张护士', note: '伤口愈合良好' });
    expect(reached.status).toBe('reached');
    expect(reached.attempts[0]).toMatchObject({ kind: 'home_visit', outcome: 'reached', address: '城南社区 5 栋 201', visitor: '张护士' });
    // The desk's "open" list holds it until the answers are in (state=open: every follow-up not ended).
    expect((await qc.get('/api/v1/followups?state=open&pageSize=100')).json().items.map((i: { id: string }) => i.id)).toContain(f.id);
    const done = await act(f.id, 'answers', { recovery: 'improving', satisfaction: 5 });
    expect(done.answers.via).toBe('home_visit');
  });

  it('nobody home counts as a failed attempt', async () => {
    const f = await open('上门乙');
    const after = await act(f.id, 'attempt', { kind: 'home_visit', outcome: 'no_answer', address: '城南社区 6 栋 101', visitor: '张护士' });
    expect(after).toMatchObject({ status: 'pending', failedAttempts: 1 });
  });

  it('bad input is a 400 naming the field', async () => {
    const f = await open('上门丙');
    const post = (body: Record<string, unknown>) => qc.post(`/api/v1/followups/${f.id}/attempt`, { version: f.version, ...body });
    const paths = async (body: Record<string, unknown>) => {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.details.map((d: { path: string }) => d.path);
    };
    expect(await paths({ kind: 'home_visit', outcome: 'reached', visitor: '张护士' })).toEqual(['body.address']);
    expect(await paths({ kind: 'home_visit', outcome: 'reached', address: '城南社区' })).toEqual(['body.visitor']);
    expect(await paths({ kind: 'home_visit', outcome: 'wrong_number', address: '城南社区', visitor: '张护士' })).toEqual(['body.outcome']);
    expect(await paths({ kind: 'call', outcome: 'reached', address: '城南社区' })).toEqual(['body.address']);
    expect(await paths({ kind: 'visit', outcome: 'reached' })).toEqual(['body.kind']);
    expect((await qc.get(`/api/v1/followups/${f.id}`)).json().attempts).toEqual([]);
  });

  it('the figures count the visit as reached and the export shows it', async () => {
    const figures = (await qc.get('/api/v1/followups/figures?month=2026-11')).json();
    expect(figures.total.homeVisits).toBe(2);
    // Ended: 上门甲 (completed, reached) and the rating follow-ups answered or settled; none unreachable.
    expect(figures.total.reachRate.numerator).toBe(figures.total.reachRate.denominator);
    const res = await qc.get('/api/v1/exports/followups.xlsx?month=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    const wb = new (await loadExcel()).Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const row = ws.getSheetValues().find((r) => !!r && JSON.stringify(r).includes('上门甲')) as unknown[];
    expect(row[header.indexOf('上门地址')]).toBe('城南社区 5 栋 201');
    expect(row[header.indexOf('上门随访人')]).toBe('张护士');
    expect(row[header.indexOf('上门结果')]).toBe('接通');
    expect(row[header.indexOf('作答方式')]).toBe('上门随访');
  });
});
