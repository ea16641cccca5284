import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { runCli } from '../../src/cli/main.js';
import { newId } from '../../src/shared/ids.js';
import { generateActivity } from '../../src/demo/activity.js';
import { havePdftotext, pdfText } from '../support/pdf.js';

/**
 * Monthly report (PDF, API and CLI), the daily bulletin (002:L108) and the exports' streaming,
 * languages and audit (issue §2–5).
 */
const at = (local: string) => Date.parse(`${local}+08:00`);
const clock = fakeClock(at('2026-10-12T10:00:00'));
let t: TestApp;
let office: Session;
let head: Session;
let admin: Session;
const ids: Record<string, string> = {};



async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 30 });
  office = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  admin = await t.login('hosp-admin');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const u of (await admin.get('/api/v1/users?pageSize=100')).json().items) ids[u.username] = u.id;
  // RULES §3 acceptance: 5,5,5,4,4,3,1 on one window with 8 served.
  const code = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json().code;
  for (const level of [5, 5, 5, 4, 4, 3, 1]) await t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code, level } });
  await office.post('/api/v1/served-counts', { counts: [{ unitId: ids['H-OPD-REG'], date: '2026-10-12', served: 8 }] });
  // Two complaints today: one in 门诊部, one in 内科; one closed the same day.
  const c = (await office.post('/api/v1/complaints', { channel: 'window', content: '收费窗口找零错误', unitId: ids['H-OPD-REG'], category: 'fees' })).json();
  await office.post('/api/v1/complaints', { channel: 'phone', content: '病区探视安排不合理', unitId: ids['H-IM-W1'] });
  let v = c.version;
  for (const [action, body] of [
    ['assign', { assigneeId: ids['hosp-quality-office'] }],
    ['verify', { verdict: 'substantiated', findings: '属实，已退还差额。' }],
    ['record_cause', { causes: ['attitude'] }],
    ['record_measure', { measure: '批评教育。' }],
    ['reply', { channel: 'phone', content: '已退还差额并致歉。' }],
    ['close', {}],
  ] as const) {
    const res = await office.post(`/api/v1/complaints/${c.id}/${action}`, { version: v, ...body });
    expect(res.statusCode, res.body).toBe(200);
    v = res.json().version;
  }
  // The CLI opens its own connection to the same database.
  process.env.YOUZHI_DATA_DIR = t.dataDir;
  if (t.databaseUrl) process.env.DATABASE_URL = t.databaseUrl;
});
afterAll(async () => t?.close());

describe('monthly report (服务质量月报)', () => {
  it.skipIf(!havePdftotext)('API: Chinese PDF with the organisation, the month and its satisfaction rate (RULES §3: 5/7 = 71.43 %)', async () => {
    const res = await office.get('/api/v1/reports/monthly.pdf?month=2026-10');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('monthly-report-demo-hospital-2026-10.pdf');
    const file = path.join(t.dataDir, 'api-report.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const text = pdfText(file);
    expect(text).toContain('示范县人民医院');
    expect(text).toContain('2026年10月服务质量月报');
    expect(text).toContain('满意率 71.43%');
    expect(text).toContain('评价率 87.5%');
    expect(text).toContain('窗口满意度排名');
    expect(text).toContain('挂号收费窗口');
    expect(text).toContain('超期案件清单');
    // Compared with last month, by category too; generated in Beijing time, not UTC.
    expect(text).toContain('投诉分类（与上月比较）');
    expect(text).toContain('收费问题 1 件（上月 0 件）');
    expect(text).toMatch(/生成时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(text).not.toContain('UTC');
    // The audit log's signed checkpoint, published outside the database (issue 12 §4).
    const checkpoint = (await office.get('/api/v1/audit/checkpoints')).json().items[0];
    expect(text).toContain(`审计校验点：第 ${checkpoint.seq} 条 ${checkpoint.hash.slice(0, 16)}`);
  });

  it('draws the charts (ECharts SVG) as vector paths, not images', async () => {
    const pdf = (await office.get('/api/v1/reports/monthly.pdf?month=2026-10')).rawPayload;
    const streams: string[] = [];
    const raw = pdf.toString('latin1');
    for (const m of raw.matchAll(/stream\r?\n/g)) {
      const start = m.index! + m[0].length;
      const end = raw.indexOf('endstream', start);
      try {
        streams.push(zlib.inflateSync(pdf.subarray(start, end)).toString('latin1'));
      } catch {
        // font programs and other binary streams
      }
    }
    const content = streams.join('\n');
    expect((content.match(/ l\n/g) ?? []).length).toBeGreaterThan(10); // line segments: grid, axes, the satisfaction line
    expect((content.match(/(^|\n)f\n/g) ?? []).length).toBeGreaterThan(1); // filled shapes: bars, markers, legend
    expect(raw).not.toContain('/Subtype /Image');
  });

  it.skipIf(!havePdftotext)('CLI: youzhi report monthly --org --month --out writes the same report', async () => {
    const out = path.join(t.dataDir, 'cli-report.pdf');
    const r = await cli('report', 'monthly', '--org', 'demo-hospital', '--month', '2026-10', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('wrote');
    const text = pdfText(out);
    expect(text).toContain('示范县人民医院');
    expect(text).toContain('满意率 71.43%');
  });

  it('CLI refuses a malformed month', async () => {
    const r = await cli('report', 'monthly', '--org', 'demo-hospital', '--month', '2026-13', '--out', path.join(t.dataDir, 'x.pdf'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('validation_failed');
  });

  it('is audited like an export', async () => {
    const audit = (await admin.get('/api/v1/audit?entity=report:monthly')).json().items as { action: string; actor: string; after: { month: string } }[];
    expect(audit.every((a) => a.action === 'export' && a.after.month === audit[0].after.month)).toBe(true);
    // Who: the API caller, and the CLI run.
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(havePdftotext ? ['hosp-quality-office', 'cli'] : ['hosp-quality-office']));
  });
});

describe('daily bulletin (每日来访投诉通报, 002:L108)', () => {
  it('counts the day: visits = served counts, ratings and 差评, complaints received/closed', async () => {
    const d = (await office.get('/api/v1/reports/daily?date=2026-10-12')).json();
    expect(d.visits).toMatchObject({ value: 8, recorded: true });
    expect(d.ratings.value).toBe(7);
    expect(d.satisfactionRate.value).toBe(71.43);
    expect(d.negative.value).toBe(1);
    expect(d.complaintsReceived.value).toBe(2);
    expect(d.complaintsClosed.value).toBe(1);
    expect(d.repliesMissed.value).toBe(0);
    expect(d.body).toContain('来访（服务人次）8 人次');
    // 003:L330 low users of the rating device are named; the window rule is 001:L155's ≥ 90 %: 7 of 8 served rated.
    expect(d.lowRatingRate.windows).toEqual([expect.objectContaining({ name: '挂号收费窗口', ratings: 7, served: 8, ratingRate: 87.5 })]);
    expect(d.body).toContain('评价率未达到 ≥ 90% 的窗口：挂号收费窗口 87.5%（7/8）');
    expect((await office.get(d.complaintsClosed.link)).json().total).toBe(1);
    const other = (await office.get('/api/v1/reports/daily?date=2026-10-11')).json();
    expect(other).toMatchObject({ visits: { value: 0, recorded: false }, complaintsReceived: { value: 0 } });
  });

  it('send: the quality office gets the whole hospital, the unit head their subtree; email to those with an address', async () => {
    const qo = (await admin.get('/api/v1/users?pageSize=100')).json().items.find((u: { username: string }) => u.username === 'hosp-quality-office');
    expect((await admin.patch(`/api/v1/users/${qo.id}`, { version: qo.version, email: 'zhikong@hospital.example.cn' })).statusCode).toBe(200);
    office = await t.login('hosp-quality-office'); // the edit ended the session only if scope changed; log in again to be sure
    const res = await office.post('/api/v1/reports/daily/send?date=2026-10-12');
    expect(res.statusCode, res.body).toBe(200);
    const sent = res.json();
    expect(sent.inbox.map((m: { username: string }) => m.username).sort()).toEqual(['hosp-quality-office', 'hosp-unit-head']);
    expect(sent.email).toEqual({ queued: 1, withoutAddress: ['hosp-unit-head'] });
    const mail = await t.ctx.db.kysely.selectFrom('notifications').selectAll().where('channel', '=', 'email').where('address', '=', 'zhikong@hospital.example.cn').execute();
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toContain('【每日来访投诉通报】示范县人民医院 2026-10-12');
    expect(mail[0].body).toContain('当日受理 2 件');
    const inboxOf = async (s: Session) => (await s.get('/api/v1/inbox')).json().items.find((m: { subject: string }) => m.subject.includes('每日来访投诉通报'));
    const mine = await inboxOf(office);
    expect(mine.body).toContain('当日受理 2 件');
    // Sending publishes a fresh audit checkpoint and prints it (issue 12 §4).
    const checkpoint = (await office.get('/api/v1/audit/checkpoints')).json().items[0];
    expect(mine.body).toContain(`审计校验点：第 ${checkpoint.seq} 条 ${checkpoint.hash.slice(0, 16)}`);
    const theirs = await inboxOf(head);
    expect(theirs.subject).toContain('门诊部');
    expect(theirs.body).toContain('当日受理 1 件');
    const audit = (await admin.get('/api/v1/audit?entity=report:daily')).json().items[0];
    expect(audit).toMatchObject({ action: 'send', actor: 'hosp-quality-office', after: { date: '2026-10-12', emails: 1 } });
  });

  it('goes out by itself at the pack hour (08:00) for the day before, once per organisation, on every node', async () => {
    const { sendScheduledBulletins } = await import('../../src/modules/reports/service.js');
    const bulletins = () => t.ctx.db.kysely.selectFrom('notifications').select(['org_id', 'subject']).where('subject', 'like', '%每日来访投诉通报%2026-10-12%').where('channel', '=', 'inbox').execute();
    const before = (await bulletins()).length;
    clock.set(at('2026-10-13T07:59:00'));
    expect(await sendScheduledBulletins(t.ctx, { node: 'a' })).toBe(0);
    // The hall does not want it: a cited override turns it off.
    const hall = await t.login('hall-admin');
    const policy = (await hall.get('/api/v1/policy')).json();
    const off = { reports: { dailyBulletin: { send: { value: false, decision: '本中心每周通报，不发每日通报' } } } };
    expect((await hall.put('/api/v1/policy/overrides', { version: policy.version, overrides: off })).statusCode).toBe(200);
    clock.set(at('2026-10-13T08:01:00'));
    const [a, b] = await Promise.all([sendScheduledBulletins(t.ctx, { node: 'a' }), sendScheduledBulletins(t.ctx, { node: 'b' })]);
    expect(a + b).toBe(1); // the hospital's, once
    expect(await sendScheduledBulletins(t.ctx, { node: 'a' })).toBe(0);
    const added = (await bulletins()).slice(before);
    expect(added).toHaveLength(2); // the hospital's quality office and unit head
    const hospital = (await admin.get('/api/v1/auth/me')).json().organisation.id;
    expect(added.every((n) => n.org_id === hospital)).toBe(true);
    const runs = await t.ctx.db.kysely.selectFrom('daily_bulletin_runs').selectAll().execute();
    expect(runs).toEqual([expect.objectContaining({ org_id: hospital, date: '2026-10-12' })]);
    clock.set(at('2026-10-12T10:00:00'));
  });
});

describe('exports', () => {
  it('cases.xlsx in English with lang=en, audited with the range', async () => {
    const res = await office.get('/api/v1/exports/cases.xlsx?from=2026-10-01&to=2026-10-31&type=complaint&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as string[]).slice(1, 4)).toEqual(['Tracking no.', 'Type', 'Channel']);
    expect(ws.rowCount).toBe(3);
    const closed = (ws.getRow(2).values as string[]).includes('Closed') ? ws.getRow(2) : ws.getRow(3);
    expect(closed.values).toContain('yes');
    expect(closed.values).toContain('Fees and charges');
    const audit = (await admin.get('/api/v1/audit?entity=export:cases')).json().items[0];
    expect(audit).toMatchObject({ action: 'export', actor: 'hosp-quality-office', after: { from: '2026-10-01', to: '2026-10-31', type: 'complaint', lang: 'en' } });
  });

  it('pages through more than 1000 rows in (received_at, id) order, ties included, one row per case', async () => {
    const org = (await t.ctx.db.kysely.selectFrom('organisations').select('id').where('code', '=', 'demo-hospital').executeTakeFirstOrThrow()).id;
    const base = at('2026-08-03T09:00:00');
    const rows = Array.from({ length: 2345 }, (_, i) => ({
      id: newId(base),
      org_id: org,
      type: 'inquiry',
      tracking_no: `ZX-BULK-${String(i).padStart(5, '0')}`,
      channel: 'phone',
      status: 'closed',
      priority: 'normal',
      category: null,
      title: `批量 ${i}`,
      content: '批量导入测试',
      unit_id: ids['H-OPD-REG'],
      unit_path: '/',
      staff_id: null,
      first_responder_id: null,
      assignee_id: null,
      created_by: null,
      data: '{}',
      contact: '{}',
      public_code_hash: null,
      received_at: base + Math.floor(i / 700) * 60_000, // 700 cases share each instant
      closed_at: null,
      created_at: base,
      updated_at: base,
      version: 1,
    }));
    for (let i = 0; i < rows.length; i += 200) await t.ctx.db.kysely.insertInto('cases').values(rows.slice(i, i + 200)).execute();
    const res = await office.get('/api/v1/exports/cases.xlsx?from=2026-08-01&to=2026-08-31&type=inquiry');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const numbers = wb.worksheets[0].getColumn(1).values.slice(2) as string[];
    expect(numbers).toHaveLength(2345);
    expect(new Set(numbers).size).toBe(2345);
    const received = wb.worksheets[0].getColumn(7).values.slice(2) as string[];
    expect([...received].sort()).toEqual(received);
  });

  it('refuses a range whose start is after its end', async () => {
    expect((await office.get('/api/v1/exports/ratings.xlsx?from=2026-10-31&to=2026-10-01')).statusCode).toBe(400);
  });
});

describe('demo activity generator (youzhi demo generate)', () => {
  it('creates a month of activity through the services, deterministic for a seed', async () => {
    const r = await cli('demo', 'generate', '--org', 'demo-hall', '--month', '2026-06', '--seed', '11', '--scale', '0.2');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^demo-hall 2026-06: \d+ ratings \(\d+ 差评\), \d+ complaints/);
    const hall = await t.login('hall-quality-office');
    const d = (await hall.get('/api/v1/dashboard?month=2026-06')).json();
    expect(d.ratings.ratings.value).toBeGreaterThan(50);
    expect(d.ratings.ratingRate.value).toBeLessThanOrEqual(100);
    expect(d.complaints.received.value).toBeGreaterThan(0);
    const first = r.out.split(':')[1];
    // The same seed generates the same month again (on top: twice the activity).
    expect((await cli('demo', 'generate', '--org', 'demo-hall', '--month', '2026-06', '--seed', '11', '--scale', '0.2')).out.split(':')[1]).toBe(first);
    expect((await hall.get('/api/v1/dashboard?month=2026-06')).json().ratings.ratings.value).toBe(2 * d.ratings.ratings.value);
    expect((await cli('demo', 'generate', '--org', 'demo-hall', '--month', '2026-5')).code).toBe(2);
    expect((await cli('demo', 'fill', '--org', 'no-such-org')).code).toBe(2);
  }, 120_000);

  it('a month cut short at midday (the first start fills this month so far) counts the clients served so far, never fewer than the ratings', async () => {
    const until = Date.parse('2026-07-15T12:00:00+08:00');
    const report = await generateActivity(t.ctx, { orgCode: 'demo-hospital', month: '2026-07', seed: 5, scale: 0.5, until });
    expect(report.servedDays).toBe(15); // 14 whole days at closing time and the morning of the 15th
    const hosp = await t.login('hosp-quality-office');
    const day = (await hosp.get('/api/v1/stats/ratings?from=2026-07-15&to=2026-07-15&groupBy=unit')).json();
    const groups = day.groups.filter((g: { ratings: number }) => g.ratings > 0);
    expect(groups.length).toBeGreaterThan(0);
    // 001:L155 评价率 = ratings ÷ clients served: each window's morning is counted, at or above its ratings.
    for (const g of groups) expect(g.served).toBeGreaterThanOrEqual(g.ratings);
    const month = (await hosp.get('/api/v1/dashboard?month=2026-07')).json();
    expect(month.ratings.ratingRate.value).toBeLessThanOrEqual(100);
    expect(month.ratings.ratings.value).toBeGreaterThan(0);
  }, 120_000);
});
