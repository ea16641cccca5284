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

/** A new PostgreSQL database on the benchmark server — empty, or a copy of `template` — and how to drop it. */
export async function createPostgresDatabase(prefix = 'yz_bench', template?: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const u = new URL(postgresUrl);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Where a benchmark's data lives: a data folder, and for PostgreSQL a database on the benchmark server. */
interface BenchDatabase {
  dataDir: string;
  database: { name: string; url: string; drop(): Promise<void> } | null;
}

async function openOn(place: BenchDatabase, env: Record<string, string>, clock?: Clock): Promise<AppContext> {
  const config = { ...loadConfig({ YOUZHI_DATA_DIR: place.dataDir, ...(place.database ? { DATABASE_URL: place.database.url } : {}), ...env }), secret: 'bench' };
  return openContext({ config, clock });
}

async function removeBenchDatabase(place: BenchDatabase) {
  await place.database?.drop();
  fs.rmSync(place.dataDir, { recursive: true, force: true });
}

/** A context on `place`, and how to close it and remove the place. */
async function contextOn(place: BenchDatabase, env: Record<string, string>, clock?: Clock): Promise<{ ctx: AppContext; cleanup(): Promise<void> }> {
  const ctx = await openOn(place, env, clock);
  return {
    ctx,
    async cleanup() {
      await ctx.db.close();
      await removeBenchDatabase(place);
    },
  };
}

const newDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-bench-'));

/** A fresh, migrated database for one benchmark run: a temporary SQLite file or a new PostgreSQL database. */
export async function benchContext(kind: 'sqlite' | 'postgres', env: Record<string, string> = {}, clock?: Clock): Promise<{ ctx: AppContext; cleanup(): Promise<void> }> {
  return contextOn({ dataDir: newDataDir(), database: kind === 'postgres' ? await createPostgresDatabase() : null }, env, clock);
}

/**
 * Data generated once and measured on copies of it, one per run: a PostgreSQL database copied as a
 * template, or a SQLite data folder copied as files. Every run then starts from the same rows, so
 * several runs of a round show how much the machine moves a figure (one run proves little on a
 * shared machine), without generating the data again each time.
 */
export interface BenchDataset {
  /** A context on a new copy of the data; cleanup closes it and removes the copy. */
  copy(): Promise<{ ctx: AppContext; cleanup(): Promise<void> }>;
  drop(): Promise<void>;
}

export async function benchDataset(kind: 'sqlite' | 'postgres', fill: (ctx: AppContext) => Promise<void>, env: Record<string, string> = {}, clock?: Clock): Promise<BenchDataset> {
  const source: BenchDatabase = { dataDir: newDataDir(), database: kind === 'postgres' ? await createPostgresDatabase('yz_bench_source') : null };
  try {
    const ctx = await openOn(source, env, clock);
    try {
      await fill(ctx);
    } finally {
      // A template must have no connections; a SQLite file is whole once closed (its WAL checkpointed).
      await ctx.db.close();
    }
  } catch (e) {
    await removeBenchDatabase(source);
    throw e;
  }
  return {
    async copy() {
      const dataDir = newDataDir();
      if (!source.database) fs.cpSync(source.dataDir, dataDir, { recursive: true });
      return contextOn({ dataDir, database: source.database ? await createPostgresDatabase('yz_bench', source.database.name) : null }, env, clock);
    },
    drop: () => removeBenchDatabase(source),
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
