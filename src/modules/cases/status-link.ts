import { createHmac, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../../shared/ids.js';

/**
 * The public status page opens with a tracking number and a secret: the query code given at intake
 * (stored hashed), or the link code sent with the reply (an SMS asks the complainant to rate the
 * handling there). The link code is the case id signed with the installation secret, so nothing
 * more is stored and it opens that case only.
 */
export function statusLinkCode(secret: string, caseId: string): string {
  return createHmac('sha256', secret).update(`complaint-status:${caseId}`).digest('base64url').slice(0, 16);
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Whether `code` opens the case: its query code or its link code. */
export function opensCase(secret: string, row: { id: string; public_code_hash: string | null }, code: string): boolean {
  if (row.public_code_hash && same(sha256Hex(code), row.public_code_hash)) return true;
  return row.public_code_hash !== null && same(statusLinkCode(secret, row.id), code);
}
