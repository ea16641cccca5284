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
import { lastClosedMonth } from '../../src/shared/months.js';
import { monthZh } from '../../src/modules/reports/format.js';

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



/** The pages of pdftotext's output (form feeds between them). */
const pagesOf = (text: string) => text.split('\f').filter((p) => p.trim());
const squash = (text: string) => text.replace(/\s+/g, '');

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
  const c = (await office.post('/api/v1/complaints', { channel: 'window', content: '收费窗口找零错误', unitId: ids['H-OPD-REG'], category: 'fees', complainant: { name: '王女士', phone: '13800138000' } })).json();
  ids.feesComplaint = c.id;
  ids.wardComplaint = (await office.post('/api/v1/complaints', { channel: 'phone', content: '病区探视安排不合理', unitId: ids['H-IM-W1'] })).json().id;
  let v = c.version;
  for (const [action, body] of [
    ['assign', { assigneeId: ids['hosp-quality-office'] }],
    ['verify', { verdict: 'substantiated', findings: '属实，已退还差额。' }],
    ['record_cause', { causes: ['attitude'] }],
    ['record_measure', { measure: '批评教育。' }],
    ['reply', { channel: 'phone', content: '已退还差额并致歉。' }],
    // A hospital's complaint is closed by the quality office's review (审核办结: casework.complaintReviewClose).
    ['review_close', {}],
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
    // One file-name pattern for downloads: Chinese, with the period, RFC 5987 (issue 13 §6).
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('服务质量月报_2026-10.pdf')}`);
    const file = path.join(t.dataDir, 'api-report.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const text = pdfText(file);
    if (process.env.KEEP_REPORT) fs.copyFileSync(file, process.env.KEEP_REPORT);
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

  it.skipIf(!havePdftotext)('fit to submit: header and 第 N 页 / 共 M 页 on every page, an analysis from the figures, measures, signature and seal (issue 13 §3)', async () => {
    const text = pdfText((await office.get('/api/v1/reports/monthly.pdf?month=2026-10')).rawPayload);
    const pages = pagesOf(text);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      expect(p).toContain('示范县人民医院');
      expect(p).toContain('2026年10月服务质量月报（2026-10-01 至 2026-10-31）');
      expect(p).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*/\\s*共\\s*${pages.length}\\s*页`));
    });
    // Three pages or fewer: no table of contents.
    if (pages.length <= 3) expect(text).not.toContain('目录');
    // The analysis paragraphs say the month's figures against last month's (RULES §3: 5/7, 7 of 8 served).
    // (Paragraphs wrap: compared without white space.)
    const flat = squash(text);
    expect(flat).toContain(squash('本月投诉受理 2 件，较上月增加 2 件；按时答复率 100%，上月无数据；评价率 87.5%，上月无数据；满意率 71.43%，上月无数据；差评 1 条，较上月增加 1 条。'));
    expect(flat).toContain(squash('本月投诉 2 件，以收费问题最多（1 件，占 50%）'));
    expect(flat).toContain(squash('本月参与排名窗口 1 个；挂号收费窗口满意率 71.43%。'));
    // Suggested measures from the figures: the window below the rating-rate rule.
    expect(flat).toContain('建议措施');
    expect(flat).toContain(squash('窗口月评价率未达标（挂号收费窗口）：服务结束时主动邀请评价'));
    // Signature and seal block at the end, on a page that holds more than the block.
    const last = pages[pages.length - 1];
    for (const field of ['编制：', '审核：', '日期：', '（盖章）']) expect(last).toContain(field);
    expect(last.split('\n').filter((l) => l.trim()).length).toBeGreaterThan(6);
    // No heading ends a page: each section heading is followed on its page by its analysis.
    for (const p of pages) {
      const lines = p.split('\n').map((l) => l.trim()).filter((l) => l && !/^第\s*\d+\s*页/.test(l));
      expect(lines[lines.length - 1]).not.toMatch(/^[一二三四五六七八九十]+、/);
    }
  });

  it.skipIf(!havePdftotext)('a report over three pages opens with a table of contents whose page numbers are right', async () => {
    const { renderMonthlyReport } = await import('../../src/modules/reports/monthly-pdf.js');
    const view = (await office.get('/api/v1/dashboard?month=2026-10')).json();
    const items = Array.from({ length: 150 }, (_, i) => ({ trackingNo: `TS-TEST-${i}`, title: `超期事项 ${i}`, unitName: '内科一病区', dueDate: '2026-10-01', severe: i % 3 === 0 }));
    const text = pdfText(await renderMonthlyReport(view, { items, total: 150 }, { previousCategories: [], negativeReasons: [{ code: 'slow', label: '等候时间长', count: 1 }], generatedAt: '2026-10-12 10:00' }));
    const pages = pagesOf(text);
    expect(pages.length).toBeGreaterThan(3);
    expect(pages[0]).toContain('目录');
    const entries = [...pages[0].matchAll(/^([一二三四五六七八九十]+、[^\n]+?)\s+(\d+)$/gm)].map((m) => [m[1].trim(), Number(m[2])] as const);
    expect(entries.length).toBe(8);
    for (const [title, page] of entries) {
      // The page the entry names holds the heading (after the contents page itself).
      const at = pages.findIndex((p, i) => i > 0 && p.split('\n').some((l) => l.trim() === title)) + 1;
      const onFirst = pages[0].split('\n').filter((l) => l.trim().startsWith(title)).length > 1;
      expect(onFirst ? 1 : at, title).toBe(page);
    }
    pages.forEach((p, i) => expect(p).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*/\\s*共\\s*${pages.length}\\s*页`)));
    // The overdue table's header is drawn again on the pages it continues onto.
    expect(pages.filter((p) => p.includes('TS-TEST-') && p.includes('受理编号')).length).toBeGreaterThan(1);
    expect(squash(text)).toContain('督办超期投诉150件');
  });

  it('defaults to the last closed month (API and CLI)', async () => {
    const res = await office.get('/api/v1/reports/monthly.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('服务质量月报_2026-09.pdf'));
    const out = path.join(t.dataDir, 'cli-default.pdf');
    const r = await cli('report', 'monthly', '--org', 'demo-hospital', '--out', out);
    expect(r.code, r.err).toBe(0);
    // The CLI has its own (wall) clock.
    if (havePdftotext) expect(pdfText(out)).toContain(`${monthZh(lastClosedMonth(Date.now(), 480))}服务质量月报`);
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
    expect(audit.every((a) => a.action === 'export')).toBe(true);
    // The month asked for, or the one it defaulted to (the CLI runs on the wall clock).
    expect(new Set(audit.map((a) => a.after.month))).toEqual(new Set(['2026-10', '2026-09', lastClosedMonth(Date.now(), 480)]));
    // Who: the API caller, and the CLI run.
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(['hosp-quality-office', 'cli']));
  });
});

describe('投诉处理登记表 (issue 13 §3)', () => {
  it.skipIf(!havePdftotext)('one A4 page with the whole handling of a complaint, and signature lines', async () => {
    const res = await office.get(`/api/v1/complaints/${ids.feesComplaint}/register.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const c = (await office.get(`/api/v1/cases/${ids.feesComplaint}`)).json();
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`投诉处理登记表_${c.trackingNo}.pdf`)}`);
    const text = pdfText(res.rawPayload);
    expect(pagesOf(text)).toHaveLength(1);
    for (const s of ['示范县人民医院', '投诉处理登记表', c.trackingNo, '受理时间', '2026-10-12 10:00', '窗口', '收费问题', '王女士', '13800138000', '收费窗口找零错误', '挂号收费窗口', '属实：属实，已退还差额。', '服务态度生硬', '批评教育。', '已退还差额并致歉。', '电话', '已办结', '答复期限', '经办人（签字）', '科室负责人（签字）', '质控部门审核', '日期：'])
      expect(text, s).toContain(s);
    // The handler by name, never a user id.
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it.skipIf(!havePdftotext)('a long complaint still fits one page, cut with a note', async () => {
    const content = '候诊时间过长，'.repeat(560);
    // Received last month, so that the day's and this month's counts below stay as they are.
    clock.set(at('2026-09-15T10:00:00'));
    const id = (await office.post('/api/v1/complaints', { channel: 'phone', content, unitId: ids['H-OPD-REG'] })).json().id;
    clock.set(at('2026-10-12T10:00:00'));
    const text = pdfText((await office.get(`/api/v1/complaints/${id}/register.pdf`)).rawPayload);
    expect(pagesOf(text)).toHaveLength(1);
    expect(squash(text)).toContain('（全文见系统）');
    expect(text).toContain('质控部门审核');
  });

  it('scope like reading the case: a unit head outside the complaint\'s unit gets 403, inside 200; not a complaint: 404', async () => {
    expect((await head.get(`/api/v1/complaints/${ids.wardComplaint}/register.pdf`)).statusCode).toBe(403);
    expect((await head.get(`/api/v1/complaints/${ids.feesComplaint}/register.pdf`)).statusCode).toBe(200);
    expect((await office.get(`/api/v1/complaints/${newId(Date.now())}/register.pdf`)).statusCode).toBe(404);
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

  it('file names: one pattern, Chinese with the period, RFC 5987 (issue 13 §6)', async () => {
    const name = (res: { headers: Record<string, unknown> }) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(res.headers['content-disposition']))![1]);
    expect(name(await office.get('/api/v1/exports/cases.xlsx?from=2026-10-01&to=2026-10-31&type=complaint'))).toBe('投诉案件_2026-10.xlsx');
    expect(name(await office.get('/api/v1/exports/cases.xlsx?from=2026-10-01&to=2026-10-15'))).toBe('案件_2026-10-01_2026-10-15.xlsx');
    expect(name(await office.get('/api/v1/exports/ratings.xlsx?from=2026-10-01&to=2026-10-31'))).toBe('评价记录_2026-10.xlsx');
    expect(name(await office.get('/api/v1/reports/monthly.pdf?month=2026-10'))).toBe('服务质量月报_2026-10.pdf');
    // An ASCII fallback for old clients.
    expect((await office.get('/api/v1/exports/ratings.xlsx?from=2026-10-01&to=2026-10-31')).headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=/);
  });

  it('cases export: content, complainant, verification, cause, measure, reply, satisfaction and every deadline, full text, one row per case', async () => {
    const long = '患者反映'.repeat(400);
    clock.set(at('2026-09-16T10:00:00'));
    await office.post('/api/v1/complaints', { channel: 'online', content: long, unitId: ids['H-OPD-REG'] });
    clock.set(at('2026-10-12T10:00:00'));
    const res = await office.get('/api/v1/exports/cases.xlsx?from=2026-09-01&to=2026-10-31&type=complaint');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as string[]).slice(1);
    for (const h of ['受理编号', '摘要', '内容', '投诉人', '联系方式', '核实情况', '原因分析', '整改措施', '答复方式', '答复内容', '投诉人满意度', '办理期限', '是否按期', '各项期限']) expect(header).toContain(h);
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => Object.fromEntries(header.map((h, k) => [h, (ws.getRow(i + 2).values as unknown[])[k + 1] ?? ''])));
    expect(new Set(rows.map((r) => r['受理编号'])).size).toBe(rows.length);
    const fees = rows.find((r) => r['内容'] === '收费窗口找零错误')!;
    expect(fees).toMatchObject({ 投诉人: '王女士', 联系方式: '13800138000', 核实情况: '属实：属实，已退还差额。', 原因分析: '服务态度生硬', 整改措施: '批评教育。', 答复方式: '电话', 答复内容: '已退还差额并致歉。' });
    // Each clock by its name in the pack, with its date and whether it was met.
    expect(fees['各项期限']).toMatch(/^答复投诉人：\d{4}-\d{2}-\d{2}（按期）$/);
    expect(rows.find((r) => String(r['内容']).startsWith('患者反映'))!['内容']).toBe(long);
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
