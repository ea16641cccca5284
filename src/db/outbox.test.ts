import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './outbox.js';

describe('outbox retry schedules', () => {
  it('steps: the n-th failure waits the n-th wait; past the list the message has failed', () => {
    const steps = { kind: 'steps', delaysMs: [60_000, 300_000] } as const;
    expect(retryDelayMs(steps, 1)).toBe(60_000);
    expect(retryDelayMs(steps, 2)).toBe(300_000);
    expect(retryDelayMs(steps, 3)).toBeNull();
  });

  it('doubling: from the first wait up to the cap, jittered either side, until the attempts run out', () => {
    const doubling = { kind: 'doubling', firstMs: 1_000, maxMs: 5_000, jitter: 0.2, maxAttempts: 5 } as const;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(doubling, n, () => 0.5))).toEqual([1_000, 2_000, 4_000, 5_000]);
    expect(retryDelayMs(doubling, 1, () => 0)).toBe(800);
    expect(retryDelayMs(doubling, 1, () => 1)).toBe(1_200);
    expect(retryDelayMs(doubling, 5, () => 0.5)).toBeNull();
  });
});
