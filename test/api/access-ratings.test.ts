import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';

/** Rating routes as the hospital unit head (门诊部): another unit (内科) is out of scope. See access.test.ts. */
let t: TestApp;
let head: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  head = await t.login('hosp-unit-head');
  const admin = await t.login('hosp-admin');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  const code = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-IM-W1']}`)).json().code;
  await t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code, level: 5 } });
  const own = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json().code;
  await t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code: own, level: 4 } });
});
afterAll(async () => t?.close());

const forbidden = (res: { statusCode: number }) => expect(res.statusCode).toBe(403);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('unit-head scope on rating routes', () => {
  it("'POST /api/v1/rating-tokens' for another unit is 403", async () => forbidden(await head.post('/api/v1/rating-tokens', { unitId: ids['H-IM'] })));
  it("'GET /api/v1/rating-codes' for another unit is 403", async () => forbidden(await head.get(`/api/v1/rating-codes?unitId=${ids['H-IM']}`)));
  it("'GET /api/v1/rating-codes/qr.svg' for another unit is 403", async () => forbidden(await head.get(`/api/v1/rating-codes/qr.svg?unitId=${ids['H-IM']}`)));
  it("'POST /api/v1/served-counts' for another unit is 403 and stores nothing", async () => {
    forbidden(await head.post('/api/v1/served-counts', { counts: [{ unitId: ids['H-OPD-REG'], date: today(), served: 5 }, { unitId: ids['H-IM'], date: today(), served: 5 }] }));
    expect(await t.ctx.db.kysely.selectFrom('served_counts').selectAll().execute()).toEqual([]);
  });
  it("'POST /api/v1/served-counts/import' naming another unit is 403", async () => {
    const boundary = 'yz-served';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.csv"\r\nContent-Type: text/csv\r\n\r\n单位编码,日期,服务人次\nH-IM,${today()},5\n\r\n--${boundary}--\r\n`;
    forbidden(await t.app.inject({ method: 'POST', url: '/api/v1/served-counts/import', headers: { ...head.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload }));
  });
  it("'GET /api/v1/stats/ratings' shows only the subtree, and 403 for another unit", async () => {
    const groups = (await head.get(`/api/v1/stats/ratings?from=2026-01-01&to=2027-12-31&groupBy=unit`)).json().groups.map((g: { key: string }) => g.key);
    expect(groups).toEqual([ids['H-OPD-REG']]);
    forbidden(await head.get(`/api/v1/stats/ratings?from=2026-01-01&to=2027-12-31&unitId=${ids['H-IM']}`));
  });
  it("'GET /api/v1/rating-codes/sheet.pdf' holds only the subtree's windows; staff get 403", async () => {
    const res = await head.get('/api/v1/rating-codes/sheet.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.includes(Buffer.from('%PDF'))).toBe(true);
    forbidden(await (await t.login('hosp-staff')).get('/api/v1/rating-codes/sheet.pdf'));
  });
  it("'GET /api/v1/ratings' lists only the subtree's ratings, 403 for another unit; staff 403 for someone else", async () => {
    const range = 'from=2026-01-01&to=2027-12-31';
    const units = (await head.get(`/api/v1/ratings?${range}`)).json().items.map((r: { unit: { code: string } }) => r.unit.code);
    expect(units).toEqual(['H-OPD-REG']);
    forbidden(await head.get(`/api/v1/ratings?${range}&unitId=${ids['H-IM']}`));
    const staff = await t.login('hosp-staff');
    const other = (await (await t.login('hosp-admin')).get('/api/v1/staff?pageSize=100')).json().items.find((s: { badgeNo: string }) => s.badgeNo === 'H1008').id;
    forbidden(await staff.get(`/api/v1/ratings?${range}&staffId=${other}`));
    expect((await staff.get(`/api/v1/ratings?${range}`)).statusCode).toBe(200);
  });
  it("'GET /api/v1/ratings/reasons' is the organisation's list (read)", async () => expect((await head.get('/api/v1/ratings/reasons')).json().items.length).toBeGreaterThan(3));
  it("'PUT /api/v1/ratings/reasons' is 403", async () => forbidden(await head.put('/api/v1/ratings/reasons', { version: 0, items: [{ code: 'x', zh: '某', en: 'x' }] })));
});

/**
 * Issue 12 item 1: a code or link names a staff member of the unit it rates, and that unit is in the
 * caller's scope — or a unit head of 门诊部 could pin a 差评 on a 内科 nurse (it opens a rectification
 * case naming her and spoils her statistics).
 */
describe('the staff member on a rating code or link belongs to its unit, in scope', () => {
  const staffIds: Record<string, string> = {};
  beforeAll(async () => {
    for (const s of (await (await t.login('hosp-admin')).get('/api/v1/staff?pageSize=100')).json().items) staffIds[s.badgeNo] = s.id;
  });
  const issue = async (username: string, unit: string, badge: string) => {
    const s = await t.login(username);
    const token = await s.post('/api/v1/rating-tokens', { unitId: ids[unit], staffId: staffIds[badge] });
    const code = await s.get(`/api/v1/rating-codes?unitId=${ids[unit]}&staffId=${staffIds[badge]}`);
    const svg = await s.get(`/api/v1/rating-codes/qr.svg?unitId=${ids[unit]}&staffId=${staffIds[badge]}`);
    return [token, code, svg].map((r) => (r.statusCode < 300 ? r.statusCode : `${r.statusCode} ${r.json().error.code}`));
  };
  const allowed = [201, 200, 200];
  const outOfScope = ['403 out_of_scope', '403 out_of_scope', '403 out_of_scope'];

  for (const username of ['hosp-admin', 'hosp-quality-office']) {
    it(`${username}: a nurse of 内科一病区 on its own code, not on 挂号收费窗口's`, async () => {
      expect(await issue(username, 'H-IM-W1', 'H1008')).toEqual(allowed);
      expect(await issue(username, 'H-OPD-REG', 'H1008')).toEqual(outOfScope);
    });
    it(`${username}: a department's code may name a person of one of its wards`, async () => {
      expect(await issue(username, 'H-IM', 'H1008')).toEqual(allowed);
      expect(await issue(username, 'H-IM', 'H1009')).toEqual(outOfScope);
    });
  }
  it('unit head of 门诊部: own windows and their staff; not a 内科 nurse, on any unit', async () => {
    expect(await issue('hosp-unit-head', 'H-OPD-REG', 'H1004')).toEqual(allowed);
    expect(await issue('hosp-unit-head', 'H-OPD', 'H1005')).toEqual(allowed);
    expect(await issue('hosp-unit-head', 'H-OPD-REG', 'H1008')).toEqual(outOfScope);
    expect(await issue('hosp-unit-head', 'H-IM-W1', 'H1008')).toEqual(outOfScope);
  });
  it('staff: a link or code naming themselves, not a colleague of the same window', async () => {
    expect(await issue('hosp-staff', 'H-OPD-REG', 'H1003')).toEqual(allowed);
    expect(await issue('hosp-staff', 'H-OPD-REG', 'H1004')).toEqual(outOfScope);
  });
  it('inspector and supervisor issue no codes or links', async () => {
    for (const username of ['hosp-inspector', 'hosp-supervisor']) expect(await issue(username, 'H-OPD-REG', 'H1003')).toEqual(['403 forbidden', '403 forbidden', '403 forbidden']);
  });
  it('a staff member of another organisation is not found, whatever the unit', async () => {
    const hall = (await (await t.login('hall-admin')).get('/api/v1/staff?pageSize=100')).json().items[0].id;
    const res = await (await t.login('hosp-admin')).post('/api/v1/rating-tokens', { unitId: ids['H-OPD-REG'], staffId: hall });
    expect(res.statusCode).toBe(400);
  });
  it('the QR sheet holds only windows in scope, by role', async () => {
    for (const [username, status] of [['hosp-admin', 200], ['hosp-quality-office', 200], ['hosp-unit-head', 200], ['hosp-staff', 403], ['hosp-inspector', 403], ['hosp-supervisor', 403]] as const)
      expect((await (await t.login(username)).get('/api/v1/rating-codes/sheet.pdf')).statusCode, username).toBe(status);
  });
});
