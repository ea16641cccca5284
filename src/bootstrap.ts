import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type AppConfig } from './config.js';
import { openDb } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { systemClock, type Clock } from './shared/clock.js';
import type { AppContext } from './shared/context.js';
import { randomToken } from './shared/ids.js';
import { seedNationalCalendarIfEmpty } from './modules/calendar/service.js';
import { registerCaseTypes } from './modules/case-types.js';
import { auditKeyMatches, keyLegacyAuditEntries } from './modules/audit/integrity.js';

export interface OpenContextOptions {
  config?: AppConfig;
  clock?: Clock;
  migrate?: boolean;
}

/** Opens the database, brings it up to date, loads the national calendar on first use and registers the case types. */
export async function openContext(options: OpenContextOptions = {}): Promise<AppContext> {
  registerCaseTypes();
  const config = options.config ?? loadConfig();
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const ctx: AppContext = { db, clock: options.clock ?? systemClock, config: { ...config, secret: config.secret ?? readOrCreateSecret(config) } };
  if (options.migrate !== false) {
    await migrateToLatest(db);
    // Entries from before the chain was keyed: verified and re-keyed once (a no-op afterwards).
    await keyLegacyAuditEntries(ctx);
    if (!(await auditKeyMatches(ctx))) {
      await db.close();
      throw new Error('this process does not hold the installation secret the audit log is keyed with: every node of a deployment needs the same YOUZHI_SECRET (or a copy of the first node\'s data/secret.key)');
    }
    await seedNationalCalendarIfEmpty(ctx);
  }
  return ctx;
}

/**
 * A per-installation secret for signing (QR codes, links), kept beside the SQLite file, readable
 * by its owner only. Created exclusively: two processes starting at once keep the first one's.
 */
function readOrCreateSecret(config: AppConfig): string {
  const file = path.join(config.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomToken(32), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}
