import { decodeSignedCode, encodeSignedCode } from '../../shared/signed-codes.js';

/**
 * Standing QR codes per window or staff member (窗口/个人评价码): the code carries the
 * organisation, unit and staff ids, signed with the installation secret (shared/signed-codes.ts),
 * so a code cannot be forged or guessed by enumerating ids.
 */
export interface StandingCodeTarget {
  orgId: string;
  unitId: string;
  staffId: string | null;
}

const domain = 'rating-code';

export function encodeStandingCode(secret: string, target: StandingCodeTarget): string {
  return encodeSignedCode(secret, domain, [target.orgId, target.unitId, target.staffId ?? '']);
}

export function decodeStandingCode(secret: string, code: string): StandingCodeTarget | null {
  const [orgId, unitId, staffId] = decodeSignedCode(secret, domain, code) ?? [];
  if (typeof orgId !== 'string' || typeof unitId !== 'string') return null;
  return { orgId, unitId, staffId: typeof staffId === 'string' && staffId ? staffId : null };
}
