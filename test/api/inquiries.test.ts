import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * 首问负责制 (RULES §2): the first staff member asked owns the matter — answer, handle, or hand over
 * naming the right window/agency AND its contact; "not my job" is never an outcome; phone and
 * counter alike (002:L100, L108, L183; 004:L56, L188). First ownership never moves.
 */
const start = Date.parse('2026-09-30T10:00:00+08:00');
const clock = fakeClock(start);
let t: TestApp;
let admin: Session;
let head: Session;
let staffUser: Session;
let inspector: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hall-admin');
  head = await t.login('hall-unit-head');
  staffUser = await t.login('hall-staff');
  inspector = await t.login('hall-inspector');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  for (const u of (await admin.get('/api/v1/users?pageSize=100')).json().items) ids[u.username] = u.id;
});
afterAll(async () => t?.close());
beforeEach(() => clock.set(start));

async function ask(s: Session = staffUser, body: Record<string, unknown> = {}) {
  const res = await s.post('/api/v1/inquiries', { channel: 'phone', question: '办理营业执照需要带哪些材料？', inquirer: { name: '李女士', phone: '13800000011' }, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function act(s: Session, id: string, action: string, body: Record<string, unknown> = {}) {
  const current = (await admin.get(`/api/v1/cases/${id}`)).json();
  return s.post(`/api/v1/inquiries/${id}/${action}`, { version: current.version, ...body });
}

describe('inquiry intake (首问登记)', () => {
  it('stamps the caller as first responder; SW tracking number; close-the-loop clock from the pack (002:L100; 004:L188: 1 working day)', async () => {
    const q = await ask();
    expect(q.trackingNo).toMatch(/^SW20260930\d{4}$/);
    expect(q.type).toBe('inquiry');
    expect(q.status).toBe('open');
    expect(q.firstResponderId).toBe(ids.G2003);
    // Received Wed 2026-09-30 before the National Day holiday (10-01…10-07): the next working day is 10-08.
    expect(q.dueDate).toBe('2026-10-08');
    expect(q.clocks[0]).toMatchObject({ clockId: 'close_loop', state: 'running', dueDate: '2026-10-08' });
    // Default unit: the first responder's own window.
    expect(q.unitId).toBe(ids['G-A-01']);
  });

  it('phone and counter alike (002:L183): window and online questions too; any other channel is a 400', async () => {
    expect((await ask(staffUser, { channel: 'window' })).channel).toBe('window');
    expect((await ask(staffUser, { channel: 'online' })).channel).toBe('online');
    const res = await staffUser.post('/api/v1/inquiries', { channel: 'pigeon', question: '？' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('a caller without a staff record names the colleague who was asked; a staff member cannot name someone else', async () => {
    const missing = await admin.post('/api/v1/inquiries', { channel: 'phone', question: '公积金怎么提取？' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toBe('body.firstResponderId');
    const logged = await ask(admin, { firstResponderId: ids.G2006 });
    expect(logged.firstResponderId).toBe(ids.G2006);
    expect(logged.unitId).toBe(ids['G-B-01']);
    const other = await staffUser.post('/api/v1/inquiries', { channel: 'phone', question: '？', firstResponderId: ids.G2004 });
    expect(other.statusCode).toBe(400);
  });

  it('inspectors and supervisors do not take questions (403)', async () => {
    expect((await inspector.post('/api/v1/inquiries', { channel: 'phone', question: '？', firstResponderId: ids.G2003 })).statusCode).toBe(403);
  });

  it('appears in the case list as type inquiry', async () => {
    const q = await ask();
    const list = (await admin.get('/api/v1/cases?type=inquiry&pageSize=100')).json();
    expect(list.items.map((c: { id: string }) => c.id)).toContain(q.id);
    expect(list.items.every((c: { type: string }) => c.type === 'inquiry')).toBe(true);
  });
});

describe('inquiry outcomes: answered, handled, transferred', () => {
  it('answer: closes the case and stops the clock (met); nothing is possible afterwards', async () => {
    const q = await ask();
    const res = await act(staffUser, q.id, 'answer', { answer: '需要申请书、身份证和住所证明，可在网上预约。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'answered', closed: true });
    expect(res.json().data.outcome).toMatchObject({ kind: 'answered', staffId: ids.G2003 });
    expect(res.json().clocks[0]).toMatchObject({ clockId: 'close_loop', state: 'stopped', badge: 'met' });
    for (const [action, body] of [['answer', { answer: '再答' }], ['handle', { result: 'x' }], ['transfer', { agency: '市场监管局', contact: { phone: '12315' } }], ['note', { text: '备注' }]] as const) {
      const again = await act(staffUser, q.id, action, body);
      expect(again.statusCode, `${action} after answer`).toBe(409);
      expect(again.json().error.code).toBe('invalid_transition');
    }
  });

  it('every outcome is terminal: after answered, handled or transferred no action is possible (409 invalid_transition)', async () => {
    const outcomes: [string, Record<string, unknown>, string][] = [
      ['answer', { answer: '已解答' }, 'answered'],
      ['handle', { result: '已办理' }, 'handled'],
      ['transfer', { agency: '县税务局', contact: { phone: '12366' } }, 'transferred'],
    ];
    const actions: [string, Record<string, unknown>][] = [['answer', { answer: 'x' }], ['handle', { result: 'x' }], ['transfer', { agency: '其他机构', contact: { phone: '12345' } }], ['note', { text: 'x' }]];
    for (const [outcome, body, status] of outcomes) {
      const q = await ask();
      expect((await act(staffUser, q.id, outcome, body)).json().status).toBe(status);
      for (const [action, input] of actions) {
        const res = await act(staffUser, q.id, action, input);
        expect(res.statusCode, `${action} after ${status}`).toBe(409);
        expect(res.json().error.code).toBe('invalid_transition');
      }
    }
  });

  it('handle: closes as handled', async () => {
    const q = await ask();
    expect((await act(staffUser, q.id, 'note', { text: '需查询系统后回电' })).json().status).toBe('open');
    const res = await act(staffUser, q.id, 'handle', { result: '已当场为其打印办事指南并预约。' });
    expect(res.json()).toMatchObject({ status: 'handled', closed: true });
  });

  it('answering late marks the clock late (超期)', async () => {
    const q = await ask();
    clock.set(Date.parse('2026-10-09T09:00:00+08:00')); // due 10-08 close of business
    const res = await act(staffUser, q.id, 'answer', { answer: '迟到的答复' });
    expect(res.json().clocks[0]).toMatchObject({ state: 'stopped', badge: 'late' });
  });

  it('"not my responsibility" is not an outcome (002:L108 不得推诿): 400, and the case is unchanged', async () => {
    const q = await ask();
    for (const action of ['not_my_responsibility', 'decline', 'reject']) {
      const res = await staffUser.post(`/api/v1/inquiries/${q.id}/${action}`, { version: q.version, reason: '不归我管' });
      expect(res.statusCode, action).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    // An outcome field smuggled into a real action is refused too (strict inputs).
    expect((await act(staffUser, q.id, 'answer', { answer: '不归我管', outcome: 'not_my_responsibility' })).statusCode).toBe(400);
    const now = (await admin.get(`/api/v1/cases/${q.id}`)).json();
    expect(now).toMatchObject({ status: 'open', version: q.version });
  });

  it('a stale version gets 409 version_conflict', async () => {
    const q = await ask();
    const res = await staffUser.post(`/api/v1/inquiries/${q.id}/answer`, { version: q.version + 3, answer: 'x' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('version_conflict');
  });

  it('inspectors may not act on an inquiry; staff act only on their own', async () => {
    const q = await ask(head);
    expect((await act(inspector, q.id, 'answer', { answer: 'x' })).statusCode).toBe(403);
    // Window staff see the questions they took, registered, or hold; not a colleague's.
    expect((await act(staffUser, q.id, 'answer', { answer: 'x' })).statusCode).toBe(403);
  });
});

describe('transfer (移交) — must name the window/agency and its contact (002:L100)', () => {
  it('to a unit of the organisation (转办): handed to that unit, still open for it to answer; first responder unchanged', async () => {
    const q = await ask(staffUser, { channel: 'window', question: '公积金贷款额度怎么算？' });
    const res = await act(staffUser, q.id, 'transfer', { unitId: ids['G-B-01'], contact: { phone: '0000-1234567', address: '服务中心二楼4号窗口' }, note: '请到公积金窗口咨询' });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ status: 'referred', closed: false, unitId: ids['G-B-01'], firstResponderId: ids.G2003 });
    expect(view.data.outcome).toBeUndefined();
    // The loop is not closed yet: the clock keeps running from the first question (002:L100).
    expect(view.clocks[0]).toMatchObject({ state: 'running', dueDate: '2026-10-08' });
    const event = view.timeline.find((e: { action: string }) => e.action === 'transfer');
    expect(event.data).toMatchObject({ unitId: ids['G-B-01'], contact: { phone: '0000-1234567' } });
    expect([event.fromStatus, event.toStatus]).toEqual(['open', 'referred']);
    // Stored, not only presented: the admin reads the same.
    const stored = (await admin.get(`/api/v1/cases/${q.id}`)).json();
    expect(stored).toMatchObject({ unitId: ids['G-B-01'], firstResponderId: ids.G2003 });
    // 综合受理区's head no longer sees it (G-B-01 is outside G-A); the first responder still does.
    expect((await head.get(`/api/v1/cases/${q.id}`)).statusCode).toBe(403);
    expect((await staffUser.get(`/api/v1/cases/${q.id}`)).statusCode).toBe(200);
    // The inquirer was told where to go (SMS queued with the contact).
    const sms = await t.ctx.db.kysely.selectFrom('notifications').selectAll().where('case_id', '=', q.id).where('channel', '=', 'sms').execute();
    expect(sms).toHaveLength(1);
    expect(sms[0].body).toContain('0000-1234567');
    // No head above 4号窗口: the quality office is told, in its inbox.
    const office = await t.login('hall-quality-office');
    expect((await office.get('/api/v1/inbox?pageSize=100')).json().items.some((m: { caseId: string; subject: string }) => m.caseId === q.id && m.subject.includes('转办'))).toBe(true);
    // The re-routing is audited with the first responder unchanged.
    const audit = (await admin.get(`/api/v1/audit?entityId=${q.id}&pageSize=100`)).json().items;
    expect(audit.some((a: { action: string }) => a.action === 'reroute')).toBe(true);
    // The receiving side answers it: the loop closes, the first responder is still stamped.
    const answered = (await act(office, q.id, 'answer', { answer: '按缴存基数和年限计算，已电话告知。' })).json();
    expect(answered).toMatchObject({ status: 'answered', closed: true, firstResponderId: ids.G2003 });
    expect(answered.clocks[0]).toMatchObject({ state: 'stopped', badge: 'met' });
  });

  it('the head of the receiving unit holds a case transferred to it and may answer or handle it', async () => {
    const q = await ask(admin, { firstResponderId: ids.G2006, question: '企业开办要多久？' }); // asked at 4号窗口 (G-B-01)
    expect(q.unitId).toBe(ids['G-B-01']);
    expect((await head.get(`/api/v1/cases/${q.id}`)).statusCode).toBe(403);
    const moved = (await act(admin, q.id, 'transfer', { unitId: ids['G-A-01'], contact: { phone: '0000-1111111' } })).json();
    expect(moved).toMatchObject({ status: 'referred', unitId: ids['G-A-01'], assigneeId: ids['hall-unit-head'], firstResponderId: ids.G2006 });
    const mine = (await head.get(`/api/v1/cases/${q.id}`)).json();
    expect(mine.actions).toEqual(expect.arrayContaining(['answer', 'handle', 'transfer', 'note']));
    const inbox = (await head.get('/api/v1/inbox?pageSize=100')).json();
    expect(inbox.items.some((m: { caseId: string }) => m.caseId === q.id)).toBe(true);
    expect((await act(head, q.id, 'handle', { result: '已当场办理。' })).json()).toMatchObject({ status: 'handled', closed: true, firstResponderId: ids.G2006 });
  });

  it('first responder never changes, even when an administrator transfers the case', async () => {
    const q = await ask();
    const res = await act(admin, q.id, 'transfer', { unitId: ids['G-HELP'], contact: { phone: '0000-7654321' } });
    expect(res.json()).toMatchObject({ firstResponderId: ids.G2003, unitId: ids['G-HELP'] });
  });

  it('to an outside agency with its address: the unit stays', async () => {
    const q = await ask(staffUser, { channel: 'phone', question: '护照怎么办？' });
    const res = await act(staffUser, q.id, 'transfer', { agency: '县公安局出入境管理大队', contact: { address: '人民路 88 号' } });
    expect(res.json()).toMatchObject({ status: 'transferred', closed: true, unitId: ids['G-A-01'], firstResponderId: ids.G2003 });
    expect(res.json().clocks[0]).toMatchObject({ state: 'stopped', badge: 'met' });
    expect(res.json().data.outcome).toMatchObject({ kind: 'transferred', agency: '县公安局出入境管理大队', contact: { address: '人民路 88 号' } });
  });

  it('a transfer without a contact, or without exactly one target, is a 400 and changes nothing', async () => {
    const q = await ask();
    const bad: Record<string, unknown>[] = [
      { unitId: ids['G-B-01'] }, // no contact
      { unitId: ids['G-B-01'], contact: {} }, // contact without phone or address
      { agency: '税务局' }, // agency without contact
      { contact: { phone: '12366' } }, // no target
      { unitId: ids['G-B-01'], agency: '税务局', contact: { phone: '12366' } }, // two targets
      { unitId: '00000000-0000-7000-8000-000000000000', contact: { phone: '12366' } }, // not a unit of the organisation
      { unitId: ids['G-A-01'], contact: { phone: '12366' } }, // the unit it is already with
    ];
    for (const body of bad) {
      const res = await act(staffUser, q.id, 'transfer', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await admin.get(`/api/v1/cases/${q.id}`)).json()).toMatchObject({ status: 'open', version: q.version, unitId: ids['G-A-01'] });
  });
});
