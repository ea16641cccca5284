import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { usingPostgres } from '../support/context.js';

const root = path.resolve(import.meta.dirname, '../..');
const built = fs.existsSync(path.join(root, 'dist/cli/main.js'));

/** What `npm start` runs, as a real process: first start seeds and prints a login; SIGTERM stops it cleanly. */
describe.skipIf(!built || usingPostgres)('youzhi serve as a process (needs the build; SQLite)', () => {
  it('serves /healthz, /readyz, the API docs, prints the demo login, fills last month with demo activity, and exits 0 on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-serve-'));
    const port = 38_000 + (process.pid % 1000);
    const child = spawn(process.execPath, [path.join(root, 'bin/youzhi.js'), 'serve'], {
      cwd: root,
      env: { ...process.env, YOUZHI_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'warn', YOUZHI_DEMO_PASSWORD: '' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      // First start seeds and fills the demo (a child process): on a loaded two-core machine that can take a minute or more.
      for (const deadline = Date.now() + 150_000; Date.now() < deadline && !output.includes('is running'); ) await new Promise((r) => setTimeout(r, 200));
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
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 200_000);
});
