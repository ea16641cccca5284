import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { encodeLongSignedCode } from '../../src/shared/signed-codes.js';

/** Issue 13 item 8: new standing codes are short (a less dense QR); codes printed before keep working. */
const clock = fakeClock(Date.parse('2026-11-16T10:00:00+08:00'));
let t: TestApp;
let admin: Session;
let orgId: string;
const ids: Record<string, string> = {};
let ip = 0;

const rate = (code: string) => {
  clock.advance(15 * 60_000);
  return t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code, level: 5 }, remoteAddress: `10.7.0.${ip++}` });
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = await t.login('hosp-admin');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  orgId = (await t.ctx.db.kysely.selectFrom('units').select('org_id').where('id', '=', ids['H-OPD-REG']).executeTakeFirstOrThrow()).org_id;
});
afterAll(async () => t?.close());

describe('standing rating codes', () => {
  it('a window’s new code is 56 characters and rates; the long code printed before rates the same window', async () => {
    const issued = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json();
    expect(issued.code).toHaveLength(56);
    expect(issued.code).not.toContain('.');
    const long = encodeLongSignedCode(t.ctx.config.secret!, 'rating-code', [orgId, ids['H-OPD-REG'], '']);
    expect(long.length).toBeGreaterThan(2 * issued.code.length);
    expect((await rate(issued.code)).statusCode).toBe(201);
    expect((await rate(long)).statusCode).toBe(201);
    const stored = await t.ctx.db.kysely.selectFrom('ratings').select('unit_id').where('org_id', '=', orgId).execute();
    expect(stored.map((r) => r.unit_id)).toEqual([ids['H-OPD-REG'], ids['H-OPD-REG']]);
    // The page a phone opens takes both too.
    expect((await t.app.inject({ method: 'GET', url: `/r/c/${issued.code}` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/r/c/${long}` })).statusCode).toBe(200);
  });

  it('a tampered code is refused and nothing is stored', async () => {
    const code = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-INF']}`)).json().code as string;
    const tampered = `${code.slice(0, 20)}${code[20] === 'A' ? 'B' : 'A'}${code.slice(21)}`;
    expect((await rate(tampered)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/r/c/${tampered}` })).statusCode).toBe(404);
    expect(await t.ctx.db.kysely.selectFrom('ratings').select('id').where('unit_id', '=', ids['H-OPD-INF']).execute()).toEqual([]);
  });
});
