import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Database } from './types.js';
import type { DialectName } from './dialect.js';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /**
   * SQLite only: the better-sqlite3 handle behind Kysely, for the one hot path that runs prepared
   * statements synchronously (ratings/repository.ts). Use it only while holding Kysely's connection.
   */
  sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

// int8 (bigint) columns hold epoch milliseconds: they fit in a JS number.
pg.types.setTypeParser(20, (v: string) => Number(v));

export interface OpenDbOptions {
  databaseUrl?: string | null;
  dataDir?: string;
  /** SQLite file name override (tests use ':memory:'). */
  sqliteFile?: string;
  poolSize?: number;
}

export function openDb(options: OpenDbOptions): Db {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool discards it and opens a new one on the next query.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL idle connection error: ${err.message}`));
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
  }
  const file = options.sqliteFile ?? path.join(options.dataDir ?? 'data', 'youzhi.sqlite');
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Owner-only from the first byte (it holds complainants' contacts); SQLite gives its WAL files the same mode.
    fs.closeSync(fs.openSync(file, 'a', 0o600));
  }
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // Checkpoint every 10,000 pages (40 MB of WAL) rather than 1,000: a burst of writes (the sweep at
  // close of business, a payroll month) copies a page it rewrites batch after batch into the
  // database once, with one pair of fsyncs, instead of after every other batch (npm run bench -- sweep).
  database.pragma('wal_autocheckpoint = 10000');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { kysely, dialect: 'sqlite', sqlite: database, close: () => kysely.destroy() };
}

