import type { TokenScope } from '../../shared/access.js';

const readMethods = new Set(['GET', 'HEAD']);

/**
 * Whether an API token of `scope` may make this request (`route` is the route's template, e.g.
 * /open311/v2/requests.:format). The user's role is checked by the services as for any caller:
 * a scope only narrows what the token can do, never widens it.
 */
export function scopeAllows(scope: TokenScope | undefined, method: string, route: string | undefined): boolean {
  if (scope === undefined || scope === 'full') return true;
  if (scope === 'read') return readMethods.has(method);
  // open311: the GeoReport intake — file requests and read them back, nothing else.
  return (route ?? '').startsWith('/open311/') && (readMethods.has(method) || method === 'POST');
}
