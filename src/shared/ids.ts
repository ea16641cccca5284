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

/** The last id's millisecond and its 74 random bits (rand_a and rand_b), for ids made in the same millisecond. */
let lastMs = -1;
let lastRandom = 0n;
const RANDOM_BITS = 74n;

/**
 * UUIDv7 (RFC 9562): time-ordered text ids, so newest-first listings sort by id as well as by time.
 * Ids made in the same millisecond are monotonic (RFC 9562 §6.2, method 2): each adds a random step
 * to the previous one's random bits rather than drawing new ones. A batch written at one instant —
 * the deadline sweep's timeline entries, messages and audit entries at close of business — then
 * appends at the end of each primary-key index instead of landing on a random page of it: on SQLite
 * that was two thirds of the pages a sweep batch wrote (npm run bench -- sweep).
 */
export function newId(now: number = Date.now()): string {
  const bytes = random16();
  let ms = now;
  let random: bigint;
  if (ms === lastMs) {
    // A step of 1 to 2^32 keeps the next id unguessable from this one.
    random = lastRandom + 1n + BigInt(bytes.readUInt32BE(12));
    if (random >> RANDOM_BITS) {
      // 2^74 values used up within one millisecond: borrow the next one (never seen in practice).
      ms += 1;
      random = BigInt(`0x${bytes.toString('hex', 6, 16)}`) & ((1n << RANDOM_BITS) - 1n);
    }
  } else random = BigInt(`0x${bytes.toString('hex', 6, 16)}`) & ((1n << RANDOM_BITS) - 1n);
  lastMs = ms;
  lastRandom = random;
  const time = BigInt(ms);
  for (let i = 0; i < 6; i++) bytes[i] = Number((time >> BigInt(8 * (5 - i))) & 0xffn);
  // rand_a: 12 bits after the version nibble; rand_b: 62 bits after the variant.
  const randA = random >> 62n;
  const randB = random & ((1n << 62n) - 1n);
  bytes[6] = 0x70 | Number(randA >> 8n);
  bytes[7] = Number(randA & 0xffn);
  bytes[8] = 0x80 | Number(randB >> 56n);
  for (let i = 9; i < 16; i++) bytes[i] = Number((randB >> BigInt(8 * (15 - i))) & 0xffn);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
