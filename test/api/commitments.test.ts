import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { withPolicyOverrides } from '../support/policy.js';

/**
 * 服务承诺 (RULES §9: commitments and the supervision phone are published, 000:L5; ISO 10001):
 * CRUD with validation, versions and audit; and the measured figure of a linked measure for the
 * last full month, checked against a hand computation on complaints and ratings made through the
 * public and staff APIs (reply within 5 working days, 002:L103; satisfaction and rating rate, 001:L155).
 */
const at = (iso: string) => Date.parse(iso);
const clock = fakeClock(at('2026-08-28T09:00:00+08:00'));
let t: TestApp;
let admin: Session;
let quality: Session;
let head: Session;
let staff: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hosp-admin');
  quality = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  staff = await t.login('hosp-staff');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const u of (await admin.get('/api/v1/users?pageSize=100')).json().items) ids[u.username] = u.id;
});
afterAll(async () => t?.close());

const valid = {
  text: '投诉件件有回音',
  textEn: 'Every complaint gets an answer',
  promise: '接到投诉后 5 个工作日内答复投诉人',
  promiseEn: 'We reply to every complaint within 5 working days',
  supervisionPhone: '0571-88886666',
  published: true,
  sortOrder: 1,
  measure: 'complaint_reply_on_time_rate',
  target: 95,
};

describe('commitment CRUD (RULES §9, 000:L5)', () => {
  let id = '';

  it('the quality office creates a commitment; the operator defaults to ≥ for a rate; audited in the same write', async () => {
    const res = await quality.post('/api/v1/commitments', { ...valid, unitId: ids['H-OPD'] });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ text: valid.text, textEn: valid.textEn, promise: valid.promise, unitId: ids['H-OPD'], supervisionPhone: '0571-88886666', published: true, sortOrder: 1, measure: 'complaint_reply_on_time_rate', targetOp: 'gte', target: 95, version: 1 });
    id = c.id;
    const audit = (await admin.get(`/api/v1/audit?entity=commitment&entityId=${id}`)).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actor: 'hosp-quality-office', after: { id, text: valid.text, target: 95 } });
  });

  it('everyone in the organisation reads commitments (staff included); the list filters by published', async () => {
    const list = (await staff.get('/api/v1/commitments')).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await staff.get(`/api/v1/commitments/${id}`)).json().text).toBe(valid.text);
    expect((await staff.get('/api/v1/commitments?published=false')).json().total).toBe(0);
    expect((await staff.get('/api/v1/commitments?published=true')).json().total).toBe(1);
  });

  it('edits with the current version, audited with before and after; a stale version is 409 and changes nothing', async () => {
    const ok = await quality.patch(`/api/v1/commitments/${id}`, { version: 1, target: 98.5, published: false, textEn: null });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, target: 98.5, targetOp: 'gte', published: false, textEn: null, text: valid.text });
    const stale = await admin.patch(`/api/v1/commitments/${id}`, { version: 1, text: '过期的修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect((await admin.get(`/api/v1/commitments/${id}`)).json()).toMatchObject({ text: valid.text, version: 2 });
    const audit = (await admin.get(`/api/v1/audit?entity=commitment&entityId=${id}`)).json().items;
    expect(audit).toHaveLength(2);
    const update = audit.find((a: { action: string }) => a.action === 'update');
    expect(update).toMatchObject({ actor: 'hosp-quality-office', before: { target: 95, published: true, version: 1 }, after: { target: 98.5, published: false, version: 2 } });
  });

  it('switching the measure resets the operator to the new measure’s default; clearing the measure clears the target', async () => {
    const count = await admin.patch(`/api/v1/commitments/${id}`, { version: 2, measure: 'complaint_count', target: 3 });
    expect(count.json()).toMatchObject({ measure: 'complaint_count', targetOp: 'lte', target: 3, version: 3 });
    const none = await admin.patch(`/api/v1/commitments/${id}`, { version: 3, measure: null });
    expect(none.json()).toMatchObject({ measure: null, targetOp: null, target: null, version: 4 });
  });

  it('deletes with the current version (a stale one is 409), audited; then it is gone', async () => {
    expect((await admin.delete(`/api/v1/commitments/${id}?version=1`)).statusCode).toBe(409);
    expect((await admin.get(`/api/v1/commitments/${id}`)).statusCode).toBe(200);
    expect((await admin.delete(`/api/v1/commitments/${id}?version=4`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/commitments/${id}`)).statusCode).toBe(404);
    const audit = (await admin.get(`/api/v1/audit?entity=commitment&entityId=${id}`)).json().items;
    expect(audit.find((a: { action: string }) => a.action === 'delete')).toMatchObject({ actor: 'hosp-admin', before: { id, version: 4 } });
  });

  it('a unit head and staff may not write (admin and quality office only)', async () => {
    for (const s of [head, staff]) {
      const res = await s.post('/api/v1/commitments', { ...valid, unitId: ids['H-OPD'] });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await admin.get('/api/v1/commitments')).json().total).toBe(0);
  });

  const invalid: [string, Record<string, unknown>][] = [
    ['no text', { ...valid, text: '  ' }],
    ['no supervision phone', { ...valid, supervisionPhone: undefined }],
    ['a phone that is not one', { ...valid, supervisionPhone: 'call us' }],
    ['a measure outside the catalogue', { ...valid, measure: 'happiness_index' }],
    ['a measure without a target', { ...valid, target: undefined }],
    ['a target without a measure', { ...valid, measure: undefined }],
    ['an operator without a measure', { ...valid, measure: undefined, target: undefined, targetOp: 'gte' }],
    ['a rate target above 100 %', { ...valid, target: 120 }],
    ['a target with three decimals', { ...valid, target: 95.555 }],
    ['an unknown operator', { ...valid, targetOp: 'about' }],
    ['a unit of no organisation', { ...valid, unitId: '01900000-0000-7000-8000-000000000000' }],
    ['an unknown field', { ...valid, colour: 'red' }],
  ];
  for (const [what, body] of invalid) {
    it(`refuses ${what} with 400 validation_failed and stores nothing`, async () => {
      const res = await quality.post('/api/v1/commitments', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect((await admin.get('/api/v1/commitments')).json().total).toBe(0);
    });
  }

  it('refuses an edit that leaves a measure without a target, or a rate target above 100 %', async () => {
    const c = (await quality.post('/api/v1/commitments', { ...valid, measure: 'complaint_count', target: 200 })).json();
    expect((await quality.patch(`/api/v1/commitments/${c.id}`, { version: 1, measure: 'rating_rate' })).statusCode).toBe(400);
    expect((await quality.patch(`/api/v1/commitments/${c.id}`, { version: 1, target: null })).statusCode).toBe(400);
    expect((await quality.get(`/api/v1/commitments/${c.id}`)).json()).toMatchObject({ version: 1, measure: 'complaint_count', target: 200 });
    expect((await quality.delete(`/api/v1/commitments/${c.id}?version=1`)).statusCode).toBe(204);
  });
});

/**
 * Hand computation for September 2026 (measured on 2026-10-15, so the last full month is 2026-09):
 *
 *   complaint  unit        received           reply due   replied            reply
 *   E          H-OPD-REG   2026-08-28 (Aug)   in Sep      never              late (still running after due)
 *   A          H-OPD-REG   2026-09-01         in Sep      2026-09-02         on time
 *   B          H-OPD-PHA   2026-09-01         in Sep      2 days after due   late
 *   C          H-OPD-REG   2026-09-10         in Sep      on the due day     on time
 *   D          H-OPD-REG   2026-09-28         in Oct      —                  not counted for Sep
 *   F          H-IM        2026-09-02         in Sep      2026-09-03         on time
 *   G          H-IM        2026-09-01 07:30   in Sep      2026-09-02         on time (received Aug 31 in UTC: months are local)
 *
 *   organisation: received in Sep A B C D F G = 6; due in Sep E A B C F G = 6, on time A C F G = 4 → 66.67 %
 *   门诊部 H-OPD: received A B C D = 4; due E A B C = 4, on time A C = 2 → 50.00 %
 *
 * Ratings on 挂号收费窗口 (H-OPD-REG): 2026-09-01 07:00+08 (= Aug 31 UTC) level 5; 2026-09-05 levels
 * 5, 4, 3, 1; 2026-10-01 07:00+08 (= Sep 30 UTC) level 3, which belongs to October. September:
 * satisfied (非常满意 + 满意) 3 of 5 = 60.00 %; served 10 → rating rate 5 / 10 = 50.00 %.
 */
describe('the measured figure of the last full month', () => {
  const rate = (body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: body, remoteAddress: `127.0.2.${Math.floor(Math.random() * 200)}` });

  async function register(unit: string, when: string) {
    clock.set(at(when));
    const res = await admin.post('/api/v1/complaints', { channel: 'window', content: `${unit} 窗口服务问题`, unitId: ids[unit], complainant: { name: '钱先生', phone: '13900000009' } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number; replyDueDate: string };
  }

  async function reply(c: { id: string; version: number }, when: string) {
    clock.set(at(when));
    let v = c.version;
    for (const [action, body] of [
      ['assign', { assigneeId: ids['hosp-quality-office'] }],
      ['verify', { verdict: 'substantiated', findings: '经核实情况属实。' }],
      ['record_cause', { causes: ['attitude'] }],
      ['record_measure', { measure: '批评教育。' }],
      ['reply', { channel: 'phone', content: '已电话答复并致歉。' }],
    ] as const) {
      const res = await admin.post(`/api/v1/complaints/${c.id}/${action}`, { version: v, ...body });
      expect(res.statusCode, res.body).toBe(200);
      v = res.json().version;
      if (action === 'reply') return res.json().clocks.find((k: { clockId: string }) => k.clockId === 'reply').badge as string;
    }
    return '';
  }

  const commitments: Record<string, string> = {};

  beforeAll(async () => {
    const e = await register('H-OPD-REG', '2026-08-28T10:00:00+08:00');
    expect(e.replyDueDate.slice(0, 7)).toBe('2026-09');
    const a = await register('H-OPD-REG', '2026-09-01T10:00:00+08:00');
    const b = await register('H-OPD-PHA', '2026-09-01T11:00:00+08:00');
    const f = await register('H-IM', '2026-09-02T10:00:00+08:00');
    const g = await register('H-IM', '2026-09-01T07:30:00+08:00');
    const c = await register('H-OPD-REG', '2026-09-10T10:00:00+08:00');
    const d = await register('H-OPD-REG', '2026-09-28T10:00:00+08:00');
    expect(d.replyDueDate.slice(0, 7)).toBe('2026-10');
    expect(await reply(a, '2026-09-02T10:00:00+08:00')).toBe('met');
    expect(await reply(f, '2026-09-03T10:00:00+08:00')).toBe('met');
    expect(await reply(g, '2026-09-02T10:00:00+08:00')).toBe('met');
    const bDue = Date.parse(`${b.replyDueDate}T10:00:00+08:00`);
    expect(await reply(b, new Date(bDue + 2 * 86_400_000).toISOString())).toBe('late');
    expect(c.replyDueDate.slice(0, 7)).toBe('2026-09');
    expect(await reply(c, `${c.replyDueDate}T10:00:00+08:00`)).toBe('met');

    clock.set(at('2026-09-01T09:00:00+08:00'));
    const code = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json().code;
    clock.set(at('2026-09-01T07:00:00+08:00'));
    expect((await rate({ code, level: 5 })).statusCode).toBe(201);
    clock.set(at('2026-09-05T10:00:00+08:00'));
    for (const level of [5, 4, 3, 1]) expect((await rate({ code, level })).statusCode).toBe(201);
    clock.set(at('2026-10-01T07:00:00+08:00'));
    expect((await rate({ code, level: 3 })).statusCode).toBe(201);
    expect((await admin.post('/api/v1/served-counts', { counts: [{ unitId: ids['H-OPD-REG'], date: '2026-09-05', served: 10 }] })).statusCode).toBe(200);

    const make = async (key: string, body: Record<string, unknown>) => {
      const res = await quality.post('/api/v1/commitments', { text: key, promise: key, supervisionPhone: '0571-88886666', published: true, ...body });
      expect(res.statusCode, res.body).toBe(201);
      commitments[key] = res.json().id;
    };
    await make('org-on-time', { measure: 'complaint_reply_on_time_rate', target: 95 });
    await make('opd-on-time', { unitId: ids['H-OPD'], measure: 'complaint_reply_on_time_rate', target: 50 });
    await make('opd-count', { unitId: ids['H-OPD'], measure: 'complaint_count', target: 3 });
    await make('org-count', { measure: 'complaint_count', targetOp: 'lt', target: 6 });
    await make('reg-satisfaction', { unitId: ids['H-OPD-REG'], measure: 'rating_satisfaction_rate', target: 60 });
    await make('reg-rating-rate', { unitId: ids['H-OPD-REG'], measure: 'rating_rate', target: 90 });
    await make('im-satisfaction', { unitId: ids['H-IM'], measure: 'rating_satisfaction_rate', target: 90 });
    await make('no-measure', {});
    clock.set(at('2026-10-15T10:00:00+08:00'));
  });

  const measuredOf = async (key: string) => (await quality.get(`/api/v1/commitments/${commitments[key]}`)).json().measured;

  it('on-time replies, organisation: 4 of the 6 replies due in September → 66.67 %, not ≥ 95 %', async () => {
    expect(await measuredOf('org-on-time')).toMatchObject({ month: '2026-09', value: 66.67, numerator: 4, denominator: 6, met: false, op: 'gte', target: 95, source: '002:L103' });
  });

  it('the look-back is a pack value (horizons.complaintLookbackDays): 3 days no longer reach E of 28 August → 4 of 5', async () => {
    await withPolicyOverrides(quality, { horizons: { complaintLookbackDays: { value: 3, decision: '只回看三天' } } }, async () => {
      expect(await measuredOf('org-on-time')).toMatchObject({ month: '2026-09', value: 80, numerator: 4, denominator: 5 });
    });
    await withPolicyOverrides(quality, { horizons: { complaintLookbackDays: { value: 4, decision: '回看四天' } } }, async () => {
      expect(await measuredOf('org-on-time')).toMatchObject({ numerator: 4, denominator: 6 });
    });
    expect(await measuredOf('org-on-time')).toMatchObject({ numerator: 4, denominator: 6 });
  });

  it('on-time replies, 门诊部 subtree: 2 of 4 → 50.00 %, which meets ≥ 50 % (inclusive, RULES §3)', async () => {
    expect(await measuredOf('opd-on-time')).toMatchObject({ month: '2026-09', value: 50, numerator: 2, denominator: 4, met: true });
  });

  it('complaints received in September: 门诊部 4 (not ≤ 3, but ≤ 4); organisation 6 (not < 6: strict)', async () => {
    expect(await measuredOf('opd-count')).toMatchObject({ value: 4, met: false, op: 'lte', target: 3 });
    expect(await measuredOf('org-count')).toMatchObject({ value: 6, met: false, op: 'lt', target: 6 });
    const v = (await quality.get(`/api/v1/commitments/${commitments['opd-count']}`)).json().version;
    expect((await quality.patch(`/api/v1/commitments/${commitments['opd-count']}`, { version: v, target: 4 })).statusCode).toBe(200);
    expect(await measuredOf('opd-count')).toMatchObject({ value: 4, met: true, op: 'lte', target: 4 });
  });

  it('rating satisfaction on the window from the rollups: 3 of 5 = 60.00 % (the 1 October rating is October’s)', async () => {
    expect(await measuredOf('reg-satisfaction')).toMatchObject({ month: '2026-09', value: 60, numerator: 3, denominator: 5, met: true });
  });

  it('rating rate: 5 ratings ÷ 10 served = 50.00 %, not ≥ 90 %', async () => {
    expect(await measuredOf('reg-rating-rate')).toMatchObject({ value: 50, numerator: 5, denominator: 10, met: false });
  });

  it('a unit with no ratings has nothing to measure: value and met are null, not a pass', async () => {
    expect(await measuredOf('im-satisfaction')).toMatchObject({ value: null, met: null });
    expect(await measuredOf('no-measure')).toBeNull();
  });

  it('the list carries the same figures', async () => {
    const items = (await staff.get('/api/v1/commitments?pageSize=50')).json().items as { id: string; measured: { value: number } | null }[];
    expect(items.find((i) => i.id === commitments['org-on-time'])?.measured?.value).toBe(66.67);
    expect(items.find((i) => i.id === commitments['opd-count'])?.measured?.value).toBe(4);
  });

  it('a month later the measured month moves on: October has D due and unreplied → 0 of 1', async () => {
    clock.set(at('2026-11-03T10:00:00+08:00'));
    expect(await measuredOf('opd-on-time')).toMatchObject({ month: '2026-10', value: 0, numerator: 0, denominator: 1, met: false });
    clock.set(at('2026-10-15T10:00:00+08:00'));
  });
});
