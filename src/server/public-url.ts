import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config.js';

/**
 * Where a patient's phone reaches the public pages: YOUZHI_PUBLIC_URL when set (a QR sheet printed
 * from an intranet address must still open outside), else what the caller asked for (`base`),
 * else the request's own origin. No trailing slash.
 */
export function publicBase(config: AppConfig, req: FastifyRequest, requested?: string): string {
  if (config.publicUrl) return config.publicUrl;
  return (requested ? new URL(requested).origin : `${req.protocol}://${req.host}`).replace(/\/+$/, '');
}

/** A public page's path ('/r/…', '/s/…') under the public base; the base may carry a path prefix. */
export function publicLink(base: string, path: string): string {
  return `${base}${path}`;
}
