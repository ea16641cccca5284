import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { openContext } from '../src/bootstrap.js';
import type { AppContext } from '../src/shared/context.js';
import type { Clock } from '../src/shared/clock.js';

export const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A new, empty PostgreSQL database on the benchmark server, and how to drop it. */
export async function createPostgresDatabase(prefix = 'yz_bench'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(postgresUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A fresh, migrated database for one benchmark run: a temporary SQLite file or a new PostgreSQL database. */
export async function benchContext(kind: 'sqlite' | 'postgres', env: Record<string, string> = {}, clock?: Clock): Promise<{ ctx: AppContext; cleanup(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-bench-'));
  const database = kind === 'postgres' ? await createPostgresDatabase() : null;
  const config = { ...loadConfig({ YOUZHI_DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}), ...env }), secret: 'bench' };
  const ctx = await openContext({ config, clock });
  return {
    ctx,
    async cleanup() {
      await ctx.db.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

/** Logs `username` in through the API; returns a GET that times one request and throws unless it answers 200. */
export async function timedGetAs(app: FastifyInstance, username: string, password: string): Promise<(url: string) => Promise<{ ms: number; body: any }>> {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode} ${login.body.slice(0, 300)}`);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return async (url: string) => {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return { ms, body: res.json() };
  };
}
