import http from 'node:http';
import net from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { deliverPendingWebhooks, webhookRetryDelayMs } from '../../src/modules/webhooks/service.js';
import { openContext } from '../../src/bootstrap.js';

/**
 * Outgoing webhooks (issue 19 item 7) against a real receiver on 127.0.0.1 (allowed through the
 * allow-list, as YOUZHI_WEBHOOK_ALLOW would). The job is driven directly with the test clock:
 * no waiting for real backoff.
 */
const clock = fakeClock(Date.parse('2026-11-20T10:00:00+08:00'));
let t: TestApp;
let admin: Session;
let receiver: Receiver;
const unitIds: Record<string, string> = {};

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  answered: number;
}

interface Receiver {
  url: string;
  received: Received[];
  /** Status codes to answer, in order; when used up, `then`. */
  script: number[];
  then: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const r = { received: [] as Received[], script: [] as number[], then: 200 } as Receiver;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answered = r.script.length ? r.script.shift()! : r.then;
      r.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      res.statusCode = answered;
      res.end(answered >= 400 ? 'receiver says no' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/hooks/youzhi`;
  r.close = () => new Promise((resolve) => server.close(() => resolve()));
  return r;
}

/** Verifies the way the README tells a receiver to: HMAC-SHA256 of "<timestamp>.<raw body>" keyed with the secret. */
function signatureValid(secret: string, got: Received): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(`${got.headers['x-youzhi-timestamp']}.${got.body}`).digest('hex')}`;
  return expected === got.headers['x-youzhi-signature'];
}

/** Standard Webhooks: base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" keyed with the bytes after whsec_. */
function standardSignatureValid(secret: string, got: Received): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const mac = createHmac('sha256', key).update(`${got.headers['webhook-id']}.${got.headers['webhook-timestamp']}.${got.body}`).digest('base64');
  return String(got.headers['webhook-signature']).split(' ').includes(`v1,${mac}`);
}

const deliveriesOf = async (subscriptionId: string) => t.ctx.db.kysely.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId).orderBy('created_at').orderBy('id').execute();

async function subscribe(events: string[], url = receiver.url) {
  const res = await admin.post('/api/v1/webhooks', { url, events, description: '测试接收端' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; secret: string; version: number; secretHint: string };
}

async function pause(id: string) {
  const current = (await admin.get(`/api/v1/webhooks/${id}`)).json();
  expect((await admin.patch(`/api/v1/webhooks/${id}`, { version: current.version, active: false })).statusCode).toBe(200);
}

async function complaint(content = '窗口排队太久，无人引导') {
  const res = await admin.post('/api/v1/complaints', { channel: 'window', content, category: 'efficiency', unitId: unitIds['S-TAX'] ?? Object.values(unitIds)[0] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; trackingNo: string; version: number };
}

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365, demoOrgs: ['demo-hall'] });
  t.ctx.config.webhookAllowList = ['127.0.0.1'];
  admin = await t.login('hall-admin');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) unitIds[u.code] = u.id;
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});
beforeEach(() => {
  t.ctx.config.webhookAllowList = ['127.0.0.1'];
  t.ctx.config.webhookMaxAttempts = 8;
  receiver.script = [];
  receiver.then = 200;
});

describe('webhook subscriptions', () => {
  it('refuse URLs that are not http(s), carry credentials, or point inwards unless allowed', async () => {
    t.ctx.config.webhookAllowList = [];
    for (const url of ['ftp://example.com/x', 'http://user:pw@example.com/x', 'not a url', 'javascript:alert(1)']) {
      const res = await admin.post('/api/v1/webhooks', { url, events: ['case.created'] });
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 400, 'webhook_url_invalid']);
    }
    for (const url of [receiver.url, 'http://localhost:8080/x', 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.5/x', 'http://[::1]:80/x', 'http://192.168.1.1/', 'http://[::ffff:127.0.0.1]/', 'http://intranet/x']) {
      const res = await admin.post('/api/v1/webhooks', { url, events: ['case.created'] });
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 400, 'webhook_target_not_allowed']);
    }
    expect((await admin.post('/api/v1/webhooks', { url: 'https://hooks.example.com/youzhi', events: ['no.such.event'] })).statusCode).toBe(400);
    expect((await admin.get('/api/v1/webhooks')).json().items).toEqual([]);
  });

  it('show the secret once, keep it sealed in the database, and refuse a stale version', async () => {
    const created = await subscribe(['case.created']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const listed = (await admin.get('/api/v1/webhooks')).json();
    expect(listed.events.map((e: { code: string }) => e.code)).toEqual(['case.created', 'case.status_changed', 'case.replied', 'case.closed', 'rating.received', 'rating.negative', 'rectification.overdue', 'inspection.scored', 'sanction.final']);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(JSON.stringify((await admin.get(`/api/v1/webhooks/${created.id}`)).json())).not.toContain(created.secret);
    const stored = await t.ctx.db.kysely.selectFrom('webhook_subscriptions').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.secret_sealed).not.toContain(created.secret.slice(6, 20));
    const audit = await t.ctx.db.kysely.selectFrom('audit_log').select(['after_json']).where('entity', '=', 'webhook').where('entity_id', '=', created.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].after_json).not.toContain(created.secret.slice(6, 20));
    const changed = await admin.patch(`/api/v1/webhooks/${created.id}`, { version: created.version, description: '改名' });
    expect(changed.statusCode, changed.body).toBe(200);
    const stale = await admin.patch(`/api/v1/webhooks/${created.id}`, { version: created.version, description: '再改' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);
    expect((await admin.delete(`/api/v1/webhooks/${created.id}?version=${created.version}`)).statusCode).toBe(409);
    expect((await admin.delete(`/api/v1/webhooks/${created.id}?version=${changed.json().version}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/webhooks/${created.id}`)).statusCode).toBe(404);
  });
});

describe('webhook delivery', () => {
  it('a receiver that fails twice gets the event once it recovers, signed, exactly once; retries back off', async () => {
    const sub = await subscribe(['case.created']);
    const c = await complaint();
    const [queued] = await deliveriesOf(sub.id);
    expect(queued).toMatchObject({ event_type: 'case.created', status: 'pending', attempts: 0 });
    receiver.received = [];
    receiver.script = [500, 500];

    const start = clock.now();
    expect(await deliverPendingWebhooks(t.ctx, { node: 'a' })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    let row = (await deliveriesOf(sub.id))[0];
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 500 });
    expect(row.last_error).toContain('HTTP 500');
    // First retry after 30 s ± 20 %; nothing is sent before then.
    expect(Number(row.next_attempt_at) - start).toBeGreaterThanOrEqual(24_000);
    expect(Number(row.next_attempt_at) - start).toBeLessThanOrEqual(36_000);
    expect(await deliverPendingWebhooks(t.ctx, { node: 'a' })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);

    clock.set(Number(row.next_attempt_at));
    expect((await deliverPendingWebhooks(t.ctx, { node: 'b' })).retrying).toBe(1);
    const second = (await deliveriesOf(sub.id))[0];
    expect(second).toMatchObject({ status: 'pending', attempts: 2, last_status_code: 500 });
    // The second wait doubles: 60 s ± 20 %.
    expect(Number(second.next_attempt_at) - clock.now()).toBeGreaterThanOrEqual(48_000);
    expect(Number(second.next_attempt_at) - clock.now()).toBeLessThanOrEqual(72_000);

    clock.set(Number(second.next_attempt_at));
    expect(await deliverPendingWebhooks(t.ctx, { node: 'a' })).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    row = (await deliveriesOf(sub.id))[0];
    expect(row).toMatchObject({ status: 'delivered', attempts: 3, last_status_code: 200, last_error: null });

    // Nothing more is ever sent for it.
    clock.advance(24 * 3_600_000);
    expect(await deliverPendingWebhooks(t.ctx, { node: 'b' })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(receiver.received.map((r) => r.answered)).toEqual([500, 500, 200]);
    const accepted = receiver.received.filter((r) => r.answered === 200);
    expect(accepted).toHaveLength(1);
    const got = accepted[0];
    // The same delivery id on every attempt (the receiver's de-duplication key), a fresh timestamp and signature each time.
    expect(new Set(receiver.received.map((r) => r.headers['x-youzhi-delivery']))).toEqual(new Set([row.id]));
    expect(got.headers['x-youzhi-event']).toBe('case.created');
    expect(got.headers['content-type']).toBe('application/json');
    expect(signatureValid(sub.secret, got)).toBe(true);
    expect(standardSignatureValid(sub.secret, got)).toBe(true);
    expect(signatureValid(sub.secret, { ...got, body: got.body.replace('case.created', 'case.closed') })).toBe(false);
    expect(signatureValid(`${sub.secret}x`, got)).toBe(false);
    const payload = JSON.parse(got.body);
    expect(payload).toMatchObject({ id: row.event_id, type: 'case.created', data: { caseId: c.id, caseType: 'complaint', trackingNo: c.trackingNo, status: 'registered' } });
    // No personal data in the payload: not the complainant's words.
    expect(got.body).not.toContain('窗口排队太久');

    const log = (await admin.get(`/api/v1/webhooks/${sub.id}/deliveries`)).json();
    expect(log.items[0]).toMatchObject({ id: row.id, status: 'delivered', attempts: 3, lastStatusCode: 200, eventType: 'case.created' });
    await pause(sub.id);
  });

  it('two delivery workers running at once send each event exactly once', async () => {
    const sub = await subscribe(['case.created']);
    for (let i = 0; i < 12; i++) await complaint(`并发投递测试 ${i}`);
    receiver.received = [];
    const reports = await Promise.all([deliverPendingWebhooks(t.ctx, { node: 'node-1', concurrency: 3 }), deliverPendingWebhooks(t.ctx, { node: 'node-2', concurrency: 3 })]);
    expect(reports[0].delivered + reports[1].delivered).toBe(12);
    const ids = receiver.received.map((r) => r.headers['x-youzhi-delivery']);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect((await deliveriesOf(sub.id)).every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    await pause(sub.id);
  });

  it('two app nodes on one database (each its own connection pool) deliver each event exactly once', async () => {
    const other = await openContext({ config: t.ctx.config, clock, migrate: false });
    try {
      const sub = await subscribe(['case.created']);
      for (let i = 0; i < 10; i++) await complaint(`两节点投递测试 ${i}`);
      receiver.received = [];
      receiver.script = [500, 500, 500];
      const first = await Promise.all([deliverPendingWebhooks(t.ctx, { node: 'node-a' }), deliverPendingWebhooks(other, { node: 'node-b' })]);
      expect(first.reduce((n, r) => n + r.delivered + r.retrying, 0)).toBe(10);
      clock.advance(3_600_000);
      const second = await Promise.all([deliverPendingWebhooks(t.ctx, { node: 'node-a' }), deliverPendingWebhooks(other, { node: 'node-b' })]);
      expect(second.reduce((n, r) => n + r.delivered, 0)).toBe(3);
      const accepted = receiver.received.filter((r) => r.answered === 200).map((r) => r.headers['x-youzhi-delivery']);
      expect(accepted).toHaveLength(10);
      expect(new Set(accepted).size).toBe(10);
      expect(receiver.received).toHaveLength(13);
      expect((await deliveriesOf(sub.id)).every((d) => d.status === 'delivered')).toBe(true);
      await pause(sub.id);
    } finally {
      await other.db.close();
    }
  });

  it('case events follow the workflow: status changed, replied, closed; only what a subscription asked for', async () => {
    const sub = await subscribe(['case.status_changed', 'case.replied', 'case.closed']);
    const me = (await admin.get('/api/v1/auth/me')).json();
    const c = await complaint('状态事件测试');
    let version = c.version;
    const act = async (action: string, body: Record<string, unknown>) => {
      const res = await admin.post(`/api/v1/complaints/${c.id}/${action}`, { version, ...body });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    };
    await act('assign', { assigneeId: me.id ?? me.userId });
    await act('verify', { verdict: 'unsubstantiated', findings: '经核实，未见问题。' });
    await act('reply', { channel: 'phone', content: '已电话答复。' });
    await act('close', {});
    const types = (await deliveriesOf(sub.id)).map((d) => d.event_type);
    expect(types.filter((x) => x === 'case.created')).toEqual([]);
    expect(types.filter((x) => x === 'case.replied')).toHaveLength(1);
    expect(types.filter((x) => x === 'case.closed')).toHaveLength(1);
    expect(types.filter((x) => x === 'case.status_changed').length).toBeGreaterThanOrEqual(3);
    receiver.received = [];
    await deliverPendingWebhooks(t.ctx, { node: 'a' });
    const closed = receiver.received.find((r) => r.headers['x-youzhi-event'] === 'case.closed')!;
    expect(JSON.parse(closed.body).data).toMatchObject({ caseId: c.id, action: 'close', toStatus: 'closed' });
    await pause(sub.id);
  });

  it('a failed change queues nothing: the event is written in the transaction of the change', async () => {
    const sub = await subscribe(['case.status_changed']);
    const c = await complaint('事务测试');
    const bad = await admin.post(`/api/v1/complaints/${c.id}/assign`, { version: c.version + 5, assigneeId: (await admin.get('/api/v1/auth/me')).json().id });
    expect(bad.statusCode).toBe(409);
    expect(await deliveriesOf(sub.id)).toEqual([]);
    await pause(sub.id);
  });

  it('gives up after the configured attempts; resend makes a new delivery attempted at once; the test button pings', async () => {
    t.ctx.config.webhookMaxAttempts = 2;
    const sub = await subscribe(['case.created']);
    await complaint('重发测试');
    receiver.received = [];
    receiver.then = 503;
    expect((await deliverPendingWebhooks(t.ctx, { node: 'a' })).retrying).toBe(1);
    clock.advance(3_600_000);
    expect((await deliverPendingWebhooks(t.ctx, { node: 'a' })).failed).toBe(1);
    const [failed] = await deliveriesOf(sub.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, last_status_code: 503, next_attempt_at: null });
    clock.advance(24 * 3_600_000);
    expect(await deliverPendingWebhooks(t.ctx, { node: 'a' })).toEqual({ delivered: 0, retrying: 0, failed: 0 });

    receiver.then = 200;
    const resent = await admin.post(`/api/v1/webhook-deliveries/${failed.id}/resend`);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200, resendOf: failed.id, eventId: failed.event_id });
    expect(resent.json().id).not.toBe(failed.id);
    const last = receiver.received.at(-1)!;
    expect(last.headers['x-youzhi-delivery']).toBe(resent.json().id);
    expect(JSON.parse(last.body).id).toBe(failed.event_id);
    expect(signatureValid(sub.secret, last)).toBe(true);
    // The original stays in the log as it was.
    expect((await deliveriesOf(sub.id)).find((d) => d.id === failed.id)).toMatchObject({ status: 'failed', attempts: 2 });
    const audit = await t.ctx.db.kysely.selectFrom('audit_log').select(['action']).where('entity', '=', 'webhook_delivery').where('entity_id', '=', resent.json().id).execute();
    expect(audit.map((a) => a.action)).toEqual(['resend']);

    const ping = await admin.post(`/api/v1/webhooks/${sub.id}/test`);
    expect(ping.statusCode, ping.body).toBe(200);
    expect(ping.json()).toMatchObject({ eventType: 'ping', status: 'delivered', lastStatusCode: 200 });
    expect(receiver.received.at(-1)!.headers['x-youzhi-event']).toBe('ping');
    await pause(sub.id);
  });

  it('410 Gone switches the subscription off', async () => {
    const sub = await subscribe(['case.created']);
    receiver.then = 410;
    const ping = (await admin.post(`/api/v1/webhooks/${sub.id}/test`)).json();
    expect(ping).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410 });
    expect((await admin.get(`/api/v1/webhooks/${sub.id}`)).json()).toMatchObject({ active: false, disabledReason: 'gone' });
    await complaint('停用后不再排队');
    expect((await deliveriesOf(sub.id)).map((d) => d.event_type)).toEqual(['ping']);
  });

  it('refuses to connect where the allow-list no longer permits, at delivery time', async () => {
    const sub = await subscribe(['case.created']);
    await complaint('内网地址测试');
    receiver.received = [];
    t.ctx.config.webhookAllowList = [];
    expect(await deliverPendingWebhooks(t.ctx, { node: 'a' })).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    const [row] = await deliveriesOf(sub.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, last_status_code: null });
    expect(row.last_error).toContain('127.0.0.1');
    expect(receiver.received).toEqual([]);
    await pause(sub.id);
  });

  it('backoff: 30 s doubling per attempt, ±20 % jitter, capped at 12 hours', () => {
    expect(webhookRetryDelayMs(1, () => 0.5)).toBe(30_000);
    expect(webhookRetryDelayMs(2, () => 0.5)).toBe(60_000);
    expect(webhookRetryDelayMs(5, () => 0.5)).toBe(480_000);
    expect(webhookRetryDelayMs(1, () => 0)).toBe(24_000);
    expect(webhookRetryDelayMs(1, () => 0.999999)).toBeLessThanOrEqual(36_000);
    expect(webhookRetryDelayMs(30, () => 0.5)).toBe(12 * 3_600_000);
  });
});
