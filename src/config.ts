import path from 'node:path';

/** Runtime configuration, from the environment only (no secrets in the repository). */
export interface AppConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  sessionHours: number;
  /** Secret for signing QR codes and similar; generated into the data dir when not set. */
  secret: string | null;
  logLevel: string;
  demoOnEmpty: boolean;
  /** Fill the demo organisations' last and current month with activity when they are first seeded. */
  demoActivity: boolean;
  trustProxy: boolean;
  /** Seconds between background rounds (deadline sweep, notification outbox). */
  sweepSeconds: number;
  /** Clocks the deadline sweep claims per transaction (YOUZHI_SWEEP_BATCH): small batches spread the work across nodes. */
  sweepBatch: number;
  /** Deadline-sweep transactions one process runs at once on PostgreSQL (YOUZHI_SWEEP_WORKERS), each on its own share of the cases. */
  sweepWorkers: number;
  /** Client addresses exempt from rate limits (YOUZHI_RATE_LIMIT_ALLOW, comma-separated). */
  rateLimitAllowList: string[];
  /**
   * The address patients reach the public pages at (YOUZHI_PUBLIC_URL, e.g. https://pj.example.cn):
   * QR codes and rating links use it, not the intranet address a sheet was printed from. Unset: the request's origin.
   */
  publicUrl: string | null;
  /**
   * Without YOUZHI_PUBLIC_URL, the host names a request may arrive under for its own origin to
   * become the public address (YOUZHI_ALLOWED_HOSTS, comma-separated), besides loopback and the
   * machine's own addresses: a forged Host header must not make QR codes that open elsewhere.
   */
  allowedHosts: string[];
  /** Seconds a node holds an outbox message it is sending (YOUZHI_OUTBOX_LEASE_SECONDS): after a crash, it is sent again once this has passed. */
  outboxLeaseSeconds: number;
  /** Nightly backups (YOUZHI_BACKUP_DIR): unset, none are taken. */
  backupDir: string | null;
  /** Nightly backups kept (YOUZHI_BACKUP_KEEP), oldest removed first. */
  backupKeep: number;
  /** Local hour from which the day's backup is taken (YOUZHI_BACKUP_HOUR, 0–23). */
  backupHour: number;
  /**
   * Webhook targets allowed although private or loopback (YOUZHI_WEBHOOK_ALLOW, comma-separated
   * host names, IP addresses or CIDR ranges such as 10.1.0.0/16): without it a webhook may only
   * reach public addresses, so a subscription cannot probe the intranet (SSRF).
   */
  webhookAllowList: string[];
  /** Attempts of one webhook delivery before it is marked failed (YOUZHI_WEBHOOK_MAX_ATTEMPTS, default 8). */
  webhookMaxAttempts: number;
  /** How long a webhook receiver may take to answer, in ms (YOUZHI_WEBHOOK_TIMEOUT_MS, default 10000). */
  webhookTimeoutMs: number;
}

function publicUrlOf(value: string | undefined): string | null {
  if (!value?.trim()) return null;
  const url = new URL(value.trim()); // an invalid value stops the start, rather than printing broken QR codes
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`YOUZHI_PUBLIC_URL must be an http(s) URL, not ${value}`);
  return url.toString().replace(/\/+$/, '');
}

/** A host name as compared with a request's (lower case, without a port or IPv6 brackets). */
export function hostNameOf(host: string): string {
  const h = host.trim().toLowerCase();
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(h);
  if (bracketed) return bracketed[1];
  return (h.match(/:/g) ?? []).length === 1 ? h.slice(0, h.indexOf(':')) : h;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.YOUZHI_DATA_DIR ?? 'data');
  const databaseUrl = env.DATABASE_URL && /^postgres(ql)?:\/\//.test(env.DATABASE_URL) ? env.DATABASE_URL : null;
  return {
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    dataDir,
    databaseUrl,
    sessionHours: Number(env.YOUZHI_SESSION_HOURS ?? 12),
    secret: env.YOUZHI_SECRET ?? null,
    logLevel: env.LOG_LEVEL ?? 'info',
    demoOnEmpty: env.YOUZHI_NO_DEMO !== '1',
    demoActivity: env.YOUZHI_DEMO_ACTIVITY !== '0',
    trustProxy: env.YOUZHI_TRUST_PROXY === '1',
    sweepSeconds: Math.max(5, Number(env.YOUZHI_SWEEP_SECONDS ?? 60)),
    sweepBatch: Math.max(1, Math.floor(Number(env.YOUZHI_SWEEP_BATCH ?? 1000)) || 1000),
    sweepWorkers: Math.min(16, Math.max(1, Math.floor(Number(env.YOUZHI_SWEEP_WORKERS ?? 2)) || 2)),
    rateLimitAllowList: (env.YOUZHI_RATE_LIMIT_ALLOW ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    publicUrl: publicUrlOf(env.YOUZHI_PUBLIC_URL),
    allowedHosts: (env.YOUZHI_ALLOWED_HOSTS ?? '').split(',').map(hostNameOf).filter(Boolean),
    outboxLeaseSeconds: Math.max(15, Number(env.YOUZHI_OUTBOX_LEASE_SECONDS ?? 600) || 600),
    backupDir: env.YOUZHI_BACKUP_DIR?.trim() ? path.resolve(env.YOUZHI_BACKUP_DIR.trim()) : null,
    backupKeep: Math.max(1, Math.floor(Number(env.YOUZHI_BACKUP_KEEP ?? 7)) || 7),
    backupHour: Math.min(23, Math.max(0, Math.floor(Number(env.YOUZHI_BACKUP_HOUR ?? 2)) || 0)),
    webhookAllowList: (env.YOUZHI_WEBHOOK_ALLOW ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    webhookMaxAttempts: Math.min(20, Math.max(1, Math.floor(Number(env.YOUZHI_WEBHOOK_MAX_ATTEMPTS ?? 8)) || 8)),
    webhookTimeoutMs: Math.min(60_000, Math.max(1000, Math.floor(Number(env.YOUZHI_WEBHOOK_TIMEOUT_MS ?? 10_000)) || 10_000)),
  };
}
