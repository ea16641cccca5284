import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { usingPostgres } from '../support/context.js';
import { repositoryRoot as root, startServer } from '../support/process.js';
const built = fs.existsSync(path.join(root, 'dist/cli/main.js'));

/** What `npm start` runs, as a real process: first start seeds and prints a login; SIGTERM stops it cleanly. */
describe.skipIf(!built || usingPostgres)('youzhi serve as a process (needs the build; SQLite)', () => {
  it('serves /healthz, /readyz, the API docs, prints the demo login, fills last month with demo activity, and exits 0 on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-serve-'));
    const port = 38_000 + (process.pid % 1000);
    // First start seeds and fills the demo (a child process): the helper waits until it says it is running.
    const server = await startServer({ YOUZHI_DATA_DIR: dataDir, DATABASE_URL: '', YOUZHI_DEMO_PASSWORD: '' }, port);
    const output = server.output();
    try {
      const base = `http://127.0.0.1:${port}`;
      expect(output).toContain(`http://127.0.0.1:${port}/`);
      expect(output).toMatch(/hosp-admin \/ demo-\S+/);
      expect(fs.readFileSync(path.join(dataDir, 'demo-credentials.txt'), 'utf8')).toContain('hall-admin');
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
      expect(((await (await fetch(`${base}/readyz`)).json()) as { status: string }).status).toBe('ready');
      const spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
      expect(spec.openapi).toBe('3.1.0');
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/units', '/api/v1/calendar/working-days/add']));
      const docs = await fetch(`${base}/api/docs/`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger');
      const password = /hosp-admin \/ (\S+)/.exec(output)![1];
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hosp-admin', password }) });
      expect(login.status).toBe(200);
      // First start fills the demo's last month with activity: the dashboard has figures at the first login.
      const lastMonth = /demo activity: (\d{4}-\d{2}), \d{4}-\d{2} \(to now\)/.exec(output)![1];
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const dashboard = (await (await fetch(`${base}/api/v1/dashboard?month=${lastMonth}`, { headers: { cookie } })).json()) as { ratings: { ratings: { value: number } }; complaints: { received: { value: number } } };
      expect(dashboard.ratings.ratings.value).toBeGreaterThan(100);
      expect(dashboard.complaints.received.value).toBeGreaterThan(0);
      expect(await server.stop()).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 200_000);
});
