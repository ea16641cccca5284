import { randomBytes, createHash } from 'node:crypto';

// Random bytes drawn a few kilobytes at a time: one call into the CSPRNG per 256 ids instead of
// one per id (a batch of 50,000 ledger lines and their ids: npm run bench -- payroll).
const POOL_BYTES = 16 * 256;
let pool = Buffer.alloc(0);
let poolAt = 0;

function random16(): Buffer {
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  // A fresh copy: each id's bytes are its own (never handed out twice).
  return Buffer.from(pool.subarray(poolAt, (poolAt += 16)));
}

/** UUIDv7: time-ordered text ids, so newest-first listings sort by id as well as by time. */
export function newId(now: number = Date.now()): string {
  const bytes = random16();
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
