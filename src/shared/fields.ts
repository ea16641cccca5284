/**
 * The one home of the zod pieces the schemas share: text, codes, phone numbers, ids, versions,
 * dates, months, instants and date ranges. A module's schema builds on these instead of writing
 * its own regex; the messages are the plain-English hints `src/shared/issues.ts` words in Chinese
 * and English (`validation_failed` details), so a new piece adds its wording there.
 */
import { z } from 'zod';
import type { Bilingual } from './errors.js';
import { fieldIssue, invalidFields } from './issues.js';

/** A refinement's message in both languages: `.refine(check, { ...says('中文', 'English'), path })`. */
export const says = (zh: string, en: string) => ({ message: en, params: { zh } });

// --- Text ------------------------------------------------------------------------------------

/**
 * A NUL, or half of a surrogate pair: PostgreSQL refuses the one in text and JSON (a 500 if it got
 * that far), SQLite stores the other as invalid UTF-8, and an export or a browser chokes on both.
 */
const unfitText = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether text may be stored: no NUL and no lone surrogate (emoji, CJK extensions and \t are fine). */
export const isFitText = (s: string) => !unfitText.test(s);

/** Text with each unfit character shown as U+FFFD (to name a field whose key holds one). */
export const showUnfit = (s: string) => s.replace(new RegExp(unfitText.source, 'g'), '\uFFFD');

/** What a field holding such text is told (validation_failed details). */
export const unfitTextMessage: Bilingual = { zh: '不能包含空字符或无效的 Unicode 字符', en: 'must not contain NUL or invalid Unicode' };

/**
 * Every string from outside starts here, untrimmed: what no field may hold at all (NUL, lone
 * surrogates) is refused in this one place, and every piece below inherits it. Text that reaches
 * a route without a piece (open JSON, queries, paths, HTML forms) meets the same check in
 * `src/server/plugins/text.ts`.
 */
export const str = (params?: Parameters<typeof z.string>[0]) => z.string(params).refine(isFitText, says(unfitTextMessage.zh, unfitTextMessage.en));

/** Trimmed text of `min`…`max` characters; by default it must not be empty. */
export const text = (max: number, min = 1) => str().trim().min(min).max(max);

/** Trimmed text of at most `max` characters that may be empty (notes, remarks, optional names). */
export const freeText = (max: number) => str().trim().max(max);

// --- Codes and contacts ----------------------------------------------------------------------

const codePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A code people type and print (unit code, badge number, material code, username): letters, digits, . _ - */
export const code = (max = 40, min = 1) => text(max, min).regex(codePattern, 'letters, digits, . _ -');

/** An organisation's code as it appears in public URLs: lower-case letters, digits and -. */
export const orgCode = text(40, 2).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and -');

/** An organisation code in a public path: any short string, an unknown one is simply not found (404). */
export const orgCodeParams = z.object({ orgCode: str().min(2).max(40) });

/**
 * A phone number as people write it: a mobile (11 digits), a landline with its area code
 * (0510-80001234, (0510) 8000 1234), an extension or a short hotline (12345, 95588).
 */
export const phone = str().trim().regex(/^[0-9+\-() ]{5,20}$/, 'a phone number');

export const email = (max = 100) => z.email().max(max);

// --- Ids and versions ------------------------------------------------------------------------

/** A record id (UUID v7, as `newId` makes them). */
export const id = z.uuid();
export const idParams = z.object({ id });

/** The version a client read: an edit or action on a stale version is `409 version_conflict`. */
export const version = z.number().int().min(1);
export const versionQuery = z.object({ version: z.coerce.number().int().min(1) });

/** Every workflow action body carries the version it read, plus the action's own fields. */
export const actionBody = z.looseObject({ version });

/** The Idempotency-Key header a public form may send so that a retry stores nothing twice. */
export const idempotencyHeaders = z.object({ 'idempotency-key': str().min(8).max(100).optional() });

// --- Dates and times -------------------------------------------------------------------------

/** A civil date `YYYY-MM-DD` that exists (2026-02-30 does not). */
export const civilDate = z.iso.date();

/**
 * A `YYYY-MM-DD` of the right shape, whose existence the calendar engine judges: the calendar API
 * answers an impossible date with its own `400 invalid_date`.
 */
export const civilDateShape = str().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** A calendar month `YYYY-MM` (1900–2199). */
export const month = str().regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, 'YYYY-MM');

/** An instant with its offset, ISO 8601: 2026-10-09T09:30:00+08:00. */
export const instant = z.iso.datetime({ offset: true });

/**
 * The refinement of a range whose `start` is not after its `end` (dates or instants as ISO
 * strings, which order as text), reported at `at`: `schema.refine(...inOrder('from', 'to'))`.
 */
export function inOrder<S extends string, E extends string>(start: S, end: E, options: { at?: S | E; message?: Bilingual } = {}) {
  const message = options.message ?? { en: `${start} must not be after ${end}`, zh: `${start} 不能晚于 ${end}` };
  const check = (v: { [K in S | E]?: string | null }) => !v[start] || !v[end] || v[start]! <= v[end]!;
  const issue: { message: string; params: { zh: string }; path: PropertyKey[] } = { ...says(message.zh, message.en), path: [options.at ?? start] };
  return [check, issue] as [typeof check, typeof issue];
}

/** "from not after to", the range of every report and list: `schema.refine(...fromNotAfterTo)`. */
export const fromNotAfterTo = inOrder('from', 'to', { message: { en: 'from must not be after to', zh: '开始日期不能晚于结束日期' } });

// --- Checks that need the clock or the database (services) -----------------------------------

/** How far ahead of the server's clock a reported time may be (a counter PC's clock running fast). */
const clockSkewMs = 60_000;

/** A reported time (when a complaint was received, …) must not be in the future. */
export function requireNotInFuture(at: number, now: number, path: string): void {
  if (at > now + clockSkewMs) throw invalidFields(fieldIssue(path, { zh: '不能晚于当前时间', en: 'must not be in the future' }));
}

/** The service-level twin of `fromNotAfterTo`, for ranges a service receives from other callers. */
export function requireInOrder(from: string, to: string, path: string): void {
  if (from > to) throw invalidFields(fieldIssue(path, { zh: '开始日期不能晚于结束日期', en: 'from must not be after to' }));
}
