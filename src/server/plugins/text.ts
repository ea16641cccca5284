import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isFitText, showUnfit, unfitTextMessage } from '../../shared/fields.js';
import { fieldIssue, invalidFields, type FieldIssue } from '../../shared/issues.js';

/** Deeper than any body of ours (a survey definition is about 6 levels): a deeper one is refused, not recursed into. */
export const maxBodyDepth = 64;

const tooDeep = { zh: `嵌套层级过深（最多 ${maxBodyDepth} 层）`, en: `is nested too deeply (at most ${maxBodyDepth} levels)` };
const badEncoding = { zh: '编码无效（不是正确的 UTF-8 百分号编码）', en: 'is not valid percent-encoded UTF-8' };

/**
 * The boundary for text that reaches a route without passing a zod piece of `fields.ts`: the
 * query string (checked raw, so that invalid percent-encoding is a 400 too), path parameters
 * (codes in /r/c/<code>, tracking numbers), the Idempotency-Key header and the whole body — open JSON (survey answers,
 * policy overrides, workflow action inputs), record keys and HTML form posts. A NUL or a lone
 * surrogate anywhere is `400 validation_failed` naming the field, like the zod pieces say it.
 *
 * It runs as a `preHandler`: after authentication (onRequest) and each route's own checks and
 * validation, so a caller without a session or key still hears 401/403 first, and before any
 * handler can hand the text to the database.
 */
export function registerTextBoundary(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const issue =
      queryIssue(request.url) ??
      valueIssue(request.params, 'params') ??
      // The one header stored as data (a retry's key); other headers are Latin-1 and never stored.
      valueIssue(request.headers['idempotency-key'], 'headers.idempotency-key') ??
      bodyIssue(request);
    if (issue) throw invalidFields(issue);
  });
}

/** The first undecodable or unfit value of a raw query string (`a=%00`, `a=%ED%A0%80`, `a=%ZZ`). */
export function queryIssue(url: string): FieldIssue | null {
  const at = url.indexOf('?');
  if (at < 0) return null;
  for (const pair of url.slice(at + 1).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const key = decode(rawKey);
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const path = `querystring.${showUnfit(key ?? rawKey)}`;
    if (key === null || value === null) return fieldIssue(path, badEncoding);
    if (!isFitText(key) || !isFitText(value)) return fieldIssue(path, unfitTextMessage);
  }
  return null;
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function bodyIssue(request: FastifyRequest): FieldIssue | null {
  const body = request.body;
  // Multipart uploads are streams read by the handler (file names are checked in upload.ts).
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return typeof body === 'string' ? valueIssue(body, 'body') : null;
  return valueIssue(body, 'body');
}

/**
 * The first unfit string (or key) of a parsed value, walked without recursion: a body nested
 * 10,000 levels deep is refused at the limit instead of overflowing the stack.
 */
export function valueIssue(value: unknown, part: string): FieldIssue | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: part, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isFitText(v)) return fieldIssue(path, unfitTextMessage);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxBodyDepth) return fieldIssue(path, tooDeep);
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
    // Pushed in reverse, so the first field of the body is reported first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const childPath = `${path}.${showUnfit(key)}`;
      if (!isFitText(key)) return fieldIssue(childPath, unfitTextMessage);
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}
