import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { openContext } from '../../src/bootstrap.js';
import type { AppContext } from '../../src/shared/context.js';
import type { Clock } from '../../src/shared/clock.js';

// The server to create test databases on, captured before any test points DATABASE_URL elsewhere.
const adminUrl = process.env.DATABASE_URL ?? '';
export const usingPostgres = /^postgres(ql)?:\/\//.test(adminUrl);

/** A settable clock for tests that simulate time. */
export function fakeClock(start: number): Clock & { set(ms: number): void; advance(ms: number): void } {
  let now = start;
  return { now: () => now, set: (ms) => (now = ms), advance: (ms) => (now += ms) };
}

/** A new, empty PostgreSQL database on the test server (DATABASE_URL), and how to drop it. */
export async function scratchPostgresDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const run = async (query: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(query);
    await admin.end();
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

export interface TestContext {
  ctx: AppContext;
  databaseUrl: string | null;
  dataDir: string;
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or — when
 * DATABASE_URL points at PostgreSQL — a new database that is dropped afterwards.
 */
export async function createTestContext(options: { clock?: Clock; sessionHours?: number } = {}): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-test-'));
  let databaseUrl: string | null = null;
  let dropDatabase = async () => {};
  if (usingPostgres) ({ url: databaseUrl, drop: dropDatabase } = await scratchPostgresDatabase('yz_test'));
  // The secret in the data directory too, so the CLI and child processes over this directory share its audit key.
  fs.writeFileSync(path.join(dataDir, 'secret.key'), 'test-secret', { mode: 0o600 });
  const config = { ...loadConfig({ YOUZHI_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }), secret: 'test-secret' };
  if (options.sessionHours) config.sessionHours = options.sessionHours;
  const ctx = await openContext({ config, clock: options.clock });
  return {
    ctx,
    databaseUrl,
    dataDir,
    async cleanup() {
      await ctx.db.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

