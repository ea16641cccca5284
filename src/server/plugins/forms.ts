import type { FastifyInstance } from 'fastify';

/** A posted HTML form: a field sent several times (checkboxes) becomes a list. */
export type FormBody = Record<string, string | string[]>;

/** Lets plain HTML forms post to the routes of this (encapsulated) scope. */
export function acceptHtmlForms(app: FastifyInstance, bodyLimit = 64 * 1024): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    const out: FormBody = {};
    for (const [k, v] of new URLSearchParams(body as string)) out[k] = k in out ? ([] as string[]).concat(out[k], v) : v;
    done(null, out);
  });
}

/** The first value of a form field. */
export function formValue(form: FormBody, key: string): string | undefined {
  const v = form[key];
  return Array.isArray(v) ? v[0] : v;
}
