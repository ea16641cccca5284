import { sha256Hex } from '../../shared/ids.js';

/**
 * 登录限制: how failed logins lock. Pure arithmetic over counters; the service reads and writes them.
 *
 * A lock per (username, client address) stops a guesser at one address without locking the real
 * user out from their own desk (five bad passwords from anywhere used to lock a username for
 * everyone — a denial of service). A slower per-username limit over all addresses still bounds a
 * guesser who spreads attempts over many addresses. Security settings, not seed policy.
 */
export const loginThrottle = {
  perClient: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
  perUsername: { maxFailures: 30, windowMinutes: 60, lockMinutes: 15 },
} as const;

export type ThrottleRule = (typeof loginThrottle)[keyof typeof loginThrottle];

export interface ThrottleCounter {
  failures: number;
  windowStartedAt: number;
  lockedUntil: number | null;
}

// The username is hashed into the key: whatever it contains, it cannot run into the address.
export const usernameKey = (username: string) => `user:${sha256Hex(username)}`;
export const pairKeyPrefix = (username: string) => `pair:${sha256Hex(username)}:`;
export const pairKey = (username: string, client: string) => `${pairKeyPrefix(username)}${client}`;

/** The counter after one more failure at `now`: a new window when the old one ended; a lock at the limit. */
export function afterFailure(counter: ThrottleCounter | undefined, rule: ThrottleRule, now: number): ThrottleCounter {
  const fresh = !counter || now - counter.windowStartedAt >= rule.windowMinutes * 60_000;
  const failures = fresh ? 1 : counter.failures + 1;
  const windowStartedAt = fresh ? now : counter.windowStartedAt;
  if (failures >= rule.maxFailures) return { failures: 0, windowStartedAt: now, lockedUntil: now + rule.lockMinutes * 60_000 };
  return { failures, windowStartedAt, lockedUntil: counter?.lockedUntil ?? null };
}

/** The latest lock among the counters that still holds at `now`, if any. */
export function lockedUntil(counters: ThrottleCounter[], now: number): number | null {
  const until = Math.max(0, ...counters.map((c) => c.lockedUntil ?? 0));
  return until > now ? until : null;
}
