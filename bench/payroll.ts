/**
 * npm run bench -- payroll
 *
 * Closing a payroll month of a large bank (issue 15 item 9): BENCH_STAFF people (5,000) in
 * BENCH_UNITS outlets, BENCH_FACTS facts (50,000) that became final in April — each under a rule
 * of the bank pack in force (feixian's fines of people, psbc's rewards of outlets; amounts are the
 * pack's cited values, never the bench's) — proposed, posted, closed and exported, beside the bare
 * SQL aggregate of the same facts (bench/payroll-month.ts says what each part is). Each database's
 * month runs in a child process on the built code, as a server runs it (bench/built.ts); its peak
 * RSS is that process's high-water mark over the whole run, set-up and checks included.
 * ratio = (close + export) / bare.
 * Goal: propose + post + close + export under 10 s and the process under 300 MB.
 * BENCH_DB=sqlite|postgres|both.
 * Last line: sqlite_s=… pg_s=… (propose + post + close + export), the parts, ratios and each process's peak RSS.
 */
import { runOnBuiltCode } from './built.js';
import type { PayrollMonthResult } from './payroll-month.js';

const kinds = (process.env.BENCH_DB ?? 'both') === 'both' ? (['sqlite', 'postgres'] as const) : ([process.env.BENCH_DB] as ('sqlite' | 'postgres')[]);

export default async function main(): Promise<void> {
  const pairs: string[] = [];
  const short = { sqlite: 'sqlite', postgres: 'pg' } as const;
  for (const kind of kinds) {
    const r = await runOnBuiltCode<PayrollMonthResult & { peakRssMb: number }>('payroll-month.ts', [kind]);
    const k = short[kind];
    pairs.unshift(`${k}_s=${(r.propose + r.post + r.close + r.exportS).toFixed(2)}`);
    pairs.push(
      `${k}_propose_s=${r.propose.toFixed(2)}`,
      `${k}_post_s=${r.post.toFixed(2)}`,
      `${k}_close_export_s=${(r.close + r.exportS).toFixed(2)}`,
      `${k}_bare_ms=${(r.bare * 1000).toFixed(0)}`,
      `${k}_ratio=${((r.close + r.exportS) / r.bare).toFixed(1)}`,
      `${k}_peak_rss_mb=${r.peakRssMb}`,
    );
  }
  console.log(pairs.join(' '));
}
