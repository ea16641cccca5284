/**
 * 监控录像采摘 (RULES §4; 004:L116): each counter, each working day, at least 4 clips — 2 in the
 * morning and 2 in the afternoon — finished before 15:00. Pure: the caller gives the day's reviews
 * of one counter (clip counts and when each review was finished, in the organisation's local
 * time) and the pack's numbers; this says whether the day is complete and what it lacks.
 */

export interface ClipRule {
  clipsPerDay: number;
  morningClips: number;
  afternoonClips: number;
  /** Local minute of the day by which the clips are done, inclusive ("15:00" → 900). */
  doneByMinute: number;
}

/** One review of a counter's day: the clips it covered and when it was finished (local second of the day). */
export interface ClipReview {
  morning: number;
  afternoon: number;
  finishedSecond: number;
}

/** What a day lacks: no review at all, too few morning or afternoon clips, too few in all, or finished late. */
export type ClipMissing = 'no_review' | 'morning' | 'afternoon' | 'clips' | 'late';

export interface ClipDay {
  reviews: number;
  morning: number;
  afternoon: number;
  clips: number;
  /** When the day's last review was finished (local second of the day), null without a review. */
  finishedSecond: number | null;
  onTime: boolean | null;
  complete: boolean;
  missing: ClipMissing[];
}

/** "15:00" → 900. */
export function minuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * A counter's day from its reviews: the clips add up; the day is finished when its last review
 * was, and on time when that is no later than the cut-off ("下午3点前完成": 15:00:00 itself is on
 * time, 15:00:01 is late).
 */
export function clipDay(rule: ClipRule, reviews: readonly ClipReview[]): ClipDay {
  if (reviews.length === 0) return { reviews: 0, morning: 0, afternoon: 0, clips: 0, finishedSecond: null, onTime: null, complete: false, missing: ['no_review'] };
  let morning = 0;
  let afternoon = 0;
  let finishedSecond = 0;
  for (const r of reviews) {
    morning += r.morning;
    afternoon += r.afternoon;
    finishedSecond = Math.max(finishedSecond, r.finishedSecond);
  }
  const onTime = finishedSecond <= rule.doneByMinute * 60;
  const missing: ClipMissing[] = [];
  if (morning < rule.morningClips) missing.push('morning');
  if (afternoon < rule.afternoonClips) missing.push('afternoon');
  if (morning + afternoon < rule.clipsPerDay) missing.push('clips');
  if (!onTime) missing.push('late');
  return { reviews: reviews.length, morning, afternoon, clips: morning + afternoon, finishedSecond, onTime, complete: missing.length === 0, missing };
}
