import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { openContext } from '../bootstrap.js';
import type { AppContext } from '../shared/context.js';
import { isAppError } from '../shared/errors.js';
import { systemActor, tokenScopes, type Role } from '../shared/access.js';
import { demoOrganisationCodes, fillDemoActivity, seedDemo } from '../demo/seed.js';
import { migrateToLatest } from '../db/migrate.js';
import { createOrganisation, findOrganisationByCode, listOrganisations } from '../modules/organisations/service.js';
import { createOrganisationInput } from '../modules/organisations/schema.js';
import { createUser, findUserByUsername } from '../modules/users/service.js';
import { createUserBody } from '../modules/users/schema.js';
import type { z } from 'zod';
import { createApiToken } from '../modules/auth/service.js';
import { findUnitByCode } from '../modules/units/service.js';
import { readRosterFile } from '../modules/staff/roster-file.js';
import { importStaffRoster } from '../modules/staff/import.js';
import { addWorkingDaysFor, importScheduleFile } from '../modules/calendar/service.js';
import { resolvePendingDeadlines } from '../modules/cases/sweep.js';
import { publishCheckpoint, verifyAuditChain } from '../modules/audit/integrity.js';
import { readCheckpoints } from '../modules/audit/checkpoints.js';
import { serve } from './serve.js';
import { runBackgroundRound } from '../jobs/scheduler.js';
import { adaptersFromEnv } from '../modules/notifications/channels.js';
import { monthlyReportPdf } from '../modules/reports/service.js';
import { generateActivity } from '../demo/activity.js';
import { isMonth } from '../shared/months.js';
import { loadConfig } from '../config.js';
import { openDb } from '../db/connect.js';
import { BackupError, backupDatabase, restoreDatabase } from '../db/backup.js';
import { TargetNotEmptyError, copySqliteToPostgres, type CopyProgress } from '../db/copy.js';
import { countRows, describeTables } from '../db/tables.js';
import { systemClock } from '../shared/clock.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Runs one CLI command; resolves to the process exit code (tests call this directly). */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode = 0;
  let ctx: AppContext | null = null;
  const context = async () => (ctx ??= await openContext());
  const orgActor = async (code?: string) => {
    const c = await context();
    const org = code ? await findOrganisationByCode(c, code) : await onlyOrganisation(c);
    if (!org) throw new UsageError(`organisation ${code} not found`);
    return { c, org, actor: systemActor(org.id, 'cli') };
  };

  const program = new Command('youzhi')
    .description('优质 Youzhi — service-quality management')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program.command('serve', { isDefault: true }).description('run the web server (HOST, PORT, DATABASE_URL, YOUZHI_DATA_DIR)').action(async () => {
    await serve(io);
  });

  program.command('migrate').description('apply database migrations').action(async () => {
    const c = await openContext({ migrate: false });
    ctx = c;
    const applied = await migrateToLatest(c.db);
    io.out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  });

  program.command('seed').description('create demo data').option('--demo', 'the demo hospital and service hall').action(async (opts: { demo?: boolean }) => {
    if (!opts.demo) throw new UsageError('nothing to seed: use --demo');
    const result = await seedDemo(await context());
    io.out(result.created.length ? `created ${result.created.join(', ')}` : 'demo organisations already exist');
    if (result.created.length) printLogins(io, result.users, result.password);
  });

  const org = program.command('org').description('organisations');
  org.command('create').requiredOption('--code <code>').requiredOption('--name <name>').requiredOption('--sector <sector>', 'hall | hospital | bank | utility')
    .action(async (opts: { code: string; name: string; sector: string }) => {
      const created = await createOrganisation(await context(), parseOrThrow(createOrganisationInput, opts));
      io.out(`created organisation ${created.code} (${created.id})`);
    });
  org.command('list').action(async () => {
    for (const o of await listOrganisations(await context())) io.out(`${o.code}\t${o.sector}\t${o.name}`);
  });

  program.command('user').description('users').command('create')
    .requiredOption('--username <u>').requiredOption('--password <p>').requiredOption('--role <role>')
    .option('--org <code>').option('--unit <unitCode>').option('--display-name <name>').option('--email <address>', 'for email notifications (the daily bulletin)')
    .action(async (opts: { username: string; password: string; role: Role; org?: string; unit?: string; displayName?: string; email?: string }) => {
      const { c, org: o, actor } = await orgActor(opts.org);
      const unit = opts.unit ? await findUnitByCode(c, o.id, opts.unit) : undefined;
      if (opts.unit && !unit) throw new UsageError(`unit ${opts.unit} not found in ${o.code}`);
      const user = await createUser(c, actor, parseOrThrow(createUserBody, { username: opts.username, password: opts.password, role: opts.role, displayName: opts.displayName, email: opts.email, unitId: unit?.id ?? null }));
      io.out(`created user ${user.username} (${user.role}) in ${o.code}`);
    });

  program.command('token').description('API tokens').command('create').requiredOption('--user <username>').option('--name <name>', 'what the token is for', 'cli')
    .option('--scope <scope>', `${tokenScopes.join(' | ')}: read = GET only, open311 = the Open311 intake only`, 'full')
    .option('--expires-days <n>', 'valid for this many days (default: no expiry)')
    .action(async (opts: { user: string; name: string; scope: string; expiresDays?: string }) => {
      const scope = tokenScopes.find((s) => s === opts.scope);
      if (!scope) throw new UsageError(`--scope must be one of ${tokenScopes.join(', ')}`);
      const expiresInDays = opts.expiresDays === undefined ? undefined : Number(opts.expiresDays);
      if (expiresInDays !== undefined && !(Number.isInteger(expiresInDays) && expiresInDays >= 1 && expiresInDays <= 3650)) throw new UsageError('--expires-days must be a whole number of days, 1–3650');
      const c = await context();
      const user = await findUserByUsername(c, opts.user);
      if (!user) throw new UsageError(`user ${opts.user} not found`);
      const token = await createApiToken(c, systemActor(user.org_id, 'cli'), { userId: user.id, name: opts.name, scope, expiresInDays });
      io.out(token.token);
    });

  program.command('import').description('imports').command('staff <file>').description('import units and staff from .xlsx or .csv (all-or-nothing)')
    .option('--org <code>').option('--dry-run', 'check only, write nothing')
    .action(async (file: string, opts: { org?: string; dryRun?: boolean }) => {
      const { c, actor } = await orgActor(opts.org);
      const rows = await readRosterFile(file, fs.readFileSync(file));
      const report = await importStaffRoster(c, actor, { rows, dryRun: opts.dryRun, fileName: path.basename(file) });
      io.out(`${report.dryRun ? 'checked (nothing written)' : 'imported'}: ${report.rows} rows, ${report.unitsCreated} units created, ${report.staffCreated} staff created, ${report.staffUpdated} staff updated`);
    });

  const calendar = program.command('calendar').description('working-day calendar');
  calendar.command('import <file>').description("import a national schedule (holiday-cn .json or .ics), e.g. next year's").option('--source <text>')
    .action(async (file: string, opts: { source?: string }) => {
      const c = await context();
      const format = file.toLowerCase().endsWith('.ics') ? 'ics' : 'holiday-cn';
      const result = await importScheduleFile(c, systemActor('', 'cli'), { format, content: fs.readFileSync(file, 'utf8'), source: opts.source ?? path.basename(file) });
      io.out(`imported ${result.years.join(', ')}`);
      // Cases that waited for this year's schedule get their deadlines now, not at the next sweep.
      const set = await resolvePendingDeadlines(c);
      if (set) io.out(`deadlines set: ${set}`);
    });
  calendar.command('add-working-days <date> <days>').description('print date + N working days').option('--org <code>', "use this organisation's calendar")
    .action(async (date: string, days: string, opts: { org?: string }) => {
      const c = await context();
      const n = Number(days);
      if (!Number.isInteger(n)) throw new UsageError('days must be an integer');
      const actor = opts.org ? (await orgActor(opts.org)).actor : null;
      io.out((await addWorkingDaysFor(c, actor, { date, days: n })).date);
    });

  program.command('sweep').description('run the background round once: deadline sweep, sanctions, notification and webhook outboxes, closed months of the dashboard (the server does this every minute)').option('--node <name>', 'name recorded on fired escalations')
    .action(async (opts: { node?: string }) => {
      const adapters = adaptersFromEnv(process.env, (line) => io.out(JSON.stringify(line)));
      const report = await runBackgroundRound(await context(), { node: opts.node ?? `cli:${process.pid}`, adapters });
      io.out(JSON.stringify(report));
    });

  program.command('report').description('reports').command('monthly').description('服务质量月报: the month\'s dashboard as a Chinese PDF')
    .option('--month <YYYY-MM>', 'the month (default: the last closed month)').requiredOption('--out <file.pdf>').option('--org <code>')
    .action(async (opts: { month?: string; out: string; org?: string }) => {
      const { c, actor } = await orgActor(opts.org);
      const { pdf } = await monthlyReportPdf(c, actor, { month: opts.month });
      fs.writeFileSync(opts.out, pdf);
      io.out(`wrote ${opts.out} (${pdf.length} bytes)`);
    });

  const demo = program.command('demo').description('demo data');
  demo.command('fill').description("fill demo organisations' last month and this month so far with activity (what the first start does)")
    .option('--org <code...>', 'demo organisations (default: every one present)')
    .action(async (opts: { org?: string[] }) => {
      const c = await context();
      const codes: string[] = [];
      for (const code of opts.org ?? demoOrganisationCodes) if (await findOrganisationByCode(c, code)) codes.push(code);
      if (opts.org && codes.length < opts.org.length) throw new UsageError(`organisation not found: ${opts.org.filter((x) => !codes.includes(x)).join(', ')}`);
      const started = Date.now();
      const filled = await fillDemoActivity(c, codes, Date.now());
      const sum = (k: 'ratings' | 'complaints') => filled.reduce((a, r) => a + r[k], 0);
      io.out(`demo activity: ${[...new Set(filled.map((r) => r.month))].join(', ')} (to now) for ${codes.join(', ')} — ${sum('ratings')} ratings, ${sum('complaints')} complaints in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  demo.command('generate').description('a realistic month of activity (ratings, served counts, complaints, 差评整改) through the services')
    .requiredOption('--month <YYYY-MM>').option('--org <code>').option('--seed <n>', 'random seed', '20261122').option('--scale <x>', 'volume multiplier', '1')
    .action(async (opts: { month: string; org?: string; seed: string; scale: string }) => {
      if (!isMonth(opts.month)) throw new UsageError('--month must be YYYY-MM');
      const seed = Number(opts.seed);
      const scale = Number(opts.scale);
      if (!Number.isInteger(seed) || !(scale > 0 && scale <= 100)) throw new UsageError('--seed must be an integer and --scale a number in (0, 100]');
      const { c, org: o } = await orgActor(opts.org);
      const report = await generateActivity(c, { orgCode: o.code, month: opts.month, seed, scale });
      io.out(`${o.code} ${opts.month}: ${report.ratings} ratings (${report.negativeRatings} 差评), ${report.complaints} complaints (${report.replies} replied, ${report.closed} closed), ${report.servedDays} days of served counts`);
      if (Object.keys(report.skipped).length) io.out(`not generated: ${JSON.stringify(report.skipped)}`);
    });

  const audit = program.command('audit').description('audit log');
  audit.command('verify').description('check the keyed hash chain; report the first broken link')
    .option('--checkpoint <file>', 'also check that the log still reproduces every checkpoint of this file (audit-checkpoints.jsonl or a copy): detects a rewritten or truncated log')
    .action(async (opts: { checkpoint?: string }) => {
      if (opts.checkpoint && !fs.existsSync(opts.checkpoint)) throw new UsageError(`checkpoint file ${opts.checkpoint} not found`);
      const checkpoints = opts.checkpoint ? readCheckpoints(opts.checkpoint) : undefined;
      exitCode = await reportAuditChain(await context(), io, checkpoints);
    });
  audit.command('checkpoint').description('publish a signed checkpoint of the head to the data directory now (the server does it hourly)').action(async () => {
    const result = await publishCheckpoint(await context());
    if (result.broken) {
      io.err(`audit chain BROKEN at entry ${result.broken.seq} (${result.broken.reason}): no checkpoint published`);
      exitCode = 1;
    } else if (result.checkpoint) io.out(JSON.stringify(result.checkpoint));
    else io.out('the audit log is empty: nothing to publish');
  });

  program.command('backup').description('back up the whole database: SQLite online (consistent while serving), PostgreSQL with pg_dump')
    .requiredOption('--out <file>', 'where to write it (replaced only once the backup is whole)')
    .action(async (opts: { out: string }) => {
      const c = await context();
      const result = await backupDatabase(c.db, { out: opts.out, databaseUrl: c.config.databaseUrl });
      io.out(`backup written: ${opts.out} (${result.format}, ${result.bytes} bytes)`);
      io.out(`keep ${path.join(c.config.dataDir, 'secret.key')} (or YOUZHI_SECRET) with it: the audit chain is checked with that secret`);
    });
  program.command('restore <file>').description('restore a backup onto an empty database (the data directory, or DATABASE_URL), then verify the audit chain')
    .action(async (file: string) => {
      const config = loadConfig();
      if (!config.secret && !fs.existsSync(path.join(config.dataDir, 'secret.key'))) {
        throw new UsageError(`put the original installation's secret.key into ${config.dataDir} (or set YOUZHI_SECRET) first: the audit chain is keyed with it`);
      }
      await restoreDatabase({ file, databaseUrl: config.databaseUrl, sqliteFile: path.join(config.dataDir, 'youzhi.sqlite') });
      const c = await context();
      const tables = await describeTables(c.db);
      const counts = await countRows(c.db, tables.map((t) => t.name));
      io.out(`restored ${file}: ${tables.length} tables, ${[...counts.values()].reduce((a, b) => a + b, 0)} rows`);
      exitCode = await reportAuditChain(c, io);
    });
  program.command('migrate-data').description('copy an installation from its SQLite file into an empty PostgreSQL database, then verify row counts and the audit chain')
    .requiredOption('--from <source>', 'sqlite:./data/youzhi.sqlite')
    .requiredOption('--to <target>', 'postgres://user@host:5432/database (empty)')
    .option('--batch <rows>', 'rows per insert', '1000')
    .action(async (opts: { from: string; to: string; batch: string }) => {
      const file = /^sqlite:(.+)$/.exec(opts.from)?.[1];
      if (!file) throw new UsageError('--from must be sqlite:<file>');
      if (!fs.existsSync(file)) throw new UsageError(`${file} not found`);
      if (!/^postgres(ql)?:\/\//.test(opts.to)) throw new UsageError('--to must be a postgres:// URL');
      const source = openDb({ sqliteFile: file });
      const target = openDb({ databaseUrl: opts.to });
      try {
        const report = await copySqliteToPostgres(source, target, { batchRows: Number(opts.batch) || 1000, onProgress: progressBar(io) });
        io.out(`copied ${report.rows} rows in ${report.tables.length} tables; row counts verified`);
        // The source installation's secret keys its audit chain: its data directory's, or YOUZHI_SECRET.
        const secretFile = path.join(path.dirname(path.resolve(file)), 'secret.key');
        const secret = process.env.YOUZHI_SECRET ?? (fs.existsSync(secretFile) ? fs.readFileSync(secretFile, 'utf8').trim() : null);
        if (!secret) io.err(`no secret.key beside ${file} and no YOUZHI_SECRET: the audit chain was not verified`);
        else exitCode = await reportAuditChain({ db: target, clock: systemClock, config: { ...loadConfig(), databaseUrl: opts.to, secret } }, io);
      } finally {
        await source.close();
        await target.close();
      }
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    exitCode = reportError(e, io);
  } finally {
    const open = ctx as AppContext | null;
    if (open && argv[0] !== 'serve' && argv.length > 0) await open.db.close();
  }
  return exitCode;
}

class UsageError extends Error {}

/** Verifies the audit chain (and, given them, that it reproduces the checkpoints) and prints the verdict: `audit verify`, `restore`, `migrate-data`. */
async function reportAuditChain(ctx: AppContext, io: CliIo, checkpoints?: ReturnType<typeof readCheckpoints>): Promise<number> {
  const report = await verifyAuditChain(ctx, { checkpoints });
  const against = checkpoints ? `, ${report.checkpoints} of ${checkpoints.length} checkpoints reproduced` : '';
  if (report.ok) {
    io.out(`audit chain ok: ${report.checked} entries${against}`);
    return 0;
  }
  io.err(`audit chain BROKEN at entry ${report.firstBroken!.seq} (${report.firstBroken!.reason}); ${report.checked} entries before it are intact${against}`);
  return 1;
}

/** One line per table, redrawn in place on a terminal. */
function progressBar(io: CliIo) {
  const tty = process.stderr.isTTY;
  return (p: CopyProgress) => {
    const width = 24;
    const filled = p.total ? Math.round((p.copied / p.total) * width) : width;
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.index}/${p.tables} ${p.table} ${p.copied}/${p.total}`;
    if (tty) process.stderr.write(`\r${line}${p.copied === p.total ? '\n' : ''}`);
    else if (p.copied === p.total) io.err(line);
  };
}

async function onlyOrganisation(ctx: AppContext) {
  const all = await listOrganisations(ctx);
  if (all.length === 1) return all[0];
  throw new UsageError(all.length ? `several organisations exist: pass --org (${all.map((o) => o.code).join(', ')})` : 'no organisation yet: youzhi org create …');
}

function parseOrThrow<S extends z.ZodType>(schema: S, opts: unknown): z.infer<S> {
  const parsed = schema.safeParse(opts);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

export function printLogins(io: CliIo, users: { org: string; username: string; role: string }[], password: string) {
  const admins = users.filter((u) => u.role === 'admin');
  io.out('Demo logins (演示账号):');
  for (const u of admins) io.out(`  ${u.org}: ${u.username} / ${password}`);
  io.out(`  other roles: ${users.filter((u) => u.role !== 'admin').map((u) => u.username).join(', ')} (same password)`);
}

function reportError(e: unknown, io: CliIo): number {
  if (e instanceof CommanderError) return e.exitCode;
  if (e instanceof UsageError) {
    io.err(`error: ${e.message}`);
    return 2;
  }
  if (isAppError(e)) {
    io.err(`error [${e.code}]: ${e.messages.zh} / ${e.messages.en}`);
    const details = e.details as { errors?: { row: number; field: string | null; message: { zh: string; en: string } }[] } | undefined;
    if (details?.errors) for (const r of details.errors) io.err(`  row ${r.row}${r.field ? ` [${r.field}]` : ''}: ${r.message.zh} / ${r.message.en}`);
    else if (details) io.err(`  ${JSON.stringify(details)}`);
    return 1;
  }
  if (e instanceof BackupError || e instanceof TargetNotEmptyError) {
    io.err(`error: ${e.message}`);
    return 1;
  }
  const err = e as { code?: string; message?: string; year?: number };
  if (err?.code) {
    io.err(`error [${err.code}]: ${err.message}`);
    return 1;
  }
  throw e;
}
