import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { systemActor } from '../../src/shared/access.js';
import { registerComplaint } from '../../src/modules/complaints/service.js';
import { findOrganisationByCode } from '../../src/modules/organisations/service.js';
import { createTestContext, usingPostgres, type TestContext } from '../support/context.js';

const root = path.resolve(import.meta.dirname, '../..');

function runSweep(env: NodeJS.ProcessEnv, node: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/run.ts'), 'sweep', '--node', node], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/**
 * Two app processes sweep one PostgreSQL database at the same moment: every escalation fires
 * exactly once. Each process claims a few clocks per transaction (YOUZHI_SWEEP_BATCH), so both
 * work through the same backlog side by side and really contend for its rows.
 */
describe.skipIf(!usingPostgres)('deadline sweep in two processes (PostgreSQL)', () => {
  let tc: TestContext;
  afterAll(async () => tc?.cleanup());

  it('both processes fire, and every due level fires exactly once, with one timeline event each', async () => {
    tc = await createTestContext();
    await seedDemo(tc.ctx, { password: 'sweep-test-pw' });
    const org = (await findOrganisationByCode(tc.ctx, 'demo-hall'))!;
    const actor = systemActor(org.id, 'test');
    const cases = 120;
    // Received seven weeks ago: the reminder, the due-time and the severely-overdue levels are all due now.
    const receivedAt = new Date(Date.now() - 49 * 86_400_000).toISOString();
    for (let i = 0; i < cases; i++) await registerComplaint(tc.ctx, actor, { channel: 'phone', content: `超期测试 ${i}`, receivedAt });
    const env = { ...process.env, DATABASE_URL: tc.databaseUrl!, YOUZHI_DATA_DIR: tc.dataDir, LOG_LEVEL: 'warn', YOUZHI_SWEEP_BATCH: '2' };
    const [a, b] = await Promise.all([runSweep(env, 'node-a'), runSweep(env, 'node-b')]);
    expect(a.code, a.out).toBe(0);
    expect(b.code, b.out).toBe(0);
    const reported = [a, b].map((r) => JSON.parse(r.out.trim().split('\n').pop()!).sweep.fired as number);

    const db = tc.ctx.db.kysely;
    const levels = JSON.parse((await db.selectFrom('case_clocks').select('definition').executeTakeFirstOrThrow()).definition).escalations.length;
    const firings = await db.selectFrom('case_escalations').select(['case_id', 'level_id', 'fired_by']).execute();
    expect(levels).toBeGreaterThanOrEqual(3);
    // Contention, not a relay: each process fired some levels.
    expect(reported[0], `node-a fired ${reported[0]}, node-b ${reported[1]}`).toBeGreaterThan(0);
    expect(reported[1], `node-a fired ${reported[0]}, node-b ${reported[1]}`).toBeGreaterThan(0);
    expect(new Set(firings.map((f) => f.fired_by))).toEqual(new Set(['node-a', 'node-b']));
    // Exactly once: every (case, level) fired, none twice.
    expect(firings).toHaveLength(cases * levels);
    expect(new Set(firings.map((f) => `${f.case_id}:${f.level_id}`)).size).toBe(cases * levels);
    expect(reported[0] + reported[1]).toBe(cases * levels);
    const events = await db.selectFrom('case_events').select('case_id').where('action', '=', 'escalate').execute();
    expect(events).toHaveLength(cases * levels);
    // A second round finds nothing left to fire.
    const again = await runSweep(env, 'node-c');
    expect(JSON.parse(again.out.trim().split('\n').pop()!).sweep.fired).toBe(0);
  }, 120_000);
});
