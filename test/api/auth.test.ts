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

  it(`locks an account after ${loginThrottle.maxFailures} wrong passwords, even for the right one`, async () => {
    for (let i = 0; i < loginThrottle.maxFailures; i++) {
      expect((await t.anonymous.post('/api/v1/auth/login', { username: 'hall-supervisor', password: `wrong-${i}` })).statusCode).toBe(401);
    }
    const locked = await t.anonymous.post('/api/v1/auth/login', { username: 'hall-supervisor', password: testPassword });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
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
