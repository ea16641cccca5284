import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/seed.js';
import { migrationNames } from '../../src/db/migrate.js';
import type { AppContext } from '../../src/shared/context.js';
import { usingPostgres } from '../support/context.js';

/**
 * Several app nodes starting at once against one PostgreSQL: migrations run under Kysely's
 * advisory lock and first-start seeding under our own, so exactly one of them does each.
 */
describe.skipIf(!usingPostgres)('concurrent start on PostgreSQL (SQLite runs one process)', () => {
  const name = `yz_start_${process.pid}_${Date.now() % 100000}`;
  const contexts: AppContext[] = [];
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.db.close()));
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('four nodes migrate and seed one empty database together without errors or duplicates', async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const config = { ...loadConfig({ DATABASE_URL: url.toString(), YOUZHI_DATA_DIR: '/tmp/youzhi-start-test' }), secret: 's' };
    const started = await Promise.all([1, 2, 3, 4].map(() => openContext({ config })));
    contexts.push(...started);
    await Promise.all(started.map((ctx) => seedDemo(ctx, { password: 'start-test-pw' })));
    const db = started[0].db.kysely;
    const migrations = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    expect(migrations.map((m) => (m as { name: string }).name).sort()).toEqual([...migrationNames].sort());
    const years = await db.selectFrom('calendar_years').select('year').execute();
    expect(years.length).toBe(2026 - 2004 + 1);
    const orgs = await db.selectFrom('organisations').select('code').orderBy('code').execute();
    expect(orgs.map((o) => o.code)).toEqual(['demo-bank', 'demo-hall', 'demo-hospital', 'demo-utility']);
    const admins = await db.selectFrom('users').select('username').where('role', '=', 'admin').execute();
    expect(admins).toHaveLength(4);
  });
});
