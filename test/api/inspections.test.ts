/**
 * Inspections over HTTP (RULES §4; issue 14 items 2, 3, 7): the hospital scorecard's acceptance
 * examples (004:L202–204), field-named 400s that store nothing, offline idempotency, findings that
 * open rectification cases due in the pack's 5 working days (RULES §4 decision), half-hearted
 * rectification on a repeated finding (003:L490), scope, and template versions.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { seedDemoInspections } from '../../src/demo/inspections.js';
import { multipartFile } from '../support/multipart.js';

// A 1×1 PNG.
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc00000030101009a5e1ae40000000049454e44ae426082', 'hex');

const clock = fakeClock(Date.parse('2026-11-02T12:00:00+08:00'));
let t: TestApp;
let admin: Session;
let head: Session;
let inspector: Session;
let supervisor: Session;
let staffUser: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hosp-admin');
  head = await t.login('hosp-unit-head');
  inspector = await t.login('hosp-inspector');
  supervisor = await t.login('hosp-supervisor');
  staffUser = await t.login('hosp-staff');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  for (const u of (await admin.get('/api/v1/users?pageSize=100')).json().items) ids[u.username] = u.id;
});
afterAll(async () => t?.close());

const performedAt = '2026-11-02T10:00:00+08:00';
const waits = (...minutes: number[]) => minutes.map((value) => ({ metric: 'window_wait', value }));

function scorecard(results: unknown[], extra: Record<string, unknown> = {}) {
  return { templateCode: 'hospital-scorecard', unitId: ids['H-OPD-REG'], kind: 'scheduled', performedAt, results, ...extra };
}

async function total(s: Session = admin): Promise<number> {
  return (await s.get('/api/v1/inspections?pageSize=1')).json().total;
}

const item = (body: { items: { item: string }[] }, code: string) => body.items.find((i) => i.item === code)!;

describe('hospital scorecard (004:L202–204)', () => {
  it('waits 9, 10 and 13 minutes and three fee cases: service −0.1, fees −0.6, score 9.3', async () => {
    const res = await inspector.post('/api/v1/inspections', scorecard([{ item: 'service', observations: waits(9, 10, 13) }, { item: 'fees', cases: 3 }]));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ score: 9.3, maxScore: 10, vetoed: false, templateCode: 'hospital-scorecard', templateVersion: 1 });
    expect(item(body, 'service')).toMatchObject({ deduction: 0.1, cases: 1, failed: ['window_wait'] });
    expect(item(body, 'fees')).toMatchObject({ deduction: 0.6, cases: 3, failed: [] });
    expect(body.id).toBeTruthy();
    const detail = (await inspector.get(`/api/v1/inspections/${body.id}`)).json();
    expect(detail.score).toBe(9.3);
    expect(item(detail, 'service')).toMatchObject({ answered: true, observations: waits(9, 10, 13) });
    expect(item(detail, 'lawful')).toMatchObject({ answered: false, deduction: 0 });
  });

  it('twelve waits over 10 minutes lose 1.0, not 1.2 (an item never loses more than its points)', async () => {
    const res = await inspector.post('/api/v1/inspections/preview', scorecard([{ item: 'service', observations: waits(...Array(12).fill(11)) }]));
    expect(res.statusCode, res.body).toBe(200);
    expect(item(res.json(), 'service')).toMatchObject({ deduction: 1, cases: 12 });
    expect(res.json().score).toBe(9);
  });

  it('a preview scores and stores nothing', async () => {
    const before = await total();
    const res = await inspector.post('/api/v1/inspections/preview', scorecard([{ item: 'fees', cases: 3 }]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: null, score: 9.4 });
    expect(res.json().findings[0]).toMatchObject({ item: 'fees', caseId: null });
    expect(await total()).toBe(before);
  });
});

describe('invalid results: 400 naming the field, nothing stored', () => {
  const cases: [string, unknown[], string][] = [
    ['an unknown item', [{ item: 'charm', cases: 1 }], 'body.results.0.item'],
    ['an unknown metric', [{ item: 'service', observations: [{ metric: 'queue_length', value: 3 }] }], 'body.results.0.observations.0.metric'],
    ['an item given twice', [{ item: 'fees', cases: 1 }, { item: 'fees', cases: 2 }], 'body.results.1.item'],
    ['a percentage above 100', [{ item: 'quality', observations: [{ metric: 'incident_reporting', value: 120 }] }], 'body.results.0.observations.0.value'],
    ['negative cases', [{ item: 'fees', cases: -1 }], 'body.results.0.cases'],
  ];
  for (const [what, results, path] of cases) {
    it(`${what} → ${path}`, async () => {
      const before = await total();
      const res = await inspector.post('/api/v1/inspections', scorecard(results, { idempotencyKey: `bad-${path}` }));
      expect(res.statusCode, res.body).toBe(400);
      const err = res.json().error;
      expect(err.code).toBe('validation_failed');
      expect(err.details.map((d: { path: string }) => d.path)).toContain(path);
      const detail = err.details.find((d: { path: string }) => d.path === path);
      expect(detail.messages.zh).toBeTruthy();
      expect(detail.messages.en).toBeTruthy();
      expect(await total()).toBe(before);
    });
  }

  it('an unknown template names templateCode', async () => {
    const res = await inspector.post('/api/v1/inspections', scorecard([], { templateCode: 'no-such-template' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.templateCode');
  });

  it('an inspection performed tomorrow is refused', async () => {
    const res = await inspector.post('/api/v1/inspections', scorecard([], { performedAt: '2026-11-03T12:00:00+08:00' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.performedAt');
  });
});

describe('offline sync: the idempotency key stores once', () => {
  it('the same key twice → 201 then 200 with the first result, one row', async () => {
    const before = await total();
    const body = scorecard([{ item: 'care', cases: 1 }], { unitId: ids['H-OPD-INF'], idempotencyKey: 'phone-7f3a-0001' });
    const first = await inspector.post('/api/v1/inspections', body);
    expect(first.statusCode, first.body).toBe(201);
    const again = await inspector.post('/api/v1/inspections', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await total()).toBe(before + 1);
    const cases = (await admin.get(`/api/v1/cases?type=rectification&unitId=${ids['H-OPD-INF']}&pageSize=100`)).json();
    expect(cases.items.filter((c: { data: { inspectionId?: string } }) => c.data.inspectionId === first.json().id)).toHaveLength(1);
  });

  it('the key reused for a different inspection is refused (422)', async () => {
    const res = await inspector.post('/api/v1/inspections', scorecard([{ item: 'care', cases: 2 }], { unitId: ids['H-OPD-INF'], idempotencyKey: 'phone-7f3a-0001' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('idempotency_key_reused');
  });
});

describe('findings → rectification (RULES §4, §2)', () => {
  it('a failed item opens a rectification case owned by the unit head, due in 5 working days', async () => {
    const res = await inspector.post('/api/v1/inspections', scorecard([{ item: 'lawful', cases: 1, note: '超范围执业' }, { item: 'service', observations: waits(5) }], { staffId: ids.H1003 }));
    expect(res.statusCode, res.body).toBe(201);
    const findings = res.json().findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ item: 'lawful', deduction: 1, halfHearted: false });
    const c = (await admin.get(`/api/v1/cases/${findings[0].caseId}`)).json();
    expect(c).toMatchObject({ type: 'rectification', channel: 'inspection', status: 'open', unitId: ids['H-OPD-REG'], staffId: ids.H1003, assigneeId: ids['hosp-unit-head'] });
    expect(c.data).toMatchObject({ source: 'inspection', inspectionId: res.json().id, item: 'lawful' });
    // Received Monday 2026-11-02: five working days → Monday 2026-11-09.
    expect(c.clocks).toEqual([expect.objectContaining({ clockId: 'feedback', dueDate: '2026-11-09' })]);
    expect(findings[0].trackingNo).toBe(c.trackingNo);
    // The finding enters the person's incident file (差错投诉个人档案).
    const file = (await admin.get(`/api/v1/staff/${ids.H1003}/incidents`)).json();
    expect(file.items).toContainEqual(expect.objectContaining({ sourceType: 'inspection', kind: 'finding', sourceId: `${res.json().id}:lawful` }));
    const detail = (await admin.get(`/api/v1/inspections/${res.json().id}`)).json();
    expect(detail.findings[0]).toMatchObject({ item: 'lawful', caseId: c.id, caseStatus: 'open' });
  });

  it('a re-inspection finding the same problem while it is open marks the rectification half-hearted (003:L490)', async () => {
    const unitId = ids['H-OPD-PHA'];
    const first = (await inspector.post('/api/v1/inspections', scorecard([{ item: 'fees', cases: 1 }], { unitId }))).json();
    expect(first.findings[0].halfHearted).toBe(false);
    clock.advance(60 * 60_000);
    const again = await inspector.post('/api/v1/inspections', scorecard([{ item: 'fees', cases: 2 }, { item: 'care', cases: 1 }], { unitId, performedAt: '2026-11-02T12:30:00+08:00' }));
    expect(again.statusCode, again.body).toBe(201);
    const byItem = Object.fromEntries(again.json().findings.map((f: { item: string }) => [f.item, f]));
    expect(byItem.fees.halfHearted).toBe(true);
    expect(byItem.care.halfHearted).toBe(false);
    const earlier = (await admin.get(`/api/v1/cases/${first.findings[0].caseId}`)).json();
    expect(earlier.timeline.map((e: { action: string }) => e.action)).toContain('half_hearted');
    expect(earlier.data.halfHearted).toMatchObject({ caseId: byItem.fees.caseId });
    expect((await admin.get(`/api/v1/cases/${byItem.fees.caseId}`)).json().data.repeatOf).toBe(earlier.id);
  });

  it('another unit or another item is not a repeat', async () => {
    const res = (await inspector.post('/api/v1/inspections', scorecard([{ item: 'fees', cases: 1 }], { unitId: ids['H-IM'] }))).json();
    expect(res.findings[0].halfHearted).toBe(false);
  });
});

describe('roles and scope', () => {
  it('a unit head inspects inside the subtree only (403 out_of_scope)', async () => {
    const outside = await head.post('/api/v1/inspections', scorecard([], { unitId: ids['H-IM'], kind: 'self_inspection' }));
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('out_of_scope');
    const inside = await head.post('/api/v1/inspections', scorecard([], { kind: 'self_inspection' }));
    expect(inside.statusCode, inside.body).toBe(201);
  });

  it('a unit head cannot open an inspection of a unit outside the subtree', async () => {
    const other = (await admin.post('/api/v1/inspections', scorecard([], { unitId: ids['H-SUR'] }))).json();
    const res = await head.get(`/api/v1/inspections/${other.id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('out_of_scope');
    const list = (await head.get('/api/v1/inspections?pageSize=500')).json();
    expect(list.items.every((i: { unitId: string }) => [ids['H-OPD-REG'], ids['H-OPD-PHA'], ids['H-OPD-INF']].includes(i.unitId))).toBe(true);
  });

  it('inspectors and supervisors see only what they performed', async () => {
    const mine = await supervisor.post('/api/v1/inspections', scorecard([], { kind: 'supervisor_report' }));
    expect(mine.statusCode, mine.body).toBe(201);
    const list = (await supervisor.get('/api/v1/inspections?pageSize=500')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([mine.json().id]);
    expect((await inspector.get('/api/v1/inspections?pageSize=500')).json().items.every((i: { inspector: string }) => i.inspector === 'hosp-inspector')).toBe(true);
    expect((await inspector.get(`/api/v1/inspections/${mine.json().id}`)).statusCode).toBe(403);
  });

  it('front-line staff do not inspect', async () => {
    const res = await staffUser.post('/api/v1/inspections', scorecard([]));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('filters by month, kind, template and vetoed', async () => {
    expect((await admin.get('/api/v1/inspections?month=2026-11')).json().total).toBe(await total());
    expect((await admin.get('/api/v1/inspections?month=2026-10')).json().total).toBe(0);
    expect((await admin.get('/api/v1/inspections?kind=supervisor_report')).json().total).toBe(1);
    expect((await admin.get('/api/v1/inspections?template=window-norm')).json().total).toBe(0);
    expect((await admin.get('/api/v1/inspections?vetoed=true')).json().total).toBe(0);
  });
});

describe('templates and versions', () => {
  it('lists the pack templates with codes, items and metrics', async () => {
    const list = (await inspector.get('/api/v1/inspection-templates')).json();
    expect(list.items.map((x: { code: string }) => x.code)).toEqual(['hospital-scorecard', 'window-norm']);
    const one = (await inspector.get('/api/v1/inspection-templates/hospital-scorecard')).json();
    expect(one.version).toBe(1);
    const service = one.sections[0].items.find((i: { code: string }) => i.code === 'service');
    expect(service.metrics.map((m: { code: string }) => m.code)).toEqual(['window_wait', 'equipment_report', 'routine_test']);
    expect((await inspector.get('/api/v1/inspection-templates/nope')).statusCode).toBe(404);
  });

  it('an edit is a new version; the past keeps its version and score', async () => {
    const hall = await t.login('hall-quality-office');
    const hallInspector = await t.login('hall-inspector');
    const units = (await hall.get('/api/v1/units?pageSize=100')).json().items;
    const unitId = units.find((u: { code: string }) => u.code === 'G-A-01').id;
    const body = { templateCode: 'window-norm', unitId, kind: 'unannounced', performedAt, results: [{ item: 'no_eating', cases: 1 }] };
    const old = (await hallInspector.post('/api/v1/inspections', body)).json();
    expect(old).toMatchObject({ score: 98, templateVersion: 1 });

    const current = (await hall.get('/api/v1/inspection-templates/window-norm')).json();
    expect((await hallInspector.put('/api/v1/inspection-templates/window-norm', { version: 1, template: {} })).statusCode).toBe(403);
    const { version, origin, ...template } = current;
    void origin;
    const edited = structuredClone(template);
    const noEating = edited.sections.flatMap((s: { items: { code: string; deduction: number }[] }) => s.items).find((i: { code: string }) => i.code === 'no_eating');
    noEating.deduction = 4;
    const clean = edited;
    const saved = await hall.put('/api/v1/inspection-templates/window-norm', { version, template: clean });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, origin: 'edited' });

    const stale = await hall.put('/api/v1/inspection-templates/window-norm', { version: 1, template: clean });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const broken = structuredClone(clean);
    broken.sections[0].items[1].points = 'many';
    const invalid = await hall.put('/api/v1/inspection-templates/window-norm', { version: 2, template: broken });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.map((d: { path: string }) => d.path)).toContain('body.template.sections.0.items.1.points');

    const now = (await hallInspector.post('/api/v1/inspections', body)).json();
    expect(now).toMatchObject({ score: 96, templateVersion: 2 });
    expect((await hallInspector.get(`/api/v1/inspections/${old.id}`)).json()).toMatchObject({ score: 98, templateVersion: 1 });
  });

  it('a finding on an evidence item needs a note (a NO needs a note and a photo)', async () => {
    const hallInspector = await t.login('hall-inspector');
    const units = (await hallInspector.get('/api/v1/units/options')).json().items;
    const unitId = units.find((u: { code: string }) => u.code === 'G-A-02').id;
    const body = { templateCode: 'window-norm', unitId, kind: 'unannounced', performedAt, results: [{ item: 'banned_phrases', cases: 1 }] };
    const bare = await hallInspector.post('/api/v1/inspections', body);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0].path).toBe('body.results.0.note');
    const noted = await hallInspector.post('/api/v1/inspections', { ...body, results: [{ item: 'banned_phrases', cases: 1, note: '对群众说"有牌子、自己看"' }] });
    expect(noted.statusCode, noted.body).toBe(201);
    // The photo follows on the finding's rectification case, which the inspector opened and may see.
    const caseId = noted.json().findings[0].caseId;
    const file = multipartFile('file', '现场照片.png', png);
    const uploaded = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/attachments`, headers: { ...hallInspector.headers, ...file.headers }, payload: file.payload });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect((await hallInspector.get(`/api/v1/cases/${caseId}/attachments`)).json().items).toHaveLength(1);
  });

  it('keeps the signer\'s drawing with the inspection', async () => {
    const drawing = `data:image/png;base64,${png.toString('base64')}`;
    const res = await inspector.post('/api/v1/inspections', scorecard([], { signature: { image: drawing, signerName: '李建国' } }));
    expect(res.statusCode, res.body).toBe(201);
    expect((await inspector.get(`/api/v1/inspections/${res.json().id}`)).json().signature).toEqual({ signerName: '李建国', image: drawing });
    const notReallyPng = await inspector.post('/api/v1/inspections', scorecard([], { signature: { image: `data:image/png;base64,${Buffer.from('GIF89a....').toString('base64')}`, signerName: '李建国' } }));
    expect(notReallyPng.statusCode).toBe(400);
    expect(notReallyPng.json().error.details[0].path).toBe('body.signature.image');
    const notPng = await inspector.post('/api/v1/inspections', scorecard([], { signature: { image: 'data:image/svg+xml;base64,PHN2Zz4=', signerName: '李建国' } }));
    expect(notPng.statusCode).toBe(400);
  });
});

describe('demo data', () => {
  it('gives each demo organisation a handful of inspections, once', async () => {
    expect(await seedDemoInspections(t.ctx, 'demo-hospital', clock.now())).toBe(9);
    expect(await seedDemoInspections(t.ctx, 'demo-hospital', clock.now())).toBe(0);
    expect(await seedDemoInspections(t.ctx, 'demo-hall', clock.now())).toBe(3);
    const example = (await admin.get(`/api/v1/inspections?unitId=${ids['H-IM']}&template=hospital-scorecard&pageSize=100`)).json().items;
    expect(example.map((i: { score: number }) => i.score)).toContain(9.3);
  });
});

async function sheet(s: Session, url: string) {
  const res = await s.get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('xlsx exports: one row per inspection, one per finding', () => {
  it('lists every inspection of the range in the caller\'s scope', async () => {
    const rows = await sheet(admin, '/api/v1/exports/inspections.xlsx?from=2026-10-01&to=2026-11-30');
    expect(rows[0].slice(0, 3)).toEqual(['检查时间', '受检单位', '受检人员']);
    // Every inspection of October and November (the demo's older ones fall in September).
    const inRange = async (month: string) => (await admin.get(`/api/v1/inspections?pageSize=1&month=${month}`)).json().total as number;
    expect(rows.length - 1).toBe((await inRange('2026-10')) + (await inRange('2026-11')));
    expect(rows.length - 1).toBeLessThan(await total());
    expect(rows.some((r) => r.includes('9.3') && r.includes('临床科室优质服务考核(月度,满分 10 分)'))).toBe(true);
    const scoped = await sheet(head, '/api/v1/exports/inspections.xlsx?from=2026-10-01&to=2026-11-30&lang=en');
    expect(scoped[0][0]).toBe('Performed');
    expect(scoped.slice(1).every((r) => ['挂号收费窗口', '门诊药房窗口', '导医服务台'].includes(r[1]))).toBe(true);
    expect((await inspector.get('/api/v1/exports/inspections.xlsx?from=2026-10-01&to=2026-11-30')).statusCode).toBe(403);
  });

  it('lists every finding with its rectification number and the half-hearted flag', async () => {
    const rows = await sheet(admin, '/api/v1/exports/inspection-findings.xlsx?from=2026-11-01&to=2026-11-30');
    expect(rows[0]).toContain('整改单号');
    const repeat = rows.find((r) => r[1] === '门诊药房窗口' && r[5] === '(四)医疗收费规范' && r[13] === '是');
    expect(repeat, JSON.stringify(rows.slice(0, 5))).toBeTruthy();
    expect(repeat![11]).toMatch(/^ZG\d{12}$/);
    expect(repeat![12]).toBe('待整改');
  });
});

describe('half-hearted only within the window after closing (pack: 90 days, 003:L490)', () => {
  async function act(s: Session, id: string, action: string, body: Record<string, unknown> = {}) {
    const current = (await admin.get(`/api/v1/cases/${id}`)).json();
    const res = await s.post(`/api/v1/cases/${id}/actions/${action}`, { version: current.version, ...body });
    expect(res.statusCode, res.body).toBe(200);
  }
  const DAY = 86_400_000;
  const at = (ms: number) => new Date(ms).toISOString();

  it('a repeat 30 days after the rectification closed is half-hearted; 91 days after, it is a new finding', async () => {
    const unitId = ids['H-OPD-INF'];
    const first = (await inspector.post('/api/v1/inspections', scorecard([{ item: 'lawful', cases: 1 }], { unitId, performedAt: at(clock.now()) }))).json();
    const caseId = first.findings[0].caseId;
    await act(head, caseId, 'rectify', { measure: '组织全员学习执业规范' });
    await act(admin, caseId, 'verify');
    const closedAt = clock.now();
    clock.set(closedAt + 30 * DAY);
    const within = (await inspector.post('/api/v1/inspections', scorecard([{ item: 'lawful', cases: 1 }], { unitId, performedAt: at(clock.now()) }))).json();
    expect(within.findings[0].halfHearted).toBe(true);
    // The repeat opened its own case; close it too, then come back after the window.
    await act(head, within.findings[0].caseId, 'rectify', { measure: '再次整改' });
    await act(admin, within.findings[0].caseId, 'verify');
    clock.set(clock.now() + 91 * DAY);
    const after = (await inspector.post('/api/v1/inspections', scorecard([{ item: 'lawful', cases: 1 }], { unitId, performedAt: at(clock.now()) }))).json();
    expect(after.findings[0].halfHearted).toBe(false);
  });
});
