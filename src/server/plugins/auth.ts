import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { AppError } from '../../shared/errors.js';
import { resolveApiToken, resolveSession } from '../../modules/auth/service.js';
import { scopeAllows } from '../../modules/auth/scopes.js';

export const sessionCookie = 'yz_session';
export const csrfCookie = 'yz_csrf';
export const csrfHeader = 'x-csrf-token';

/** How a route is reached: `required` (default) needs a user; `optional` resolves one if present; `public` never looks. */
export type RouteAuth = 'required' | 'optional' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the caller from a bearer token or the session cookie. Cookie-authenticated
 * mutations must echo the session's CSRF token in a header (double submit), which a
 * cross-site form cannot do.
 *
 * It runs on `onRequest`, before the body is read and before schema validation: an anonymous
 * request to a protected route is `401 unauthenticated` whatever its query or body — a caller
 * without a session learns nothing about a route's parameters. (The cookie plugin's own
 * `onRequest` hook, registered earlier, has parsed the cookies by then.)
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // API routes need a caller unless they say otherwise; other paths (docs, web assets) are public.
    const mode: RouteAuth = request.routeOptions.config?.auth ?? (request.routeOptions.url?.startsWith('/api/v1/') ? 'required' : 'public');
    if (mode === 'public') return;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await resolveApiToken(ctx, authorization.slice(7).trim());
      if (!request.actor) throw new AppError('unauthenticated', { details: { reason: 'invalid_token' } });
      requireTokenScope(request);
      return;
    }
    const cookie = request.cookies?.[sessionCookie];
    if (cookie) {
      const session = await resolveSession(ctx, cookie);
      if (session) {
        if (!safeMethods.has(request.method)) {
          const sent = request.headers[csrfHeader];
          if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) throw new AppError('csrf_failed');
        }
        request.actor = session.actor;
        return;
      }
    }
    if (mode === 'required') throw new AppError('unauthenticated');
  });
}

/** A token's scope narrows what it may do (a `read` token only reads); sessions are not scoped. */
export function requireTokenScope(request: FastifyRequest): void {
  const scope = request.actor?.tokenScope;
  if (!scopeAllows(scope, request.method, request.routeOptions.url)) throw new AppError('token_scope', { details: { scope } });
}

/** The caller, for handlers of routes that require one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}
