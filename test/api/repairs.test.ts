/**
 * Repair work orders (故障报修, RULES §2; 004:L72–L94) over HTTP on the utility preset: intake,
 * dispatch, arrival, checklist, damage, the 《服务联系卡》, callback, close; the clocks (arrival
 * 1 h and completion 24 h around the clock, callback 3 working days with 调休); bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { seedUtility } from '../support/utility.js';

// A Sunday, 02:10 Beijing time.
const sunday0210 = Date.parse('2026-11-08T02:10:00+08:00');
const clock = fakeClock(sunday0210);
let t: TestApp;
let admin: Session;
let dispatcher: Session;
let tech: Session;
let tech2: Session;
let seeded: Awaited<ReturnType<typeof seedUtility>>;

/** A 1×1 PNG, as a canvas's toDataURL gives it. */
const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const report = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  reportedAt: '2026-11-08T02:10:00+08:00',
  fault: '厨房燃气表后阀门漏气，有气味',
  contactName: '周女士',
  contactPhone: '13912345678',
  address: '城东区幸福路 8 号 3 单元 502',
  ...over,
});

async function act(s: Session, id: string, action: string, body: Record<string, unknown> = {}) {
  const current = (await s.get(`/api/v1/repairs/${id}`)).json();
  return s.post(`/api/v1/repairs/${id}/${action}`, { version: current.version, ...body });
}

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  seeded = await seedUtility(t.ctx);
  admin = await t.login('gas-admin');
  dispatcher = await t.login('gas-dispatch');
  tech = await t.login('gas-tech');
  tech2 = await t.login('gas-tech2');
});
afterAll(async () => t?.close());

describe('clocks (utility preset: arrival 1 h, completion 24 h around the clock — 004:L80)', () => {
  it('a repair reported on a Sunday at 02:10 is due on site at 03:10 that night; arriving at 03:11 is late', async () => {
    clock.set(sunday0210 + 60_000);
    const res = await dispatcher.post('/api/v1/repairs', report({ unitId: seeded.station.id }));
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json();
    expect(order.trackingNo).toMatch(/^BX20261108\d{4}$/);
    expect(order.arrivalDueAt).toBe('2026-11-08T03:10:00+08:00');
    expect(order.completionDueAt).toBe('2026-11-09T02:10:00+08:00');
    expect(order.receivedAt).toBe('2026-11-08T02:10:00+08:00');

    const dispatched = await act(dispatcher, order.id, 'dispatch', { technicianId: seeded.technician.id, notify: ['sms'] });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect(dispatched.json().status).toBe('dispatched');
    // The technician hears of it in the app (站内信) and by SMS to the phone on the staff record.
    const inbox = (await tech.get('/api/v1/inbox')).json();
    expect(JSON.stringify(inbox)).toContain(order.trackingNo);
    const outbox = await t.ctx.db.kysely.selectFrom('notifications').select(['channel', 'address']).where('case_id', '=', order.id).where('channel', '=', 'sms').execute();
    expect(outbox).toEqual([{ channel: 'sms', address: '13800001111' }]);

    clock.set(Date.parse('2026-11-08T03:12:00+08:00'));
    const arrived = await act(tech, order.id, 'arrive', { arrivedAt: '2026-11-08T03:11:00+08:00' });
    expect(arrived.statusCode, arrived.body).toBe(200);
    expect(arrived.json().arrivalBadge).toBe('late');
    expect(Date.parse(arrived.json().data.arrival.at)).toBe(Date.parse('2026-11-08T03:11:00+08:00'));
  });

  it('arriving at 03:10 exactly is on time (the deadline is inclusive)', async () => {
    clock.set(sunday0210 + 60_000);
    const order = (await dispatcher.post('/api/v1/repairs', report())).json();
    await act(dispatcher, order.id, 'dispatch', { technicianId: seeded.technician.id });
    clock.set(Date.parse('2026-11-08T03:30:00+08:00'));
    const arrived = await act(tech, order.id, 'arrive', { arrivedAt: '2026-11-08T03:10:00+08:00' });
    expect(arrived.json().arrivalBadge).toBe('met');
  });

  it('an appointment agreed with the customer moves the arrival clock to it (004:L82)', async () => {
    clock.set(Date.parse('2026-11-08T09:00:00+08:00'));
    const res = await dispatcher.post('/api/v1/repairs', report({ reportedAt: '2026-11-08T08:55:00+08:00', appointmentAt: '2026-11-08T14:00:00+08:00' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().arrivalDueAt).toBe('2026-11-08T15:00:00+08:00');
    expect(res.json().completionDueAt).toBe('2026-11-09T08:55:00+08:00');
    const later = await act(dispatcher, res.json().id, 'dispatch', { technicianId: seeded.technician.id, appointmentAt: '2026-11-08T16:30:00+08:00' });
    expect(later.json().arrivalDueAt).toBe('2026-11-08T17:30:00+08:00');
  });

  it('a repair completed on a Friday before a make-up Sunday (调休) gets its callback due counting that Sunday as a working day', async () => {
    // 2026-09-20 (Sunday) is a 国庆 make-up working day: Sun 20 → 1, Mon 21 → 2, Tue 22 → 3 (004:L76: 回访).
    clock.set(Date.parse('2026-09-18T08:00:00+08:00'));
    const order = (await dispatcher.post('/api/v1/repairs', report({ reportedAt: '2026-09-18T07:30:00+08:00' }))).json();
    await act(dispatcher, order.id, 'dispatch', { technicianId: seeded.technician.id });
    clock.set(Date.parse('2026-09-18T10:30:00+08:00'));
    await act(tech, order.id, 'arrive', { arrivedAt: '2026-09-18T08:20:00+08:00' });
    const done = await act(tech, order.id, 'complete', { completedAt: '2026-09-18T10:00:00+08:00', summary: '更换表后阀' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('completed');
    expect(done.json().completionBadge).toBe('met');
    expect(done.json().callbackDueDate).toBe('2026-09-22');
    expect(done.json().callbackDueAt).toBe('2026-09-22T17:30:00+08:00');
  });
});

describe('the loop closes through the card and the callback (004:L92, L76, L214)', () => {
  let id: string;
  beforeAll(async () => {
    clock.set(Date.parse('2026-11-10T09:00:00+08:00'));
    id = (await dispatcher.post('/api/v1/repairs', report({ reportedAt: '2026-11-10T08:40:00+08:00', publicSite: true }))).json().id;
    await act(dispatcher, id, 'dispatch', { technicianId: seeded.technician.id });
    await act(tech, id, 'arrive', {});
  });

  it('a technician not holding the order cannot act on it', async () => {
    const res = await act(dispatcher, id, 'note', { text: 'x' });
    expect(res.statusCode).toBe(200);
    const other = await tech2.post(`/api/v1/repairs/${id}/complete`, { version: 1, summary: 'x' });
    expect(other.statusCode).toBe(403);
  });

  it('the checklist is the pack\'s, with its citations; a designated contractor recorded is a finding (三不指定 004:L90)', async () => {
    const view = (await tech.get(`/api/v1/repairs/${id}`)).json();
    expect(view.checklistItems.map((i: { id: string; source: string }) => `${i.id}@${i.source}`)).toEqual([
      'badge@004:L84',
      'id_shown@004:L84',
      'consent@004:L84',
      'shoe_covers@004:L84',
      'safety_signs@004:L94',
      'site_cleaned@004:L92',
    ]);
    const unknown = await act(tech, id, 'record-checklist', { items: { badge: 'yes', tie: 'yes' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('body.items');
    const res = await act(tech, id, 'record-checklist', { items: { badge: 'yes', id_shown: 'yes', consent: 'yes', shoe_covers: 'yes', safety_signs: 'yes', site_cleaned: 'yes' }, designatedContractor: '某某管道安装队' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.finding).toMatchObject({ kind: 'designated_contractor', contractor: '某某管道安装队', staffId: seeded.tech.id });
    const file = (await admin.get(`/api/v1/staff/${seeded.tech.id}/incidents`)).json();
    expect(file.items).toEqual([expect.objectContaining({ sourceType: 'repair', sourceId: id, kind: 'finding', details: expect.objectContaining({ item: 'designated_contractor' }) })]);
  });

  it('damage to the customer\'s property needs a resolution; a compensation needs its amount in fen (004:L88)', async () => {
    const noAmount = await act(tech, id, 'record-damage', { description: '地板划伤', resolution: 'compensated' });
    expect(noAmount.statusCode).toBe(400);
    expect(noAmount.json().error.details[0].path).toBe('body.compensationFen');
    const res = await act(tech, id, 'record-damage', { description: '地板划伤' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.damage).toMatchObject({ description: '地板划伤', resolution: null });
  });

  it('a work order with the card neither signed nor refused cannot close; then the callback is missing; then the damage', async () => {
    const done = await act(tech, id, 'complete', { summary: '更换胶管' });
    expect(done.statusCode, done.body).toBe(200);
    const noCard = await act(dispatcher, id, 'close', {});
    expect(noCard.statusCode).toBe(409);
    expect(noCard.json().error.code).toBe('repair_card_missing');

    // A signature that is not an image is refused, naming the field; nothing is written.
    const before = (await tech.get(`/api/v1/repairs/${id}`)).json();
    const notPng = await act(tech, id, 'sign-card', { signature: `data:image/png;base64,${Buffer.from('<html>not an image</html>').toString('base64')}` });
    expect(notPng.statusCode).toBe(400);
    expect(notPng.json().error.details[0].path).toBe('body.signature');
    const notDataUrl = await act(tech, id, 'sign-card', { signature: 'hello' });
    expect(notDataUrl.statusCode).toBe(400);
    expect(notDataUrl.json().error.details[0].path).toBe('body.signature');
    const after = (await tech.get(`/api/v1/repairs/${id}`)).json();
    expect(after.version).toBe(before.version);
    expect(after.data.card ?? null).toBeNull();
    expect((await tech.get(`/api/v1/cases/${id}/attachments`)).json().items).toHaveLength(0);

    const signed = await act(tech, id, 'sign-card', { signature: png, signerName: '周女士' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().data.card).toMatchObject({ kind: 'signed', signerName: '周女士' });
    const files = (await tech.get(`/api/v1/cases/${id}/attachments`)).json().items;
    expect(files).toEqual([expect.objectContaining({ mime: 'image/png', id: signed.json().data.card.attachmentId })]);
    // The drawing is stored once: the timeline does not copy its bytes.
    expect(JSON.stringify(signed.json().timeline)).not.toContain('iVBORw0KGgo');
    const twice = await act(tech, id, 'refuse-card', { reason: 'x' });
    expect(twice.json().error.code).toBe('repair_card_recorded');

    const noCallback = await act(dispatcher, id, 'close', {});
    expect(noCallback.statusCode).toBe(409);
    expect(noCallback.json().error.code).toBe('repair_callback_missing');

    clock.set(Date.parse('2026-11-11T10:00:00+08:00'));
    const called = await act(dispatcher, id, 'callback', { outcome: '用户表示满意', satisfied: true });
    expect(called.statusCode, called.body).toBe(200);
    expect(called.json().callbackBadge).toBe('met');
    const damage = await act(dispatcher, id, 'close', {});
    expect(damage.json().error.code).toBe('repair_damage_unresolved');
    await act(tech, id, 'record-damage', { description: '地板划伤', resolution: 'compensated', compensationFen: 15000 });
    const closed = await act(dispatcher, id, 'close', {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    expect(closed.json().timeline.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['register', 'dispatch', 'arrive', 'complete', 'sign_card', 'callback', 'close']));
  });

  it('a refusal recorded lets the order close once called back', async () => {
    const o = (await dispatcher.post('/api/v1/repairs', report({ reportedAt: '2026-11-11T09:00:00+08:00' }))).json();
    await act(dispatcher, o.id, 'dispatch', { technicianId: seeded.technician.id });
    await act(tech, o.id, 'arrive', {});
    await act(tech, o.id, 'complete', { summary: '紧固接头' });
    expect((await act(tech, o.id, 'refuse-card', { reason: '用户不愿签字' })).statusCode).toBe(200);
    await act(dispatcher, o.id, 'callback', { outcome: '未接通后回拨，满意', satisfied: true });
    expect((await act(dispatcher, o.id, 'close', {})).json().status).toBe('closed');
  });
});

describe('bad input → 400 naming the field; stale version → 409', () => {
  it('refuses a phone number that is not one, an arrival before the report, an appointment before it', async () => {
    clock.set(Date.parse('2026-11-12T10:00:00+08:00'));
    const phone = await dispatcher.post('/api/v1/repairs', report({ reportedAt: '2026-11-12T09:00:00+08:00', contactPhone: 'call me' }));
    expect(phone.statusCode).toBe(400);
    expect(phone.json().error.details.map((f: { path: string }) => f.path)).toEqual(['body.contactPhone']);
    const appointment = await dispatcher.post('/api/v1/repairs', report({ reportedAt: '2026-11-12T09:00:00+08:00', appointmentAt: '2026-11-12T08:00:00+08:00' }));
    expect(appointment.statusCode).toBe(400);
    expect(appointment.json().error.details[0].path).toBe('body.appointmentAt');
    const future = await dispatcher.post('/api/v1/repairs', report({ reportedAt: '2026-11-13T09:00:00+08:00' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].path).toBe('body.reportedAt');

    const o = (await dispatcher.post('/api/v1/repairs', report({ reportedAt: '2026-11-12T09:00:00+08:00' }))).json();
    await act(dispatcher, o.id, 'dispatch', { technicianId: seeded.technician.id });
    const early = await act(tech, o.id, 'arrive', { arrivedAt: '2026-11-12T08:59:00+08:00' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0].path).toBe('body.arrivedAt');
    expect((await tech.get(`/api/v1/repairs/${o.id}`)).json().status).toBe('dispatched');

    const current = (await tech.get(`/api/v1/repairs/${o.id}`)).json();
    expect((await tech.post(`/api/v1/repairs/${o.id}/arrive`, { version: current.version })).statusCode).toBe(200);
    const stale = await tech.post(`/api/v1/repairs/${o.id}/complete`, { version: current.version, summary: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
  });
});

describe('lists, public intake, figures', () => {
  it('lists by state, technician and date; the technician sees the orders assigned to them', async () => {
    const mine = (await tech.get('/api/v1/repairs?pageSize=100')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((o: { assigneeId: string }) => o.assigneeId === seeded.technician.id)).toBe(true);
    const byDate = (await dispatcher.get('/api/v1/repairs?date=2026-11-08')).json();
    expect(byDate.items.length).toBe(3); // the two at 02:10 and the one with an appointment
    const byTech = (await dispatcher.get(`/api/v1/repairs?technician=${seeded.technician2.id}`)).json();
    expect(byTech.total).toBe(0);
    const closed = (await dispatcher.get('/api/v1/repairs?state=closed')).json();
    expect(closed.total).toBe(2);
  });

  it('the public site takes a report (fault, name, address, phone) and answers the tracking number', async () => {
    const res = await t.anonymous.post('/api/v1/public/repairs', { orgCode: 'test-gas', fault: '楼道燃气管有异味', contactName: '吴先生', contactPhone: '13700000000', address: '城东区幸福路 10 号楼道' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().trackingNo).toMatch(/^BX/);
    const extra = await t.anonymous.post('/api/v1/public/repairs', { orgCode: 'test-gas', fault: 'x', contactName: 'y', contactPhone: '13700000000', address: 'z', unitId: seeded.station.id });
    expect(extra.statusCode).toBe(400);
    const hospital = await t.anonymous.post('/api/v1/public/repairs', { orgCode: 'demo-hospital', fault: 'x', contactName: 'y', contactPhone: '13700000000', address: 'z' });
    expect(hospital.statusCode).toBe(404);
  });

  it('figures per month: exact rates of on-time arrival, completion within 24 h, callback rate and on time', async () => {
    clock.set(Date.parse('2026-12-02T10:00:00+08:00'));
    const res = await admin.get('/api/v1/repairs/figures?month=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    // Nov orders: 02:10 (late 03:11), 02:10 (on time), appointment (never arrived: late), 11-10 and 11-11 (arrived on time),
    // 11-12 (arrived on time), 11-12 public (never arrived: late), 11-12? — counted from the data below.
    expect(f.total.orders).toBeGreaterThanOrEqual(6);
    for (const k of ['arrivalOnTime', 'completedInTime', 'callbackRate', 'callbackOnTime']) {
      const r = f.total[k];
      expect(r.value).toBe(r.denominator ? r.numerator / r.denominator : null);
    }
    expect(f.total.callbackRate).toEqual({ numerator: 2, denominator: 2, value: 1 });
    expect(f.total.callbackOnTime).toEqual({ numerator: 2, denominator: 2, value: 1 });
    expect(f.units.some((u: { unitName: string }) => u.unitName === '城东抢修站')).toBe(true);
  });
});
