import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standing QR codes per window or staff member (窗口/个人评价码): the code carries the
 * organisation, unit and staff ids, signed with the installation secret, so a code cannot be
 * forged or guessed by enumerating ids.
 */
export interface StandingCodeTarget {
  orgId: string;
  unitId: string;
  staffId: string | null;
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`rating-code:${payload}`).digest('base64url').slice(0, 22);
}

export function encodeStandingCode(secret: string, target: StandingCodeTarget): string {
  const payload = Buffer.from(JSON.stringify([target.orgId, target.unitId, target.staffId ?? ''])).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export function decodeStandingCode(secret: string, code: string): StandingCodeTarget | null {
  const [payload, mac, extra] = code.split('.');
  if (!payload || !mac || extra !== undefined || payload.length > 200) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [orgId, unitId, staffId] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as string[];
    if (typeof orgId !== 'string' || typeof unitId !== 'string') return null;
    return { orgId, unitId, staffId: staffId || null };
  } catch {
    return null;
  }
}
