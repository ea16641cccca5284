import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * 受理 / 一次性告知 (RULES §2; 002:L69, L98, L99, L180, L184, L188): service items publish what an
 * applicant needs; intake checks the materials; incomplete → ONE notice listing every missing item
 * within 5 working days of receipt; the applicant is told the outcome before the case closes.
 */
const start = Date.parse('2026-09-30T10:00:00+08:00');
const clock = fakeClock(start);
let t: TestApp;
let admin: Session;
let quality: Session;
let head: Session;
let staffUser: Session;
const ids: Record<string, string> = {};
let item: { id: string; version: number };

const guide = {
  code: 'QY-001',
  name: '企业设立登记',
  responsibleBody: '县市场监督管理局',
  legalBasis: '《中华人民共和国市场主体登记管理条例》第十九条',
  conditions: '申请人具有完全民事行为能力；名称经自主申报。',
  procedure: '申请 → 受理 → 审查 → 决定 → 发照',
  materials: [
    { code: 'form', name: '公司登记（备案）申请书', required: true },
    { code: 'id', name: '法定代表人身份证明', required: true },
    { code: 'address', name: '住所使用证明', required: true },
    { code: 'proxy', name: '委托代理人证明', required: false },
  ],
  statutoryLimitDays: 15,
  committedLimitDays: 5,
  fees: '不收费',
  feeBasis: '国家发展改革委 财政部关于取消企业注册登记费的通知',
  complaintChannels: ['监督电话 0000-12345', '12345 政务服务便民热线'],
};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hall-admin');
  quality = await t.login('hall-quality-office');
  head = await t.login('hall-unit-head');
  staffUser = await t.login('hall-staff');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  const res = await admin.post('/api/v1/service-items', { ...guide, unitId: ids['G-A-01'] });
  expect(res.statusCode, res.body).toBe(201);
  item = res.json();
});
afterAll(async () => t?.close());
beforeEach(() => clock.set(start));

async function apply(body: Record<string, unknown> = {}, s: Session = staffUser) {
  const res = await s.post('/api/v1/applications', { serviceItemId: item.id, applicant: { name: '王先生', phone: '13800000021' }, materials: ['form', 'id', 'address'], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function act(s: Session, id: string, action: string, body: Record<string, unknown> = {}) {
  const current = (await admin.get(`/api/v1/cases/${id}`)).json();
  return s.post(`/api/v1/applications/${id}/${action}`, { version: current.version, ...body });
}

const clockOf = (view: { clocks: { clockId: string }[] }, id: string) => view.clocks.find((c) => c.clockId === id) as Record<string, unknown> | undefined;
const smsTo = (caseId: string) => t.ctx.db.kysely.selectFrom('notifications').selectAll().where('case_id', '=', caseId).where('channel', '=', 'sms').orderBy('created_at').execute();

describe('service items (办事指南, 002:L69, L99)', () => {
  it('publishes every field the guide must show', async () => {
    const got = (await staffUser.get(`/api/v1/service-items/${item.id}`)).json();
    expect(got).toMatchObject({ ...guide, unitId: ids['G-A-01'], active: true, version: 1 });
    const list = (await staffUser.get('/api/v1/service-items?q=企业')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(item.id);
  });

  it('the committed limit may be shorter than the statutory one, never longer (002:L188)', async () => {
    const res = await admin.post('/api/v1/service-items', { ...guide, code: 'QY-002', statutoryLimitDays: 5, committedLimitDays: 6 });
    expect(res.statusCode).toBe(400);
    const ok = await admin.post('/api/v1/service-items', { ...guide, code: 'QY-003', statutoryLimitDays: 20, committedLimitDays: 0 }); // 即办
    expect(ok.statusCode).toBe(201);
    const patch = await admin.patch(`/api/v1/service-items/${ok.json().id}`, { version: 1, statutoryLimitDays: 0, committedLimitDays: 1 });
    expect(patch.statusCode).toBe(400);
    // A patch that only lowers the statutory limit below the stored committed one is refused too.
    const edit = await admin.patch(`/api/v1/service-items/${item.id}`, { version: item.version, statutoryLimitDays: 3 });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.details[0].path).toBe('body.committedLimitDays');
  });

  it('codes are unique per organisation (409 duplicate); material codes unique in an item (400)', async () => {
    expect((await admin.post('/api/v1/service-items', guide)).json().error.code).toBe('duplicate');
    const twice = await admin.post('/api/v1/service-items', { ...guide, code: 'QY-004', materials: [guide.materials[0], guide.materials[0]] });
    expect(twice.statusCode).toBe(400);
  });

  it('edits are versioned (409 on a stale version) and audited', async () => {
    const other = (await quality.post('/api/v1/service-items', { ...guide, code: 'QY-010', name: '企业变更登记' })).json();
    const edited = await quality.patch(`/api/v1/service-items/${other.id}`, { version: 1, fees: '每件 0 元' });
    expect(edited.json()).toMatchObject({ fees: '每件 0 元', version: 2 });
    const stale = await admin.patch(`/api/v1/service-items/${other.id}`, { version: 1, fees: '改回' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const audit = (await admin.get(`/api/v1/audit?entity=service_item&entityId=${other.id}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('only the administrator and quality office write; everyone reads', async () => {
    expect((await head.post('/api/v1/service-items', { ...guide, code: 'QY-020' })).statusCode).toBe(403);
    expect((await staffUser.patch(`/api/v1/service-items/${item.id}`, { version: 1, name: 'x' })).statusCode).toBe(403);
    expect((await head.get(`/api/v1/service-items/${item.id}`)).statusCode).toBe(200);
  });

  it('the public guide shows active items and published fields only, without login', async () => {
    const hidden = (await admin.post('/api/v1/service-items', { ...guide, code: 'QY-099', name: '停办事项', active: false })).json();
    const res = await t.anonymous.get('/api/v1/public/organisations/demo-hall/service-items');
    expect(res.statusCode).toBe(200);
    const published = res.json().items.find((i: { code: string }) => i.code === 'QY-001');
    expect(published).toEqual({ ...guide });
    expect(res.json().items.map((i: { code: string }) => i.code)).not.toContain(hidden.code);
    expect((await t.anonymous.get('/api/v1/public/organisations/nowhere/service-items')).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/v1/service-items')).statusCode).toBe(401);
  });
});

describe('intake (受理)', () => {
  it('complete materials → accepted; deadline = committed limit (5 working days) from receipt, across the National Day holiday', async () => {
    const a = await apply();
    expect(a.trackingNo).toMatch(/^SL20260930\d{4}$/);
    expect(a).toMatchObject({ type: 'application', status: 'accepted', unitId: ids['G-A-01'], firstResponderId: ids.G2003, staffId: ids.G2003 });
    // Received Wed 2026-09-30 10:00; 10-01…10-07 are holidays: 10-08, 09, 10 (调休 Saturday), 12, 13.
    expect(a.processingDueDate).toBe('2026-10-13');
    expect(clockOf(a, 'processing')).toMatchObject({ state: 'running', dueDate: '2026-10-13' });
    expect(a.missing).toEqual([]);
    expect(a.data.notices).toEqual([]);
    expect(a.timeline.map((e: { action: string }) => e.action)).toEqual(['register', 'accept']);
    expect((await smsTo(a.id))).toHaveLength(0);
  });

  it('incomplete → awaiting materials with ONE notice listing EVERY missing item (002:L98 一次告知), due within 5 working days of receipt', async () => {
    const a = await apply({ materials: ['form'] });
    expect(a.status).toBe('awaiting_materials');
    expect(a.missing).toEqual(['id', 'address']);
    expect(a.data.notices).toHaveLength(1);
    expect(a.data.notices[0].items.map((m: { code: string }) => m.code)).toEqual(['id', 'address']);
    // 002:L98 "在收到申请材料后五个工作日内一次告知": 2026-09-30 + 5 working days over the holiday = 10-13.
    expect(a.supplementNoticeDueDate).toBe('2026-10-13');
    expect(a.data.notices[0].dueDate).toBe('2026-10-13');
    expect(clockOf(a, 'supplement_notice')).toMatchObject({ state: 'stopped', dueDate: '2026-10-13', badge: 'met' });
    expect(clockOf(a, 'processing')).toBeUndefined();
    // The optional material is not asked for.
    expect(JSON.stringify(a.data.notices[0])).not.toContain('proxy');
    const sms = await smsTo(a.id);
    expect(sms).toHaveLength(1);
    expect(sms[0].body).toContain('法定代表人身份证明');
    expect(sms[0].body).toContain('住所使用证明');
  });

  it('a notice issued more than 5 working days after receipt is late (002:L98)', async () => {
    // Received by post Mon 2026-09-21, registered 09-30: due 09-29 (09-25 is the Mid-Autumn holiday).
    const a = await apply({ materials: [], channel: 'mail', receivedAt: '2026-09-21T10:00:00+08:00' });
    expect(a.supplementNoticeDueDate).toBe('2026-09-29');
    expect(clockOf(a, 'supplement_notice')).toMatchObject({ state: 'stopped', badge: 'late' });
    expect(a.data.notices[0].items).toHaveLength(3);
  });

  it('refuses unknown material codes, unknown or inactive items, and a future receipt (400)', async () => {
    const bad = [
      { materials: ['form', 'passport'] },
      { serviceItemId: '00000000-0000-7000-8000-000000000000' },
      { receivedAt: '2026-10-30T10:00:00+08:00' },
      { applicant: { phone: '13800000021' } },
    ];
    for (const body of bad) {
      const res = await staffUser.post('/api/v1/applications', { serviceItemId: item.id, applicant: { name: '王先生' }, materials: [], ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const inactive = (await admin.post('/api/v1/service-items', { ...guide, code: 'QY-098', active: false })).json();
    const res = await staffUser.post('/api/v1/applications', { serviceItemId: inactive.id, applicant: { name: '王先生' }, materials: [] });
    expect(res.statusCode).toBe(400);
  });

  it('appears in the case list as type application', async () => {
    const a = await apply();
    const list = (await admin.get('/api/v1/cases?type=application&pageSize=100')).json();
    expect(list.items.map((c: { id: string }) => c.id)).toContain(a.id);
    expect(list.items.every((c: { type: string }) => c.type === 'application')).toBe(true);
  });
});

describe('supplements and the one-time-notice rule (一次性告知, 002:L98, L184)', () => {
  const incidentsOf = async (caseId: string) =>
    (await admin.get(`/api/v1/staff/${ids.G2003}/incidents`)).json().items.filter((i: { sourceId: string }) => i.sourceId.startsWith(caseId));

  it('002:L98 一次告知: asking again for an item the first notice named is a reminder, not a violation', async () => {
    const a = await apply({ materials: ['form'] }); // first notice: id, address
    clock.set(Date.parse('2026-10-09T10:00:00+08:00'));
    const res = await act(staffUser, a.id, 'request_supplement', { items: ['id'], note: '身份证复印件不清晰，请重新提供' });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.status).toBe('awaiting_materials');
    expect(view.data.notices).toHaveLength(2);
    expect(view.data.violations).toEqual([]);
    expect(await incidentsOf(a.id)).toHaveLength(0);
  });

  it('002:L98, L184: a later notice naming an item handed in at intake (it should have been checked then) is a violation: on the case and in the clerk\'s incident file', async () => {
    const a = await apply({ materials: ['form', 'id'] }); // first notice: address only
    const view = (await act(staffUser, a.id, 'request_supplement', { items: ['form', 'address'], note: '申请书签字缺失' })).json();
    expect(view.data.notices).toHaveLength(2);
    // 'address' was named by the first notice (a reminder); 'form' was accepted as present at intake.
    expect(view.data.violations).toEqual([expect.objectContaining({ kind: 'one_time_notice_violation', notice: 2, items: ['form'] })]);
    expect(view.timeline.at(-1).note).toContain('违反一次性告知');
    const mine = await incidentsOf(a.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'one_time_notice_violation', sourceType: 'application', sourceId: `${a.id}:notice-2` });
    expect(mine[0].summary).toContain('公司登记（备案）申请书');
    // The applicant now owes both.
    expect(view.data.materials.missing.sort()).toEqual(['address', 'form']);
  });

  it('002:L98: after a complete intake, asking for a material that was handed in is a violation; an optional one never handed in is not', async () => {
    const a = await apply(); // complete: accepted, no notice
    const view = (await act(staffUser, a.id, 'request_supplement', { items: ['proxy', 'id'] })).json();
    expect(view.data.violations).toEqual([expect.objectContaining({ notice: 1, items: ['id'] })]);
    expect(await incidentsOf(a.id)).toHaveLength(1);
  });

  it('a partial supplement keeps the case awaiting the rest; the complete one → accepted with the deadline from then', async () => {
    const a = await apply({ materials: ['form'] });
    const partial = await act(staffUser, a.id, 'receive_supplement', { materials: ['id'] });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toMatchObject({ status: 'awaiting_materials' });
    expect(partial.json().data.materials.missing).toEqual(['address']);
    expect(partial.json().data.acceptedAt).toBeNull();
    expect(partial.json().timeline.at(-1).note).toContain('仍缺');
    expect(clockOf(partial.json(), 'processing')).toBeUndefined();
    expect((await act(staffUser, a.id, 'receive_supplement', { materials: ['visa'] })).statusCode).toBe(400);
    clock.set(Date.parse('2026-10-15T10:00:00+08:00'));
    const done = await act(staffUser, a.id, 'receive_supplement', { materials: ['address'] });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('accepted');
    expect(done.json().data.materials.missing).toEqual([]);
    expect(done.json().data.materials.submitted.sort()).toEqual(['address', 'form', 'id']);
    // Complete on 10-15: the item's committed limit of 5 working days runs from then → 10-22.
    expect(clockOf(done.json(), 'processing')).toMatchObject({ state: 'running', dueDate: '2026-10-22' });
    // A supplement of an item that was missing is no violation of anything.
    expect(done.json().data.violations).toEqual([]);
  });

  it('a notice after acceptance pauses the processing clock; the supplement resumes it and the deadline moves', async () => {
    const a = await apply();
    expect(a.processingDueDate).toBe('2026-10-13');
    clock.set(Date.parse('2026-10-08T10:00:00+08:00'));
    const paused = (await act(staffUser, a.id, 'request_supplement', { items: ['proxy'] })).json();
    expect(paused.status).toBe('awaiting_materials');
    expect(clockOf(paused, 'processing')).toMatchObject({ state: 'paused' });
    expect(paused.data.violations).toEqual([]);
    clock.set(Date.parse('2026-10-12T10:00:00+08:00'));
    const resumed = (await act(staffUser, a.id, 'receive_supplement', { materials: ['proxy'] })).json();
    expect(resumed.status).toBe('accepted');
    const processing = clockOf(resumed, 'processing')!;
    expect(processing.state).toBe('running');
    expect(String(processing.dueDate) > '2026-10-13').toBe(true);
  });
});

describe('decision, notice to the applicant, close', () => {
  it('approve → decided; cannot close before the applicant is told (409 applicant_not_notified); notify by phone; close', async () => {
    const a = await apply();
    const decided = await act(staffUser, a.id, 'approve', { decision: '准予设立登记', pickupDate: '2026-10-14' });
    expect(decided.json()).toMatchObject({ status: 'decided' });
    expect(clockOf(decided.json(), 'processing')).toMatchObject({ state: 'stopped', badge: 'met' });
    const early = await act(staffUser, a.id, 'close');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('applicant_not_notified');
    const told = await act(staffUser, a.id, 'notify_applicant', { channel: 'phone', content: '营业执照已核发，请于 10 月 14 日到 1 号窗口领取。', pickupDate: '2026-10-14' });
    expect(told.json().data.applicantNotified).toMatchObject({ channel: 'phone', pickupDate: '2026-10-14' });
    const sms = await smsTo(a.id);
    expect(sms.at(-1)?.address).toBe('13800000021');
    expect(sms.at(-1)?.body).toContain('10 月 14 日');
    const closed = await act(staffUser, a.id, 'close');
    expect(closed.json()).toMatchObject({ status: 'closed', closed: true });
    expect(closed.json().timeline.map((e: { action: string }) => e.action)).toEqual(['register', 'accept', 'approve', 'notify_applicant', 'close']);
  });

  it('refuse from awaiting materials → decided (with reason); still needs the notice to the applicant', async () => {
    const a = await apply({ materials: [] });
    const refused = await act(head, a.id, 'refuse', { reason: '申请人逾期未补正材料，不予受理。' });
    expect(refused.json()).toMatchObject({ status: 'decided' });
    expect(refused.json().data.decision).toMatchObject({ outcome: 'refused' });
    expect((await act(head, a.id, 'close')).json().error.code).toBe('applicant_not_notified');
    await act(head, a.id, 'notify_applicant', { channel: 'letter', content: '不予受理决定书已邮寄。' });
    expect((await act(head, a.id, 'close')).json().status).toBe('closed');
  });

  it('refuse from accepted → decided; the processing clock stops', async () => {
    const a = await apply();
    const refused = (await act(staffUser, a.id, 'refuse', { reason: '住所证明与实际不符，不予登记。', legalBasis: '《市场主体登记管理条例》第二十六条' })).json();
    expect(refused).toMatchObject({ status: 'decided' });
    expect(refused.data.decision).toMatchObject({ outcome: 'refused', legalBasis: '《市场主体登记管理条例》第二十六条' });
    expect(clockOf(refused, 'processing')).toMatchObject({ state: 'stopped' });
  });

  it('refused transitions: each action only from its states (409 invalid_transition)', async () => {
    const waiting = await apply({ materials: ['form'] });
    const accepted = await apply();
    const cases: [string, string, Record<string, unknown>][] = [
      [waiting.id, 'approve', {}],
      [waiting.id, 'notify_applicant', { channel: 'phone', content: 'x' }],
      [waiting.id, 'close', {}],
      [accepted.id, 'receive_supplement', { materials: ['form'] }],
      [accepted.id, 'notify_applicant', { channel: 'phone', content: 'x' }],
      [accepted.id, 'close', {}],
    ];
    for (const [id, action, body] of cases) {
      const res = await act(staffUser, id, action, body);
      expect(res.statusCode, action).toBe(409);
      expect(res.json().error.code).toBe('invalid_transition');
    }
    await act(staffUser, accepted.id, 'approve');
    for (const [action, body] of [['approve', {}], ['refuse', { reason: 'x' }], ['request_supplement', { items: ['form'] }], ['receive_supplement', { materials: ['form'] }]] as const) {
      expect((await act(staffUser, accepted.id, action, body)).json().error.code, action).toBe('invalid_transition');
    }
    await act(staffUser, accepted.id, 'notify_applicant', { channel: 'sms', content: '已办结' });
    await act(staffUser, accepted.id, 'close');
    for (const action of ['note', 'notify_applicant', 'close']) {
      const res = await act(staffUser, accepted.id, action, action === 'note' ? { text: 'x' } : action === 'notify_applicant' ? { channel: 'sms', content: 'x' } : {});
      expect(res.json().error.code, `${action} after close`).toBe('invalid_transition');
    }
  });

  it('roles: the quality office supervises but does not decide (403); unknown actions are a 400; stale versions a 409', async () => {
    const a = await apply();
    expect((await act(quality, a.id, 'approve')).statusCode).toBe(403);
    expect((await act(staffUser, a.id, 'delete')).statusCode).toBe(400);
    const stale = await staffUser.post(`/api/v1/applications/${a.id}/approve`, { version: a.version + 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
  });

  it('即办 items (committed limit 0) are due at the close of the day of receipt', async () => {
    const quick = (await admin.post('/api/v1/service-items', { ...guide, code: 'QY-050', name: '即办事项', statutoryLimitDays: 1, committedLimitDays: 0 })).json();
    const a = await apply({ serviceItemId: quick.id });
    expect(a.processingDueDate).toBe('2026-09-30');
  });
});
