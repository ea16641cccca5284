import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('hosp-admin');
});
afterAll(async () => t?.close());

describe('policy pack over HTTP', () => {
  it('presents preset decisions in Chinese and English, and keeps the sources', async () => {
    const values = (await admin.get('/api/v1/policy')).json().values as { path: string; source?: string; decision?: { zh: string; en: string } }[];
    const reply = values.find((v) => v.path === 'cases.complaint.clocks.reply.duration')!;
    expect(reply.source).toBe('002:L103'); // 002:L103 reply within 5 working days
    expect(reply.decision?.zh).toContain('五个工作日内回复');
    expect(reply.decision?.en).toContain('Reply within 5 working days');
  });

  it('returns the effective hospital pack with a source or decision on every value', async () => {
    const res = await admin.get('/api/v1/policy');
    expect(res.statusCode).toBe(200);
    const { sector, values } = res.json();
    expect(sector).toBe('hospital');
    expect(values.length).toBeGreaterThan(10);
    for (const v of values) expect(v.source ?? v.decision, v.path).toBeTruthy();
    // 001:L155 window rating rate ≥ 90 %
    expect(values.some((v: { source?: string; value: unknown }) => v.source === '001:L155')).toBe(true);
  });

  it('the hall preset cites 002:L103 for the 5-working-day complaint reply', async () => {
    const values = (await admin.get('/api/v1/policy/presets/hall')).json().values as { path: string; value: unknown; source?: string }[];
    const reply = values.find((v) => v.source === '002:L103');
    expect(reply, 'a value cited 002:L103').toBeDefined();
    expect(JSON.stringify(reply!.value)).toContain('5');
  });

  it('an override without a source or decision is refused with the path, and nothing is saved', async () => {
    const before = (await admin.get('/api/v1/policy')).json();
    const bad = await admin.put('/api/v1/policy/overrides', { version: before.version, overrides: { ratings: { tokenExpiryDays: { value: 3 } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('policy_invalid');
    expect(bad.json().error.details.issues[0].path).toContain('tokenExpiryDays');
    expect((await admin.get('/api/v1/policy')).json().version).toBe(before.version);
  });

  it('a cited override takes effect, is audited, and a stale version gets 409', async () => {
    const before = (await admin.get('/api/v1/policy')).json();
    const overrides = { ratings: { tokenExpiryDays: { value: 3, decision: '本院规定：评价链接 3 天内有效' } } };
    const ok = await admin.put('/api/v1/policy/overrides', { version: before.version, overrides });
    expect(ok.statusCode, ok.body).toBe(200);
    const value = ok.json().values.find((v: { path: string }) => v.path === 'ratings.tokenExpiryDays');
    // A plain-string decision is kept for compatibility and stands for both languages.
    expect(value).toMatchObject({ value: 3, decision: { zh: '本院规定：评价链接 3 天内有效', en: '本院规定：评价链接 3 天内有效' } });
    const entry = (await admin.get('/api/v1/audit?entity=policy_overrides')).json().items[0];
    expect(entry.after).toEqual(overrides);
    const stale = await admin.put('/api/v1/policy/overrides', { version: before.version, overrides: {} });
    expect(stale.statusCode).toBe(409);
  });

  it('business hours from the pack drive the organisation calendar', async () => {
    const url = `/api/v1/calendar/deadline?receivedAt=${encodeURIComponent('2026-09-29T13:00:00+08:00')}&days=1`;
    // Under the preset's hours, Tuesday 13:00 is before closing: due the next working day.
    expect((await admin.get(url)).json().dueDate).toBe('2026-09-30');
    const before = (await admin.get('/api/v1/policy')).json();
    const overrides = { ...before.overrides, calendar: { businessHours: { value: [{ start: '08:00', end: '12:00' }], decision: '试行上午半天窗口' } } };
    expect((await admin.put('/api/v1/policy/overrides', { version: before.version, overrides })).statusCode).toBe(200);
    // 13:00 is now after closing: received Wednesday 30th, so due after the National Day holiday (RULES §1).
    expect((await admin.get(url)).json().dueDate).toBe('2026-10-08');
  });
});

describe('audit log', () => {
  it('records actor, entity, before and after for a mutation', async () => {
    const unit = (await admin.post('/api/v1/units', { code: 'H-AUD', name: '审计测试', kind: 'team' })).json();
    await admin.patch(`/api/v1/units/${unit.id}`, { version: 1, name: '审计测试（改）' });
    const entries = (await admin.get(`/api/v1/audit?entity=unit&entityId=${unit.id}`)).json().items;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(entries[0]).toMatchObject({ actor: 'hosp-admin', before: { name: '审计测试' }, after: { name: '审计测试（改）' } });
  });

  it('filters by actor and time', async () => {
    const now = new Date().toISOString();
    const future = (await admin.get(`/api/v1/audit?from=${encodeURIComponent('2999-01-01T00:00:00+08:00')}`)).json();
    expect(future.total).toBe(0);
    const mine = (await admin.get(`/api/v1/audit?actor=hosp-admin&to=${encodeURIComponent(now.replace('Z', '+00:00'))}`)).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((e: { actor: string }) => e.actor === 'hosp-admin')).toBe(true);
  });

  it('verifies the chain, and reports the first entry that was tampered with', async () => {
    const ok = (await admin.post('/api/v1/audit/verify')).json();
    expect(ok).toMatchObject({ ok: true, firstBroken: null });
    expect(ok.checked).toBeGreaterThan(10);
    const victim = 7;
    await sql`update audit_log set after_json = ${'{"name":"forged"}'} where seq = ${victim}`.execute(t.ctx.db.kysely);
    const broken = (await admin.post('/api/v1/audit/verify')).json();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toEqual({ seq: victim, reason: 'hash_mismatch' });
    // Through the API the count is of the caller's organisation's entries (the first ones are the system's).
    const orgId = (await admin.get('/api/v1/auth/me')).json().organisation.id;
    const before = await t.ctx.db.kysely.selectFrom('audit_log').select('seq').where('seq', '<', victim).where('org_id', '=', orgId).execute();
    expect(broken.checked).toBe(before.length);
  });

  it('detects a deleted entry and a truncated tail', async () => {
    await sql`delete from audit_log where seq = 3`.execute(t.ctx.db.kysely);
    expect((await admin.post('/api/v1/audit/verify')).json().firstBroken).toEqual({ seq: 3, reason: 'sequence_gap' });
  });
});
