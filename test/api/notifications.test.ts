import net from 'node:net';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, fakeClock, type TestContext } from '../support/context.js';
import { seedDemo } from '../../src/demo/seed.js';
import { deliverPendingNotifications, notifyAddress, retryDelaysMs } from '../../src/modules/notifications/service.js';
import { loggingAdapter, maskAddress, type ChannelAdapter, type OutgoingMessage } from '../../src/modules/notifications/adapters.js';
import { smtpAdapter, webhookAdapter } from '../../src/modules/notifications/channels.js';
import { findOrganisationByCode } from '../../src/modules/organisations/service.js';

const clock = fakeClock(Date.parse('2026-10-09T09:00:00+08:00'));
let tc: TestContext;
let orgId: string;

beforeAll(async () => {
  tc = await createTestContext({ clock });
  await seedDemo(tc.ctx, { password: 'notify-test-pw' });
  orgId = (await findOrganisationByCode(tc.ctx, 'demo-hall'))!.id;
});
afterAll(async () => tc?.cleanup());

async function queue(address: string, channel: 'sms' | 'email' = 'sms') {
  await tc.ctx.db.kysely.transaction().execute((trx) => notifyAddress(tc.ctx, trx, { orgId, channel, address, subject: '投诉答复', body: '您的投诉已答复。' }));
}

const status = async (address: string) =>
  tc.ctx.db.kysely.selectFrom('notifications').select(['status', 'attempts', 'last_error', 'next_attempt_at']).where('address', '=', address).executeTakeFirstOrThrow();

describe('notification outbox', () => {
  it('retries a failing channel on the schedule, then marks the message failed', async () => {
    await queue('13800000009');
    const failing: ChannelAdapter = { send: async () => Promise.reject(new Error('gateway down')) };
    for (let attempt = 0; attempt <= retryDelaysMs.length; attempt++) {
      const r = await deliverPendingNotifications(tc.ctx, { sms: failing });
      expect(r.failed).toBe(1);
      const s = await status('13800000009');
      expect(s.attempts).toBe(attempt + 1);
      expect(s.last_error).toBe('gateway down');
      if (attempt < retryDelaysMs.length) {
        expect(s.status).toBe('pending');
        // Not retried before its time.
        expect((await deliverPendingNotifications(tc.ctx, { sms: failing })).failed).toBe(0);
        clock.advance(retryDelaysMs[attempt]);
      } else expect(s.status).toBe('failed');
    }
  });

  it('a channel without a gateway is only logged, and marked logged, not sent', async () => {
    await queue('13800000077');
    const lines: Record<string, unknown>[] = [];
    const r = await deliverPendingNotifications(tc.ctx, { sms: loggingAdapter((l) => lines.push(l)) });
    expect(r).toEqual({ sent: 0, logged: 1, failed: 0 });
    expect((await status('13800000077')).status).toBe('logged');
    expect(lines).toEqual([expect.objectContaining({ channel: 'sms', address: '138****0077' })]);
    // Unconfigured channels fall back to the logging adapter too.
    await queue('13800000078');
    expect((await deliverPendingNotifications(tc.ctx)).logged).toBe(1);
    expect((await status('13800000078')).status).toBe('logged');
  });

  it('two deliverers running at once send each message once', async () => {
    for (let i = 0; i < 20; i++) await queue(`1390000${String(i).padStart(4, '0')}`);
    const sent: OutgoingMessage[] = [];
    const slow: ChannelAdapter = { send: async (m) => void (await new Promise((r) => setTimeout(r, 2)), sent.push(m)) };
    const [a, b] = await Promise.all([deliverPendingNotifications(tc.ctx, { sms: slow }), deliverPendingNotifications(tc.ctx, { sms: slow })]);
    expect(a.sent + b.sent).toBe(20);
    expect(new Set(sent.map((m) => m.address)).size).toBe(20);
    expect(sent).toHaveLength(20);
  });

  it('sends email through SMTP', async () => {
    const received: string[] = [];
    const server = net.createServer((socket) => {
      let data = false;
      let buffer = '';
      socket.write('220 test ESMTP\r\n');
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        let i: number;
        while ((i = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          if (data) {
            if (line === '.') {
              data = false;
              socket.write('250 queued\r\n');
            } else received.push(line);
          } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 test\r\n');
          else if (/^DATA/i.test(line)) {
            data = true;
            socket.write('354 go\r\n');
          } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
          else socket.write('250 ok\r\n');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      await queue('zhang@example.cn', 'email');
      const r = await deliverPendingNotifications(tc.ctx, { email: smtpAdapter(`smtp://127.0.0.1:${port}?ignoreTLS=true`, 'quality@example.cn') });
      expect(r.sent).toBe(1);
      const message = received.join('\n');
      expect(message).toContain('To: zhang@example.cn');
      expect(message).toContain('From: quality@example.cn');
      expect((await status('zhang@example.cn')).status).toBe('sent');
    } finally {
      server.close();
    }
  });

  it('posts SMS to a webhook gateway as JSON', async () => {
    const bodies: unknown[] = [];
    const server = http.createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        bodies.push(JSON.parse(b));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      await webhookAdapter(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}/sms`).send({ id: 'n-1', channel: 'sms', address: '13800000001', subject: 's', body: '您好' });
      // The outbox id travels with the message: the gateway's key for dropping a second delivery.
      expect(bodies).toEqual([{ id: 'n-1', channel: 'sms', address: '13800000001', subject: 's', body: '您好' }]);
    } finally {
      server.close();
    }
  });

  it('masks phone numbers and emails in logs', () => {
    expect(maskAddress('13812345678')).toBe('138****5678');
    expect(maskAddress('zhang@example.cn')).toBe('z***@example.cn');
  });
});
