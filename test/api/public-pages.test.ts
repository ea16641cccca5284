import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

let t: TestApp;
beforeAll(async () => {
  // A weekday whose reply deadline the seeded schedules can compute (tests must not depend on today).
  t = await createTestApp({ clock: fakeClock(Date.parse('2026-11-16T10:00:00+08:00')) });
});
afterAll(async () => t?.close());

const form = (fields: Record<string, string>) => ({
  method: 'POST' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describe('public complaint pages (plain HTML, no JavaScript)', () => {
  it('shows a small form in Chinese with the organisation, categories and windows', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/public/demo-hall/complaint' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('示范县政务服务中心');
    expect(res.body).toContain('服务态度');
    expect(res.body).toContain('1号窗口（企业开办）');
    expect(res.body).toContain('<label for="content">');
    expect(res.body).not.toContain('<script');
    expect(Buffer.byteLength(res.body)).toBeLessThan(12_000);
  });

  it('switches to English', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/public/demo-hall/complaint?lang=en' });
    expect(res.body).toContain('Complaints and suggestions');
    expect(res.body).toContain('Staff attitude');
    expect(res.body).toContain('lang="en"');
  });

  it('accepts a form post and shows the tracking number, query code and reply due date; the status page finds it', async () => {
    const res = await t.app.inject({ url: '/public/demo-hall/complaint', ...form({ content: '2号窗口午休提前关窗。', category: 'discipline', unitCode: 'G-A-02', contactPhone: '13700000003' }) });
    expect(res.statusCode).toBe(201);
    const no = /class="big">(TS\d+)</.exec(res.body)?.[1];
    const code = /class="big">([^<]+)<\/p>\s*(?:<p>|\n)/.exec(res.body.split('查询码')[1] ?? '')?.[1];
    expect(no).toBeTruthy();
    expect(code).toBeTruthy();
    expect(res.body).toContain('答复期限：2026-11-23'); // 002:L103 reply within 5 working days
    const status = await t.app.inject({ method: 'GET', url: `/public/complaints/status?no=${no}&code=${encodeURIComponent(code!)}` });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('已登记');
    const wrong = await t.app.inject({ method: 'GET', url: `/public/complaints/status?no=${no}&code=nope-nope` });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('未找到记录');
  });

  it('re-shows the form with an error and the escaped input when the content is missing or the phone is bad', async () => {
    const res = await t.app.inject({ url: '/public/demo-hall/complaint', ...form({ content: '', contactName: '<script>alert(1)</script>', contactPhone: 'not a phone' }) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toContain('<script>alert(1)');
    const count = await t.ctx.db.kysely.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    expect(Number(count?.n)).toBe(1);
  });

  it('a form reached from a QR code (via=qr) records the complaint with channel qr; the reply channel and email are taken', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/public/demo-hall/complaint?via=qr' });
    expect(page.body).toContain('<input type="hidden" name="via" value="qr">');
    expect(page.body).toContain('name="contactEmail"');
    expect(page.body).toContain('name="replyChannel"');
    expect((await t.app.inject({ method: 'GET', url: '/public/demo-hall/complaint' })).body).not.toContain('name="via"');
    const res = await t.app.inject({ url: '/public/demo-hall/complaint', ...form({ content: '扫码投诉：大厅空调不制冷。', contactEmail: 'wang@example.cn', replyChannel: 'email', via: 'qr' }) });
    expect(res.statusCode, res.body).toBe(201);
    const no = /class="big">(TS\d+)</.exec(res.body)?.[1];
    const row = await t.ctx.db.kysely.selectFrom('cases').select(['channel', 'contact']).where('tracking_no', '=', no!).executeTakeFirstOrThrow();
    expect(row.channel).toBe('qr');
    expect(JSON.parse(row.contact)).toMatchObject({ email: 'wang@example.cn', replyChannel: 'email' });
    // Without via=qr it is an online complaint; an email reply without an address is refused with the form again.
    const plain = await t.app.inject({ url: '/public/demo-hall/complaint', ...form({ content: '网上投诉：大厅没有叫号屏。' }) });
    const plainNo = /class="big">(TS\d+)</.exec(plain.body)?.[1];
    expect((await t.ctx.db.kysely.selectFrom('cases').select('channel').where('tracking_no', '=', plainNo!).executeTakeFirstOrThrow()).channel).toBe('online');
    const bad = await t.app.inject({ url: '/public/demo-hall/complaint', ...form({ content: '要邮件答复：窗口答复不清楚。', replyChannel: 'email', via: 'qr' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('电子邮箱');
    expect(bad.body).toContain('<input type="hidden" name="via" value="qr">');
  });

  it('answers 404 for an unknown organisation', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/public/nowhere/complaint' })).statusCode).toBe(404);
  });
});
