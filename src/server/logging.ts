import type { FastifyReply, FastifyRequest } from 'fastify';

const hidden = '[redacted]';

/** Query parameters that open something: Open311 keys, complaint query codes, tokens. */
const secretParams = new Set(['api_key', 'apikey', 'key', 'code', 'token', 'access_token', 'password', 'secret', 'signature', 'sig']);

/** Public pages whose last path segment is the secret: /r/<token>, /r/c/<code>, /s/<code>, /s/t/<token>. */
const secretPaths = /^(\/r\/c\/|\/r\/|\/s\/t\/|\/s\/)[^/?#]+/;

/** A request URL as it may be logged: the secrets in its path and query replaced. */
export function scrubUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q)).replace(secretPaths, `$1${hidden}`);
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeOrKeep(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
      return eq >= 0 && secretParams.has(name) ? `${pair.slice(0, eq)}=${hidden}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

function decodeOrKeep(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The request logger's options: Fastify's request line with the URL scrubbed, and pino redaction
 * of credentials wherever a handler logs headers (Authorization, cookies, API keys, CSRF tokens).
 */
export function loggerOptions(logger: boolean | object | undefined): false | object {
  if (!logger) return false;
  return {
    ...(typeof logger === 'object' ? logger : {}),
    redact: {
      censor: hidden,
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
        'headers["x-api-key"]',
        '*.password',
        '*.api_key',
        '*.token',
      ],
    },
    // Fastify's request and reply become their request line and status; anything else logged
    // under `req`/`res` is kept, for the redaction above to apply.
    serializers: {
      req: (req: FastifyRequest | object) =>
        'raw' in req && typeof req.url === 'string' ? { method: req.method, url: scrubUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort } : req,
      res: (res: FastifyReply | object) => ('raw' in res && 'statusCode' in res ? { statusCode: res.statusCode } : res),
    },
  };
}
