/**
 * Monthly inspection coverage over HTTP for the demo service hall (its pack adopts both rules for
 * its windows): management checks per unit per month (004:L214) and CCTV clips per counter per
 * working day (004:L116), with the boundaries — a check at the month's last minute, clips done at
 * 15:00 sharp, the 调休 make-up Saturday 2026-10-10, the National Day holidays — and the scope of
 * a unit head. The clock stands at Monday 2026-11-02 12:00 Beijing time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { seedDemoInspections } from '../../src/demo/inspections.js';

const clock = fakeClock(Date.parse('2026-11-02T12:00:00+08:00'));
let t: TestApp;
let quality: Session;
let head: Session;
let inspector: Session;
const ids: Record<string, string> = {};

type Obs = { metric: string; value: number };
/** A cctv-clips review (kind video review unless told) of one counter: clips before and after noon, optionally the finishing minute. */
function clips(unit: string, performedAt: string, morning: number, afternoon: number, finishedMinute?: number, kind = 'video_review') {
  const results: { item: string; observations: Obs[] }[] = [
    { item: 'morning_clips', observations: [{ metric: 'clips', value: morning }] },
    { item: 'afternoon_clips', observations: [{ metric: 'clips', value: afternoon }] },
  ];
  if (finishedMinute !== undefined) results.push({ item: 'done_by_15', observations: [{ metric: 'finished_at', value: finishedMinute }] });
  return { templateCode: 'cctv-clips', unitId: ids[unit], kind, performedAt, results };
}

const phoneCheck = (unit: string, performedAt: string, kind = 'phone_check') => ({ templateCode: 'phone-check', unitId: ids[unit], kind, performedAt, results: [{ item: 'answer_rings', observations: [{ metric: 'rings', value: 2 }] }] });

async function store(s: Session, body: unknown) {
  const res = await s.post('/api/v1/inspections', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  quality = await t.login('hall-quality-office');
  head = await t.login('hall-unit-head'); // 综合受理区 G-A: windows G-A-01…03
  inspector = await t.login('hall-inspector');
  for (const u of (await quality.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;

  // Management checks, October 2026.
  await store(inspector, phoneCheck('G-A-01', '2026-10-15T10:00:00+08:00'));
  await store(quality, { ...phoneCheck('G-A-02', '2026-10-16T10:00:00+08:00', 'self_inspection') }); // does not count
  await store(inspector, { templateCode: 'window-norm', unitId: ids['G-A-03'], kind: 'unannounced', performedAt: '2026-10-31T23:59:00+08:00', results: [{ item: 'badge', cases: 0 }] });
  await store(inspector, phoneCheck('G-B-01', '2026-11-01T00:00:00+08:00')); // November, not October

  // CCTV reviews of counter G-A-01, October 2026.
  await store(inspector, clips('G-A-01', '2026-10-08T14:50:00+08:00', 2, 2, 900)); // done at 15:00 sharp
  await store(inspector, clips('G-A-01', '2026-10-09T14:50:00+08:00', 2, 2, 901)); // 15:01: late
  await store(inspector, clips('G-A-01', '2026-10-10T14:00:00+08:00', 2, 1)); // 调休 Saturday: one afternoon clip short
  await store(inspector, clips('G-A-01', '2026-10-11T14:00:00+08:00', 2, 2)); // Sunday: not a working day
  await store(inspector, clips('G-A-01', '2026-10-12T15:00:00+08:00', 2, 2)); // no finishing minute: the review's own time, 15:00:00
  await store(inspector, clips('G-A-01', '2026-10-13T15:00:30+08:00', 2, 2)); // 15:00:30: late
  await store(inspector, clips('G-A-01', '2026-10-14T11:00:00+08:00', 2, 0)); // morning part …
  await store(inspector, clips('G-A-01', '2026-10-14T14:30:00+08:00', 0, 2)); // … and afternoon part: together complete
  await store(inspector, clips('G-A-01', '2026-10-15T14:00:00+08:00', 2, 2, 800, 'mystery_shopper')); // not a video review: does not count (nor as a management check)
});
afterAll(async () => t?.close());

describe('management checks per unit per month (004:L214 每月至少作一次随机检查)', () => {
  it('lists every window with its count; a self-inspection does not count, the last minute of the month does', async () => {
    const res = await quality.get('/api/v1/inspection-coverage/management?month=2026-10');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.rule).toMatchObject({ unitKinds: ['window'], perMonth: 1, kinds: ['phone_check', 'scheduled', 'unannounced'] });
    const byCode = Object.fromEntries(body.items.map((i: { code: string }) => [i.code, i]));
    expect(body.units).toBe(6);
    expect(byCode['G-A-01']).toMatchObject({ checks: 1, gap: false, lastCheckAt: '2026-10-15T02:00:00.000Z' });
    expect(byCode['G-A-02']).toMatchObject({ checks: 0, gap: true, lastCheckAt: null });
    expect(byCode['G-A-03']).toMatchObject({ checks: 1, gap: false });
    // 2026-11-01 00:00 Beijing time is 2026-10-31 16:00 UTC: November, by the organisation's offset.
    expect(byCode['G-B-01']).toMatchObject({ checks: 0, gap: true });
    expect(body.gaps).toBe(4);
    // Gaps come first.
    expect(body.items.slice(0, 4).every((i: { gap: boolean }) => i.gap)).toBe(true);
  });

  it('the check of 2026-11-01 00:00 counts for November', async () => {
    const body = (await quality.get('/api/v1/inspection-coverage/management?month=2026-11')).json();
    expect(body.items.find((i: { code: string }) => i.code === 'G-B-01')).toMatchObject({ checks: 1, gap: false });
  });

  it('a month with no check: every window is a gap', async () => {
    const body = (await quality.get('/api/v1/inspection-coverage/management?month=2026-09')).json();
    expect(body).toMatchObject({ units: 6, gaps: 6 });
  });

  it('a unit head sees the windows of their subtree only; inspectors may not read coverage', async () => {
    const body = (await head.get('/api/v1/inspection-coverage/management?month=2026-10')).json();
    expect(body.items.map((i: { code: string }) => i.code).sort()).toEqual(['G-A-01', 'G-A-02', 'G-A-03']);
    expect((await inspector.get('/api/v1/inspection-coverage/management?month=2026-10')).statusCode).toBe(403);
  });

  it('a bad month is a 400 naming the field; a pack without the rule answers 409', async () => {
    const bad = await quality.get('/api/v1/inspection-coverage/management?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('month');
    const hosp = await t.login('hosp-quality-office');
    const none = await hosp.get('/api/v1/inspection-coverage/management?month=2026-10');
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('no_management_check_rule');
  });
});

describe('CCTV clips per counter per working day (004:L116 每个柜台4个镜头,上午2个,下午2个,下午3点前完成)', () => {
  async function october() {
    const res = await quality.get('/api/v1/inspection-coverage/cctv?month=2026-10');
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  const gapsOf = (body: any, code: string) => Object.fromEntries(body.items.find((i: { code: string }) => i.code === code).gaps.map((g: { date: string }) => [g.date, g]));

  it('counts working days only: the 调休 Saturday 10-10 is one, the National Day holidays and Sundays are not', async () => {
    const body = await october();
    expect(body.rule).toMatchObject({ template: 'cctv-clips', counterKind: 'window', clipsPerDay: 4, morningClips: 2, afternoonClips: 2, doneBy: '15:00' });
    expect(body.workingDays).toContain('2026-10-10');
    expect(body.workingDays).not.toContain('2026-10-11');
    expect(body.workingDays.filter((d: string) => d <= '2026-10-07')).toEqual([]);
    expect(body.workingDays).toHaveLength(18); // 8, 9, 10, 12–16, 19–23, 26–30
    expect(body.counters).toBe(6);
    expect(body.summary.counterDays).toBe(6 * 18);
  });

  it('done at 15:00 sharp is complete; 15:01 and 15:00:30 are late; a make-up Saturday one clip short is incomplete', async () => {
    const gaps = gapsOf(await october(), 'G-A-01');
    expect(gaps['2026-10-08']).toBeUndefined(); // finished_at 900 = 15:00
    expect(gaps['2026-10-09']).toMatchObject({ state: 'incomplete', clips: 4, finishedAt: '15:01', onTime: false, missing: ['late'] });
    expect(gaps['2026-10-10']).toMatchObject({ morning: 2, afternoon: 1, missing: ['afternoon', 'clips'] });
    expect(gaps['2026-10-12']).toBeUndefined(); // the review's own time, 15:00:00 local
    expect(gaps['2026-10-13']).toMatchObject({ finishedAt: '15:00', onTime: false, missing: ['late'] });
    expect(gaps['2026-10-14']).toBeUndefined(); // two reviews, 2 + 2
    // A cctv-clips inspection that is not a video review does not count.
    expect(gaps['2026-10-15']).toMatchObject({ reviews: 0, missing: ['no_review'] });
    expect(gaps['2026-10-11']).toBeUndefined();
    const counter = (await october()).items.find((i: { code: string }) => i.code === 'G-A-01');
    expect(counter).toMatchObject({ completeDays: 3, incompleteDays: 15 });
    // A counter never reviewed has every working day missing.
    expect(gapsOf(await october(), 'G-HELP')['2026-10-10']).toMatchObject({ missing: ['no_review'] });
  });

  it('one date: ?date=2026-10-10 covers that day only; a Sunday has no working day', async () => {
    const body = (await quality.get('/api/v1/inspection-coverage/cctv?date=2026-10-10')).json();
    expect(body.workingDays).toEqual(['2026-10-10']);
    expect(body.summary).toMatchObject({ counterDays: 6, complete: 0, incomplete: 6 });
    expect((await quality.get('/api/v1/inspection-coverage/cctv?date=2026-10-11')).json().workingDays).toEqual([]);
  });

  it('today before 15:00 is pending, not missing; days after today are not listed', async () => {
    const body = (await quality.get('/api/v1/inspection-coverage/cctv?month=2026-11')).json();
    expect(body.today).toBe('2026-11-02');
    expect(body.workingDays).toEqual(['2026-11-02']);
    expect(body.summary).toMatchObject({ pending: 6, incomplete: 0 });
    expect(gapsOf(body, 'G-A-01')['2026-11-02']).toMatchObject({ state: 'pending', missing: ['no_review'] });
  });

  it('a unit head sees their counters; month and date together, or neither, are a 400; no rule answers 409', async () => {
    expect((await head.get('/api/v1/inspection-coverage/cctv?month=2026-10')).json().counters).toBe(3);
    expect((await quality.get('/api/v1/inspection-coverage/cctv?month=2026-10&date=2026-10-10')).statusCode).toBe(400);
    expect((await quality.get('/api/v1/inspection-coverage/cctv')).statusCode).toBe(400);
    expect((await quality.get('/api/v1/inspection-coverage/cctv?date=2026-02-30')).statusCode).toBe(400);
    expect((await inspector.get('/api/v1/inspection-coverage/cctv?month=2026-10')).statusCode).toBe(403);
    const hosp = await t.login('hosp-quality-office');
    expect((await hosp.get('/api/v1/inspection-coverage/cctv?month=2026-10')).json().error.code).toBe('no_cctv_rule');
  });
});

describe('the demo hall on a first start', () => {
  // Wednesday 2026-11-18, 10:00 Beijing time: the month's working days so far are 11-02 … 11-17.
  const demoClock = fakeClock(Date.parse('2026-11-18T10:00:00+08:00'));
  let demo: TestApp;
  beforeAll(async () => {
    demo = await createTestApp({ clock: demoClock });
    await seedDemoInspections(demo.ctx, 'demo-hall', demoClock.now());
    await seedDemoInspections(demo.ctx, 'demo-hall', demoClock.now()); // a second run stores nothing new
  }, 120_000);
  afterAll(async () => demo?.close());

  it('shows management-check gaps, one incomplete CCTV day, and the inspector’s assignments', async () => {
    const office = await demo.login('hall-quality-office');
    const management = (await office.get('/api/v1/inspection-coverage/management?month=2026-11')).json();
    expect(management.items.filter((i: { gap: boolean }) => i.gap).map((i: { code: string }) => i.code).sort()).toEqual(['G-A-03', 'G-B-02', 'G-HELP']);
    const cctv = (await office.get('/api/v1/inspection-coverage/cctv?month=2026-11')).json();
    expect(cctv.summary).toMatchObject({ counterDays: 6 * 13, complete: 6 * 12 - 1, incomplete: 1, pending: 6 });
    const short = cctv.items.find((i: { incompleteDays: number }) => i.incompleteDays === 1);
    expect(short.code).toBe('G-A-03');
    expect(short.gaps.find((g: { state: string }) => g.state === 'incomplete')).toMatchObject({ date: '2026-11-17', afternoon: 1, finishedAt: '15:40', missing: ['afternoon', 'clips', 'late'] });
    const mine = (await (await demo.login('hall-inspector')).get('/api/v1/me/inspection-assignments')).json();
    expect(mine.items.map((a: { unitCode: string }) => a.unitCode)).toEqual(['G-A-03', 'G-B-02']);
    expect((await (await demo.login('hall-supervisor')).get('/api/v1/me/inspection-assignments')).json().items).toHaveLength(1);
  });
});
