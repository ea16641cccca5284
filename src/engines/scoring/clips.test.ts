/** CCTV clips per counter per day (004:L116): examples at the boundaries and fast-check properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipDay, minuteOfDay, type ClipReview, type ClipRule } from './index.js';

// 004:L116 每天至少采摘各个柜台4个镜头,分为上午2个,下午2个,下午3点前完成
const rule: ClipRule = { clipsPerDay: 4, morningClips: 2, afternoonClips: 2, doneByMinute: minuteOfDay('15:00') };
const at = (hhmm: string, seconds = 0) => minuteOfDay(hhmm) * 60 + seconds;

describe('clip day (004:L116)', () => {
  it('2 + 2 finished at 15:00 sharp is complete; one second later is late', () => {
    expect(clipDay(rule, [{ morning: 2, afternoon: 2, finishedSecond: at('15:00') }])).toMatchObject({ clips: 4, onTime: true, complete: true, missing: [] });
    expect(clipDay(rule, [{ morning: 2, afternoon: 2, finishedSecond: at('15:00', 1) }])).toMatchObject({ onTime: false, complete: false, missing: ['late'] });
  });

  it('adds the reviews of a day and keeps the last finishing time', () => {
    const day = clipDay(rule, [
      { morning: 2, afternoon: 0, finishedSecond: at('11:30') },
      { morning: 0, afternoon: 2, finishedSecond: at('14:40') },
    ]);
    expect(day).toMatchObject({ reviews: 2, morning: 2, afternoon: 2, finishedSecond: at('14:40'), complete: true });
  });

  it('names what a day lacks: no review, the morning, the afternoon, the total', () => {
    expect(clipDay(rule, [])).toMatchObject({ complete: false, missing: ['no_review'], finishedSecond: null, onTime: null });
    expect(clipDay(rule, [{ morning: 1, afternoon: 2, finishedSecond: at('14:00') }]).missing).toEqual(['morning', 'clips']);
    expect(clipDay(rule, [{ morning: 3, afternoon: 1, finishedSecond: at('14:00') }]).missing).toEqual(['afternoon']);
    expect(clipDay({ ...rule, clipsPerDay: 5 }, [{ morning: 2, afternoon: 2, finishedSecond: at('14:00') }]).missing).toEqual(['clips']);
  });

  const review = fc.record({ morning: fc.nat(6), afternoon: fc.nat(6), finishedSecond: fc.integer({ min: 0, max: 86_399 }) });

  it('property: complete exactly when nothing is missing, and the counts are the sums', () => {
    fc.assert(
      fc.property(fc.array(review, { maxLength: 5 }), (reviews: ClipReview[]) => {
        const d = clipDay(rule, reviews);
        expect(d.complete).toBe(d.missing.length === 0);
        expect(d.morning).toBe(reviews.reduce((n, r) => n + r.morning, 0));
        expect(d.clips).toBe(d.morning + d.afternoon);
        if (d.complete) expect(d.morning >= 2 && d.afternoon >= 2 && d.clips >= 4 && d.finishedSecond! <= at('15:00')).toBe(true);
      }),
    );
  });

  it('property: an on-time review with more clips never makes a complete day incomplete', () => {
    fc.assert(
      fc.property(fc.array(review, { minLength: 1, maxLength: 5 }), fc.nat(4), fc.nat(4), fc.integer({ min: 0, max: at('15:00') }), (reviews, m, a, s) => {
        const before = clipDay(rule, reviews);
        const after = clipDay(rule, [...reviews, { morning: m, afternoon: a, finishedSecond: s }]);
        if (before.complete) expect(after.complete).toBe(true);
        expect(after.missing.filter((x) => x !== 'late' && !before.missing.includes(x))).toEqual([]);
      }),
    );
  });
});
