import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { seedDemo } from '../../src/demo/seed.js';
import type { Clock } from '../../src/shared/clock.js';
import { createTestContext, type TestContext } from './context.js';

export const testPassword = 'test-password-1';

export interface Session {
  username: string;
  headers: Record<string, string>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export interface TestApp extends TestContext {
  app: FastifyInstance;
  /** Logs in a demo user (e.g. 'hosp-admin', 'hosp-unit-head') and returns a session that sends cookie and CSRF header. */
  /** Logs in once per user and reuses the session; `fresh` logs in again (after the clock jumped past its expiry). */
  login(username: string, options?: { fresh?: boolean }): Promise<Session>;
  anonymous: Omit<Session, 'username' | 'headers'>;
  close(): Promise<void>;
}

/** A built app over a fresh database with the demo organisations seeded. */
export async function createTestApp(options: { clock?: Clock; seed?: boolean; sessionHours?: number; /** the demo's service items and commitments (off: tests start from empty lists) */ demoContent?: boolean; /** demo organisations to seed (default the hospital and the hall) */ demoOrgs?: string[] } = {}): Promise<TestApp> {
  const tc = await createTestContext({ clock: options.clock, sessionHours: options.sessionHours });
  if (options.seed !== false) await seedDemo(tc.ctx, { password: testPassword, content: options.demoContent ?? false, organisations: options.demoOrgs ?? ['demo-hospital', 'demo-hall'] });
  const app = await buildApp(tc.ctx);
  const client = (headers: Record<string, string>) => {
    const send = (method: InjectOptions['method'], url: string, body?: unknown) =>
      app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }) });
    return {
      get: (url: string) => send('GET', url),
      post: (url: string, body?: unknown) => send('POST', url, body),
      patch: (url: string, body?: unknown) => send('PATCH', url, body),
      put: (url: string, body?: unknown) => send('PUT', url, body),
      delete: (url: string) => send('DELETE', url),
    };
  };
  const sessions = new Map<string, Session>();
  return {
    ...tc,
    app,
    anonymous: client({}),
    async login(username: string, options: { fresh?: boolean } = {}) {
      const cached = sessions.get(username);
      if (cached && !options.fresh) return cached;
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: testPassword } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const headers = { cookie, 'x-csrf-token': res.json().csrfToken as string };
      const session = { username, headers, ...client(headers) };
      sessions.set(username, session);
      return session;
    },
    async close() {
      await app.close();
      await tc.cleanup();
    },
  };
}
