/**
 * npm run bench -- failover (issue 20 §2): nginx in front of two `youzhi serve` nodes on one
 * PostgreSQL; a bounded load of ratings (with Idempotency-Key, retried by the client like a real
 * kiosk) and complaints (not retried) for BENCH_SECONDS (30); node B is killed with SIGKILL at a
 * third of the run and started again at two thirds. Beforehand a batch of complaints is filed
 * three weeks back, so both nodes' sweeps fire their escalation levels during the run, and their
 * SMS go through a local gateway that counts what it receives.
 * Proves: every request answered 2xx is stored (lost), none twice (duplicated), the error rate
 * outside the failover second, each level fired once (firings = firings named by the escalate audit entries), the
 * outbox delivered once (received = sent). Needs nginx (Debian: nginx-light) and PostgreSQL.
 * Last line: name=value pairs.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/connect.js';
import { openContext } from '../src/bootstrap.js';
import { seedDemo } from '../src/demo/seed.js';
import { submitPublicComplaint } from '../src/modules/complaints/service.js';
import { notifyAddress } from '../src/modules/notifications/service.js';
import { encodeStandingCode } from '../src/modules/ratings/codes.js';
import { findOrganisationByCode } from '../src/modules/organisations/service.js';
import { findUnitByCode } from '../src/modules/units/service.js';
import { createPostgresDatabase } from './support.js';
import { repositoryRoot, startServer, type StartedProcess } from '../test/support/process.js';

export interface FailoverOptions {
  seconds: number;
  connections: number;
  /** Complaints filed three weeks back, whose deadlines the sweeps escalate during the run. */
  overdueComplaints: number;
  /** SMS queued to fall due during the run. */
  outboxMessages: number;
  log?: (line: string) => void;
}

export interface FailoverResult {
  requests: number;
  ok: number;
  lost: number;
  duplicated: number;
  failoverErrors: number;
  errorsOutside: number;
  errorRateOutside: number;
  levelsFired: number;
  escalateAudits: number;
  outboxSent: number;
  outboxReceived: number;
  /** Distinct outbox ids the gateway got: fewer than received means a message arrived twice (and a gateway keyed on the id dropped it). */
  outboxDistinct: number;
}

const secret = 'bench-failover-secret';
const password = 'bench-failover-pw';

export async function runFailover(options: FailoverOptions): Promise<FailoverResult> {
  const log = options.log ?? (() => {});
  if (!fs.existsSync(path.join(repositoryRoot, 'dist', 'cli', 'run.js'))) execFileSync(process.execPath, [path.join(repositoryRoot, 'scripts/build.mjs')], { stdio: 'inherit' });
  const nginx = nginxBinary();
  const database = await createPostgresDatabase('yz_failover');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-failover-'));
  const stops: (() => Promise<unknown>)[] = [];
  try {
    // --- the organisation, and complaints whose deadlines are long past -------------------------
    const past = Date.now() - 21 * 86_400_000;
    const config = { ...loadConfig({ DATABASE_URL: database.url, YOUZHI_DATA_DIR: path.join(work, 'seed') }), secret };
    const seedCtx = await openContext({ config, clock: { now: () => past } });
    await seedDemo(seedCtx, { password, organisations: ['demo-hall'] });
    for (let i = 0; i < options.overdueComplaints; i++) {
      await submitPublicComplaint(seedCtx, { orgCode: 'demo-hall', content: `三周前的投诉 ${i}：窗口办理时间过长，请核实。`, contactPhone: '13800000000', replyChannel: 'sms' } as never);
    }
    const org = (await findOrganisationByCode(seedCtx, 'demo-hall'))!;
    // SMS in the outbox, falling due one after another while the nodes run (they start in ~20 s).
    const firstDue = Date.now() + 20_000;
    for (let i = 0; i < options.outboxMessages; i++) {
      const due = firstDue + Math.floor((i * options.seconds * 1000) / options.outboxMessages);
      await seedCtx.db.kysely.transaction().execute((trx) =>
        notifyAddress({ ...seedCtx, clock: { now: () => due } }, trx, { orgId: org.id, channel: 'sms', address: '13800000000', subject: '办理进度', body: `您的事项 ${i} 已受理。` }),
      );
    }
    const unit = (await findUnitByCode(seedCtx, org.id, 'G-A-01'))!;
    const code = encodeStandingCode(secret, { orgId: org.id, unitId: unit.id, staffId: null });
    await seedCtx.db.close();

    // --- an SMS gateway that counts, two nodes, nginx -------------------------------------------
    let received = 0;
    const receivedIds = new Set<string>();
    const gateway = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received += 1;
        receivedIds.add((JSON.parse(body) as { id: string }).id);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    stops.push(() => new Promise((r) => gateway.close(r)));
    const gatewayUrl = `http://127.0.0.1:${(gateway.address() as { port: number }).port}/sms`;
    const ports = await freePorts(3);
    const nodeEnv = (name: string) => ({
      DATABASE_URL: database.url,
      YOUZHI_SECRET: secret,
      YOUZHI_DATA_DIR: path.join(work, name),
      YOUZHI_NO_DEMO: '1',
      YOUZHI_TRUST_PROXY: '1',
      YOUZHI_RATE_LIMIT_ALLOW: '127.0.0.1',
      YOUZHI_SWEEP_SECONDS: '5',
      YOUZHI_SWEEP_BATCH: '20',
      YOUZHI_SMS_WEBHOOK: gatewayUrl,
      // A message held by the killed node is sent again after this (600 s in production).
      YOUZHI_OUTBOX_LEASE_SECONDS: '20',
      YOUZHI_ALLOWED_HOSTS: '127.0.0.1,localhost',
    });
    const nodes: Record<'a' | 'b', StartedProcess> = {
      a: await startServer(nodeEnv('a'), ports[1]),
      b: await startServer(nodeEnv('b'), ports[2]),
    };
    stops.push(async () => Promise.all([nodes.a.stop(), nodes.b.stop()]));
    const proxy = startNginx(nginx, work, ports[0], [ports[1], ports[2]]);
    stops.push(async () => {
      proxy.kill('SIGQUIT');
      await new Promise((r) => proxy.once('exit', r));
    });
    const base = `http://127.0.0.1:${ports[0]}`;
    await waitFor(async () => (await fetch(`${base}/readyz`).catch(() => null))?.ok === true, 30_000);
    log(`nginx on ${ports[0]} → nodes ${ports[1]}, ${ports[2]}; load for ${options.seconds} s`);

    // --- the load --------------------------------------------------------------------------------
    interface Outcome { kind: 'rating' | 'complaint'; key: string; status: number; id: string | null; at: number }
    const outcomes: Outcome[] = [];
    const start = Date.now();
    const end = start + options.seconds * 1000;
    const killAt = start + (options.seconds * 1000) / 3;
    const restartAt = start + (options.seconds * 2000) / 3;
    const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
      try {
        const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
        // A rating answers its id, a complaint its tracking number.
        const json = (await res.json().catch(() => null)) as { id?: string; trackingNo?: string } | null;
        return { status: res.status, id: json?.id ?? json?.trackingNo ?? null };
      } catch {
        return { status: 0, id: null };
      }
    };
    const worker = async (w: number) => {
      for (let n = 0; Date.now() < end; n++) {
        if (n % 10 === 5) {
          const key = randomUUID();
          const r = await post('/api/v1/public/complaints', { orgCode: 'demo-hall', content: `负载投诉 ${key}` });
          outcomes.push({ kind: 'complaint', key, ...r, at: Date.now() });
          continue;
        }
        const key = randomUUID();
        let r = { status: 0, id: null as string | null };
        // A kiosk retries with the same key until it gets an answer (at most 5 times).
        for (let attempt = 0; attempt < 5; attempt++) {
          r = await post('/api/v1/public/ratings', { code, level: ((n + w) % 5) + 1 }, { 'idempotency-key': key });
          if (r.status > 0 && r.status < 500) break;
          await new Promise((res) => setTimeout(res, 100 * (attempt + 1)));
        }
        outcomes.push({ kind: 'rating', key, ...r, at: Date.now() });
      }
    };
    const chaos = (async () => {
      await new Promise((r) => setTimeout(r, killAt - Date.now()));
      nodes.b.child.kill('SIGKILL');
      await nodes.b.exited;
      log(`node B killed at ${((Date.now() - start) / 1000).toFixed(1)} s`);
      await new Promise((r) => setTimeout(r, Math.max(0, restartAt - Date.now())));
      nodes.b = await startServer(nodeEnv('b'), ports[2]);
      log(`node B ready again at ${((Date.now() - start) / 1000).toFixed(1)} s`);
    })();
    await Promise.all([...Array.from({ length: options.connections }, (_, w) => worker(w)), chaos]);

    // --- let the outbox drain, then count ---------------------------------------------------------
    const check = openDbFor(database.url);
    try {
      const pending = async () => (await sql<{ n: string; error: string | null; next: string | null }>`select count(*) as n, max(last_error) as error, max(next_attempt_at) as next from notifications where status = 'pending' and channel = 'sms'`.execute(check.kysely)).rows[0];
      await waitFor(async () => Number((await pending()).n) === 0, 90_000).catch(async (e) => {
        const p = await pending();
        throw new Error(`${p.n} SMS still pending (last error ${p.error}, next attempt in ${(Number(p.next) - Date.now()) / 1000} s): ${(e as Error).message}`);
      });
      const okOutcomes = outcomes.filter((o) => o.status >= 200 && o.status < 300);
      const storedRatings = new Set((await sql<{ id: string }>`select id from ratings`.execute(check.kysely)).rows.map((r) => r.id));
      const storedCases = new Set((await sql<{ id: string }>`select tracking_no as id from cases`.execute(check.kysely)).rows.map((r) => r.id));
      const lost = okOutcomes.filter((o) => !(o.kind === 'rating' ? storedRatings.has(o.id!) : storedCases.has(o.id!))).length;
      const dupRatings = Number((await sql<{ n: string }>`select coalesce(sum(c - 1), 0) as n from (select count(*) as c from ratings where idempotency_key is not null group by idempotency_key) g`.execute(check.kysely)).rows[0].n);
      const dupComplaints = Number((await sql<{ n: string }>`select coalesce(sum(c - 1), 0) as n from (select count(*) as c from cases where content like '负载投诉 %' group by content) g`.execute(check.kysely)).rows[0].n);
      const failed = outcomes.filter((o) => !(o.status >= 200 && o.status < 300));
      const inFailoverSecond = (o: Outcome) => o.at >= killAt && o.at <= killAt + 1000;
      const errorsOutside = failed.filter((o) => !inFailoverSecond(o)).length;
      const levelsFired = Number((await sql<{ n: string }>`select count(*) as n from case_escalations`.execute(check.kysely)).rows[0].n);
      // Firings the audit log names: a lone firing has its own entry, a batch's are listed in escalation_batch entries.
      const escalateAudits = Number(
        (
          await sql<{ n: string }>`select (select count(*) from audit_log where action = 'escalate' and entity <> 'escalation_batch')
            + (select count(*) from audit_log a, jsonb_array_elements(a.after_json::jsonb -> 'firings') f where a.action = 'escalate' and a.entity = 'escalation_batch') as n`.execute(check.kysely)
        ).rows[0].n,
      );
      const outboxSent = Number((await sql<{ n: string }>`select count(*) as n from notifications where status = 'sent' and channel = 'sms'`.execute(check.kysely)).rows[0].n);
      return {
        requests: outcomes.length,
        ok: okOutcomes.length,
        lost,
        duplicated: dupRatings + dupComplaints,
        failoverErrors: failed.length - errorsOutside,
        errorsOutside,
        errorRateOutside: errorsOutside / Math.max(1, outcomes.filter((o) => !inFailoverSecond(o)).length),
        levelsFired,
        escalateAudits,
        outboxSent,
        outboxReceived: received,
        outboxDistinct: receivedIds.size,
      };
    } finally {
      await check.close();
    }
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await database.drop().catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const openDbFor = (url: string) => openDb({ databaseUrl: url, poolSize: 2 });

export function nginxBinary(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(candidate)) return candidate;
  throw new Error('nginx is not installed (Debian: apt install nginx-light)');
}

/** nginx as deploy/nginx/youzhi.conf configures it, in a scratch prefix, listening on `port`. */
function startNginx(binary: string, work: string, port: number, upstreams: number[]): ChildProcess {
  const prefix = path.join(work, 'nginx');
  fs.mkdirSync(path.join(prefix, 'logs'), { recursive: true });
  const site = fs
    .readFileSync(path.join(repositoryRoot, 'deploy/nginx/youzhi.conf'), 'utf8')
    .replace(/server 127\.0\.0\.1:3001[^;]*;\n\s*server 127\.0\.0\.1:3002[^;]*;/, upstreams.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n    '))
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(/server_name [^;]+;/, 'server_name _;');
  const conf = `worker_processes 1;
error_log ${prefix}/logs/error.log warn;
pid ${prefix}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  ${site}
}
`;
  fs.writeFileSync(path.join(prefix, 'nginx.conf'), conf);
  return spawn(binary, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
}

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<http.Server>((r) => { const s = http.createServer(); s.listen(0, '127.0.0.1', () => r(s)); })));
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

export default async function main() {
  const result = await runFailover({
    seconds: Number(process.env.BENCH_SECONDS ?? 30),
    connections: Number(process.env.BENCH_CONNECTIONS ?? 16),
    overdueComplaints: Number(process.env.BENCH_OVERDUE ?? 200),
    outboxMessages: Number(process.env.BENCH_SMS ?? 300),
    log: (l) => console.log(l),
  });
  console.log(`requests ${result.requests}, answered 2xx ${result.ok}; errors in the failover second ${result.failoverErrors}, outside it ${result.errorsOutside}`);
  console.log(`escalation levels fired ${result.levelsFired} (escalate audit entries ${result.escalateAudits}); SMS sent ${result.outboxSent}, received ${result.outboxReceived} (${result.outboxDistinct} distinct ids)`);
  console.log(
    `requests=${result.requests} ok=${result.ok} lost=${result.lost} duplicated=${result.duplicated} failover_errors=${result.failoverErrors} errors_outside=${result.errorsOutside} error_rate_outside=${result.errorRateOutside.toFixed(4)} levels_fired=${result.levelsFired} escalate_audits=${result.escalateAudits} outbox_sent=${result.outboxSent} outbox_received=${result.outboxReceived} outbox_distinct=${result.outboxDistinct}`,
  );
}
