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

const loopback = (host: string) => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);

/**
 * Whether a patient's phone can open the codes printed from this request: not when YOUZHI_PUBLIC_URL
 * is unset and the page was opened on this machine's own loopback address (127.0.0.1, localhost) —
 * a QR code for http://127.0.0.1 opens nothing on a phone. The hint says how to fix it.
 */
export function publicUrlCheck(config: AppConfig, req: FastifyRequest): { reachableFromPhones: boolean; hint: { zh: string; en: string } | null } {
  if (config.publicUrl || !loopback(hostNameOf(req.host))) return { reachableFromPhones: true, hint: null };
  return {
    reachableFromPhones: false,
    hint: {
      zh: `本页是用本机地址（${req.host}）打开的，手机扫描这些二维码将无法打开。请在服务器上设置环境变量 YOUZHI_PUBLIC_URL 为手机能访问的地址（如 https://fuwu.example.cn 或 http://192.168.1.10:3000），重启服务后再打印二维码。`,
      en: `This page was opened on this machine's own address (${req.host}): phones cannot open these QR codes. Set YOUZHI_PUBLIC_URL on the server to an address phones can reach (e.g. https://service.example.org or http://192.168.1.10:3000), restart, then print the codes.`,
    },
  };
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
