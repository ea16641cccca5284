/**
 * Appraisal periods over time (个人考核, issue 21): 末位 — last of the unit in N consecutive
 * approved periods (003:L94) gives the unit head one interview task (约谈), once; stars and pay
 * coefficients in the monthly payroll file (星薪挂钩, 000:L115); the background job fills each
 * template's last ended period once, however often and on however many nodes it runs.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { useAppraisalTemplate, windowTemplate } from '../support/appraisal.js';
import { fillClosedPeriods } from '../../src/modules/appraisals/job.js';
import { seedDemoLedger } from '../../src/demo/ledger.js';

const at = (local: string) => Date.parse(`${local}+08:00`);
const clock = fakeClock(at('2026-12-02T09:00:00'));
let t: TestApp;
let admin: Session;
let office: Session;
let head: Session;
const ids: Record<string, string> = {};
const periods: Record<string, string> = {};

const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>, status = [200, 201]) => {
  const r = await res;
  expect(status, r.body).toContain(r.statusCode);
  return r.json();
};
const top = { de: '5', neng: '5', qin: '5', ji: '5' };
const low = { de: '1', neng: '1', qin: '1', ji: '1' };

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hosp-admin');
  office = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  // The window template with 末位 after two periods in a row.
  await useAppraisalTemplate(admin, { ...windowTemplate, bottom: { consecutive: 2, action: 'interview' } });
});
afterAll(async () => t?.close());

/** Fills the period, scores everyone (刘洋 H1004 lowest of 门诊收费处), approves every sheet. */
async function runPeriod(label: string, scores: (badge: string) => Record<string, string>) {
  const p = await ok(office.post('/api/v1/appraisals/periods', { template: 'window_staff', period: label }));
  periods[label] = p.id;
  const list = (await office.get(`/api/v1/appraisals/sheets?periodId=${p.id}&pageSize=100`)).json().items as { id: string; version: number; staff: { id: string; badgeNo: string } }[];
  for (const s of list) {
    clock.advance(1000);
    const scored = await ok(head.put(`/api/v1/appraisals/sheets/${s.id}/judged`, { version: s.version, items: scores(s.staff.badgeNo) }));
    await ok(office.post(`/api/v1/appraisals/sheets/${s.id}/approve`, { version: scored.version }));
  }
  return list;
}

const inbox = async () => (await head.get('/api/v1/inbox?pageSize=100')).json().items as { subject: string; body: string }[];

describe('末位 (003:L94)', () => {
  it('last of the unit two periods in a row: one interview task for the head, with an audit entry', async () => {
    await runPeriod('2026-09', (b) => (b === 'H1004' ? low : top));
    expect((await office.get(`/api/v1/appraisals/periods/${periods['2026-09']}`)).json().state).toBe('closed');
    expect((await inbox()).filter((m) => m.subject.includes('末位'))).toEqual([]); // one period is not two
    await runPeriod('2026-10', (b) => (b === 'H1004' ? low : top));
    const tasks = (await inbox()).filter((m) => m.subject.includes('末位'));
    expect(tasks).toHaveLength(1);
    expect(tasks[0].subject).toContain('刘洋');
    expect(tasks[0].subject).toContain('约谈');
    expect(tasks[0].body).toContain('2026-09、2026-10');
    const audit = (await admin.get('/api/v1/audit?entity=appraisal_period&pageSize=100')).json().items as { action: string; entityId: string }[];
    expect(audit.filter((a) => a.action === 'bottom_interview').map((a) => a.entityId)).toEqual([periods['2026-10']]);
  });

  it('a sheet reopened and approved again closes the period again without a second task', async () => {
    const list = (await office.get(`/api/v1/appraisals/sheets?periodId=${periods['2026-10']}&pageSize=100`)).json().items as { id: string; version: number; staff: { id: string } }[];
    const s = list.find((x) => x.staff.id === ids.H1004)!;
    const reopened = await ok(office.post(`/api/v1/appraisals/sheets/${s.id}/reopen`, { version: s.version, note: '核对评分' }));
    expect((await office.get(`/api/v1/appraisals/periods/${periods['2026-10']}`)).json().state).toBe('open');
    await ok(office.post(`/api/v1/appraisals/sheets/${s.id}/approve`, { version: reopened.version }));
    expect((await office.get(`/api/v1/appraisals/periods/${periods['2026-10']}`)).json().state).toBe('closed');
    expect((await inbox()).filter((m) => m.subject.includes('末位'))).toHaveLength(1);
  });
});

describe('星薪挂钩 (000:L115)', () => {
  it('the payroll file of December carries November\'s stars and pay coefficients, for everyone appraised', async () => {
    await seedDemoLedger(t.ctx, 'demo-hospital', clock.now(), 480);
    await runPeriod('2026-11', (b) => (b === 'H1004' ? low : top));
    const res = await office.get('/api/v1/payroll/2026-12.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0].slice(-2)).toEqual(['星级', '绩效系数']);
    const sheet = async (badge: string) => {
      const list = (await office.get(`/api/v1/appraisals/sheets?periodId=${periods['2026-11']}&pageSize=100`)).json().items as { id: string; staff: { id: string } }[];
      return (await office.get(`/api/v1/appraisals/sheets/${list.find((x) => x.staff.id === ids[badge])!.id}`)).json();
    };
    // 杨帆 (H1006) has no fine or reward in the month: paid by her star all the same.
    expect(rows.find((r) => r[0] === 'H1006')?.slice(3, 6)).toEqual([0, 0, 0]);
    for (const badge of ['H1003', 'H1004', 'H1006']) {
      const row = rows.find((r) => r[0] === badge)!;
      const s = await sheet(badge);
      // No ratings, complaints or inspections: 30 + 0 + 10 + 10 + 0 + 8 + 5 + 5 = 68 measured;
      // 68 + 20 = 88 → four stars × 1.1; 68 + 4 = 72 → two stars × 0.9.
      expect([s.total, s.star.stars, s.star.payCoefficient]).toEqual(badge === 'H1004' ? ['72', 2, '0.9'] : ['88', 4, '1.1']);
      expect([row[row.length - 2], row[row.length - 1]]).toEqual([s.star.stars, Number(s.star.payCoefficient)]);
    }
  });
});

describe('the background job', () => {
  it('fills each template\'s last ended period once: again, or on two nodes at once, nothing more', async () => {
    // 2026-11 of window_staff exists already; the hospital's nurse and doctor templates and the hall's get theirs.
    const first = await fillClosedPeriods(t.ctx);
    expect(first.periods).toBeGreaterThanOrEqual(3);
    expect(await fillClosedPeriods(t.ctx)).toEqual({ periods: 0, sheets: 0, failed: [] });
    clock.set(at('2027-01-03T09:00:00'));
    const [a, b] = await Promise.all([fillClosedPeriods(t.ctx), fillClosedPeriods(t.ctx)]);
    expect(a.periods + b.periods).toBe(first.periods + 1);
    const labels = (await office.get('/api/v1/appraisals/periods?pageSize=100')).json().items.map((p: { template: { code: string }; period: { label: string } }) => `${p.template.code} ${p.period.label}`);
    expect(labels.filter((l: string) => l.endsWith('2026-12')).sort()).toEqual(['doctor 2026-12', 'nurse 2026-12', 'window_staff 2026-12']);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
