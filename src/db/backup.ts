import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import { openDb, type Db } from './connect.js';

/**
 * Backups of the whole database: SQLite by VACUUM INTO (one read transaction: a consistent copy
 * while the server writes — the online backup API would restart at every write of another
 * connection and never finish under load), PostgreSQL as a pg_dump custom-format archive. A backup restores onto the same kind of
 * database; moving from SQLite to PostgreSQL is migrate-data's job.
 */
export type BackupFormat = 'sqlite' | 'pg_dump';

export class BackupError extends Error {}

const sqliteMagic = Buffer.from('SQLite format 3\0');
const pgDumpMagic = Buffer.from('PGDMP');

export async function backupDatabase(db: Db, options: { out: string; databaseUrl?: string | null }): Promise<{ format: BackupFormat; bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  // Written beside the target and renamed: a backup file that exists is a whole one.
  const partial = `${options.out}.partial`;
  fs.rmSync(partial, { force: true });
  let format: BackupFormat;
  if (db.dialect === 'sqlite') {
    if (!db.sqlite || db.sqlite.memory) throw new BackupError('an in-memory database has nothing to back up');
    db.sqlite.prepare('vacuum into ?').run(path.resolve(partial));
    format = 'sqlite';
  } else {
    if (!options.databaseUrl) throw new BackupError('DATABASE_URL is needed to back up PostgreSQL');
    await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${options.databaseUrl}`]);
    format = 'pg_dump';
  }
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, options.out);
  return { format, bytes: fs.statSync(options.out).size };
}

export function backupFormatOf(file: string): BackupFormat {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.subarray(0, sqliteMagic.length).equals(sqliteMagic)) return 'sqlite';
  if (head.subarray(0, pgDumpMagic.length).equals(pgDumpMagic)) return 'pg_dump';
  throw new BackupError(`${file} is neither a Youzhi SQLite backup nor a pg_dump archive`);
}

/**
 * Restores a backup onto an empty database: for SQLite the data directory's database file (absent,
 * or without tables), for PostgreSQL the database of DATABASE_URL (without tables). The caller then
 * opens it, which migrates it forward if the backup is older than this version.
 */
export async function restoreDatabase(options: { file: string; databaseUrl?: string | null; sqliteFile: string }): Promise<BackupFormat> {
  if (!fs.existsSync(options.file)) throw new BackupError(`${options.file} not found`);
  const format = backupFormatOf(options.file);
  if (options.databaseUrl) {
    if (format !== 'pg_dump') throw new BackupError('this is a SQLite backup: restore it without DATABASE_URL, then move it with youzhi migrate-data');
    await assertPostgresEmpty(options.databaseUrl);
    await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${options.databaseUrl}`, options.file]);
    return format;
  }
  if (format !== 'sqlite') throw new BackupError('this is a PostgreSQL archive: set DATABASE_URL to the empty database to restore it into');
  assertSqliteEmpty(options.sqliteFile);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${options.sqliteFile}${suffix}`, { force: true });
  fs.mkdirSync(path.dirname(options.sqliteFile), { recursive: true });
  // Through SQLite's own backup rather than a file copy: the result is checked page by page.
  const backup = new SqliteDatabase(options.file, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(options.sqliteFile);
  } finally {
    backup.close();
  }
  fs.chmodSync(options.sqliteFile, 0o600);
  return format;
}

function assertSqliteEmpty(file: string) {
  if (!fs.existsSync(file)) return;
  const existing = new SqliteDatabase(file, { readonly: true });
  try {
    const { n } = existing.prepare(`select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'`).get() as { n: number };
    if (n > 0) throw new BackupError(`${file} already holds a database: restore onto an empty data directory (move the old file away first)`);
  } finally {
    existing.close();
  }
}

async function assertPostgresEmpty(url: string) {
  const db = openDb({ databaseUrl: url, poolSize: 1 });
  try {
    const { rows } = await sql<{ n: string | number }>`select count(*) as n from information_schema.tables where table_schema = 'public'`.execute(db.kysely);
    if (Number(rows[0]?.n ?? 0) > 0) throw new BackupError('the target PostgreSQL database already has tables: restore into a new, empty database (createdb)');
  } finally {
    await db.close();
  }
}

/** Runs pg_dump or pg_restore; a missing program is named with the Debian package that has it. */
function runTool(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(new BackupError(e.code === 'ENOENT' ? `${program} is not installed: install PostgreSQL's client tools (Debian: apt install postgresql-client)` : `${program}: ${e.message}`)),
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${program} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`))));
  });
}
