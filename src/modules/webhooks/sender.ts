import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { addressAllowed, guardedLookup, hostOf, TargetNotAllowedError } from './targets.js';

export interface SendResult {
  /** The receiver's HTTP status, or null when no answer came (refused, timed out, not allowed). */
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** The target may not be reached at all: retrying will not help. */
  notAllowed?: boolean;
}

const MAX_BODY_KEPT = 300;

/**
 * One POST of a signed webhook body. Redirects are not followed (a 3xx is a failed attempt), the
 * connection goes only to allowed addresses (targets.ts), and the answer must come within `timeoutMs`.
 */
export function postWebhook(options: { url: string; headers: Record<string, string>; body: string; timeoutMs: number; allowList: readonly string[] }): Promise<SendResult> {
  const started = Date.now();
  const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({ ...r, durationMs: Date.now() - started });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      return resolve(done({ statusCode: null, error: 'invalid URL', notAllowed: true }));
    }
    const host = hostOf(url);
    // A literal address is connected to without a lookup: check it here.
    if (net.isIP(host) && !addressAllowed(host, host, options.allowList)) {
      return resolve(done({ statusCode: null, error: `${host} is not an address webhooks may reach`, notAllowed: true }));
    }
    const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
    if (!client) return resolve(done({ statusCode: null, error: 'not an http(s) URL', notAllowed: true }));
    const body = Buffer.from(options.body, 'utf8');
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(body.length) },
        lookup: guardedLookup(options.allowList) as never,
        timeout: options.timeoutMs,
        agent: false,
      },
      (res) => {
        let kept = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (kept.length < MAX_BODY_KEPT) kept += chunk.slice(0, MAX_BODY_KEPT - kept.length);
        });
        res.on('end', () => {
          const code = res.statusCode ?? 0;
          resolve(done({ statusCode: code, error: code >= 200 && code < 300 ? null : `HTTP ${code}${kept ? `: ${kept.trim()}` : ''}` }));
        });
        res.on('error', (e) => resolve(done({ statusCode: res.statusCode ?? null, error: e.message })));
      },
    );
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (e) => {
      clearTimeout(deadline);
      resolve(done({ statusCode: null, error: e.message, notAllowed: e instanceof TargetNotAllowedError }));
    });
    req.on('close', () => clearTimeout(deadline));
    req.end(body);
  });
}
