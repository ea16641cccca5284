import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { createTestContext, type TestContext } from '../support/context.js';

const root = path.resolve(import.meta.dirname, '../..');
const holidayCn = path.resolve(root, '../shared/data/holiday-cn');
let tc: TestContext;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  // A migrated, empty database; the CLI opens its own connection from the environment.
  tc = await createTestContext();
  process.env.YOUZHI_DATA_DIR = tc.dataDir;
  if (tc.databaseUrl) process.env.DATABASE_URL = tc.databaseUrl;
  process.env.YOUZHI_DEMO_PASSWORD = 'cli-demo-password';
});
afterAll(async () => tc?.cleanup());

describe('youzhi CLI', () => {
  it('migrate reports an up-to-date database', async () => {
    const r = await cli('migrate');
    expect(r.code).toBe(0);
    expect(r.out).toBe('database is up to date');
  });

  it('calendar add-working-days prints the date (002:L103: 5 working days)', async () => {
    expect(await cli('calendar', 'add-working-days', '2026-09-30', '5')).toMatchObject({ code: 0, out: '2026-10-13' });
    expect((await cli('calendar', 'add-working-days', '2026-02-13', '1')).out).toBe('2026-02-14');
  });

  it('calendar add-working-days names a missing year instead of guessing', async () => {
    const r = await cli('calendar', 'add-working-days', '2026-12-28', '5');
    expect(r.code).toBe(1);
    expect(r.err).toContain('calendar_year_missing');
    expect(r.err).toContain('2027');
  });

  it('org create, then user create and token create for it', async () => {
    expect((await cli('org', 'create', '--code', 'cli-bank', '--name', '示范农商银行', '--sector', 'bank')).code).toBe(0);
    expect((await cli('org', 'list')).out).toContain('cli-bank\tbank\t示范农商银行');
    const bad = await cli('org', 'create', '--code', 'x-1', '--name', 'X', '--sector', 'casino');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('sector');
    expect((await cli('user', 'create', '--username', 'bank-admin', '--password', 'bank-password-1', '--role', 'admin', '--org', 'cli-bank')).code).toBe(0);
    const token = await cli('token', 'create', '--user', 'bank-admin', '--name', 'queue system');
    expect(token.code).toBe(0);
    expect(token.out).toMatch(/^yz_[A-Za-z0-9_-]{20,}$/);
    // A narrower token: read-only, for 30 days (issue 12 §5).
    const read = await cli('token', 'create', '--user', 'bank-admin', '--name', 'dashboard', '--scope', 'read', '--expires-days', '30');
    expect(read.code, read.err).toBe(0);
    const row = await tc.ctx.db.kysely.selectFrom('api_tokens').select(['scope', 'expires_at', 'created_at']).where('name', '=', 'dashboard').executeTakeFirstOrThrow();
    expect(row.scope).toBe('read');
    expect(Number(row.expires_at) - Number(row.created_at)).toBe(30 * 86_400_000);
    expect((await cli('token', 'create', '--user', 'bank-admin', '--scope', 'admin')).code).toBe(2);
    expect((await cli('token', 'create', '--user', 'bank-admin', '--expires-days', '0')).code).toBe(2);
    // A weak password is refused, saying why.
    const weak = await cli('user', 'create', '--username', 'bank-clerk', '--password', 'woaini1314', '--role', 'staff', '--org', 'cli-bank');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('weak_password');
    expect(weak.err).toContain('常见密码');
  });

  it('import staff reads a CSV all-or-nothing and prints each bad row', async () => {
    const file = path.join(tc.dataDir, 'roster.csv');
    fs.writeFileSync(file, '单位编码,单位名称,工号,姓名\nB-01,营业部,B001,周强\nB-02,城东支行,B002,吴芳\n');
    const ok = await cli('import', 'staff', file, '--org', 'cli-bank');
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain('2 units created, 2 staff created');
    const badFile = path.join(tc.dataDir, 'bad.csv');
    fs.writeFileSync(badFile, '单位编码,单位名称,工号,姓名\nB-03,新网点,,无工号\nB-04,新网点2,B004,\n');
    const bad = await cli('import', 'staff', badFile, '--org', 'cli-bank');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('row 2 [badgeNo]');
    expect(bad.err).toContain('row 3 [name]');
    const units = await tc.ctx.db.kysely.selectFrom('units').select('code').where('code', 'in', ['B-03', 'B-04']).execute();
    expect(units).toEqual([]);
  });

  it('seed --demo creates both demo organisations once', async () => {
    const first = await cli('seed', '--demo');
    expect(first.code).toBe(0);
    expect(first.out).toContain('created demo-hospital, demo-hall');
    expect(first.out).toContain('hosp-admin / cli-demo-password');
    expect((await cli('seed', '--demo')).out).toBe('demo organisations already exist');
  });

  it.skipIf(!fs.existsSync(path.join(holidayCn, '2025.json')))('calendar import accepts a holiday-cn file (skipped without ../shared/data)', async () => {
    const r = await cli('calendar', 'import', path.join(holidayCn, '2025.json'));
    expect(r).toMatchObject({ code: 0, out: 'imported 2025' });
  });

  it('calendar import accepts an iCalendar file', async () => {
    const ics = path.join(root, 'node_modules/chinese-days/dist/holidays.ics');
    const r = await cli('calendar', 'import', ics);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^imported 2024, 2025, 2026$/);
    expect((await cli('calendar', 'add-working-days', '2026-09-30', '5')).out).toBe('2026-10-13');
  });

  it('audit verify passes, then reports the first tampered entry with exit code 1', async () => {
    const ok = await cli('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^audit chain ok: \d+ entries$/);
    await sql`update audit_log set actor_label = 'mallory' where seq = 5`.execute(tc.ctx.db.kysely);
    const broken = await cli('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('BROKEN at entry 5');
  });
});

const built = fs.existsSync(path.join(root, 'dist/engines/calendar/index.js'));
describe.skipIf(!built)('the built package (skipped until `npm run build` has run)', () => {
  it('exports youzhi/calendar to other Node programs', () => {
    const program = `
      import { createRequire } from 'node:module';
      import { createWorkCalendar, addWorkingDays, fromChineseDaysData } from 'youzhi/calendar';
      const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');
      const cal = createWorkCalendar({ schedule: fromChineseDaysData(data) });
      console.log(addWorkingDays(cal, '2026-09-30', 5));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', program], { cwd: root, encoding: 'utf8' });
    expect(out.trim()).toBe('2026-10-13');
  });

  it('the youzhi bin prints a deadline', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'bin/youzhi.js'), 'calendar', 'add-working-days', '2026-02-13', '1'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, YOUZHI_DATA_DIR: tc.dataDir },
    });
    expect(out.trim()).toBe('2026-02-14');
  });
});
