/**
 * 公布 tells the winners (issue 17 item 5; RULES §6 公布): an announced round puts an in-app
 * message in each winner's inbox and queues an email in the notification outbox — for a winning
 * window (a collective award, 001:L161–169) its head hears — once, over HTTP on the demo hospital.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

const clock = fakeClock(Date.parse('2026-11-02T12:00:00+08:00'));
let t: TestApp;
let office: Session;
let admin: Session;
let staffUser: Session;
let head: Session;
const ids: Record<string, string> = {};

async function me(s: Session) {
  const body = (await s.get('/api/v1/auth/me')).json();
  return (body.user ?? body) as { id: string };
}

async function setEmail(userId: string, email: string) {
  const users = (await admin.get('/api/v1/users?pageSize=100')).json().items as { id: string; version: number }[];
  const res = await admin.patch(`/api/v1/users/${userId}`, { version: users.find((u) => u.id === userId)!.version, email });
  expect(res.statusCode, res.body).toBe(200);
}

/** A round of `awardType` for 2026-Q4 with one nominee, through publicity, announced with it as the winner. */
async function announceWith(awardType: string, nominee: Record<string, string>) {
  clock.set(Date.parse('2026-11-02T12:00:00+08:00'));
  const r = (await office.post('/api/v1/award-rounds', { awardType, period: '2026-Q4' })).json();
  const n = await office.post(`/api/v1/award-rounds/${r.id}/nominations`, { ...nominee, reason: '服务热情，群众好评' });
  expect(n.statusCode, n.body).toBe(201);
  const step = async (action: string, version: number, body: Record<string, unknown> = {}) => {
    const res = await office.post(`/api/v1/award-rounds/${r.id}/${action}`, { version, ...body });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    return res.json().version as number;
  };
  let v = await step('review', r.version);
  v = await step('publish', v);
  clock.set(Date.parse('2026-11-12T09:00:00+08:00'));
  v = await step('open-voting', v);
  return { id: r.id as string, version: await step('announce', v, { winners: [n.json().id] }) };
}

const inbox = async (s: Session) => (await s.get('/api/v1/inbox?pageSize=100')).json().items as { subject: string; body: string }[];
const emails = (address: string) => t.ctx.db.kysely.selectFrom('notifications').select(['subject', 'body', 'status']).where('channel', '=', 'email').where('address', '=', address).execute();

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  office = await t.login('hosp-quality-office');
  admin = await t.login('hosp-admin');
  staffUser = await t.login('hosp-staff');
  head = await t.login('hosp-unit-head');
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  await setEmail((await me(staffUser)).id, 'zhangli@example.org');
  await setEmail((await me(head)).id, 'opd-head@example.org');
}, 120_000);
afterAll(async () => t?.close());

describe('the winners hear of the announcement', () => {
  it('a winning staff member gets an inbox message and an email, once; a re-announcement is refused and sends nothing', async () => {
    const staffId = (await staffUser.get('/api/v1/auth/me')).json();
    const badge = Object.entries(ids).find(([, v]) => v === (staffId.user ?? staffId).staffId)?.[0];
    expect(badge).toBeDefined();
    const round = await announceWith('taixing.star', { staffId: ids[badge!] });
    const messages = (await inbox(staffUser)).filter((m) => m.subject.includes('评选结果公布'));
    expect(messages).toHaveLength(1);
    expect(messages[0].subject).toContain('优质服务标兵（2026-Q4）');
    const mail = await emails('zhangli@example.org');
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ status: 'pending' });
    expect(mail[0].body).toContain('优质服务标兵');
    const again = await office.post(`/api/v1/award-rounds/${round.id}/announce`, { version: round.version });
    expect(again.statusCode).toBe(409);
    expect((await inbox(staffUser)).filter((m) => m.subject.includes('评选结果公布'))).toHaveLength(1);
    expect(await emails('zhangli@example.org')).toHaveLength(1);
  });

  it('a winning window: its head gets the message and the email', async () => {
    await announceWith('taixing.window', { unitId: ids['H-OPD-REG'] });
    const messages = (await inbox(head)).filter((m) => m.subject.includes('优质服务窗口'));
    expect(messages).toHaveLength(1);
    expect(await emails('opd-head@example.org')).toHaveLength(1);
  });
});
