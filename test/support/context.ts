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
  const { databaseUrl, dropDatabase } = usingPostgres ? await scratchPostgresDatabase() : { databaseUrl: null, dropDatabase: async () => {} };
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

/** A new, empty PostgreSQL database on the test server, and how to drop it. */
export async function scratchPostgresDatabase(): Promise<{ databaseUrl: string; dropDatabase(): Promise<void> }> {
  const name = `yz_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    async dropDatabase() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
