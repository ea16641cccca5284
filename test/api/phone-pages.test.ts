import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * The pages patients open on their phones (issue 13 item 5): the complaint form's rules and the
 * standing QR code's one-rating-per-device interval and burst flag. Clock: Monday 2026-11-16, 10:00 Beijing.
 */
const clock = fakeClock(Date.parse('2026-11-16T10:00:00+08:00'));
const MINUTE = 60_000;
let t: TestApp;
let admin: Session;
let quality: Session;
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = await t.login('hosp-admin');
  quality = await t.login('hosp-quality-office');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const unit of ['H-OPD-REG', 'H-IM-W1']) codes[unit] = (await admin.get(`/api/v1/rating-codes?unitId=${ids[unit]}`)).json().code;
});
afterAll(async () => t?.close());

const form = (fields: Record<string, string>) => ({ method: 'POST' as const, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
let address = 0;
const complain = (fields: Record<string, string>) => t.app.inject({ url: '/public/demo-hospital/complaint', ...form(fields), remoteAddress: `10.13.0.${++address}` });
const cases = async () => Number((await t.ctx.db.kysely.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n);

describe('the public complaint form', () => {
  it('content under 10 characters: 400 naming the content, on the page and through the API; nothing stored', async () => {
    const before = await cases();
    // Product decision in the pack (cases.complaint.minContentLength = 10).
    const page = await complain({ content: '态度很差。' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toMatch(/id="content"[^>]*aria-invalid="true" aria-describedby="e-content"/);
    expect(page.body).toContain('投诉内容至少 10 个字（现有 5 个字）');
    expect(page.body).toContain('>态度很差。</textarea>');
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: { orgCode: 'demo-hospital', content: '  态度很差。  ' }, remoteAddress: '10.13.1.1' });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.details[0].path).toBe('body.content');
    expect(await cases()).toBe(before);
    // Ten characters are enough.
    expect((await complain({ content: '挂号窗口态度很差不解释' })).statusCode).toBe(201);
  });

  it('explains each invalid field in plain words next to the field', async () => {
    const res = await complain({ content: '', contactPhone: '12ab', contactEmail: 'not-an-email' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('联系电话格式不正确，应为 11 位手机号或区号+座机号');
    expect(res.body).toContain('电子邮箱格式不正确');
    expect(res.body).toContain('请填写投诉内容');
    expect(res.body).toMatch(/id="contactPhone"[^>]*aria-invalid="true"/);
    const en = await t.app.inject({ url: '/public/demo-hospital/complaint?lang=en', ...form({ content: '挂号窗口态度很差不解释', replyChannel: 'sms' }), remoteAddress: '10.13.1.2' });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('A reply by SMS needs a phone number');
  });

  it('lists the units as the tree does: each department followed by its own units', async () => {
    const tree = (await admin.get('/api/v1/units/tree')).json().items as { code: string; kind: string; children: unknown[] }[];
    const walk = (nodes: { code: string; kind: string; children: unknown[] }[]): string[] => nodes.flatMap((n) => [...(n.kind === 'organisation' || n.kind === 'office' ? [] : [n.code]), ...walk(n.children as never)]);
    const page = await t.app.inject({ method: 'GET', url: '/public/demo-hospital/complaint' });
    const select = /<select id="unitCode"[^>]*>([\s\S]*?)<\/select>/.exec(page.body)![1];
    const shown = [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    expect(shown).toEqual(walk(tree));
    // Not merely alphabetical: the demo tree is not in code order.
    expect(shown).not.toEqual([...shown].sort());
  });
});

describe('a standing QR code: one rating per phone and window within the interval', () => {
  const open = async (unit: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/r/c/${codes[unit]}` });
    const cookie = String(res.headers['set-cookie']);
    return { res, device: /yz_rd=([^;]+)/.exec(cookie)?.[1] ?? '', cookie };
  };
  const rate = (unit: string, device: string, remoteAddress: string, level = '5') =>
    t.app.inject({ url: `/r/c/${codes[unit]}`, ...form({ level }), headers: { ...form({}).headers, cookie: `yz_rd=${device}` }, remoteAddress });

  it('the page sets a random, HttpOnly, SameSite=Lax device cookie and stays under 30 KB compressed', async () => {
    const a = await open('H-OPD-REG');
    const b = await open('H-OPD-REG');
    expect(a.cookie).toMatch(/HttpOnly/i);
    expect(a.cookie).toMatch(/SameSite=Lax/i);
    expect(a.device).toMatch(/^[\w-]{16,40}$/);
    expect(a.device).not.toBe(b.device);
    expect(zlib.gzipSync(a.res.body).length).toBeLessThan(30 * 1024);
  });

  it('the same phone again within 10 minutes: refused (409 rating_too_soon, a friendly page); after 10 minutes, or another phone: accepted', async () => {
    const { device } = await open('H-OPD-REG');
    const other = (await open('H-OPD-REG')).device;
    expect((await rate('H-OPD-REG', device, '10.14.0.1')).statusCode).toBe(201);
    clock.advance(9 * MINUTE);
    const again = await rate('H-OPD-REG', device, '10.14.0.2');
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('您刚刚已评价过这个窗口');
    const en = await t.app.inject({ url: `/r/c/${codes['H-OPD-REG']}?lang=en`, ...form({ level: '4' }), headers: { ...form({}).headers, cookie: `yz_rd=${device}` }, remoteAddress: '10.14.0.3' });
    expect(en.statusCode).toBe(409);
    expect(en.body).toContain('You rated this window a moment ago');
    // Another phone at the same window, and the same phone at another window, are not held back.
    expect((await rate('H-OPD-REG', other, '10.14.0.4')).statusCode).toBe(201);
    expect((await rate('H-IM-W1', device, '10.14.0.5')).statusCode).toBe(201);
    clock.advance(1 * MINUTE + 1);
    expect((await rate('H-OPD-REG', device, '10.14.0.6')).statusCode).toBe(201);
  });

  it('more than the pack burst from one address for one window: the quality office is told once, nobody is refused', async () => {
    clock.advance(60 * MINUTE);
    const inbox = async () => ((await quality.get('/api/v1/inbox?pageSize=100')).json().items as { subject: string }[]).filter((n) => n.subject.startsWith('扫码评价异常'));
    expect(await inbox()).toHaveLength(0);
    // Pack decision: more than 20 ratings in 10 minutes; 25 different phones behind one hospital address.
    for (let i = 0; i < 25; i++) {
      const { device } = await open('H-IM-W1');
      expect((await rate('H-IM-W1', device, '10.15.0.1')).statusCode).toBe(201);
    }
    const flagged = await inbox();
    expect(flagged).toHaveLength(1);
    expect(flagged[0].subject).toContain('21 条评价');
  });
});
