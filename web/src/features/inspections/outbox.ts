/**
 * The phone's outbox (issue 14 item 4): every submitted inspection is queued in IndexedDB first,
 * with the idempotency key made when the form was opened and its evidence photos, then sent. Sync runs on submit, on the
 * `online` event and when the app starts; an entry leaves the outbox only once the server has
 * answered 201 or 200 (the same key again: the first result) — so a retry after a lost answer
 * stores nothing twice. A refusal (400…) stays in the outbox with the server's message.
 */
import { useSyncExternalStore } from 'react';
import { api, hasSessionCookie, isApiError, type ApiError, type Bilingual } from '../../app/api';
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
  /** Evidence photos still to attach to the findings' rectification cases. */
  photos?: { item: string; name: string; blob: Blob }[];
  /** The server's answer, once the inspection itself is stored (its photos may still wait). */
  sent?: ScoreResponse;
}

/** The server said no (a 4xx other than a lost session, a timeout or a rate limit): retrying will not help. */
function isRefusal(e: unknown): e is ApiError {
  return isApiError(e) && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429;
}

/**
 * Sends one entry: the inspection (unless already stored), then its photos onto the findings'
 * rectification cases (a photo of an item without a finding has no case and is dropped). The
 * stored entry follows each step, so a failure resumes where it stopped.
 */
async function sendEntry(entry: OutboxEntry, onStored: (result: ScoreResponse) => void): Promise<void> {
  let current = entry;
  const save = async (next: OutboxEntry) => {
    current = next;
    await store.put(next);
  };
  try {
    if (!current.sent) {
      const sent = await api.post<ScoreResponse>(paths.inspections.list, current.body);
      onStored(sent);
      await save({ ...current, sent, refused: undefined });
    }
    for (const photo of current.photos ?? []) {
      const caseId = current.sent!.findings?.find((f) => f.item === photo.item && f.caseId)?.caseId;
      if (caseId) {
        const form = new FormData();
        form.append('file', photo.blob, photo.name);
        await api.upload(paths.cases.attachments(caseId), form);
      }
      await save({ ...current, photos: (current.photos ?? []).filter((p) => p !== photo) });
    }
    await store.remove(current.key);
  } catch (e) {
    if (isRefusal(e)) {
      await store.put({ ...current, refused: e.messages });
    }
    throw e;
  }
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
          await sendEntry(entry, (result) => outcome.sent.push({ key: entry.key, result }));
        } catch (e) {
          if (isRefusal(e)) {
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
