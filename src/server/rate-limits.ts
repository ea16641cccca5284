import type { FastifyRequest } from 'fastify';
import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';

/**
 * Budgets of the public actions, per client address and per minute. The JSON API and the plain
 * HTML page of an action share one (the route config names the action as its `groupId`), or a
 * client switching forms would get twice the limit. Operational numbers, not organisation policy.
 */
export const publicActions = {
  // decision: a person files a complaint or two; ten a minute from one address is already a script.
  complaint: { max: 10, timeWindow: 60_000 },
  // decision: as a complaint — a household reports a fault or two.
  repair: { max: 10, timeWindow: 60_000 },
  // decision: a tracking number with a query code, looked up now and then; sixty a minute stops guessing codes.
  complaintLookup: { max: 60, timeWindow: 60_000 },
  // decision: a hall's kiosk or a ward's shared Wi-Fi sends many ratings from one address (YOUZHI_RATE_LIMIT_ALLOW exempts a gateway).
  rating: { max: 30, timeWindow: 60_000 },
  // decision: as ratings (a survey kiosk in a ward).
  survey: { max: 30, timeWindow: 60_000 },
  // decision: a publicity page or honour roll read now and then; sixty a minute from one address is a crawler.
  awardPage: { max: 60, timeWindow: 60_000 },
  // decision: as a complaint — a person raises an objection or two during a publicity period.
  awardObjection: { max: 10, timeWindow: 60_000 },
  // decision: above a person mistyping, below guessing; the per-username lock (auth/throttle.ts) does the rest.
  login: { max: 20, timeWindow: 60_000 },
} as const;

export type PublicAction = keyof typeof publicActions;

/**
 * Open311 POST requests: an integrator's key has its own budget (a batch of a few hundred
 * requests from one FixMyStreet-style server must go through), apart from callers without a key,
 * who are counted per address and are refused anyway.
 */
export const open311Posts = {
  // decision: ten a second from one key, sustained for a minute, is a batch; more is a runaway client.
  perKey: { max: 600, timeWindow: 60_000 },
  // decision: as before the per-key budget, per client address.
  perAddress: { max: 60, timeWindow: 60_000 },
} as const;

/** The route's rate-limit config for a public action. */
export function actionLimit(action: PublicAction) {
  return { ...publicActions[action], groupId: action };
}

/**
 * The client's key: its address and, for routes outside a shared action, the route (the plugin
 * appends the action to the key of routes that name one).
 */
export function clientKey(req: FastifyRequest): string {
  const limit = req.routeOptions.config.rateLimit;
  return limit && limit.groupId ? `${req.ip}|` : `${req.ip}|${req.method} ${req.routeOptions.url}`;
}

/**
 * One in-memory counter table for every route (the plugin's default store keeps one per route,
 * which would split an action's budget across its forms). Bounded: expired windows are dropped
 * when it grows, then the oldest.
 */
export class SharedWindowStore implements FastifyRateLimitStore {
  private readonly windows: Map<string, { count: number; endsAt: number }>;

  constructor(_options?: FastifyRateLimitOptions, windows?: Map<string, { count: number; endsAt: number }>) {
    this.windows = windows ?? new Map();
  }

  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow = 60_000): void {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.endsAt <= now) {
      if (w) this.windows.delete(key);
      w = { count: 0, endsAt: now + timeWindow };
      this.windows.set(key, w);
      this.trim(now);
    }
    w.count++;
    callback(null, { current: w.count, ttl: w.endsAt - now });
  }

  child(): FastifyRateLimitStore {
    return new SharedWindowStore(undefined, this.windows);
  }

  private trim(now: number) {
    if (this.windows.size <= maxClients) return;
    for (const [key, w] of this.windows) if (w.endsAt <= now) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size <= maxClients) break;
      this.windows.delete(key);
    }
  }
}

const maxClients = 50_000;
