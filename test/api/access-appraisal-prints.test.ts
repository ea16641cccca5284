import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { havePdftotext, pdfText } from '../support/pdf.js';

/**
 * The appraisal prints (个人考核, issue 21 item 4): one sheet as a Chinese PDF and a period as an
 * xlsx. The PDF goes to whoever may read the sheet — the person (their own only), the head of
 * their unit, the office; the xlsx to the office (every sheet) and a unit head (their subtree).
 * The hall's (政务服务中心) window staff; another organisation's records do not exist for the caller (404). See access.test.ts.
 */
const clock = fakeClock(Date.parse('2026-12-03T10:00:00+08:00'));
let t: TestApp;
let office: Session;
let head: Session;
let staff: Session;
let periodId: string;
const sheetOf: Record<string, { id: string; version: number }> = {};

/** The pack's window-staff template (002:L216 one sheet per person per period). */
async function windowTemplate(s: Session): Promise<string> {
  const res = await s.get('/api/v1/appraisal-templates');
  const items = res.statusCode === 200 ? ((res.json().items ?? []) as { code: string; post?: string }[]) : [];
  return items.find((x) => x.post === 'window_staff')?.code ?? 'window_staff';
}

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 30 });
  office = await t.login('hall-quality-office');
  head = await t.login('hall-unit-head');
  staff = await t.login('hall-staff');
  const template = await windowTemplate(office);
  const existing = (await office.get('/api/v1/appraisals/periods?pageSize=100')).json().items as { id: string; template: { code: string }; period: { label: string } }[];
  // A month the demo has not filled (it fills the last one, 2026-11, and leaves its sheets at every stage).
  const month = ['2026-10', '2026-09', '2026-08'].find((m) => !existing.some((p) => p.template.code === template && p.period.label === m))!;
  const res = await office.post('/api/v1/appraisals/periods', { template, period: month });
  expect(res.statusCode, res.body).toBe(201);
  periodId = res.json().id;
  for (const s of (await office.get(`/api/v1/appraisals/sheets?periodId=${periodId}&pageSize=500`)).json().items) sheetOf[s.staff.badgeNo] = { id: s.id, version: s.version };
  // The head of 综合受理区 scores 朱红 (G2003) with feedback; judged items at the top of their range.
  const detail = (await head.get(`/api/v1/appraisals/sheets/${sheetOf.G2003.id}`)).json();
  const judged = Object.fromEntries((detail.items as { code: string; kind: string; range?: { max: string }; max: string }[]).filter((i) => i.kind === 'judged').map((i) => [i.code, i.range?.max ?? i.max]));
  const scored = await head.put(`/api/v1/appraisals/sheets/${sheetOf.G2003.id}/judged`, { version: detail.version, items: judged, feedback: '服务热情，收费准确' });
  expect(scored.statusCode, scored.body).toBe(200);
}, 120_000);
afterAll(async () => t?.close());

const code = (r: { statusCode: number; json: () => { error?: { code: string } } }) => [r.statusCode, r.json().error?.code];

describe('appraisal prints: who may print what', () => {
  it("'GET /api/v1/appraisals/sheets/:id/pdf': the person their own, the head their unit's, the office any; a colleague's refused; another organisation's not found", async () => {
    const url = (badge: string) => `/api/v1/appraisals/sheets/${sheetOf[badge].id}/pdf`;
    const own = await staff.get(url('G2003'));
    expect(own.statusCode, own.body).toBe(200);
    expect(own.headers['content-type']).toContain('application/pdf');
    expect(own.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect((await head.get(url('G2003'))).statusCode).toBe(200);
    expect((await office.get(url('G2004'))).statusCode).toBe(200);
    expect(code(await staff.get(url('G2004')))[0]).toBe(403);
    const other = await t.login('hosp-quality-office');
    expect(code(await other.get(url('G2003')))).toEqual([404, 'not_found']);
    expect((await t.app.inject({ method: 'GET', url: url('G2003') })).statusCode).toBe(401);
    const inspector = await t.login('hall-inspector');
    expect((await inspector.get(url('G2003'))).statusCode).toBe(403);
  });

  it("'GET /api/v1/appraisals/periods/:id/xlsx': the office and the head (their subtree); staff refused; another organisation's not found", async () => {
    const url = `/api/v1/appraisals/periods/${periodId}/xlsx`;
    expect((await office.get(url)).statusCode).toBe(200);
    expect((await head.get(url)).statusCode).toBe(200);
    expect(code(await staff.get(url))).toEqual([403, 'forbidden']);
    const other = await t.login('hosp-quality-office');
    expect(code(await other.get(url))).toEqual([404, 'not_found']);
  });
});

describe('what the prints say', () => {
  it.skipIf(!havePdftotext)('the PDF names the organisation, period, person and unit, lists each item with its points, the head’s feedback and the three signature lines', async () => {
    const res = await staff.get(`/api/v1/appraisals/sheets/${sheetOf.G2003.id}/pdf`);
    const sheet = (await staff.get(`/api/v1/appraisals/sheets/${sheetOf.G2003.id}`)).json();
    const text = pdfText(res.rawPayload).replace(/\s+/g, '');
    expect(text).toContain('个人考核表');
    expect(text).toMatch(/2026年(10|9|8)月/);
    expect(text).toContain('朱红（G2003）');
    expect(text).toContain('科室：1号窗口（企业开办）');
    for (const item of sheet.items as { label: { zh: string } }[]) expect(text).toContain(item.label.zh.replace(/\s+/g, ''));
    expect(text).toContain(`总分：${sheet.total}`);
    expect(text).toContain('服务热情，收费准确');
    for (const who of ['本人签字', '科室负责人签字', '质控办审核']) expect(text).toContain(who);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toMatch(/个人考核表_朱红_2026-\d\d\.pdf/);
  });

  it('the xlsx has one row per sheet with every item’s points, the total, star, pay coefficient and state (星薪挂钩, 000:L115)', async () => {
    const res = await office.get(`/api/v1/appraisals/periods/${periodId}/xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const rows = (wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    const header = rows[0] as string[];
    expect(header.slice(0, 3)).toEqual(['工号', '姓名', '科室']);
    expect(header.slice(-6)).toEqual(['总分', '星级', '绩效系数', '状态', '评分完整', '一票否决']);
    const listed = (await office.get(`/api/v1/appraisals/sheets?periodId=${periodId}&pageSize=500`)).json();
    expect(rows.length - 1).toBe(listed.total);
    const zhang = rows.find((r) => r[0] === 'G2003')!;
    const sheet = (await office.get(`/api/v1/appraisals/sheets/${sheetOf.G2003.id}`)).json();
    const items = sheet.items as { label: { zh: string }; points: string | null; max: string }[];
    // Each item's column carries its points; the total matches the sheet exactly.
    items.forEach((item, i) => {
      expect(header[3 + i]).toBe(`${item.label.zh} (${item.max})`);
      expect(zhang[3 + i]).toBe(item.points === null ? undefined : Number(item.points));
    });
    expect(zhang[3 + items.length]).toBe(Number(sheet.total));
    expect(zhang[3 + items.length + 1]).toBe(sheet.star ? sheet.star.label.zh : undefined);
    if (sheet.star) expect(zhang[3 + items.length + 2]).toBe(Number(sheet.star.payCoefficient));
    expect(zhang[3 + items.length + 3]).toBe('待本人确认');
    // A unit head's export holds their subtree's sheets only.
    const mine = await head.get(`/api/v1/appraisals/periods/${periodId}/xlsx?lang=en`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(mine.rawPayload as never);
    const headRows = (wb2.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    expect(headRows[0].slice(0, 3)).toEqual(['Badge no.', 'Name', 'Unit']);
    const headList = (await head.get(`/api/v1/appraisals/sheets?periodId=${periodId}&pageSize=500`)).json();
    expect(headRows.length - 1).toBe(headList.total);
  });
});
