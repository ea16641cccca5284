import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * Issue 13 item 2: the 差评整改 card of the ratings page counts the month picked — the case list
 * takes `month` (received in that month, the organisation's local time).
 */
const clock = fakeClock(Date.parse('2026-10-31T23:30:00+08:00'));
let t: TestApp;
let office: Session;
let unitId: string;

const register = async (content: string) => {
  const res = await office.post('/api/v1/complaints', { channel: 'window', content, unitId });
  expect(res.statusCode, res.body).toBe(201);
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  office = await t.login('hosp-quality-office');
  unitId = (await office.get('/api/v1/units?pageSize=100')).json().items.find((u: { code: string }) => u.code === 'H-OPD-REG').id;
  await register('十月最后半小时收到的投诉内容');
  clock.advance(60 * 60_000); // 2026-11-01 00:30 Beijing time, still October in UTC
  await register('十一月第一天凌晨收到的投诉内容');
  await register('十一月第一天凌晨又一件投诉内容');
});
afterAll(async () => t?.close());

describe('the case list by month received', () => {
  it('counts the cases received in the month, in local time', async () => {
    const total = async (q: string) => (await office.get(`/api/v1/cases?type=complaint&${q}`)).json().total as number;
    expect(await total('month=2026-10')).toBe(1);
    expect(await total('month=2026-11')).toBe(2);
    expect(await total('month=2026-12')).toBe(0);
    expect(await total('pageSize=100')).toBe(3);
  });

  it('refuses a month that is not YYYY-MM, naming the field', async () => {
    const res = await office.get('/api/v1/cases?month=2026-13');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('month');
  });
});
