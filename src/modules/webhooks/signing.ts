import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Webhook secrets and signatures.
 *
 * A subscription's secret (`whsec_` + 32 random bytes in base64, the Standard Webhooks form) is
 * shown once, when it is made; the database keeps it sealed with AES-256-GCM under a key derived
 * from the installation secret (YOUZHI_SECRET or data/secret.key, never in the database), so a
 * dump of the database alone does not reveal it — and the server can still sign with it.
 *
 * Each request carries two signatures of the same bytes:
 * - `X-Youzhi-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`, the secret
 *   string as the key (a few lines of Node verify it, README "Webhooks");
 * - Standard Webhooks' `webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`,
 *   the key being the base64 after `whsec_`, so the `standardwebhooks` libraries verify it as is.
 */

const SEAL_VERSION = 'v1';

function sealKey(installationSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', installationSecret, '', 'youzhi-webhook-secret-v1', 32));
}

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function sealSecret(installationSecret: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(installationSecret), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [SEAL_VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

export function unsealSecret(installationSecret: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== SEAL_VERSION || !iv || !tag || data === undefined) throw new Error('webhook secret: unknown seal');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(installationSecret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** `sha256=<hex>` over `<timestamp>.<body>` with the secret string as the key. */
export function youzhiSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Standard Webhooks' `v1,<base64>` over `<id>.<timestamp>.<body>`. */
export function standardSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The headers of one delivery attempt. */
export function signedHeaders(options: { secret: string; deliveryId: string; eventType: string; timestampSeconds: number; body: string }): Record<string, string> {
  const ts = String(options.timestampSeconds);
  return {
    'content-type': 'application/json',
    'user-agent': 'Youzhi-Webhooks/1',
    'x-youzhi-event': options.eventType,
    'x-youzhi-delivery': options.deliveryId,
    'x-youzhi-timestamp': ts,
    'x-youzhi-signature': youzhiSignature(options.secret, ts, options.body),
    'webhook-id': options.deliveryId,
    'webhook-timestamp': ts,
    'webhook-signature': standardSignature(options.secret, options.deliveryId, ts, options.body),
  };
}
