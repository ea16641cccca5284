/**
 * Indicator competitions over HTTP (issue 18 items 3–4; RULES §7): the demo bank runs the ABC
 * Qingdao preset (001:L927–971) over five sub-branches; figures entered as JSON and from xlsx
 * (every row checked, nothing stored on error); the scores with each indicator's formula in
 * words, ranks and eligibility; targets city ≥ 90, county ≥ 85 (001:L893); the ranking xlsx and
 * the PDF bulletin; publishing; what awards and sanctions read; who may do what.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { multipartFile } from '../support/multipart.js';
import { havePdftotext, pdfText } from '../support/pdf.js';
import { findOrganisationByCode } from '../../src/modules/organisations/service.js';
import { readCompetitionStandings } from '../../src/modules/competitions/index.js';

const clock = fakeClock(Date.parse('2026-11-10T10:00:00+08:00'));
let t: TestApp;
let office: Session;
let admin: Session;
let head: Session;
let staffUser: Session;
const ids: Record<string, string> = {};
const S = ['B-S1', 'B-S2', 'B-S3', 'B-S4', 'B-S5'];

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365, demoOrgs: ['demo-bank'] });
  office = await t.login('abc-quality-office');
  admin = await t.login('abc-admin');
  head = await t.login('abc-unit-head');
  staffUser = await t.login('abc-staff');
  for (const u of (await office.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
});
afterAll(async () => t?.close());

async function create(body: Record<string, unknown> = {}) {
  const r = await office.post('/api/v1/competitions', { preset: 'abc-qingdao', period: '2026', unitIds: S.map((c) => ids[c]), targets: { [ids['B-S1']]: 'city', [ids['B-S4']]: 'county' }, ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; version: number };
}
const v = (unit: string, indicator: string, input: string, value: string | number | null) => ({ unitId: ids[unit], indicator, input, value });

describe('presets', () => {
  it('lists the pack presets; a preset names every indicator and input code', async () => {
    expect((await office.get('/api/v1/competition-presets')).json().items.map((p: { code: string }) => p.code)).toEqual(['abc-qingdao', 'abc-branch-evaluation']);
    const p = (await office.get('/api/v1/competition-presets/abc-qingdao')).json();
    expect(p.indicators).toHaveLength(9);
    expect(p.indicators[0]).toMatchObject({ code: 'mystery_shopper', weight: '20', source: '001:L931–933' });
    expect(p.indicators[0].inputs.map((i: { code: string }) => i.code)).toEqual(['check1', 'check2', 'check3', 'check4']);
    expect(p.targets.map((x: { code: string; atLeast: string }) => `${x.code}≥${x.atLeast}`)).toEqual(['city≥90', 'county≥85']);
    expect((await office.get('/api/v1/competition-presets/nope')).statusCode).toBe(404);
  });
});

describe('a competition', () => {
  it('scores the acceptance examples: 92, 88, 95, 85 → 18.00; r = 1.6 → 12.00; r = −0.2 → 0 (001:L933, L955); 3 complaints → not eligible (001:L939)', async () => {
    const c = await create();
    const put = await office.put(`/api/v1/competitions/${c.id}/values`, {
      version: c.version,
      values: [
        ...[92, 88, 95, 85].map((x, i) => v('B-S1', 'mystery_shopper', `check${i + 1}`, x)),
        v('B-S1', 'vip_increment', 'unit_increment', '80'),
        v('B-S1', 'vip_increment', 'bank_increment', 50),
        v('B-S2', 'vip_increment', 'unit_increment', '-10'),
        v('B-S2', 'vip_increment', 'bank_increment', 50),
        v('B-S3', 'major_complaints', 'complaints', 2),
        v('B-S3', 'major_complaints', 'media_reports', 1),
        v('B-S4', 'satisfaction', 'survey', '85.5'),
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ version: 2, written: 11 });
    const scores = (await office.get(`/api/v1/competitions/${c.id}/scores`)).json();
    const unit = (code: string) => scores.units.find((u: { unitCode: string }) => u.unitCode === code);
    const ind = (code: string, i: string) => unit(code).indicators.find((x: { code: string }) => x.code === i);
    expect(ind('B-S1', 'mystery_shopper').score).toBe('18.00');
    expect(ind('B-S1', 'mystery_shopper').formula.zh).toContain('90 ÷ 100 × 20');
    expect(ind('B-S1', 'vip_increment')).toMatchObject({ score: '12.00', capped: true });
    expect(ind('B-S2', 'vip_increment')).toMatchObject({ score: '0.00', floored: true });
    expect(unit('B-S1').total).toBe('30.00');
    expect(unit('B-S1').rank).toBe(1);
    expect(unit('B-S3')).toMatchObject({ eligible: false, total: '-3.00', rank: 5 });
    expect(unit('B-S3').ineligibleReason.en).toContain('not eligible');
    expect(unit('B-S4')).toMatchObject({ total: '17.10', rank: 2, target: { code: 'county', atLeast: '85', met: false } });
    expect(unit('B-S2').target).toBeNull();
    expect(unit('B-S1').complete).toBe(false);
    expect(scores.units.map((u: { rank: number }) => u.rank)).toEqual([1, 2, 3, 3, 5]);
  });

  it('refuses bad figures all at once and stores none; a stale version is 409', async () => {
    const c = await create();
    const bad = await office.put(`/api/v1/competitions/${c.id}/values`, {
      version: c.version,
      values: [v('B-S1', 'satisfaction', 'survey', 90), v('B-S1', 'nope', 'x', 1), v('B-S1', 'satisfaction', 'survey', 'ninety'), v('B-S1', 'satisfaction', 'survey', -1), { ...v('B-S1', 'satisfaction', 'survey', 1), unitId: ids['B-RB'] }, v('B-S1', 'major_complaints', 'complaints', 1.5)],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(['body.values.1.indicator', 'body.values.2.value', 'body.values.3.value', 'body.values.4.unitId', 'body.values.5.value']);
    expect((await office.get(`/api/v1/competitions/${c.id}`)).json().values).toEqual([]);
    const ok = await office.put(`/api/v1/competitions/${c.id}/values`, { version: c.version, values: [v('B-S1', 'satisfaction', 'survey', 90)] });
    expect(ok.statusCode).toBe(200);
    const stale = await office.put(`/api/v1/competitions/${c.id}/values`, { version: c.version, values: [v('B-S1', 'satisfaction', 'survey', 80)] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const got = (await office.get(`/api/v1/competitions/${c.id}`)).json();
    expect(got.values).toEqual([{ unitId: ids['B-S1'], indicator: 'satisfaction', input: 'survey', value: '90', origin: 'entered' }]);
    const removed = await office.put(`/api/v1/competitions/${c.id}/values`, { version: got.version, values: [v('B-S1', 'satisfaction', 'survey', null)] });
    expect(removed.json()).toMatchObject({ removed: 1 });
  });

  it('checks the creation: unknown preset, unit of no competition, target not in the preset, bad period', async () => {
    const post = (body: Record<string, unknown>) => office.post('/api/v1/competitions', { preset: 'abc-qingdao', period: '2026', unitIds: [ids['B-S1']], ...body });
    expect((await post({ preset: 'nope' })).json().error.details[0].path).toBe('body.preset');
    expect((await post({ period: '2026-13' })).statusCode).toBe(400);
    expect((await post({ targets: { [ids['B-S1']]: 'village' } })).statusCode).toBe(400);
    expect((await post({ unitIds: [ids['B-S1'], ids['B-S1']] })).statusCode).toBe(400);
    expect((await post({ unitIds: ['00000000-0000-4000-8000-000000000001'] })).statusCode).toBe(404);
  });
});

async function sheet(rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('x');
  ws.addRow(['单位编码', '指标编码', '数据项编码', '数值']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('xlsx', () => {
  it('imports figures all-or-nothing with every bad row named; the template lists every unit × input', async () => {
    const c = await create();
    const upload = async (buf: Buffer, version: number) => {
      const { payload, headers } = multipartFile('file', 'figures.xlsx', buf);
      return t.app.inject({ method: 'POST', url: `/api/v1/competitions/${c.id}/values.xlsx?version=${version}`, headers: { ...office.headers, ...headers }, payload });
    };
    const bad = await upload(
      await sheet([
        ['B-S1', 'mystery_shopper', 'check1', 92],
        ['B-RB', 'mystery_shopper', 'check1', 92],
        ['B-S2', 'mystery_shopper', 'check9', 92],
        ['B-S2', 'mystery_shopper', 'check1', 'abc'],
        ['B-S1', 'mystery_shopper', 'check1', 90],
      ]),
      c.version,
    );
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.code).toBe('import_failed');
    expect(bad.json().error.details.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['3:unitCode', '4:input', '5:value', '6:input']);
    expect((await office.get(`/api/v1/competitions/${c.id}`)).json().values).toEqual([]);
    const ok = await upload(await sheet([['B-S1', 'mystery_shopper', 'check1', 92], ['B-S2', 'vip_increment', 'unit_increment', -2.5]]), c.version);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ written: 2, version: c.version + 1 });
    const values = (await office.get(`/api/v1/competitions/${c.id}`)).json().values;
    expect(values.map((x: { value: string; origin: string }) => `${x.value}/${x.origin}`).sort()).toEqual(['-2.5/imported', '92/imported']);

    const tpl = await office.get(`/api/v1/competitions/${c.id}/template.xlsx`);
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as never);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    // 1 header + 5 units × 26 inputs (4 + 1 + 2 + 3 + 4 + 2 + 4 + 4 + 2)
    expect(rows.length).toBe(1 + 5 * 26);
    expect(rows[1].slice(1, 6)).toEqual(['B-S1', '市南支行', 'mystery_shopper', '“神秘人”检查', 'check1']);
    expect(rows[1][8]).toBe(92);
  });

  it('exports the ranking and prints the bulletin', async () => {
    const c = await create();
    await office.put(`/api/v1/competitions/${c.id}/values`, { version: c.version, values: [92, 88, 95, 85].map((x, i) => v('B-S1', 'mystery_shopper', `check${i + 1}`, x)) });
    const x = await office.get(`/api/v1/competitions/${c.id}/ranking.xlsx?lang=en`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0].slice(1, 5)).toEqual(['Rank', 'Unit code', 'Unit', 'Total']);
    expect(rows[1].slice(1, 5)).toEqual([1, 'B-S1', '市南支行', 18]);
    const pdf = await office.get(`/api/v1/competitions/${c.id}/bulletin.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    if (havePdftotext) {
      const text = pdfText(pdf.rawPayload);
      expect(text).toContain('市南支行');
      expect(text).toContain('综合排名');
    }
  });

  it('publishing fixes the figures; awards and sanctions read the standings of the period', async () => {
    const c = await create({ period: '2026-Q3' });
    await office.put(`/api/v1/competitions/${c.id}/values`, { version: c.version, values: [v('B-S1', 'satisfaction', 'survey', 90)] });
    const published = await office.post(`/api/v1/competitions/${c.id}/publish`, { version: c.version + 1 });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().state).toBe('published');
    const late = await office.put(`/api/v1/competitions/${c.id}/values`, { version: c.version + 2, values: [v('B-S1', 'satisfaction', 'survey', 80)] });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('invalid_transition');
    const org = await findOrganisationByCode(t.ctx, 'demo-bank');
    const standings = await readCompetitionStandings(t.ctx, org!.id, '2026-Q3');
    expect(standings).toHaveLength(1);
    expect(standings[0].units[0]).toMatchObject({ unitId: ids['B-S1'], total: '18.00', rank: 1, eligible: true });
    expect(await readCompetitionStandings(t.ctx, org!.id, '2025')).toEqual([]);
  });
});

describe('figures Youzhi has', () => {
  it('fills the mystery-shopper checks from the inspections of the period, in the order made, and lists what it found none for', async () => {
    const c = await create({ period: '2026-H2' });
    for (const at of ['2026-09-02T10:00:00+08:00', '2026-07-15T10:00:00+08:00', '2026-03-01T10:00:00+08:00']) {
      const r = await admin.post('/api/v1/inspections', { templateCode: 'bank-mystery-shopper', unitId: ids['B-S1-01'], kind: 'mystery_shopper', performedAt: at, results: [] });
      expect(r.statusCode, r.body).toBe(201);
    }
    const r = await office.post(`/api/v1/competitions/${c.id}/compute`, { version: c.version });
    expect(r.statusCode, r.body).toBe(200);
    // Two checks in the second half (the March one is outside the period), both 100 % of full marks.
    expect(r.json().written).toBe(2);
    const values = (await office.get(`/api/v1/competitions/${c.id}`)).json().values;
    expect(values.map((x: { input: string; value: string; origin: string }) => `${x.input}=${x.value}/${x.origin}`).sort()).toEqual(['check1=100/computed', 'check2=100/computed']);
    const missing = r.json().missing.map((m: { unitId: string; input: string }) => `${m.unitId === ids['B-S1'] ? 'S1' : 'other'}:${m.input}`);
    expect(missing).toContain('S1:check3');
    expect(missing).toContain('S1:survey');
    expect((await office.post(`/api/v1/competitions/${c.id}/compute`, { version: c.version })).statusCode).toBe(409);
    expect((await head.post(`/api/v1/competitions/${c.id}/compute`, { version: c.version + 1 })).statusCode).toBe(403);
  });
});

describe('access', () => {
  it('a unit head reads the ranking of their subtree only and writes nothing; staff read nothing', async () => {
    const c = await create();
    const scores = (await head.get(`/api/v1/competitions/${c.id}/scores`)).json();
    expect(scores.units.map((u: { unitCode: string }) => u.unitCode)).toEqual(['B-S1']);
    expect((await head.put(`/api/v1/competitions/${c.id}/values`, { version: 1, values: [] })).statusCode).toBe(403);
    expect((await head.post('/api/v1/competitions', { preset: 'abc-qingdao', period: '2026', unitIds: [ids['B-S1']] })).statusCode).toBe(403);
    expect((await staffUser.get('/api/v1/competitions')).statusCode).toBe(403);
    expect((await staffUser.get(`/api/v1/competitions/${c.id}/scores`)).statusCode).toBe(403);
    expect((await admin.get('/api/v1/competitions?period=2026')).json().total).toBeGreaterThan(0);
  });
});
