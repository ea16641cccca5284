import type { AppContext } from '../../shared/context.js';
import { createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The audit log's keys, derived from the installation secret (YOUZHI_SECRET or data/secret.key),
 * which is not stored in the database: whoever can write to the database but does not hold the
 * secret cannot recompute the chain. Separate keys per use (HKDF info strings), so the audit key
 * never signs QR codes and the reverse.
 *
 * - `mac`: HMAC-SHA256 key of the chain (each entry's hash).
 * - `signing`: Ed25519 key signing the published checkpoints; its public half may be handed out,
 *   so anyone can check a checkpoint printed in a bulletin without the secret.
 */
export interface AuditKeys {
  mac: Buffer;
  signing: KeyObject;
  /** The Ed25519 public key, raw 32 bytes in base64url. */
  publicKey: string;
}

// PKCS#8 DER header of an Ed25519 private key; the 32-byte seed follows.
const ed25519Pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
const derive = (secret: string, info: string) => Buffer.from(hkdfSync('sha256', secret, '', info, 32));

const cache = new Map<string, AuditKeys>();

export function auditKeys(secret: string): AuditKeys {
  let keys = cache.get(secret);
  if (!keys) {
    const signing = createPrivateKey({ key: Buffer.concat([ed25519Pkcs8Prefix, derive(secret, 'youzhi-audit-checkpoint-ed25519-v1')]), format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(signing).export({ format: 'der', type: 'spki' });
    keys = { mac: derive(secret, 'youzhi-audit-v1'), signing, publicKey: spki.subarray(spki.length - 32).toString('base64url') };
    cache.set(secret, keys);
  }
  return keys;
}

/** The installation's audit keys (openContext always fills in the secret). */
export function auditKeysOf(ctx: AppContext): AuditKeys {
  if (!ctx.config.secret) throw new Error('the installation secret is not loaded');
  return auditKeys(ctx.config.secret);
}

export function signText(keys: AuditKeys, text: string): string {
  return sign(null, Buffer.from(text), keys.signing).toString('base64url');
}

/** Whether `signature` signs `text` under the raw Ed25519 public key (base64url). */
export function signatureValid(publicKey: string, text: string, signature: string): boolean {
  try {
    const raw = Buffer.from(publicKey, 'base64url');
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
    return verify(null, Buffer.from(text), createPublicKey({ key: spki, format: 'der', type: 'spki' }), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
