import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed standing codes: a short list of strings (organisation, unit, staff or survey ids)
 * signed with the installation secret, so a code cannot be forged or guessed by enumerating ids.
 * Each kind of code signs under its own `domain` (`rating-code`, `survey-code`), so a code of one
 * kind is never valid as another.
 *
 * Two forms, both accepted for good:
 * - compact (issued now): the ids as 16 raw bytes each behind one byte giving the field count and
 *   which fields are empty, base64url, then a 72-bit signature (12 base64url characters) — a
 *   window's code is 56 characters, so its QR code has far fewer modules and scans on a ward wall;
 * - long (`<base64url JSON>.<mac>`): what sheets printed before carry; still decoded.
 * Fields that are not UUIDs (or more than four) fall back to the long form.
 */

const MAX_PAYLOAD = 200;
/** 12 base64url characters: 72 bits of HMAC-SHA256, beyond guessing at any rate a server answers. */
const COMPACT_MAC = 12;
const MAX_COMPACT_FIELDS = 4;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(secret: string, domain: string, payload: string, length: number): string {
  return createHmac('sha256', secret).update(`${domain}:${payload}`).digest('base64url').slice(0, length);
}

function sameMac(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The long form, as printed before compact codes (kept so tests can make one). */
export function encodeLongSignedCode(secret: string, domain: string, fields: readonly string[]): string {
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${payload}.${mac(secret, domain, payload, 22)}`;
}

function compactable(fields: readonly string[]): boolean {
  return fields.length >= 1 && fields.length <= MAX_COMPACT_FIELDS && fields.every((f) => f === '' || UUID.test(f)) && fields.some((f) => f !== '');
}

/** A code for the fields: compact when they are UUIDs (or empty), else the long form. */
export function encodeSignedCode(secret: string, domain: string, fields: readonly string[]): string {
  if (!compactable(fields)) return encodeLongSignedCode(secret, domain, fields);
  let present = 0;
  fields.forEach((f, i) => {
    if (f) present |= 1 << i;
  });
  const bytes = Buffer.concat([Buffer.from([(fields.length << 4) | present]), ...fields.filter(Boolean).map((f) => Buffer.from(f.replaceAll('-', ''), 'hex'))]);
  const payload = bytes.toString('base64url');
  // `v2:` keeps a compact payload's signature apart from any long one's.
  return `${payload}${mac(secret, `${domain}:v2`, payload, COMPACT_MAC)}`;
}

const asUuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

function decodeCompact(secret: string, domain: string, code: string): string[] | null {
  if (code.length <= COMPACT_MAC || code.length > MAX_PAYLOAD || !/^[A-Za-z0-9_-]+$/.test(code)) return null;
  const payload = code.slice(0, -COMPACT_MAC);
  if (!sameMac(mac(secret, `${domain}:v2`, payload, COMPACT_MAC), code.slice(-COMPACT_MAC))) return null;
  const bytes = Buffer.from(payload, 'base64url');
  const count = bytes[0] >> 4;
  const present = bytes[0] & 0x0f;
  const fields: string[] = [];
  let at = 1;
  for (let i = 0; i < count; i++) {
    if (!(present & (1 << i))) {
      fields.push('');
      continue;
    }
    if (at + 16 > bytes.length) return null;
    fields.push(asUuid(bytes.subarray(at, at + 16).toString('hex')));
    at += 16;
  }
  return at === bytes.length ? fields : null;
}

/**
 * The fields of a code signed under `domain` (compact or long form), or null when the code is
 * malformed, too long, or its signature does not match (compared in constant time). The fields
 * are as encoded: the caller checks how many there are and their types.
 */
export function decodeSignedCode(secret: string, domain: string, code: string): unknown[] | null {
  if (!code.includes('.')) return decodeCompact(secret, domain, code);
  const [payload, given, extra] = code.split('.');
  if (!payload || !given || extra !== undefined || payload.length > MAX_PAYLOAD) return null;
  if (!sameMac(mac(secret, domain, payload, 22), given)) return null;
  try {
    const fields: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return Array.isArray(fields) ? fields : null;
  } catch {
    return null;
  }
}
