import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type TestApp } from '../support/app.js';
import { loginThrottle } from '../../src/modules/auth/service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('login, session, CSRF', () => {
  it('sets an HttpOnly SameSite session cookie and a readable CSRF cookie', async () => {
    const res = await t.anonymous.post('/api/v1/auth/login', { username: 'hall-admin', password: testPassword });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'yz_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    const csrf = res.cookies.find((c) => c.name === 'yz_csrf')!;
    expect(csrf.httpOnly).toBeFalsy();
    expect(res.json().csrfToken).toBe(csrf.value);
    expect(res.json().user).toMatchObject({ username: 'hall-admin', role: 'admin', organisation: { code: 'demo-hall', sector: 'hall' } });
    expect(JSON.stringify(res.json())).not.toContain('argon2');
  });

  it('refuses a wrong password with the same error as an unknown user', async () => {
    const wrong = await t.anonymous.post('/api/v1/auth/login', { username: 'hall-staff', password: 'nope-nope' });
    const unknown = await t.anonymous.post('/api/v1/auth/login', { username: 'nobody-here', password: 'nope-nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(unknown.json().error.code).toBe('invalid_credentials');
  });

  it('needs a session or token for API routes', async () => {
    const res = await t.anonymous.get('/api/v1/units');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('refuses a cookie-authenticated mutation without the CSRF header', async () => {
    const s = await t.login('hall-admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie: s.headers.cookie }, payload: { code: 'NOCSRF', name: '无令牌', kind: 'window' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    const wrongToken = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie: s.headers.cookie, 'x-csrf-token': 'forged' }, payload: { code: 'NOCSRF', name: '无令牌', kind: 'window' } });
    expect(wrongToken.json().error.code).toBe('csrf_failed');
    const list = await s.get('/api/v1/units?q=NOCSRF');
    expect(list.json().total).toBe(0);
  });

  it('logout ends the session', async () => {
    const res = await t.anonymous.post('/api/v1/auth/login', { username: 'hall-inspector', password: testPassword });
    const headers = { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': res.json().csrfToken };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
  });

  const loginFrom = (remoteAddress: string, username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username, password } });

  it(`locks a username at one address after ${loginThrottle.perClient.maxFailures} wrong passwords there, even for the right one — not at the user's own desk`, async () => {
    for (let i = 0; i < loginThrottle.perClient.maxFailures; i++) {
      expect((await loginFrom('10.0.0.66', 'hall-supervisor', `wrong-${i}`)).statusCode).toBe(401);
    }
    const locked = await loginFrom('10.0.0.66', 'hall-supervisor', testPassword);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
    expect(locked.json().error.details.retryAfterSeconds).toBe(loginThrottle.perClient.lockMinutes * 60);
    // The guesser's address is locked out; the supervisor at their own desk is not.
    expect((await loginFrom('10.0.0.7', 'hall-supervisor', testPassword)).statusCode).toBe(200);
  });

  it('keeps a slower limit per username over all addresses', async () => {
    const { maxFailures } = loginThrottle.perUsername;
    // Spread over addresses so that no single (username, address) pair reaches its own lock.
    for (let i = 0; i < maxFailures; i++) {
      const res = await loginFrom(`10.1.${Math.floor(i / 4)}.${i % 4}`, 'hall-inspector', `wrong-${i}`);
      expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const fromAnywhere = await loginFrom('10.9.9.9', 'hall-inspector', testPassword);
    expect([fromAnywhere.statusCode, fromAnywhere.json().error.code]).toEqual([429, 'account_locked']);
  });

  it('audits failed logins under the username tried, with the reason and the address, never the password', async () => {
    await loginFrom('10.2.0.1', 'hall-staff', 'secret-guess-1');
    await loginFrom('10.2.0.1', 'nobody-at-all', 'secret-guess-2');
    const admin = await t.login('hall-admin');
    const entries = (await admin.get('/api/v1/audit?actor=hall-staff&entity=user')).json().items as { action: string; actor: string; actorId: string | null; after: unknown }[];
    const failed = entries.find((e) => e.action === 'login_failed');
    expect(failed).toMatchObject({ actor: 'hall-staff', actorId: null, after: { reason: 'wrong_password', client: '10.2.0.1' } });
    const rows = await t.ctx.db.kysely.selectFrom('audit_log').select(['actor_label', 'org_id', 'after_json']).where('action', '=', 'login_failed').execute();
    expect(rows.find((r) => r.actor_label === 'nobody-at-all')).toMatchObject({ org_id: null });
    expect(JSON.stringify(rows)).not.toContain('secret-guess');
  });

  it('a new password set by the administrator lifts the lock', async () => {
    const admin = await t.login('hall-admin');
    const user = (await admin.post('/api/v1/users', { username: 'forgetful-clerk', password: 'first-password', role: 'staff' })).json();
    for (let i = 0; i < loginThrottle.perClient.maxFailures; i++) await loginFrom('10.3.0.1', 'forgetful-clerk', `wrong-${i}`);
    expect((await loginFrom('10.3.0.1', 'forgetful-clerk', 'first-password')).statusCode).toBe(429);
    expect((await admin.patch(`/api/v1/users/${user.id}`, { version: user.version, password: 'brand-new-password' })).statusCode).toBe(200);
    expect((await loginFrom('10.3.0.1', 'forgetful-clerk', 'brand-new-password')).statusCode).toBe(200);
  });

  it('rate-limits login attempts per client', async () => {
    const statuses: number[] = [];
    // From one client address (in-process injection, no network): the limit applies to it alone.
    const attempt = (i: number, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username: `ghost-${i}`, password: 'x' } });
    for (let i = 0; i < 25; i++) statuses.push((await attempt(i, '127.0.0.9')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses).toContain(429);
    expect((await attempt(0, '127.0.0.10')).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('a bearer token authenticates without CSRF, and stops working when revoked', async () => {
    const s = await t.login('hall-quality-office');
    const created = await s.post('/api/v1/tokens', { name: '排队叫号系统' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^yz_/);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(me.json()).toMatchObject({ username: 'hall-quality-office', via: 'token' });
    const unit = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: bearer, payload: { code: 'TOKEN-W', name: '令牌窗口', kind: 'window' } });
    expect(unit.statusCode).toBe(201);
    const listed = (await s.get('/api/v1/tokens')).json().items.find((x: { id: string }) => x.id === id);
    expect(listed.prefix).toBe(token.slice(0, 9));
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await s.delete(`/api/v1/tokens/${id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(401);
  });

  it('a malformed bearer token is a 401, not a session fallback', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer nonsense' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('passwords', () => {
  it('are stored as Argon2id hashes', async () => {
    const row = await t.ctx.db.kysely.selectFrom('users').select('password_hash').where('username', '=', 'hall-staff').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('a user changes their own password with the current one', async () => {
    const s = await t.login('hall-staff');
    expect((await s.post('/api/v1/auth/password', { currentPassword: testPassword, newPassword: 'new-password-2026' })).statusCode).toBe(204);
    expect((await t.anonymous.post('/api/v1/auth/login', { username: 'hall-staff', password: 'new-password-2026' })).statusCode).toBe(200);
    expect((await t.anonymous.post('/api/v1/auth/login', { username: 'hall-staff', password: testPassword })).statusCode).toBe(401);
  });
});

describe('roles', () => {
  it('a staff user gets 403 from administration endpoints', async () => {
    const s = await t.login('hall-unit-head');
    for (const url of ['/api/v1/users', '/api/v1/audit']) {
      const res = await s.get(url);
      expect(res.statusCode, url).toBe(403);
    }
  });

  it('users from one organisation cannot see another organisation\'s records', async () => {
    const hall = await t.login('hall-admin');
    const hospital = await t.login('hosp-admin');
    const hospitalUnit = (await hospital.get('/api/v1/units?q=H-IM')).json().items[0];
    expect((await hall.get(`/api/v1/units/${hospitalUnit.id}`)).statusCode).toBe(404);
    const codes = (await hall.get('/api/v1/units?pageSize=100')).json().items.map((u: { code: string }) => u.code);
    expect(codes.some((c: string) => c.startsWith('H-'))).toBe(false);
  });
});
