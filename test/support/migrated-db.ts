import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { openDb, type Db } from '../../src/db/connect.js';
import { migrateTo } from '../../src/db/migrate.js';
import { scratchPostgresDatabase, usingPostgres } from './context.js';

/**
 * A scratch database of the suite's kind (PostgreSQL when DATABASE_URL names one, else a SQLite
 * file) migrated up to `upTo` and no further: a migration test writes data of the old schema into
 * it, then runs the migration under test on that data.
 */
export async function databaseMigratedTo(upTo: string, name: string): Promise<{ db: Db; k: Kysely<any>; cleanup: () => Promise<void> }> {
  let db: Db;
  let drop: () => Promise<void>;
  if (usingPostgres) {
    const scratch = await scratchPostgresDatabase(`yz_${name}`);
    db = openDb({ databaseUrl: scratch.url });
    drop = scratch.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `youzhi-${name}-`));
    db = openDb({ dataDir: dir });
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  await migrateTo(db, upTo);
  return {
    db,
    k: db.kysely as unknown as Kysely<any>,
    async cleanup() {
      await db.close();
      await drop();
    },
  };
}
