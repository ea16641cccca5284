import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { withPolicyOverrides } from '../support/policy.js';
import { generateActivity } from '../../src/demo/activity.js';
import { pct } from '../../src/modules/reports/format.js';
import { havePdftotext, pdfText } from '../support/pdf.js';

/**
 * 质量看板 (issue §1–3) on demo data: a hall whose July/August/September are built by hand (reply
 * deadlines met and missed, window rankings), and a hospital September generated through the real
 * services (bench/generate-activity.ts). The clock only moves forward.
 */
const at = (local: string) => Date.parse(`${local}+08:00`);
const clock = fakeClock(at('2026-07-01T08:00:00'));
let t: TestApp;
let hallOffice: Session;
let hallStaff: Session;
let hospOffice: Session;
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};


async function rate(unitCode: string, levels: number[]) {
  for (const level of levels) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code: codes[unitCode], level }, remoteAddress: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
    expect(res.statusCode, res.body).toBe(201);
  }
}

async function complaint(s: Session, body: Record<string, unknown>) {
  const res = await s.post('/api/v1/complaints', { channel: 'window', content: '窗口工作人员态度生硬。', category: 'attitude', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

async function act(s: Session, id: string, action: string, body: Record<string, unknown> = {}) {
  const version = (await s.get(`/api/v1/cases/${id}`)).json().version;
  const res = await s.post(`/api/v1/complaints/${id}/${action}`, { version, ...body });
  expect(res.statusCode, res.body).toBe(200);
}

async function replyTo(s: Session, id: string) {
  await act(s, id, 'assign', { assigneeId: ids['hall-quality-office'] });
  await act(s, id, 'verify', { verdict: 'substantiated', findings: '经核实属实。' });
  await act(s, id, 'record_cause', { causes: ['attitude'] });
  await act(s, id, 'record_measure', { measure: '批评教育。' });
  await act(s, id, 'reply', { channel: 'phone', content: '已整改，感谢监督。' });
}

const dashboard = async (s: Session, query: string) => {
  const res = await s.get(`/api/v1/dashboard?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const total = async (s: Session, link: string) => {
  const res = await s.get(link);
  expect(res.statusCode, `${link}: ${res.body}`).toBe(200);
  return res.json().total as number;
};

async function pdfTextOf(s: Session, url: string): Promise<string> {
  const res = await s.get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('application/pdf');
  return pdfText(res.rawPayload);
}

async function xlsxRows(s: Session, url: string): Promise<Record<string, string>[]> {
  const res = await s.get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const out: Record<string, string>[] = [];
  wb.eachSheet((ws) => {
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as unknown[]).slice(1);
      out.push(Object.fromEntries(header.map((h, i) => [h, values[i] === undefined || values[i] === null ? '' : String(values[i])])));
    });
  });
  return out;
}

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  hallOffice = await t.login('hall-quality-office');
  hallStaff = await t.login('hall-staff');
  hospOffice = await t.login('hosp-quality-office');
  for (const s of [await t.login('hall-admin'), await t.login('hosp-admin')]) {
    for (const u of (await s.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
    for (const u of (await s.get('/api/v1/users?pageSize=100')).json().items) ids[u.username] = u.id;
  }
  for (const code of ['G-A-01', 'G-A-02', 'G-A-03', 'H-OPD-REG']) codes[code] = (await (code.startsWith('H') ? hospOffice : hallOffice).get(`/api/v1/rating-codes?unitId=${ids[code]}`)).json().code;

  // July (hall): complaints received Monday 6 July are due after 5 working days, 13 July 17:00 (002:L103).
  clock.set(at('2026-07-06T09:00:00'));
  ids.onTime = (await complaint(hallStaff, { unitId: ids['G-A-01'] })).id;
  ids.late = (await complaint(hallStaff, { unitId: ids['G-A-02'], category: 'efficiency' })).id;
  ids.never = (await complaint(hallStaff, { unitId: ids['G-A-02'] })).id;
  clock.set(at('2026-07-08T10:00:00'));
  await replyTo(hallOffice, ids.onTime);
  await rate('G-A-01', [5, 5, 5, 3, 3]); // 3/5 = 60 % — bottom
  await rate('G-A-02', [5, 5, 4, 4]); // 100 %
  await rate('G-A-03', [5, 5, 5, 4, 3]); // 80 %
  clock.set(at('2026-07-15T10:00:00'));
  await replyTo(hallOffice, ids.late); // two days after its due instant
  clock.set(at('2026-07-27T09:00:00'));
  ids.dueInAugust = (await complaint(hallStaff, { unitId: ids['G-A-03'], category: 'fees' })).id; // due 3 August

  // August (hall): G-A-01 at the bottom again.
  clock.set(at('2026-08-10T10:00:00'));
  await rate('G-A-01', [5, 3]); // 50 %
  await rate('G-A-02', [5, 5, 5]); // 100 %
  await rate('G-A-03', [5, 5, 5, 5, 5, 5, 5, 5, 5, 3]); // 90 %

  // September: G-A-03 at the bottom once.
  clock.set(at('2026-09-10T10:00:00'));
  await rate('G-A-01', [5, 5]);
  await rate('G-A-02', [5, 4]);
  await rate('G-A-03', [5, 3]);

  // The hospital's September, generated through the services; then the seven-ratings acceptance in October.
  clock.set(at('2026-10-20T10:00:00'));
  await generateActivity(t.ctx, { orgCode: 'demo-hospital', month: '2026-09', seed: 7, scale: 0.4 });
  await t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code: codes['H-OPD-REG'], level: 5 } });
  for (const level of [5, 5, 4, 4, 3, 1]) await t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code: codes['H-OPD-REG'], level } });
  const served = await hospOffice.post('/api/v1/served-counts', { counts: [{ unitId: ids['H-OPD-REG'], date: '2026-10-20', served: 8 }] });
  expect(served.statusCode).toBe(200);
}, 180_000);
afterAll(async () => t?.close());

describe('按时答复率 (RULES §2; 002:L103 reply within 5 working days)', () => {
  it('July: one reply on time, one two days late, one never given → 1/3; a reply due in August is not counted', async () => {
    clock.set(at('2026-07-31T12:00:00'));
    const d = await dashboard(hallOffice, 'month=2026-07');
    expect(d.complaints.received.value).toBe(4);
    expect(d.complaints.replyOnTime).toMatchObject({ value: 33.33, numerator: 1, denominator: 3 });
    expect(d.complaints.repliesLate.value).toBe(2);
    // The figures' links list exactly the records behind them.
    expect(await total(hallOffice, d.complaints.received.link)).toBe(4);
    expect(await total(hallOffice, d.complaints.replyOnTime.link)).toBe(3);
    expect(await total(hallOffice, d.complaints.repliesLate.link)).toBe(2);
    expect(await total(hallOffice, d.complaints.replyOnTime.link.replace('reply_due', 'reply_met'))).toBe(1);
    // The unanswered one runs past its due instant (13 July) and past twice its duration: 超期 and 严重超期 now.
    expect(d.complaints.overdue.value).toBe(1);
    expect(d.complaints.severelyOverdue.value).toBe(1);
    expect(await total(hallOffice, d.complaints.overdue.link)).toBe(1);
    expect(d.complaints.byCategory.find((c: { code: string }) => c.code === 'efficiency')).toMatchObject({ value: 1, label: { zh: '办事效率' } });
    expect(await total(hallOffice, d.complaints.byCategory.find((c: { code: string }) => c.code === 'attitude').link)).toBe(2);
    const byUnit = d.complaints.byUnit.find((u: { unitId: string }) => u.unitId === ids['G-A-02']);
    expect(byUnit).toMatchObject({ value: 2, unitName: '2号窗口（不动产登记）' });
    expect(await total(hallOffice, byUnit.link)).toBe(2);
    // August: the reply due 3 August is not decided yet on 31 July (running, not due) → nothing to divide.
    const aug = await dashboard(hallOffice, 'month=2026-08');
    expect(aug.complaints.replyOnTime).toMatchObject({ value: null, numerator: 0, denominator: 0 });
  });

  it('the same month seen later: the August reply now missed counts in August, July is unchanged', async () => {
    clock.set(at('2026-10-20T10:00:00'));
    const aug = await dashboard(hallOffice, 'month=2026-08');
    expect(aug.complaints.replyOnTime).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    const jul = await dashboard(hallOffice, 'month=2026-07');
    expect(jul.complaints.replyOnTime).toMatchObject({ value: 33.33, numerator: 1, denominator: 3 });
  });
});

describe('window ranking and 约谈 after two months at the bottom (ANCHORS.md 好差评)', () => {
  it('G-A-01 is at the bottom in July and August: flagged in August, not in July', async () => {
    const jul = await dashboard(hallOffice, 'month=2026-07');
    const julW = Object.fromEntries(jul.ranking.windows.map((w: { code: string }) => [w.code, w]));
    expect(julW['G-A-01']).toMatchObject({ rank: 3, atBottom: true, talkRequired: false, satisfactionRate: { value: 60 } });
    expect(julW['G-A-02']).toMatchObject({ rank: 1, atBottom: false });
    const aug = await dashboard(hallOffice, 'month=2026-08');
    const augW = Object.fromEntries(aug.ranking.windows.map((w: { code: string }) => [w.code, w]));
    expect(augW['G-A-01']).toMatchObject({ rank: 3, atBottom: true, atBottomLastMonth: true, talkRequired: true, satisfactionRate: { value: 50 } });
    expect(augW['G-A-03']).toMatchObject({ rank: 2, talkRequired: false });
    expect(aug.ranking.talks.map((w: { code: string }) => w.code)).toEqual(['G-A-01']);
    // Unrated windows are listed without a rank.
    expect(augW['G-B-01']).toMatchObject({ rank: null, atBottom: false });
  });

  it('September: G-A-03 at the bottom for the first time — no talk; G-A-01 is no longer flagged', async () => {
    const sep = await dashboard(hallOffice, 'month=2026-09');
    const w = Object.fromEntries(sep.ranking.windows.map((x: { code: string }) => [x.code, x]));
    expect(w['G-A-03']).toMatchObject({ atBottom: true, atBottomLastMonth: false, talkRequired: false });
    expect(w['G-A-01']).toMatchObject({ atBottom: false, atBottomLastMonth: true, talkRequired: false });
    expect(sep.ranking.talks).toEqual([]);
  });
});

describe('the 约谈 rule is a pack value: ratings.talkAfterMonthsAtBottom', () => {
  const talks = async (month: string) => (await dashboard(hallOffice, `month=${month}`)).ranking.talks.map((w: { code: string }) => w.code);

  it('one month at the bottom is enough when the pack says 1; three months are not yet reached in August when it says 3', async () => {
    const admin = await t.login('hall-admin');
    await withPolicyOverrides(admin, { ratings: { talkAfterMonthsAtBottom: { value: 1, decision: '末位即约谈' } } }, async () => {
      expect(await talks('2026-07')).toEqual(['G-A-01']);
      expect(await talks('2026-09')).toEqual(['G-A-03']);
    });
    await withPolicyOverrides(admin, { ratings: { talkAfterMonthsAtBottom: { value: 3, decision: '连续三个月末位才约谈' } } }, async () => {
      expect(await talks('2026-08')).toEqual([]);
    });
    expect(await talks('2026-08')).toEqual(['G-A-01']);
  });
});

describe('seven-ratings acceptance on the dashboard (RULES §3, 001:L155)', () => {
  it('5,5,5,4,4,3,1 with 8 served: satisfaction 71.43 %, rating rate 87.5 % failing ≥ 90 %', async () => {
    const d = await dashboard(hospOffice, 'month=2026-10');
    expect(d.ratings.counts).toEqual({ 1: 1, 2: 0, 3: 1, 4: 2, 5: 3 });
    expect(d.ratings.satisfactionRate).toMatchObject({ value: 71.43, numerator: 5, denominator: 7 });
    expect(d.ratings.ratingRate).toMatchObject({ value: 87.5, numerator: 7, denominator: 8 });
    expect(d.negative.count.value).toBe(1);
    expect(d.ratings.negativeRate.value).toBe(14.29);
    const breach = d.thresholds.breaches.find((b: { thresholdId: string; subject: { id: string } }) => b.thresholdId === 'window_rating_rate' && b.subject.id === ids['H-OPD-REG']);
    expect(breach).toMatchObject({ metric: 'ratingRate', op: 'gte', value: 0.9, actual: 87.5, pass: false, source: '001:L155' });
    expect(d.thresholds.breaches.some((b: { thresholdId: string }) => b.thresholdId === 'organisation_satisfaction')).toBe(true);
    // Pass/fail per unit: the pharmacy window has no ratings this month — no data, no breach.
    expect(d.thresholds).not.toHaveProperty('checks'); // only with checks=all
    const all = (await dashboard(hospOffice, 'month=2026-10&checks=all')).thresholds;
    expect(all.checks.length).toBe(d.thresholds.checked);
    const pharmacy = all.checks.filter((c: { subject: { id: string } }) => c.subject.id === ids['H-OPD-PHA']);
    expect(pharmacy).toEqual([]);
    expect(all.checks.filter((c: { subject: { id: string } }) => c.subject.id === ids['H-OPD-REG']).map((c: { thresholdId: string; pass: boolean }) => [c.thresholdId, c.pass]).sort()).toEqual([
      ['window_rating_rate', false],
      ['window_satisfaction', false],
    ]);
    // The level-1 rating opened a rectification case, still open.
    expect(d.negative.rectifications.byStatus.find((s: { status: string }) => s.status === 'open').value).toBe(1);
    expect(await total(hospOffice, d.negative.rectifications.total.link)).toBe(1);
    // Rating figures link to the rollup statistics, which say the same.
    const stats = (await hospOffice.get(d.ratings.satisfactionRate.link)).json();
    expect(stats.groups[0].satisfactionRate).toBe(71.43);
  });

  it.skipIf(!havePdftotext)('appears in the monthly PDF with the organisation name', async () => {
    const text = await pdfTextOf(hospOffice, '/api/v1/reports/monthly.pdf?month=2026-10');
    expect(text).toContain('示范县人民医院');
    expect(text).toContain('2026年10月');
    expect(text).toContain('满意率 71.43%');
    expect(text).toContain('评价率 87.5%');
  });
});

describe('dashboard, xlsx export and PDF agree on every figure (generated hospital September)', () => {
  let d: any;
  let cases: Record<string, string>[];
  let ratings: Record<string, string>[];

  beforeAll(async () => {
    d = await dashboard(hospOffice, 'month=2026-09');
    cases = await xlsxRows(hospOffice, '/api/v1/exports/cases.xlsx?from=2026-09-01&to=2026-10-31');
    ratings = await xlsxRows(hospOffice, '/api/v1/exports/ratings.xlsx?from=2026-09-01&to=2026-09-30');
  });

  it('the generated month is not trivial', () => {
    expect(d.complaints.received.value).toBeGreaterThan(5);
    expect(d.ratings.ratings.value).toBeGreaterThan(100);
    expect(d.negative.count.value).toBeGreaterThan(0);
    expect(d.complaints.replyOnTime.denominator).toBeGreaterThan(3);
    expect(d.complaints.repliesLate.value).toBeGreaterThan(0);
  });

  it('complaints: received, by category, on time (by due date), overdue now', () => {
    const complaints = cases.filter((r) => r['类型'] === '投诉');
    const sept = complaints.filter((r) => r['受理时间'].startsWith('2026-09'));
    expect(sept.length).toBe(d.complaints.received.value);
    for (const c of d.complaints.byCategory) expect(sept.filter((r) => r['类别'] === c.label.zh).length, c.label.zh).toBe(c.value);
    const due = complaints.filter((r) => r['办理期限'].startsWith('2026-09') && r['是否按期'] !== '');
    expect(due.length).toBe(d.complaints.replyOnTime.denominator);
    expect(due.filter((r) => r['是否按期'] === '是').length).toBe(d.complaints.replyOnTime.numerator);
    expect(complaints.filter((r) => r['是否按期'] === '否' && r['答复时间'] === '').length).toBe(d.complaints.overdue.value);
    // One row per case with first response, resolution and complainant satisfaction (ANCHORS: Chatwoot#15243).
    const closed = complaints.find((r) => r['办结时间'] !== '')!;
    expect(closed['首次响应时间']).not.toBe('');
    expect(Number(closed['办结用时（小时）'])).toBeGreaterThan(0);
    expect(['满意', '基本满意', '不满意']).toContain(closed['投诉人满意度']);
    expect(closed['状态']).toBe('已办结');
  });

  it('差评 handling: rectification cases by status', () => {
    const rect = cases.filter((r) => r['类型'] === '差评整改' && r['受理时间'].startsWith('2026-09'));
    expect(rect.length).toBe(d.negative.rectifications.total.value);
    for (const s of d.negative.rectifications.byStatus) expect(rect.filter((r) => r['状态'] === s.label.zh).length, s.status).toBe(s.value);
  });

  it('ratings: counts per level, satisfaction, 差评 — appeals upheld excluded', () => {
    const valid = ratings.filter((r) => r['申诉剔除'] === '否');
    const byLevel = (label: string) => valid.filter((r) => r['评价等级'] === label).length;
    expect({ 5: byLevel('非常满意'), 4: byLevel('满意'), 3: byLevel('基本满意'), 2: byLevel('不满意'), 1: byLevel('非常不满意') }).toEqual(d.ratings.counts);
    expect(valid.length).toBe(d.ratings.ratings.value);
    expect(ratings.length - valid.length).toBe(d.ratings.excluded.value);
    expect(byLevel('非常满意') + byLevel('满意')).toBe(d.ratings.satisfactionRate.numerator);
    expect(byLevel('不满意') + byLevel('非常不满意')).toBe(d.negative.count.value);
  });

  it.skipIf(!havePdftotext)('the PDF states the same figures', async () => {
    const text = (await pdfTextOf(hospOffice, '/api/v1/reports/monthly.pdf?month=2026-09')).replace(/[ \t]+/g, ' ');
    expect(text).toContain(`投诉受理 ${d.complaints.received.value} 件`);
    expect(text).toContain(`按时答复率 ${pct(d.complaints.replyOnTime.value)}（${d.complaints.replyOnTime.numerator}/${d.complaints.replyOnTime.denominator}`);
    expect(text).toContain(`当前超期 ${d.complaints.overdue.value} 件，其中严重超期 ${d.complaints.severelyOverdue.value} 件`);
    expect(text).toContain(`评价 ${d.ratings.ratings.value} 条`);
    expect(text).toContain(`满意率 ${pct(d.ratings.satisfactionRate.value)}`);
    expect(text).toContain(`评价率 ${pct(d.ratings.ratingRate.value)}`);
    expect(text).toContain(`差评 ${d.negative.count.value} 条，差评率 ${pct(d.ratings.negativeRate.value)}`);
    for (const c of d.complaints.byCategory) expect(text).toContain(`${c.label.zh} ${c.value} 件`);
    for (const s of d.negative.rectifications.byStatus) expect(text).toContain(`${s.label.zh} ${s.value}`);
    for (const w of d.ranking.windows) expect(text).toContain(w.name);
    for (const p of d.trend.filter((x: { satisfactionRate: { value: number | null } }) => x.satisfactionRate.value !== null)) expect(text).toContain(pct(p.satisfactionRate.value));
    expect(text).toContain('近12个月趋势');
  });

  it('last month in October\'s view is September as the month view shows it (materialised = live)', async () => {
    const oct = await dashboard(hospOffice, 'month=2026-10');
    expect(oct.previous.complaintsReceived.value).toBe(d.complaints.received.value);
    expect(oct.previous.replyOnTime).toEqual(d.complaints.replyOnTime);
    expect(oct.previous.satisfactionRate).toMatchObject({ numerator: d.ratings.satisfactionRate.numerator, denominator: d.ratings.satisfactionRate.denominator });
    const sepPoint = oct.trend.find((p: { month: string }) => p.month === '2026-09');
    expect(sepPoint.complaintsReceived.value).toBe(d.complaints.received.value);
    expect(oct.changes.satisfactionRate.direction).toBe(oct.ratings.satisfactionRate.value > d.ratings.satisfactionRate.value ? 'up' : 'down');
  });

  it('a change to a September case after materialisation reaches the trend at once', async () => {
    const before = (await dashboard(hospOffice, 'month=2026-10')).previous.complaintsReceived.value;
    await complaint(hospOffice, { receivedAt: '2026-09-15T10:00:00+08:00', unitId: ids['H-OPD-PHA'], channel: 'phone', content: '补登：九月的电话投诉。' });
    const oct = await dashboard(hospOffice, 'month=2026-10');
    expect(oct.previous.complaintsReceived.value).toBe(before + 1);
    expect((await dashboard(hospOffice, 'month=2026-09')).complaints.received.value).toBe(before + 1);
  });
});

describe('input', () => {
  it('refuses a malformed month or a unit of another organisation', async () => {
    expect((await hospOffice.get('/api/v1/dashboard?month=2026-13')).statusCode).toBe(400);
    expect((await hospOffice.get('/api/v1/dashboard')).statusCode).toBe(400);
    expect((await hospOffice.get(`/api/v1/dashboard?month=2026-10&unitId=${ids['G-A-01']}`)).statusCode).toBe(404);
    expect((await hospOffice.get('/api/v1/dashboard/records?metric=reply_due')).statusCode).toBe(400);
  });
});
