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

/** The last id's millisecond and its 74 random bits, as 12 (rand_a), 30 and 32 bits (rand_b). */
let last = { ms: -1, a: 0, b: 0, c: 0 };

/**
 * UUIDv7 (RFC 9562): time-ordered text ids, so newest-first listings sort by id as well as by time.
 * Ids made in the same millisecond are monotonic (RFC 9562 §6.2, method 2): each adds a random step
 * to the previous one's random bits rather than drawing new ones. A batch written at one instant —
 * the deadline sweep's timeline entries and messages at close of business — then appends at the end
 * of each primary-key index instead of landing on a random page of it: on SQLite that was two thirds
 * of the pages a sweep batch wrote (npm run bench -- sweep).
 */
export function newId(now: number = Date.now()): string {
  const bytes = random16();
  let next = { ms: now, a: bytes.readUInt16BE(6) & 0xfff, b: bytes.readUInt32BE(8) & 0x3fffffff, c: bytes.readUInt32BE(12) };
  if (now === last.ms) {
    // A step of 1 to 2^32 keeps the next id unguessable from this one.
    let { a, b, c } = last;
    c += 1 + next.c;
    if (c >= 2 ** 32) [c, b] = [c - 2 ** 32, b + 1];
    if (b >= 2 ** 30) [b, a] = [0, a + 1];
    // 2^74 values used up within one millisecond: borrow the next one (never seen in practice).
    next = a >= 2 ** 12 ? { ...next, ms: now + 1 } : { ms: now, a, b, c };
  }
  last = next;
  bytes.writeUIntBE(next.ms, 0, 6);
  bytes.writeUInt16BE(0x7000 | next.a, 6);
  bytes.writeUInt32BE((0x80000000 | next.b) >>> 0, 8);
  bytes.writeUInt32BE(next.c, 12);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
