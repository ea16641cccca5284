import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContext, usingPostgres, type TestContext } from '../support/context.js';
import { repositoryRoot as root, startServer } from '../support/process.js';

const built = fs.existsSync(path.join(root, 'dist/cli/main.js'));
const password = 'crash-test-password';

async function startDemoServer(env: Record<string, string>, port: number) {
  const server = await startServer({ ...env, YOUZHI_DEMO_PASSWORD: password }, port);
  return { ...server, base: `http://127.0.0.1:${port}` };
}

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

/**
 * PRODUCT.md service level: acknowledged writes lost after `kill -9` = 0. Complaints are
 * registered as fast as the server takes them (case, reply clock, timeline and audit in one
 * transaction); the process is killed without warning mid-stream; after a restart on the same
 * database every complaint that was answered 201 is there, whole, with its reply clock.
 */
describe.skipIf(!built)('acknowledged writes survive kill -9 (needs the build)', () => {
  let t: TestContext | null = null;
  let dataDir = '';
  afterAll(async () => {
    await t?.cleanup();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('every complaint answered 201 before the kill is there after a restart, with its reply clock', async () => {
    // PostgreSQL: a fresh database of the suite's server; SQLite: the server creates its file in the data directory.
    if (usingPostgres) t = await createTestContext();
    dataDir = t?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-crash-'));
    // The demo organisations, not their month of generated activity: a first start that fills it
    // took minutes on a loaded two-core machine, and this test writes its own complaints.
    const env = { YOUZHI_DATA_DIR: dataDir, DATABASE_URL: t?.databaseUrl ?? '', YOUZHI_DEMO_ACTIVITY: '0' };
    const port = 39_000 + (process.pid % 1000);
    let server = await startDemoServer(env, port);
    const acknowledged = new Map<string, string>();
    let failures = 0;
    try {
      const headers = { ...(await login(server.base, 'hall-staff')), 'content-type': 'application/json' };
      let killed = false;
      const worker = async (w: number) => {
        for (let i = 0; !killed; i++) {
          const content = `断电测试 worker ${w} complaint ${i}`;
          try {
            const res = await fetch(`${server.base}/api/v1/complaints`, { method: 'POST', headers, body: JSON.stringify({ channel: 'window', content, category: 'attitude' }) });
            if (res.status === 201) acknowledged.set(((await res.json()) as { id: string }).id, content);
            else failures++;
          } catch {
            return; // the connection died with the process: not acknowledged
          }
        }
      };
      const workers = [0, 1, 2, 3, 4, 5].map(worker);
      for (let i = 0; i < 200 && acknowledged.size < 150; i++) await new Promise((r) => setTimeout(r, 50));
      server.child.kill('SIGKILL');
      killed = true;
      await Promise.all(workers);
      await server.exited;
    } finally {
      server.child.kill('SIGKILL');
    }
    expect(failures).toBe(0);
    expect(acknowledged.size).toBeGreaterThanOrEqual(20);

    server = await startDemoServer(env, port);
    try {
      const headers = await login(server.base, 'hall-quality-office');
      const missing: string[] = [];
      for (const [id, content] of acknowledged) {
        const res = await fetch(`${server.base}/api/v1/cases/${id}`, { headers });
        if (res.status !== 200) {
          missing.push(`${id}: ${res.status}`);
          continue;
        }
        const item = (await res.json()) as { content: string; clocks: { clockId: string }[] };
        if (item.content !== content || !item.clocks.some((c) => c.clockId === 'reply')) missing.push(`${id}: incomplete`);
      }
      expect(missing).toEqual([]);
      await server.stop();
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 400_000);
});
