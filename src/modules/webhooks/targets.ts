import net from 'node:net';
import dns from 'node:dns';
import { AppError } from '../../shared/errors.js';

/**
 * Where a webhook may post (SSRF): http or https only, no credentials in the URL, and only to
 * public addresses — loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast
 * and reserved ranges are refused unless the installation's allow-list (YOUZHI_WEBHOOK_ALLOW:
 * host names, addresses or CIDR ranges) names them. The check runs when a subscription is saved
 * (literal addresses, `localhost`) and again on every connection, on the addresses the name
 * resolves to at that moment (a name that later resolves inwards is refused then).
 */

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) blocked.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) blocked.addSubnet(prefix, bits, 'ipv6');

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:10.0.0.1), else the address itself. */
function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1] : address;
}

export function isPublicAddress(address: string): boolean {
  const a = unmapped(address);
  const family = net.isIP(a);
  if (family === 0) return false;
  return !blocked.check(a, family === 4 ? 'ipv4' : 'ipv6');
}

/** The allow-list as a matcher of a host name and the address it resolved to. */
export function allowListOf(entries: readonly string[]) {
  const names = new Set<string>();
  const ranges = new net.BlockList();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase().replace(/^\[|\]$/g, '');
    const slash = entry.indexOf('/');
    if (slash > 0 && net.isIP(entry.slice(0, slash))) {
      const ip = entry.slice(0, slash);
      ranges.addSubnet(ip, Number(entry.slice(slash + 1)), net.isIP(ip) === 4 ? 'ipv4' : 'ipv6');
    } else if (net.isIP(entry)) ranges.addAddress(entry, net.isIP(entry) === 4 ? 'ipv4' : 'ipv6');
    else if (entry) names.add(entry);
  }
  return {
    allowsName: (host: string) => names.has(host.toLowerCase()),
    allowsAddress: (address: string) => {
      const a = unmapped(address);
      const family = net.isIP(a);
      return family !== 0 && ranges.check(a, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** The host of a URL as compared and resolved (lower case, IPv6 without brackets). */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

/** A subscription's URL, checked when it is saved: 400 webhook_url_invalid / webhook_target_not_allowed. */
export function checkWebhookUrl(value: string, allowList: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new AppError('webhook_url_invalid', { details: { field: 'url' } });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || !url.hostname) {
    throw new AppError('webhook_url_invalid', { details: { field: 'url' } });
  }
  const host = hostOf(url);
  const allow = allowListOf(allowList);
  if (!allow.allowsName(host)) {
    const literal = net.isIP(host) !== 0;
    const local = host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || !host.includes('.');
    if ((literal && !isPublicAddress(host) && !allow.allowsAddress(host)) || (!literal && local)) {
      throw new AppError('webhook_target_not_allowed', { details: { field: 'url', host } });
    }
  }
  url.hash = '';
  return url.toString();
}

export class TargetNotAllowedError extends Error {
  readonly code = 'webhook_target_not_allowed';
}

/** Whether a connection to `address` (resolved from `host`) is allowed. */
export function addressAllowed(host: string, address: string, allowList: readonly string[]): boolean {
  const allow = allowListOf(allowList);
  return allow.allowsName(host) || allow.allowsAddress(address) || isPublicAddress(address);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that resolves the name and refuses it when any of its addresses is
 * not allowed: the check and the connection use the same answer (no DNS rebinding in between).
 */
export function guardedLookup(allowList: readonly string[]) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as dns.LookupAddress[];
      const refused = list.find((a) => !addressAllowed(hostname.toLowerCase(), a.address, allowList));
      if (refused || list.length === 0) return callback(new TargetNotAllowedError(`${hostname} resolves to ${refused?.address ?? 'nothing'}, which webhooks may not reach`), []);
      if (options.all) return callback(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
}
