import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { openContext } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/server/app.js';
import { seedDemo } from '../../src/demo/seed.js';
import type { AppContext } from '../../src/shared/context.js';
import type { Clock } from '../../src/shared/clock.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'e2e', 'artifacts');

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) if (entry !== 'node_modules' && entry !== 'dist') newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function webBuildIsFresh(web: string): boolean {
  const built = path.join(web, 'dist', 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'public'].map((p) => newestMtime(path.join(web, p)));
  return fs.existsSync(built) && fs.statSync(built).mtimeMs >= Math.max(...sources);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds web/dist when it is missing or older than the web sources, so the suite tests the current app.
 * Test files run in parallel forks: a lock directory makes one of them build while the others wait,
 * so no fork serves a dist/ that another is emptying.
 */
export function ensureWebBuild(): void {
  const web = path.join(root, 'web');
  if (webBuildIsFresh(web)) return;
  const lock = path.join(os.tmpdir(), `youzhi-web-build-${Buffer.from(root).toString('base64url').slice(-24)}.lock`);
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A lock left by a killed run (builds take well under 5 minutes) is taken over.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`web build lock ${lock} held too long`);
      else sleepSync(250);
    }
  }
  try {
    if (webBuildIsFresh(web)) return;
    const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    // vitest sets NODE_ENV=test, which would leak into the bundle: build it as `npm start` does.
    const env = { ...process.env, NODE_ENV: 'production' };
    const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: web, encoding: 'utf8', env });
    if (result.status !== 0) throw new Error(`web build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface E2eServer {
  baseUrl: string;
  password: string;
  ctx: AppContext;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** A clock that runs from `start` at real speed: the server lives on a fixed date, time still passes. */
export function clockFrom(start: number): Clock {
  const offset = start - Date.now();
  return { now: () => Date.now() + offset };
}

/**
 * The browser suites live on Wednesday 18 November 2026, 10:00 in Beijing — server and browser
 * alike (newPage installs the same time in Chromium) — so they do not depend on today's date: a
 * weekday inside the seeded schedules, in late autumn when next year's schedule is due.
 */
export const e2eClock = clockFrom(Date.parse('2026-11-18T10:00:00+08:00'));

/** The real server, in-process, over a fresh SQLite database with the demo organisations. */
export async function startServer(options: { clock?: Clock } = {}): Promise<E2eServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-e2e-'));
  const password = `e2e-${Math.random().toString(36).slice(2, 10)}`;
  process.env.YOUZHI_DEMO_PASSWORD = password;
  const ctx = await openContext({ config: { ...loadConfig({ YOUZHI_DATA_DIR: dir }), secret: 'e2e' }, clock: options.clock ?? e2eClock });
  await seedDemo(ctx, { password });
  const app = await buildApp(ctx, { serveWeb: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    password,
    ctx,
    app,
    async close() {
      await app.close();
      await ctx.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
