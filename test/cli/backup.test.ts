import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config.js';
import { openContext } from '../../src/bootstrap.js';
import { buildApp } from '../../src/server/app.js';
import { seedDemo } from '../../src/demo/seed.js';
import { generateActivity } from '../../src/demo/activity.js';
import { takeScheduledBackup } from '../../src/jobs/backups.js';
import { countRows } from '../../src/db/tables.js';
import { localMonth, shiftMonth } from '../../src/shared/months.js';
import { createTestApp, testPassword, type Session, type TestApp } from '../support/app.js';
import { scratchPostgresDatabase, usingPostgres } from '../support/context.js';

/** Issue 20 §3–4: backup while serving, restore onto an empty database, SQLite → PostgreSQL. */
let t: TestApp;
let admin: Session;
let code: string;
const scratch: string[] = [];
const drops: (() => Promise<void>)[] = [];
const savedEnv = { ...process.env };

async function cli(env: Record<string, string | undefined>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const previous = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    const exit = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code: exit, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.env = previous;
  }
}

const tempDir = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `youzhi-${name}-`));
  scratch.push(dir);
  return dir;
};

const rate = (i: number) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code, level: (i % 5) + 1 }, remoteAddress: `127.0.${(i >> 8) & 255}.${i & 255}` });

beforeAll(async () => {
  t = await createTestApp({ demoOrgs: ['demo-hospital'] });
  admin = await t.login('hosp-admin');
  const reg = (await admin.get('/api/v1/units?pageSize=100')).json().items.find((u: { code: string }) => u.code === 'H-OPD-REG');
  code = (await admin.get(`/api/v1/rating-codes?unitId=${reg.id}`)).json().code;
});
afterAll(async () => {
  process.env = savedEnv;
  await t?.close();
  for (const drop of drops) await drop();
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

const liveEnv = () => ({ YOUZHI_DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl ?? undefined });
const ratingsIn = async (ctx: { db: Parameters<typeof countRows>[0] }) => (await countRows(ctx.db, ['ratings'])).get('ratings')!;

describe('youzhi backup and restore', () => {
  const file = () => path.join(tempDir('backup'), usingPostgres ? 'youzhi.dump' : 'youzhi.sqlite');
  let backupFile = '';

  it('a backup taken while ratings are being written restores with verified counts and audit chain', async () => {
    let written = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) if ((await rate(written)).statusCode === 201) written += 1;
    })();
    await expect.poll(() => written, { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
    const before = written;
    backupFile = file();
    const backup = await cli(liveEnv(), 'backup', '--out', backupFile);
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toContain(usingPostgres ? 'pg_dump' : 'sqlite');
    // Writes go on after the backup: the restored database must not have them.
    await expect.poll(() => written, { timeout: 60_000 }).toBeGreaterThanOrEqual(before + 10);
    writing = false;
    await writer;
    const live = await ratingsIn(t.ctx);

    const dataDir = tempDir('restored');
    fs.copyFileSync(path.join(t.dataDir, 'secret.key'), path.join(dataDir, 'secret.key'));
    let databaseUrl: string | undefined;
    if (usingPostgres) {
      const target = await scratchPostgresDatabase('yz_restore');
      drops.push(target.drop);
      databaseUrl = target.url;
    }
    const restored = await cli({ YOUZHI_DATA_DIR: dataDir, DATABASE_URL: databaseUrl }, 'restore', backupFile);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toMatch(/audit chain ok: \d+ entries/);

    const ctx = await openContext({ config: { ...loadConfig({ YOUZHI_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }), secret: null } });
    try {
      const count = await ratingsIn(ctx);
      expect(count).toBeGreaterThanOrEqual(before);
      expect(count).toBeLessThan(live);
    } finally {
      await ctx.db.close();
    }
  });

  it('refuses to restore over a database that is in use', async () => {
    const r = await cli(liveEnv(), 'restore', backupFile);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/already (holds a database|has tables)/);
    // The live database is untouched.
    expect(await ratingsIn(t.ctx)).toBeGreaterThan(0);
  });

  it('refuses a file that is not a backup, and a restore without the secret that keys the audit chain', async () => {
    const junk = path.join(tempDir('junk'), 'junk.bin');
    fs.writeFileSync(junk, 'not a backup at all');
    const empty = tempDir('empty');
    fs.writeFileSync(path.join(empty, 'secret.key'), 'test-secret');
    const r = await cli({ YOUZHI_DATA_DIR: empty, DATABASE_URL: undefined }, 'restore', junk);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('neither a Youzhi SQLite backup nor a pg_dump archive');
    const noSecret = await cli({ YOUZHI_DATA_DIR: tempDir('nosecret'), DATABASE_URL: undefined, YOUZHI_SECRET: undefined }, 'restore', backupFile);
    expect(noSecret.code).not.toBe(0);
    expect(noSecret.err).toContain('secret.key');
  });

  it('the nightly backup is taken once a day from its hour and keeps the newest N', async () => {
    const dir = tempDir('nightly');
    for (const day of ['2026-01-01', '2026-01-02', '2026-01-03']) fs.writeFileSync(path.join(dir, `youzhi-${day}.${usingPostgres ? 'dump' : 'sqlite'}`), 'old');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup');
    const ctx = { ...t.ctx, config: { ...t.ctx.config, backupDir: dir, backupKeep: 2, backupHour: 2 } };
    const at = (hour: number) => new Date(2026, 11, 4, hour, 30).getTime();
    expect(await takeScheduledBackup(ctx, at(1))).toEqual({ taken: null, removed: [] });
    const first = await takeScheduledBackup(ctx, at(3));
    expect(first.taken).toBe(path.join(dir, `youzhi-2026-12-04.${usingPostgres ? 'dump' : 'sqlite'}`));
    expect(first.removed.map((f) => path.basename(f)).sort()).toEqual([`youzhi-2026-01-01.${usingPostgres ? 'dump' : 'sqlite'}`, `youzhi-2026-01-02.${usingPostgres ? 'dump' : 'sqlite'}`]);
    expect((await takeScheduledBackup(ctx, at(4))).taken).toBeNull();
    expect(fs.readdirSync(dir).sort()).toEqual(['notes.txt', `youzhi-2026-01-03.${usingPostgres ? 'dump' : 'sqlite'}`, `youzhi-2026-12-04.${usingPostgres ? 'dump' : 'sqlite'}`]);
  });
});

describe.skipIf(!usingPostgres)('youzhi migrate-data (SQLite → PostgreSQL)', () => {
  it('moves a month of demo activity; every list answers the same before and after; a non-empty target is refused', async () => {
    const sourceDir = tempDir('source');
    fs.writeFileSync(path.join(sourceDir, 'secret.key'), 'test-secret');
    const sourceConfig = { ...loadConfig({ YOUZHI_DATA_DIR: sourceDir }), databaseUrl: null, secret: null };
    const source = await openContext({ config: sourceConfig });
    await seedDemo(source, { password: testPassword, organisations: ['demo-hospital'] });
    const month = shiftMonth(localMonth(Date.now(), 480), -1);
    await generateActivity(source, { orgCode: 'demo-hospital', month, scale: 0.3 });
    const lists = [
      '/api/v1/units?pageSize=100',
      '/api/v1/staff?pageSize=100',
      '/api/v1/cases?pageSize=100',
      `/api/v1/ratings?pageSize=100&from=${month}-01&to=${month}-28`,
      `/api/v1/dashboard?month=${month}`,
      '/api/v1/audit?pageSize=100',
      '/api/v1/commitments',
      '/api/v1/service-items',
    ];
    const answers = async (ctx: typeof source) => {
      const app = await buildApp(ctx);
      try {
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hosp-admin', password: testPassword } });
        const headers = { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
        const out: Record<string, unknown> = {};
        for (const url of lists) {
          const res = await app.inject({ method: 'GET', url, headers });
          expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
          // When the answer was computed is the only thing allowed to differ.
          const { generatedAt: _at, ...body } = res.json();
          out[url] = body;
        }
        return out;
      } finally {
        await app.close();
      }
    };
    const before = await answers(source);
    await source.db.close();

    const target = await scratchPostgresDatabase('yz_move');
    drops.push(target.drop);
    const sqliteFile = path.join(sourceDir, 'youzhi.sqlite');
    const moved = await cli({ YOUZHI_SECRET: undefined }, 'migrate-data', '--from', `sqlite:${sqliteFile}`, '--to', target.url, '--batch', '250');
    expect(moved.code, moved.err).toBe(0);
    expect(moved.out).toMatch(/copied \d+ rows in \d+ tables; row counts verified/);
    expect(moved.out).toMatch(/audit chain ok: \d+ entries/);

    const after = await openContext({ config: { ...loadConfig({ YOUZHI_DATA_DIR: sourceDir, DATABASE_URL: target.url }), secret: null } });
    try {
      const answered = await answers(after);
      // The audit list gained the two logins above; everything else answers the same.
      for (const url of lists.filter((u) => !u.startsWith('/api/v1/audit'))) expect(answered[url], url).toEqual(before[url]);
      expect(await ratingsIn(after)).toBeGreaterThan(0);
    } finally {
      await after.db.close();
    }

    const again = await cli({ YOUZHI_SECRET: undefined }, 'migrate-data', '--from', `sqlite:${sqliteFile}`, '--to', target.url);
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('not empty');
  });
});
