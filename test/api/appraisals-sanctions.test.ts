/**
 * Sanctions on an appraisal sheet (个人考核, issue 21): a fine final in the month is a measured item
 * linked to the sanction (奖惩, RULES §5), and when the sanctions module reports that the sanction
 * changed (an appeal revoking or reducing it calls reopenSheetsForFact in its transaction), the
 * approved sheet is reopened with the note naming it — refilled, back to scored, never silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { useAppraisalTemplate, windowTemplate } from '../support/appraisal.js';
import { adoptDemoSanctionRules } from '../../src/demo/sanctions.js';
import { findOrganisationByCode } from '../../src/modules/organisations/service.js';
import { reopenSheetsForFact } from '../../src/modules/appraisals/index.js';
import { systemActor } from '../../src/shared/access.js';

const at = (local: string) => Date.parse(`${local}+08:00`);
const clock = fakeClock(at('2026-11-02T09:00:00'));
let t: TestApp;
let orgId = '';
let admin: Session;
let office: Session;
let head: Session;
const ids: Record<string, string> = {};
let fine = '';

const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>, status = [200, 201]) => {
  const r = await res;
  expect(status, r.body).toContain(r.statusCode);
  return r.json();
};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  orgId = (await findOrganisationByCode(t.ctx, 'demo-hospital'))!.id;
  await adoptDemoSanctionRules(t.ctx, 'demo-hospital');
  admin = await t.login('hosp-admin');
  office = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  await useAppraisalTemplate(admin, windowTemplate);
  // A 300 元 fine of 张丽 (H1003) noticed on 2 November; its appeal window closes in November.
  let row = (await ok(office.post('/api/v1/sanctions', { rule: 'feixian.valid_complaint', facts: { amountFen: 30_000, serious: false }, unitId: ids['H-OPD-REG'], staffId: ids.H1003 }))).created[0];
  for (const [who, step, body] of [[office, 'review', { accept: true }], [office, 'approve', {}], [admin, 'decide', {}]] as const) row = await ok(who.post(`/api/v1/sanctions/${row.id}/${step}`, { version: row.version, ...body }));
  fine = row.id;
  clock.set(at('2026-12-05T10:00:00'));
  await ok(admin.post('/api/v1/sanctions/sweep'));
}, 240_000);
afterAll(async () => t?.close());

describe('a sanction on the sheet', () => {
  it('the fine final in November is the sanctions item, linked to it; a change of it reopens the approved sheet with the note', async () => {
    const p = await ok(office.post('/api/v1/appraisals/periods', { template: 'window_staff', period: '2026-11' }));
    const list = (await office.get(`/api/v1/appraisals/sheets?periodId=${p.id}&pageSize=100`)).json().items as { id: string; staff: { id: string } }[];
    const id = list.find((s) => s.staff.id === ids.H1003)!.id;
    let s = (await office.get(`/api/v1/appraisals/sheets/${id}`)).json();
    const item = s.items.find((i: { code: string }) => i.code === 'sanctions');
    expect(item.records.map((r: { kind: string; id: string }) => `${r.kind}:${r.id}`)).toEqual([`sanction:${fine}`]);
    expect(item.points).toBe('3'); // 8 − 5: the 300 元 fine reaches the 100 元 band
    s = await ok(head.put(`/api/v1/appraisals/sheets/${id}/judged`, { version: s.version, items: { de: '5', neng: '5', qin: '5', ji: '5' } }));
    s = await ok(office.post(`/api/v1/appraisals/sheets/${id}/approve`, { version: s.version }));
    expect(s.state).toBe('approved');
    clock.advance(60_000);
    const reopened = await t.ctx.db.kysely.transaction().execute((trx) => reopenSheetsForFact(t.ctx, trx, systemActor(orgId, 'test'), { orgId, kind: 'sanction', id: fine, note: '奖惩经申诉减轻：测试' }));
    expect(reopened).toEqual([id]);
    const after = (await office.get(`/api/v1/appraisals/sheets/${id}`)).json();
    expect(after.state).toBe('scored');
    expect(after.notes.at(-1)).toMatchObject({ kind: 'fact', text: '奖惩经申诉减轻：测试', details: { fact: { kind: 'sanction', id: fine }, before: { state: 'approved', total: s.total }, after: { total: after.total } } });
    // Another organisation's fact of the same id reopens nothing here.
    const other = (await findOrganisationByCode(t.ctx, 'demo-hall'))!.id;
    expect(await t.ctx.db.kysely.transaction().execute((trx) => reopenSheetsForFact(t.ctx, trx, systemActor(other, 'test'), { orgId: other, kind: 'sanction', id: fine, note: 'x' }))).toEqual([]);
  });
});
