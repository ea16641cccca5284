import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed standing codes (`<payload>.<mac>`): a short list of strings (organisation, unit, staff or
 * survey ids) carried in base64url JSON and signed with the installation secret, so a code cannot
 * be forged or guessed by enumerating ids. Each kind of code signs under its own `domain`
 * (`rating-code`, `survey-code`), so a code of one kind is never valid as another.
 */

const MAX_PAYLOAD = 200;

function sign(secret: string, domain: string, payload: string): string {
  return createHmac('sha256', secret).update(`${domain}:${payload}`).digest('base64url').slice(0, 22);
}

export function encodeSignedCode(secret: string, domain: string, fields: readonly string[]): string {
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${payload}.${sign(secret, domain, payload)}`;
}

/**
 * The fields of a code signed under `domain`, or null when the code is malformed, too long, or its
 * signature does not match (compared in constant time). The fields are as encoded: the caller
 * checks how many there are and their types.
 */
export function decodeSignedCode(secret: string, domain: string, code: string): unknown[] | null {
  const [payload, mac, extra] = code.split('.');
  if (!payload || !mac || extra !== undefined || payload.length > MAX_PAYLOAD) return null;
  const expected = Buffer.from(sign(secret, domain, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const fields: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return Array.isArray(fields) ? fields : null;
  } catch {
    return null;
  }
}
