import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * Issue 12 item 10: tracking numbers count per organisation. One counter across tenants let a
 * complainant of one hospital read another organisation's daily volume off the numbers. The
 * format stays 前缀 + 日期 + 四位序号; the public look-up tells equal numbers apart by their query code.
 */
let t: TestApp;
const clock = fakeClock(Date.parse('2026-11-16T10:00:00+08:00'));
let address = 0;

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => t?.close());

const file = async (orgCode: string, content: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: { orgCode, content }, remoteAddress: `127.0.6.${++address}` });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { trackingNo: string; queryCode: string };
};

describe('tracking numbers per organisation', () => {
  it('each organisation numbers its own cases from 0001 each day, in the same format', async () => {
    const hospital = [await file('demo-hospital', '挂号窗口排队太久，无人维持秩序。'), await file('demo-hospital', '药房窗口态度不好，不解释用法。')];
    const hall = await file('demo-hall', '社保窗口让我跑了三次。');
    expect(hospital.map((c) => c.trackingNo)).toEqual(['TS202611160001', 'TS202611160002']);
    expect(hall.trackingNo).toBe('TS202611160001');
    // Staff registering at the counter continue the same organisation's sequence.
    const admin = await t.login('hall-admin');
    const counter = await admin.post('/api/v1/complaints', { channel: 'window', content: '窗口当面投诉：等候时间长。' });
    expect(counter.json().trackingNo).toBe('TS202611160002');
  });

  it('the public look-up finds the case whose query code matches, over JSON and HTML', async () => {
    clock.set(Date.parse('2026-11-17T10:00:00+08:00'));
    const hospital = await file('demo-hospital', '门诊收费处找零出错。');
    const hall = await file('demo-hall', '不动产登记窗口无人。');
    expect(hall.trackingNo).toBe(hospital.trackingNo);
    const status = (no: string, code: string) => t.app.inject({ method: 'GET', url: `/api/v1/public/complaints/${no}?code=${code}`, remoteAddress: '127.0.6.250' });
    expect((await status(hospital.trackingNo, hospital.queryCode)).json().events.length).toBeGreaterThan(0);
    expect((await status(hall.trackingNo, hall.queryCode)).statusCode).toBe(200);
    expect((await status(hall.trackingNo, 'wrong-code')).statusCode).toBe(404);
    const page = await t.app.inject({ method: 'GET', url: `/public/complaints/status?no=${hall.trackingNo}&code=${hall.queryCode}`, remoteAddress: '127.0.6.251' });
    expect(page.statusCode).toBe(200);
    const html = await t.app.inject({ method: 'GET', url: `/public/complaints/status?no=${hall.trackingNo}&code=${hospital.queryCode}&lang=en`, remoteAddress: '127.0.6.252' });
    expect(html.statusCode).toBe(200);
  });
});
