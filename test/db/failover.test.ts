import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runFailover } from '../../bench/failover.js';
import { usingPostgres } from '../support/context.js';

const nginxInstalled = ['/usr/sbin/nginx', '/usr/bin/nginx'].some((f) => fs.existsSync(f));

/**
 * Issue 20 §2, the short version of `npm run bench -- failover`: nginx (deploy/nginx/youzhi.conf)
 * in front of two nodes on PostgreSQL, node B killed with SIGKILL a third into the load and
 * started again at two thirds.
 */
describe.skipIf(!usingPostgres || !nginxInstalled)('a node killed under load (nginx, two nodes, PostgreSQL)', () => {
  it('loses nothing answered 2xx, stores nothing twice, fires each level once and sends each SMS once', async () => {
    const r = await runFailover({ seconds: 12, connections: 4, overdueComplaints: 20, outboxMessages: 30 });
    expect(r.ok).toBeGreaterThan(0);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
    // Only requests in flight on the killed node when it died may fail.
    expect(r.errorsOutside).toBe(0);
    expect(r.levelsFired).toBeGreaterThan(0);
    expect(r.escalateAudits).toBe(r.levelsFired);
    expect(r.outboxSent).toBe(30);
    expect(r.outboxDistinct).toBe(30);
  }, 600_000);
});
