/**
 * The HTTP client: same-origin fetch with the session cookie, the CSRF header on every
 * non-GET request, and errors turned into `ApiError` carrying the server's bilingual message.
 * Paths come from `paths.ts`.
 */
import type { ApiPath } from './paths';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: Bilingual;
  readonly details: unknown;

  constructor(status: number, code: string, messages: Bilingual, details: unknown) {
    super(messages.en);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messages = messages;
    this.details = details;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** What to do when any request answers 401 (the auth context logs the user out). */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

/** True when the browser holds a session (the readable CSRF cookie is set beside the HttpOnly one). */
export function hasSessionCookie(): boolean {
  return readCookie('yz_csrf') !== null;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** The path with the query's non-empty values (an API path stays one). */
export function withQuery<P extends string>(path: P, query?: Query): P {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return (s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path) as P;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
}

export async function request<T>(method: string, path: ApiPath, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie('yz_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', { zh: '无法连接服务器，请检查网络', en: 'Cannot reach the server; check the network' }, null);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; messages?: Bilingual; message?: string; details?: unknown } } | null)?.error;
    const messages = err?.messages ?? { zh: `请求失败（${res.status}）`, en: `Request failed (${res.status})` };
    const apiError = new ApiError(res.status, err?.code ?? 'http_error', messages, err?.details ?? null);
    // Only a lost session logs out; a wrong current password (invalid_credentials) is a form error.
    if (res.status === 401 && apiError.code === 'unauthenticated') onUnauthenticated?.();
    throw apiError;
  }
  return data as T;
}

export const api = {
  get: <T>(path: ApiPath, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: ApiPath, body?: unknown, query?: Query) => request<T>('POST', path, { body, query }),
  put: <T>(path: ApiPath, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: ApiPath, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: ApiPath, query?: Query) => request<T>('DELETE', path, { query }),
  upload: <T>(path: ApiPath, form: FormData, query?: Query) => request<T>('POST', path, { form, query }),
};

/**
 * Saves a record of a collection: creates it (`record` null) or updates it at the version it was
 * read at (the server refuses a stale one with version_conflict).
 */
export function saveRecord<R>(collection: { list: ApiPath; one: (id: string) => ApiPath }, record: { id: string; version: number } | null, body: object): Promise<R> {
  return record ? api.patch<R>(collection.one(record.id), { ...body, version: record.version }) : api.post<R>(collection.list, body);
}

/** Fetches every page of a list (for exports), up to `max` rows. */
export async function fetchAllPages<T>(path: ApiPath, query: Query, max = 10_000): Promise<T[]> {
  const pageSize = 500;
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const res = await api.get<Page<T>>(path, { ...query, page, pageSize });
    out.push(...res.items);
    if (res.items.length < pageSize || out.length >= res.total || out.length >= max) break;
  }
  return out.slice(0, max);
}
