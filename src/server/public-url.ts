import os from 'node:os';
import type { FastifyRequest } from 'fastify';
import { hostNameOf, type AppConfig } from '../config.js';
import { AppError } from '../shared/errors.js';

/**
 * Where a patient's phone reaches the public pages: YOUZHI_PUBLIC_URL when set (a QR sheet printed
 * from an intranet address must still open outside), else the request's own origin — but only when
 * its host is one of the installation's (loopback, the machine's addresses, YOUZHI_ALLOWED_HOSTS):
 * a forged Host header must not print codes that open someone else's site. `requested` (`?base=`)
 * may only name that same address. No trailing slash.
 */
export function publicBase(config: AppConfig, req: FastifyRequest, requested?: string): string {
  const base = config.publicUrl ?? ownOrigin(config, req);
  if (requested && new URL(requested).origin !== new URL(base).origin) {
    throw new AppError('public_url_not_allowed', { details: { requested: new URL(requested).origin, publicUrl: base } });
  }
  return base;
}

function ownOrigin(config: AppConfig, req: FastifyRequest): string {
  const host = hostNameOf(req.host);
  if (!installationHosts().has(host) && !config.allowedHosts.includes(host)) {
    throw new AppError('public_url_not_allowed', { details: { host: req.host, reason: 'set YOUZHI_PUBLIC_URL (or list the host in YOUZHI_ALLOWED_HOSTS)' } });
  }
  return `${req.protocol}://${req.host.toLowerCase()}`;
}

let ownHosts: Set<string> | null = null;

/** Loopback names and the addresses of this machine's network interfaces (read once). */
function installationHosts(): Set<string> {
  if (!ownHosts) {
    const addresses = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address.toLowerCase()));
    ownHosts = new Set(['localhost', '127.0.0.1', '::1', os.hostname().toLowerCase(), ...addresses]);
  }
  return ownHosts;
}

/** A public page's path ('/r/…', '/s/…') under the public base; the base may carry a path prefix. */
export function publicLink(base: string, path: string): string {
  return `${base}${path}`;
}
