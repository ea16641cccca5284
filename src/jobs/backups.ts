import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../shared/context.js';
import { backupDatabase } from '../db/backup.js';

/**
 * The nightly backup (YOUZHI_BACKUP_DIR): once a day, from YOUZHI_BACKUP_HOUR local time, into
 * youzhi-YYYY-MM-DD.sqlite (or .dump on PostgreSQL), keeping the newest YOUZHI_BACKUP_KEEP.
 * A lock file taken exclusively in the directory makes nodes that share it take one backup.
 */
const backupName = /^youzhi-(\d{4}-\d{2}-\d{2})\.(sqlite|dump)$/;
// A lock older than this belongs to a process that died while backing up.
const staleLockMs = 6 * 3600_000;

export interface ScheduledBackupReport {
  taken: string | null;
  removed: string[];
}

export async function takeScheduledBackup(ctx: AppContext, now = ctx.clock.now()): Promise<ScheduledBackupReport> {
  const dir = ctx.config.backupDir;
  if (!dir) return { taken: null, removed: [] };
  const at = new Date(now);
  if (at.getHours() < ctx.config.backupHour) return { taken: null, removed: [] };
  const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  const file = path.join(dir, `youzhi-${day}.${ctx.db.dialect === 'sqlite' ? 'sqlite' : 'dump'}`);
  if (fs.existsSync(file)) return { taken: null, removed: [] };
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lock = `${file}.lock`;
  if (!claimLock(lock, now)) return { taken: null, removed: [] };
  try {
    await backupDatabase(ctx.db, { out: file, databaseUrl: ctx.config.databaseUrl });
  } finally {
    fs.rmSync(lock, { force: true });
  }
  return { taken: file, removed: pruneBackups(dir, ctx.config.backupKeep) };
}

function claimLock(lock: string, now: number): boolean {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (now - fs.statSync(lock).mtimeMs < staleLockMs) return false;
    fs.rmSync(lock, { force: true });
    return claimLock(lock, now);
  }
}

/** Removes all but the newest `keep` nightly backups; other files in the directory are left alone. */
export function pruneBackups(dir: string, keep: number): string[] {
  const backups = fs.readdirSync(dir).filter((f) => backupName.test(f)).sort().reverse();
  const removed = backups.slice(keep).map((f) => path.join(dir, f));
  for (const f of removed) fs.rmSync(f, { force: true });
  return removed;
}
