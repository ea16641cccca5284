/**
 * The phone's outbox (issue 14 item 4): every submitted inspection is queued in IndexedDB first,
 * with the idempotency key made when the form was opened, then sent. Sync runs on submit, on the
 * `online` event and when the app starts; an entry leaves the outbox only once the server has
 * answered 201 or 200 (the same key again: the first result) — so a retry after a lost answer
 * stores nothing twice. A refusal (400…) stays in the outbox with the server's message.
 */
import { useSyncExternalStore } from 'react';
import { api, hasSessionCookie, isApiError, type Bilingual } from '../../app/api';
import { store } from './idb';
import { paths } from '../../app/paths';
import type { InspectionBody, ScoreResponse } from './model';

export interface OutboxEntry {
  key: string;
  /** Who filled it: another user logged in on the same phone does not send it. */
  userId: string;
  body: InspectionBody & { idempotencyKey: string };
  /** For the list of waiting entries: template and unit as the inspector saw them. */
  title: string;
  queuedAt: string;
  /** The server refused it (not a network problem): kept until the inspector discards it. */
  refused?: Bilingual;
}

let entries: OutboxEntry[] = [];
let loaded = false;
const listeners = new Set<() => void>();

function publish(next: OutboxEntry[]): void {
  entries = next;
  loaded = true;
  for (const l of listeners) l();
}

async function reload(): Promise<OutboxEntry[]> {
  const all = await store.all<OutboxEntry>();
  all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  publish(all);
  return all;
}

export async function enqueue(entry: OutboxEntry): Promise<void> {
  await store.put(entry);
  await reload();
}

export async function discard(key: string): Promise<void> {
  await store.remove(key);
  await reload();
}

export interface SyncOutcome {
  sent: { key: string; result: ScoreResponse }[];
  refused: string[];
  /** The network failed: the rest waits for the next try. */
  offline: boolean;
}

let running: Promise<SyncOutcome> | null = null;

/**
 * Sends the user's waiting inspections, one at a time. Only one sync runs at once: a second call
 * while one runs gets the same outcome. `retryRefused` sends the refused ones again too.
 */
export function syncOutbox(userId: string, options: { retryRefused?: boolean } = {}): Promise<SyncOutcome> {
  running ??= (async () => {
    const outcome: SyncOutcome = { sent: [], refused: [], offline: false };
    try {
      if (!hasSessionCookie()) return outcome;
      for (const entry of await reload()) {
        if (entry.userId !== userId || (entry.refused && !options.retryRefused)) continue;
        try {
          const result = await api.post<ScoreResponse>(paths.inspections.list, entry.body);
          await store.remove(entry.key);
          outcome.sent.push({ key: entry.key, result });
        } catch (e) {
          if (isApiError(e) && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429) {
            await store.put({ ...entry, refused: e.messages });
            outcome.refused.push(entry.key);
          } else {
            outcome.offline = true;
            break;
          }
        }
      }
      await reload();
      return outcome;
    } finally {
      running = null;
    }
  })();
  return running;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!loaded) void reload().catch(() => publish([]));
  return () => listeners.delete(listener);
}

/** The outbox as it is now (re-renders on every change). */
export function useOutbox(): OutboxEntry[] {
  return useSyncExternalStore(subscribe, () => entries);
}

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** navigator.onLine, following the online/offline events. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}
