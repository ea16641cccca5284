import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * 评价明细 (GET /api/v1/ratings): the individual ratings behind the statistics, scoped like them.
 * The clock starts on Monday 2026-11-16, 10:00 Beijing time and moves a minute per rating.
 */
const clock = fakeClock(Date.parse('2026-11-16T10:00:00+08:00'));
let t: TestApp;
let admin: Session;
let quality: Session;
let head: Session;
let staff: Session;
const ids: Record<string, string> = {};
const range = 'from=2026-11-01&to=2026-11-30';
let ip = 0;

async function codeFor(unit: string, badge?: string) {
  return (await admin.get(`/api/v1/rating-codes?unitId=${ids[unit]}${badge ? `&staffId=${ids[badge]}` : ''}`)).json().code as string;
}
async function rate(body: Record<string, unknown>) {
  clock.advance(60_000);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: body, remoteAddress: `10.6.0.${ip++ % 200}` });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
const list = async (session: Session, query: string) => {
  const res = await session.get(`/api/v1/ratings?${range}&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const rated: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = await t.login('hosp-admin');
  quality = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  staff = await t.login('hosp-staff');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  const reg = await codeFor('H-OPD-REG');
  const zhangLi = await codeFor('H-OPD-REG', 'H1003'); // hosp-staff's own code
  const liuYang = await codeFor('H-OPD-REG', 'H1004');
  const ward = await codeFor('H-IM-W1', 'H1008');
  rated.first = await rate({ code: reg, level: 5 });
  rated.own = await rate({ code: zhangLi, level: 4, comment: '耐心', indicators: { attitude: 5 } });
  rated.colleague = await rate({ code: liuYang, level: 2, reasons: ['long_wait', 'attitude'], comment: '等了很久', contactName: '李女士', contactPhone: '13600000001' });
  rated.ward = await rate({ code: ward, level: 1, reasons: ['attitude'], comment: '护士态度差' });
  rated.last = await rate({ code: reg, level: 3 });
});
afterAll(async () => t?.close());

describe('GET /api/v1/ratings', () => {
  it('lists each rating, newest first, with unit, staff, level, reason labels, comment and its rectification case — not the rater\'s contact', async () => {
    const r = await list(quality, 'pageSize=50');
    expect(r.total).toBe(5);
    expect(r.items.map((i: { id: string }) => i.id)).toEqual([rated.last, rated.ward, rated.colleague, rated.own, rated.first]);
    const colleague = r.items.find((i: { id: string }) => i.id === rated.colleague);
    expect(colleague).toMatchObject({
      ratedDate: '2026-11-16',
      unit: { id: ids['H-OPD-REG'], code: 'H-OPD-REG', name: '挂号收费窗口' },
      staff: { id: ids.H1004, name: '刘洋', badgeNo: 'H1004' },
      level: 2,
      levelLabel: { zh: '不满意', en: 'Dissatisfied' },
      negative: true,
      reasons: [{ code: 'long_wait', zh: '候诊时间长', en: 'Long wait to be seen' }, { code: 'attitude', zh: '服务态度差', en: 'Poor attitude' }],
      comment: '等了很久',
      hasContact: true,
      excluded: false,
    });
    expect(colleague.caseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(colleague)).not.toContain('13600000001');
    expect(JSON.stringify(colleague)).not.toContain('李女士');
    expect(r.items.find((i: { id: string }) => i.id === rated.first)).toMatchObject({ staff: null, reasons: [], caseId: null, negative: false });
    expect(r.items.find((i: { id: string }) => i.id === rated.own).indicators).toEqual({ attitude: 5 });
  });

  it('filters by unit, staff, level and 差评, and pages', async () => {
    expect((await list(quality, `unitId=${ids['H-IM']}`)).items.map((i: { id: string }) => i.id)).toEqual([rated.ward]);
    expect((await list(quality, `staffId=${ids.H1004}`)).items.map((i: { id: string }) => i.id)).toEqual([rated.colleague]);
    expect((await list(quality, 'level=5')).items.map((i: { id: string }) => i.id)).toEqual([rated.first]);
    expect((await list(quality, 'negative=true')).items.map((i: { id: string }) => i.id)).toEqual([rated.ward, rated.colleague]);
    expect((await list(quality, 'negative=false')).total).toBe(3);
    const page2 = await list(quality, 'pageSize=2&page=2');
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items.map((i: { id: string }) => i.id)).toEqual([rated.colleague, rated.own]);
    expect((await quality.get('/api/v1/ratings?from=2026-11-17&to=2026-11-30')).json().total).toBe(0);
  });

  it('shows an appeal that excluded a rating', async () => {
    const caseId = (await list(quality, `staffId=${ids.H1008}`)).items[0].caseId;
    // 申诉复核: appealed for the ward, upheld by the quality office.
    const v = (await admin.get(`/api/v1/cases/${caseId}`)).json().version;
    expect((await admin.post(`/api/v1/cases/${caseId}/actions/appeal`, { version: v, reason: '录像显示护士态度良好，差评与事实不符。' })).statusCode).toBe(200);
    expect((await quality.post(`/api/v1/cases/${caseId}/actions/uphold_appeal`, { version: v + 1, decision: '申诉成立，不计入统计。' })).statusCode).toBe(200);
    expect((await list(quality, `staffId=${ids.H1008}`)).items[0]).toMatchObject({ id: rated.ward, excluded: true });
  });

  it('validates the query: 400 with a stable code, never a 500', async () => {
    for (const q of ['from=2026-11-30&to=2026-11-01', 'from=2026-11-01', 'from=2026-11-01&to=2026-11-30&level=x', 'from=2026-11-01&to=2026-11-30&negative=maybe', 'from=2026-11-01&to=2026-11-30&pageSize=501']) {
      const res = await quality.get(`/api/v1/ratings?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });
});

describe('scope of the rating list', () => {
  it('a unit head sees only their subtree, and 403 for another unit', async () => {
    const mine = await list(head, 'pageSize=50');
    expect(mine.items.map((i: { unit: { code: string } }) => i.unit.code).sort()).toEqual(['H-OPD-REG', 'H-OPD-REG', 'H-OPD-REG', 'H-OPD-REG']);
    expect((await head.get(`/api/v1/ratings?${range}&unitId=${ids['H-IM']}`)).statusCode).toBe(403);
    // Naming a staff member of another unit shows nothing of that unit.
    expect((await list(head, `staffId=${ids.H1008}`)).total).toBe(0);
  });

  it('staff see only ratings of themselves: 403 for anyone else', async () => {
    const own = await list(staff, '');
    expect(own.items.map((i: { id: string }) => i.id)).toEqual([rated.own]);
    expect((await list(staff, `staffId=${ids.H1003}`)).total).toBe(1);
    const other = await staff.get(`/api/v1/ratings?${range}&staffId=${ids.H1004}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('out_of_scope');
  });

  it('needs a login', async () => expect((await t.anonymous.get(`/api/v1/ratings?${range}`)).statusCode).toBe(401));
});
