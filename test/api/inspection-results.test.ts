/**
 * Band facts and inspection results over HTTP (RULES §4; 003:L341, L343; issue 14 items 6 and 8)
 * for a bank: two 一级支行 with five outlets each, a 100-point checklist whose 服务态度 item loses
 * 0.1 per case, so every boundary (90.0 / 89.9, 85 / 84.9, 80 / 79.9) is reachable exactly.
 * Ties rank as competition ranks (1, 2, 2, 4): two outlets tied at 5th are both in the top 5.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { havePdftotext, pdfText } from '../support/pdf.js';
import { systemActor } from '../../src/shared/access.js';
import { createOrganisation } from '../../src/modules/organisations/service.js';
import { createUnit } from '../../src/modules/units/service.js';
import { createUser } from '../../src/modules/users/service.js';
import { listBandFacts } from '../../src/modules/inspections/service.js';

const clock = fakeClock(Date.parse('2026-12-01T10:00:00+08:00'));
const DAY = 86_400_000;
let t: TestApp;
let admin: Session;
let headB1: Session;
let headB2: Session;
let orgId: string;
const units: Record<string, string> = {};

const template = {
  code: 'tenths',
  label: { zh: '网点暗访', en: 'Outlet visit' },
  mode: 'earn',
  fullMark: 100,
  sections: [
    {
      code: 'main',
      label: { zh: '检查', en: 'Check' },
      items: [
        { code: 'manner', label: { zh: '服务态度', en: 'Manner' }, points: 30, per: 'case', deduction: 0.1 },
        { code: 'hall', label: { zh: '厅堂环境', en: 'Hall' }, points: 70, per: 'failure' },
        { code: 'complaint', label: { zh: '有责投诉', en: 'Founded complaint' }, points: 0, per: 'failure', veto: true },
      ],
    },
  ],
};

/** An inspection scoring 100 − 0.1 × `cases` (and − 70 with the hall failed). */
async function inspect(unit: string, performedAt: string, cases: number, extra: { item: string; pass?: boolean; note?: string }[] = []) {
  const results = [...(cases ? [{ item: 'manner', cases }] : []), ...extra];
  const res = await admin.post('/api/v1/inspections', { templateCode: 'tenths', unitId: units[unit], kind: 'unannounced', performedAt, results });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; score: number; findings: { item: string; caseId: string }[] };
}

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 * 2 });
  const org = await createOrganisation(t.ctx, { code: 'results-bank', name: '结果测试银行', sector: 'bank' });
  orgId = org.id;
  const sys = systemActor(org.id, 'test');
  const root = await createUnit(t.ctx, sys, { code: 'BANK', name: '营业部', kind: 'organisation' });
  for (const b of [1, 2]) {
    units[`B${b}`] = (await createUnit(t.ctx, sys, { code: `B${b}`, name: `第${b}支行`, kind: 'branch', parentId: root.id })).id;
    for (let o = 1; o <= 5; o++) {
      const n = (b - 1) * 5 + o;
      units[`O${n}`] = (await createUnit(t.ctx, sys, { code: `O${String(n).padStart(2, '0')}`, name: `${n}号网点`, kind: 'outlet', parentId: units[`B${b}`] })).id;
    }
  }
  await createUser(t.ctx, sys, { username: 'rb-admin', password: testPassword, role: 'admin' });
  await createUser(t.ctx, sys, { username: 'rb-head-1', password: testPassword, role: 'unit_head', unitId: units.B1 });
  await createUser(t.ctx, sys, { username: 'rb-head-2', password: testPassword, role: 'unit_head', unitId: units.B2 });
  admin = await t.login('rb-admin');
  headB1 = await t.login('rb-head-1');
  headB2 = await t.login('rb-head-2');
  expect((await admin.put('/api/v1/inspection-templates/tenths', { version: 0, template })).statusCode).toBe(200);

  // 2026-Q2: the boundaries. 100 cases → 90.0, 101 → 89.9, 150 → 85.0, 151 → 84.9, 200 → 80.0, 201 → 79.9.
  for (const [unit, cases] of [['O1', 100], ['O2', 101], ['O3', 150], ['O4', 151], ['O5', 200], ['O6', 201]] as const) await inspect(unit, '2026-05-20T10:00:00+08:00', cases);
  // 2026-Q3: top 5 and a tie at 5th. O1 scored 50 earlier in the quarter: the newest inspection counts.
  await inspect('O1', '2026-07-10T10:00:00+08:00', 0, [{ item: 'hall', pass: false }]);
  for (const [unit, cases] of [['O1', 0], ['O2', 10], ['O3', 20], ['O4', 30], ['O5', 50], ['O6', 50], ['O7', 60]] as const) await inspect(unit, '2026-08-20T10:00:00+08:00', cases, cases ? [] : [{ item: 'hall', pass: true }]);
});
afterAll(async () => t?.close());

type Band = { unitId: string; score: number; rank: number; band: string | null; bands?: string[]; id?: string };
const byUnit = (items: Band[]) => Object.fromEntries(items.map((i) => [i.unitId, i])) as Record<string, Band>;

describe('closing a round stores its bands as facts (003:L341, L343)', () => {
  it('band boundaries: 90.0 in, 89.9 out; 85 not docked, 84.9 docked; 80 docked, 79.9 docked more', async () => {
    const res = await admin.post('/api/v1/inspection-bands/close?quarter=2026-Q2');
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ closed: true, period: '2026-Q2', kind: 'quarter', round: { closedBy: 'rb-admin', citation: '003:L341, L343', note: { zh: expect.stringContaining('之后补录的检查不改变本期结果') } } });
    expect(body.round.packVersion).toBeGreaterThanOrEqual(1);
    const f = Object.fromEntries(body.items.map((i: { unitId: string }) => [i.unitId, i]));
    // 003:L341 "90分(含)以上" and top 5 → reward: 90.0 is in, 89.9 is out.
    expect(f[units.O1]).toMatchObject({ score: 90, rank: 1, bands: ['reward'], periodFrom: '2026-04-01', periodTo: '2026-06-30', rounds: 1 });
    expect(f[units.O2]).toMatchObject({ score: 89.9, rank: 2, bands: [] });
    // 003:L343 "低于85分" docked: 85 is not, 84.9 is.
    expect(f[units.O3]).toMatchObject({ score: 85, bands: [] });
    expect(f[units.O4]).toMatchObject({ score: 84.9, bands: ['docked'] });
    // "低于80分" docked more: 80 is docked only, 79.9 docked more.
    expect(f[units.O5]).toMatchObject({ score: 80, bands: ['docked'] });
    expect(f[units.O6]).toMatchObject({ score: 79.9, rank: 6, ranked: 6, bands: ['docked_more'] });
    expect(f[units.O1].inspectionId).toEqual(expect.any(String));
  });

  it('closing again stores nothing twice; a later inspection of the quarter changes nothing', async () => {
    const first = (await admin.get('/api/v1/inspection-bands?quarter=2026-Q2')).json();
    expect(first.closed).toMatchObject({ closedBy: 'rb-admin' });
    // An inspection performed in Q2, entered after the close: O2 would now score 100.
    await inspect('O2', '2026-06-30T10:00:00+08:00', 0, [{ item: 'hall', pass: true }]);
    const again = await admin.post('/api/v1/inspection-bands/close?quarter=2026-Q2');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().closed).toBe(false);
    expect(again.json().items.map((i: { id: string }) => i.id).sort()).toEqual(first.items.map((i: { id: string }) => i.id).sort());
    const after = byUnit((await admin.get('/api/v1/inspection-bands?quarter=2026-Q2')).json().items);
    expect(after[units.O2]).toMatchObject({ score: 89.9, rank: 2, band: null });
    expect(Object.keys(after)).toHaveLength(6);
    const facts = await listBandFacts(t.ctx, null, { orgId, periodFrom: '2026-04', periodTo: '2026-06' });
    expect(facts).toHaveLength(6);
  });

  it('top 5 with a tie at 5th: both tied outlets are rewarded, the 7th (94) is not (competition ranks)', async () => {
    // Open round: computed on the fly, not yet stored.
    const live = (await admin.get('/api/v1/inspection-bands?quarter=2026-Q3')).json();
    expect(live.closed).toBeNull();
    const res = await admin.post('/api/v1/inspection-bands/close?quarter=2026-Q3');
    expect(res.statusCode, res.body).toBe(201);
    const f = Object.fromEntries(res.json().items.map((i: { unitId: string }) => [i.unitId, i]));
    expect(f[units.O1]).toMatchObject({ score: 100, rank: 1, bands: ['reward'] });
    expect(f[units.O4]).toMatchObject({ score: 97, rank: 4, bands: ['reward'] });
    expect(f[units.O5]).toMatchObject({ score: 95, rank: 5, bands: ['reward'] });
    expect(f[units.O6]).toMatchObject({ score: 95, rank: 5, bands: ['reward'] });
    expect(f[units.O7]).toMatchObject({ score: 94, rank: 7, bands: [] });
  });

  it('the annual bands: the average of the year\'s rounds (closed rounds from their facts), 优秀网点 = ≥ 90 and top 3', async () => {
    const res = await admin.get('/api/v1/inspection-bands/annual?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const a = Object.fromEntries(res.json().items.map((i: { unitId: string }) => [i.unitId, i]));
    // O2: (89.9 stored for Q2 + 99) / 2 = 94.45 — the late Q2 inspection (100) does not count.
    expect(a[units.O1]).toMatchObject({ score: 95, rank: 1, rounds: 2, excellent: true });
    expect(a[units.O2]).toMatchObject({ score: 94.45, rank: 2, excellent: true });
    expect(a[units.O7]).toMatchObject({ score: 94, rank: 3, rounds: 1, excellent: true });
    // 91.5 is ≥ 90 but 4th.
    expect(a[units.O3]).toMatchObject({ score: 91.5, rank: 4, excellent: false });
    expect(res.json().closed).toBeNull();
  });

  it('refuses a quarter or year not yet ended (409), both or neither (400), the hall without bands (409), a unit head (403)', async () => {
    const open = await admin.post('/api/v1/inspection-bands/close?quarter=2026-Q4');
    expect(open.statusCode).toBe(409);
    expect(open.json().error.code).toBe('round_not_ended');
    expect((await admin.post('/api/v1/inspection-bands/close?year=2026')).json().error.code).toBe('round_not_ended');
    const both = await admin.post('/api/v1/inspection-bands/close?quarter=2026-Q3&year=2026');
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details[0].path).toBe('querystring.quarter');
    expect((await admin.post('/api/v1/inspection-bands/close')).statusCode).toBe(400);
    expect((await admin.post('/api/v1/inspection-bands/close?quarter=2026-Q5')).statusCode).toBe(400);
    expect((await (await t.login('hall-admin')).post('/api/v1/inspection-bands/close?quarter=2026-Q3')).json().error.code).toBe('no_band_rule');
    expect((await headB1.post('/api/v1/inspection-bands/close?quarter=2026-Q1')).statusCode).toBe(403);
  });

  it('listBandFacts (for the sanctions): by period and band code, stable ids, a unit head sees their branch only', async () => {
    const reward = await listBandFacts(t.ctx, null, { orgId, periodFrom: '2026-01-01', periodTo: '2026-12-31', bands: ['reward'] });
    expect(reward.map((f) => `${f.period} ${f.unitName}`)).toEqual(['2026-Q2 1号网点', '2026-Q3 1号网点', '2026-Q3 2号网点', '2026-Q3 3号网点', '2026-Q3 4号网点', '2026-Q3 5号网点', '2026-Q3 6号网点']);
    expect(reward[0]).toMatchObject({ periodKind: 'quarter', score: 90, rank: 1, packVersion: expect.any(Number), citation: '003:L341, L343' });
    const again = await listBandFacts(t.ctx, null, { orgId, periodFrom: '2026-04', periodTo: '2026-09', bands: ['reward'] });
    expect(again.map((f) => f.id)).toEqual(reward.map((f) => f.id));
    const docked = await listBandFacts(t.ctx, null, { orgId, bands: ['docked', 'docked_more'] });
    expect(docked.map((f) => f.score)).toEqual([84.9, 80, 79.9]);
    const head = await listBandFacts(t.ctx, { userId: 'x', orgId, role: 'unit_head', username: 'h', staffId: null, unitId: units.B2, scopePath: (await admin.get(`/api/v1/units/${units.B2}`)).json().path, via: 'session' }, { orgId });
    expect(head.length).toBeGreaterThan(0);
    expect(head.every((f) => ['6号网点', '7号网点', '8号网点', '9号网点', '10号网点'].includes(f.unitName!))).toBe(true);
  });
});

describe('results by unit and month (issue 14 item 8)', () => {
  const cases: Record<string, string> = {};
  async function act(id: string, action: string, body: Record<string, unknown> = {}) {
    const current = (await admin.get(`/api/v1/cases/${id}`)).json();
    const res = await admin.post(`/api/v1/cases/${id}/actions/${action}`, { version: current.version, ...body });
    expect(res.statusCode, res.body).toBe(200);
  }
  /** Rectifies and verifies a case with the clock at `at`, then puts the clock back. */
  async function closeAt(id: string, at: number) {
    const now = clock.now();
    clock.set(at);
    await act(id, 'rectify', { measure: '组织整改' });
    await act(id, 'verify');
    clock.set(now);
  }
  const dueOf = async (id: string) => Date.parse((await admin.get(`/api/v1/cases/${id}`)).json().clocks.find((c: { clockId: string }) => c.clockId === 'feedback').dueAt);

  beforeAll(async () => {
    // October: O8 95 and 85; O9 0 (a founded complaint vetoes the checklist: 一票否决 scores 0). November: O8 80, O9 88.5, O10 79.9.
    cases.o8oct = (await inspect('O8', '2026-10-12T10:00:00+08:00', 50)).findings[0].caseId;
    await inspect('O8', '2026-10-14T10:00:00+08:00', 150);
    const o9 = await inspect('O9', '2026-10-13T10:00:00+08:00', 0, [{ item: 'hall', pass: false }, { item: 'complaint', pass: false }]);
    cases.o9hall = o9.findings.find((f) => f.item === 'hall')!.caseId;
    await inspect('O8', '2026-11-10T10:00:00+08:00', 200);
    await inspect('O9', '2026-11-11T10:00:00+08:00', 115);
    cases.o10nov = (await inspect('O10', '2026-11-12T10:00:00+08:00', 201)).findings[0].caseId;
    // On time: closed a day after the finding; late: closed a day after its deadline; the rest stay open.
    await closeAt(cases.o8oct, Date.parse('2026-10-13T10:00:00+08:00'));
    await closeAt(cases.o10nov, Date.parse('2026-11-13T10:00:00+08:00'));
    await closeAt(cases.o9hall, (await dueOf(cases.o9hall)) + DAY);
  });

  it('per unit and month: count, average (100-point scale, exact), vetoes and the change against the month before', async () => {
    const res = await admin.get('/api/v1/inspection-results?from=2026-10&to=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.months).toEqual(['2026-10', '2026-11']);
    expect(body.units.map((u: { name: string }) => u.name)).toEqual(['8号网点', '9号网点', '10号网点']);
    const [o8, o9, o10] = body.units;
    expect(o8.months[0]).toMatchObject({ month: '2026-10', count: 2, average: 90, vetoes: 0, change: { count: 2, average: null } });
    expect(o8.months[1]).toMatchObject({ month: '2026-11', count: 1, average: 80, previous: { count: 2, average: 90 }, change: { count: -1, average: -10 } });
    expect(o9.months[0]).toMatchObject({ count: 1, average: 0, vetoes: 1 });
    expect(o9.months[1]).toMatchObject({ count: 1, average: 88.5, change: { average: 88.5 } });
    expect(o10.months[0]).toMatchObject({ count: 0, average: null });
    expect(o10.months[1]).toMatchObject({ count: 1, average: 79.9, change: { count: 1, average: null } });
    expect(o8.total).toEqual({ count: 3, average: 86.666, vetoes: 0 });
    // All units: (95 + 85 + 0) / 3 = 60; (80 + 88.5 + 79.9) / 3 = 82.8; exactly +22.8.
    expect(body.all.months[0]).toMatchObject({ count: 3, average: 60, vetoes: 1 });
    expect(body.all.months[1]).toMatchObject({ count: 3, average: 82.8, change: { count: 0, average: 22.8 } });
  });

  it('the most frequent findings with their names, counts and units; the rectification on-time rate', async () => {
    const body = (await admin.get('/api/v1/inspection-results?from=2026-10&to=2026-11')).json();
    expect(body.topFindings[0]).toMatchObject({ item: 'manner', label: { zh: '服务态度', en: 'Manner' }, template: { zh: '网点暗访' }, count: 5, units: 3 });
    expect(body.topFindings.slice(1).map((f: { item: string; count: number; vetoes: number }) => [f.item, f.count, f.vetoes])).toEqual([['complaint', 1, 1], ['hall', 1, 0]]);
    // Seven rectifications due in Oct–Nov: 2 closed by their deadline, 1 after it, 4 still open past it.
    expect(body.rectification).toEqual({ due: 7, closedOnTime: 2, closedLate: 1, openOverdue: 4, notYetDue: 0, rate: { numerator: 2, denominator: 7, value: 2 / 7 } });
  });

  it('scope: a unit head sees their branch only; another branch is 403; a bad range is a 400 naming the field', async () => {
    expect((await headB1.get('/api/v1/inspection-results?from=2026-10&to=2026-11')).json()).toMatchObject({ units: [], rectification: { due: 0 } });
    const b2 = (await headB2.get('/api/v1/inspection-results?from=2026-10&to=2026-11')).json();
    expect(b2.units).toHaveLength(3);
    expect(b2.rectification.due).toBe(7);
    const one = (await headB2.get(`/api/v1/inspection-results?from=2026-10&to=2026-11&unitId=${units.O8}`)).json();
    expect(one.units.map((u: { name: string }) => u.name)).toEqual(['8号网点']);
    expect(one.topFindings).toEqual([expect.objectContaining({ item: 'manner', count: 3, units: 1 })]);
    expect((await headB1.get(`/api/v1/inspection-results?from=2026-10&to=2026-11&unitId=${units.O8}`)).statusCode).toBe(403);
    const reversed = await admin.get('/api/v1/inspection-results?from=2026-11&to=2026-10');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details[0].path).toBe('querystring.to');
    expect((await admin.get('/api/v1/inspection-results?from=2024-01&to=2026-11')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/inspection-results?from=2026-13&to=2026-11')).statusCode).toBe(400);
    expect((await (await t.login('hosp-inspector')).get('/api/v1/inspection-results?from=2026-10&to=2026-11')).statusCode).toBe(403);
  });

  it('the results xlsx: 检查结果_2026-10_2026-11.xlsx, one row per unit and month', async () => {
    const res = await admin.get('/api/v1/exports/inspection-results.xlsx?from=2026-10&to=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('检查结果_2026-10_2026-11.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['单位编码', '受检单位', '月份', '检查次数', '平均得分（百分制）', '一票否决', '上月平均得分', '较上月']);
    expect(rows.slice(1)).toContainEqual(['O08', '8号网点', '2026-11', 1, 80, 0, 90, -10]);
    expect(rows).toHaveLength(7);
  });

  it.skipIf(!havePdftotext)('the monthly PDF has 明察暗访: the month against the last, top findings, on-time rate; the closed round\'s bands', async () => {
    const squash = (s: string) => s.replace(/\s+/g, '');
    const nov = squash(pdfText((await admin.get('/api/v1/reports/monthly.pdf?month=2026-11')).rawPayload));
    expect(nov).toContain('明察暗访');
    expect(nov).toContain(squash('本月开展明察暗访 3 次，与上月持平；平均得分 82.8 分（百分制），较上月上升 22.8 分'));
    expect(nov).toContain(squash('发现问题最多的是“服务态度”（3 次，涉及 3 个单位）'));
    // Due in November: O8, O9 and O10's rectifications; O10's closed on time.
    expect(nov).toContain(squash('按期率 33.33%'));
    const sep = squash(pdfText((await admin.get('/api/v1/reports/monthly.pdf?month=2026-09')).rawPayload));
    expect(sep).toContain(squash('2026年第3季度检查已结算'));
    expect(sep).toContain(squash('奖励 6 个：1号网点（100 分，第 1 名）'));
  });
});

describe('closing the year (after it ended)', () => {
  it('closes its open quarters first, then stores 优秀网点; closing again answers the same facts', async () => {
    clock.set(Date.parse('2027-01-05T10:00:00+08:00'));
    const res = await admin.post('/api/v1/inspection-bands/close?year=2026');
    expect(res.statusCode, res.body).toBe(201);
    const excellent = res.json().items.filter((f: { bands: string[] }) => f.bands.includes('excellent_outlet'));
    expect(excellent.map((f: { unitName: string }) => f.unitName)).toEqual(['1号网点', '2号网点', '7号网点']);
    expect((await admin.get('/api/v1/inspection-bands?quarter=2026-Q4')).json().closed).not.toBeNull();
    const annual = (await admin.get('/api/v1/inspection-bands/annual?year=2026')).json();
    expect(annual.closed).not.toBeNull();
    expect(annual.items.find((i: { unitId: string }) => i.unitId === units.O2)).toMatchObject({ score: 94.45, excellent: true });
    const again = await admin.post('/api/v1/inspection-bands/close?year=2026');
    expect(again.statusCode).toBe(200);
    expect(again.json().items.map((i: { id: string }) => i.id)).toEqual(res.json().items.map((i: { id: string }) => i.id));
    expect((await listBandFacts(t.ctx, null, { orgId, bands: ['excellent_outlet'] })).map((f) => f.period)).toEqual(['2026', '2026', '2026']);
  });
});
