import { randomBytes, createHash } from 'node:crypto';

// Random bits drawn a few kilobytes at a time: one call into the CSPRNG per 400 ids instead of
// one per id (a batch of 50,000 ledger lines and their ids: npm run bench -- payroll).
const POOL_BYTES = 4_000;
/** Bytes of randomness an id takes: 12 + 30 + 32 of its bits are random (rand_a, rand_b). */
const ID_RANDOM_BYTES = 10;
let pool = Buffer.alloc(0);
let poolAt = 0;

/** Fresh random bytes at the returned offset of `pool`, each handed out once. */
function randomAt(): number {
  if (poolAt + ID_RANDOM_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += ID_RANDOM_BYTES;
  return at;
}

/** The last id's millisecond and its 74 random bits, as 12 (rand_a), 30 and 32 bits (rand_b). */
let lastMs = -1;
let lastA = 0;
let lastB = 0;
let lastC = 0;

/** Where an id's 16 bytes are put together before they are written out as text. */
const scratch = Buffer.alloc(16);

/**
 * UUIDv7 (RFC 9562): time-ordered text ids, so newest-first listings sort by id as well as by time.
 * Ids made in the same millisecond are monotonic (RFC 9562 §6.2, method 2): each adds a random step
 * to the previous one's random bits rather than drawing new ones. A batch written at one instant —
 * the deadline sweep's timeline entries and messages at close of business — then appends at the end
 * of each primary-key index instead of landing on a random page of it: on SQLite that was two thirds
 * of the pages a sweep batch wrote (npm run bench -- sweep). The text is built from the numbers,
 * with no buffer per id (the sweep makes tens of thousands a second).
 */
export function newId(now: number = Date.now()): string {
  const at = randomAt();
  const freshA = pool.readUInt16BE(at) & 0xfff;
  const freshB = pool.readUInt32BE(at + 2) & 0x3fffffff;
  const freshC = pool.readUInt32BE(at + 6);
  let ms = now;
  let a = freshA;
  let b = freshB;
  let c = freshC;
  if (now === lastMs) {
    // A step of 1 to 2^32 keeps the next id unguessable from this one.
    a = lastA;
    b = lastB;
    c = lastC + 1 + freshC;
    if (c >= 2 ** 32) {
      c -= 2 ** 32;
      b += 1;
    }
    if (b >= 2 ** 30) {
      b = 0;
      a += 1;
    }
    // 2^74 values used up within one millisecond: borrow the next one (never seen in practice).
    if (a >= 2 ** 12) [ms, a, b, c] = [now + 1, freshA, freshB, freshC];
  }
  lastMs = ms;
  lastA = a;
  lastB = b;
  lastC = c;
  scratch.writeUIntBE(ms, 0, 6);
  scratch.writeUInt16BE(0x7000 | a, 6);
  scratch.writeUInt32BE((0x80000000 | b) >>> 0, 8);
  scratch.writeUInt32BE(c, 12);
  const text = scratch.toString('hex');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
