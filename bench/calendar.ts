/**
 * Benchmark: our addWorkingDays vs chinese-days' findWorkday on the same inputs.
 *
 * Run: npm run bench -- calendar
 *  or: npx tsx -e "import('./bench/calendar.ts').then(m=>m.default())"
 *
 * Semantics: findWorkday(n, date) for n > 0 walks forward day by day and returns the n-th workday
 * strictly after `date` (it only special-cases n = 0, returning `date` itself when it is a workday
 * and the next workday otherwise). Our addWorkingDays(cal, date, n) for n >= 1 is the n-th working
 * day after `date` (RULES §1: the day of receipt is not counted), so with n in 1..30 the inputs map
 * one to one and the results must be identical. Both calendars come from the same data (ours is
 * compiled from chinese-days' own dist/chinese-days.json), so any mismatch is a bug.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import { addWorkingDays, createWorkCalendar, fromChineseDaysData } from '../src/engines/calendar/index.js';
import { prng } from '../src/demo/activity-data.js';

// chinese-days manages ~35k ops/s here, so 100k inputs keep the whole run around 15 s.
const N = 100_000;
const ROUNDS = 4;
const SEED = 0x5eed_2026;

function makeInputs(): { dates: string[]; ns: number[] } {
  // mulberry32 with a fixed seed, so every run measures the same inputs.
  const rand = prng(SEED);
  const first = Date.UTC(2010, 0, 1);
  const days = (Date.UTC(2025, 11, 31) - first) / 86_400_000 + 1;
  const dates: string[] = new Array(N);
  const ns: number[] = new Array(N);
  for (let i = 0; i < N; i++) {
    dates[i] = new Date(first + Math.floor(rand() * days) * 86_400_000).toISOString().slice(0, 10);
    ns[i] = 1 + Math.floor(rand() * 30);
  }
  return { dates, ns };
}

type Fn = (date: string, n: number) => string;

/** Runs fn over the inputs `passes` times; returns elapsed ms and a checksum (defeats dead-code elimination). */
function timeIt(fn: Fn, dates: string[], ns: number[], count: number, passes: number): { ms: number; sink: number } {
  let sink = 0;
  const t0 = performance.now();
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < count; i++) sink += fn(dates[i], ns[i]).charCodeAt(9);
  }
  return { ms: performance.now() - t0, sink };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export default async function run(): Promise<void> {
  const require = createRequire(import.meta.url);
  const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'));
  const cal = createWorkCalendar({ schedule: fromChineseDaysData(data) });
  const findWorkday = chineseDays.findWorkday as (deltaDays?: number, date?: string) => string;

  const ours: Fn = (d, n) => addWorkingDays(cal, d, n);
  const theirs: Fn = (d, n) => findWorkday(n, d);

  const { dates, ns } = makeInputs();
  console.log(`calendar bench: N=${N} inputs (dates 2010–2025, n 1..30, seed ${SEED}), ${ROUNDS} alternating rounds`);

  // Agreement on every input.
  let mismatches = 0;
  for (let i = 0; i < N; i++) {
    const a = ours(dates[i], ns[i]);
    const b = theirs(dates[i], ns[i]);
    if (a !== b) {
      if (mismatches < 10) console.log(`  mismatch: ${dates[i]} + ${ns[i]}: ours ${a}, chinese-days ${b}`);
      mismatches++;
    }
  }
  console.log(`agreement: ${N - mismatches}/${N} identical, mismatches=${mismatches}`);

  // Warm-up (JIT) on a slice of the inputs.
  timeIt(ours, dates, ns, 20_000, 5);
  timeIt(theirs, dates, ns, 20_000, 1);

  // Ours is far faster, so it makes several passes per round to get a measurable time.
  const oursPasses = 20;
  const oursRates: number[] = [];
  const theirsRates: number[] = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const a = timeIt(ours, dates, ns, N, oursPasses);
    const b = timeIt(theirs, dates, ns, N, 1);
    sink += a.sink + b.sink;
    oursRates.push((N * oursPasses) / (a.ms / 1000));
    theirsRates.push(N / (b.ms / 1000));
    console.log(
      `  round ${r + 1}: ours ${Math.round(oursRates[r]).toLocaleString('en')} ops/s, ` +
        `chinese-days ${Math.round(theirsRates[r]).toLocaleString('en')} ops/s`,
    );
  }
  const oursOps = median(oursRates);
  const theirsOps = median(theirsRates);
  console.log(`addWorkingDays (ours, median): ${Math.round(oursOps).toLocaleString('en')} ops/s`);
  console.log(`findWorkday (chinese-days, median): ${Math.round(theirsOps).toLocaleString('en')} ops/s`);
  if (mismatches !== 0) {
    console.log(`WARNING: ${mismatches} results differ from chinese-days`);
    process.exitCode = 1;
  }
  if (sink === 0.5) console.log('unreachable'); // keeps the checksum alive
  console.log(`ratio=${(oursOps / theirsOps).toFixed(1)} ours_ops_per_s=${Math.round(oursOps)} theirs_ops_per_s=${Math.round(theirsOps)}`);
}
