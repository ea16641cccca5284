import { expect } from 'vitest';
import type { Session } from './app.js';

/** Replaces the organisation's policy overrides through the API (an admin's or quality office's session); returns the ones replaced. */
export async function setPolicyOverrides(session: Session, overrides: unknown): Promise<unknown> {
  const before = (await session.get('/api/v1/policy')).json() as { version: number; overrides: unknown };
  const res = await session.put('/api/v1/policy/overrides', { version: before.version, overrides });
  expect(res.statusCode, res.body).toBe(200);
  return before.overrides ?? {};
}

/** Runs `fn` with the overrides in force, then puts the organisation's previous overrides back, even when `fn` fails. */
export async function withPolicyOverrides<T>(session: Session, overrides: unknown, fn: () => Promise<T>): Promise<T> {
  const previous = await setPolicyOverrides(session, overrides);
  try {
    return await fn();
  } finally {
    await setPolicyOverrides(session, previous);
  }
}
