/**
 * npm run bench -- memory
 * Server memory at rest (PRODUCT.md: < 200 MB RSS): `youzhi serve` as `npm start` runs it (built
 * server, web app served, scheduler on), first start on an empty database (it seeds the demo and
 * fills its activity in a child process), then
 * used a little — logins, the home data, a dashboard, the staff list, the public rating page and
 * board — and left alone until its RSS settles. Reference in the same run: a bare Fastify server
 * answering one route, started the same way. RSS from /proc/<pid>/status.
 * Needs the build (`npm install` makes it). BENCH_DB=sqlite|postgres|both.
 * Last line: sqlite_rss_mb=… postgres_rss_mb=… reference_rss_mb=…
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPostgresDatabase } from './support.js';
import { startProcess } from '../test/support/process.js';

const root = path.resolve(import.meta.dirname, '..');
const kinds = (process.env.BENCH_DB ?? 'both') === 'both' ? (['sqlite', 'postgres'] as const) : ([process.env.BENCH_DB] as ('sqlite' | 'postgres')[]);
const password = 'bench-password';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

/** RSS once it has stopped falling (GC and the allocator return memory some seconds after the last request). */
async function settledRss(pid: number): Promise<number> {
  let last = rssMb(pid);
  for (let i = 0; i < 20; i++) {
    await sleep(1000);
    const now = rssMb(pid);
    if (Math.abs(now - last) < 0.5) return now;
    last = now;
  }
  return last;
}

function start(args: string[], env: Record<string, string>, ready: string) {
  return startProcess({ args, env, ready, timeoutMs: 60_000 });
}

async function exercise(base: string) {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hall-quality-office', password }) });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  for (const url of ['/', '/api/v1/auth/me', `/api/v1/dashboard?month=${month}`, '/api/v1/staff', '/api/v1/cases?type=complaint', '/public/demo-hall', '/api/openapi.json']) {
    const res = await fetch(`${base}${url}`, { headers: { cookie } });
    if (res.status >= 400) throw new Error(`${url}: ${res.status}`);
    await res.arrayBuffer();
  }
}

async function measureServer(kind: 'sqlite' | 'postgres', port: number): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-bench-memory-'));
  const database = kind === 'postgres' ? await createPostgresDatabase('yz_bench_mem') : null;
  try {
    const server = await start(['bin/youzhi.js', 'serve'], { YOUZHI_DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', YOUZHI_DEMO_PASSWORD: password }, 'is running');
    try {
      await exercise(`http://127.0.0.1:${port}`);
      const rss = await settledRss(server.child.pid!);
      console.log(`${kind}: youzhi serve at rest after first start and a round of pages: ${rss.toFixed(1)} MB RSS`);
      return rss;
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

async function measureReference(port: number): Promise<number> {
  const script = `const app = require('fastify')(); app.get('/', async () => ({ ok: true })); app.listen({ port: ${port}, host: '127.0.0.1' }).then(() => console.log('listening'));`;
  const server = await start(['-e', script], {}, 'listening');
  try {
    for (let i = 0; i < 7; i++) await (await fetch(`http://127.0.0.1:${port}/`)).arrayBuffer();
    const rss = await settledRss(server.child.pid!);
    console.log(`reference: bare Fastify server with one route: ${rss.toFixed(1)} MB RSS`);
    return rss;
  } finally {
    await server.stop();
  }
}

export default async function main(): Promise<void> {
  if (!fs.existsSync(path.join(root, 'dist/cli/main.js'))) throw new Error('needs the build: npm run build');
  const port = 37_000 + (process.pid % 1000);
  const pairs: string[] = [];
  for (const kind of kinds) pairs.push(`${kind}_rss_mb=${(await measureServer(kind, port)).toFixed(1)}`);
  pairs.push(`reference_rss_mb=${(await measureReference(port)).toFixed(1)}`);
  console.log(pairs.join(' '));
}
