import { useCallback, useEffect, useState } from 'react';

/** The inbox filters; also the query string of /cases, so a link can open a filtered inbox. */
export interface CaseFilters {
  type?: string;
  status?: string;
  unitId?: string;
  overdue?: string;
  mine?: string;
  q?: string;
}

export const filterKeys = ['type', 'status', 'unitId', 'overdue', 'mine', 'q'] as const;

export interface SavedView {
  id: string;
  name: string;
  filters: CaseFilters;
}

const keyOf = (userId: string) => `youzhi.caseViews.${userId}`;

function read(userId: string): SavedView[] {
  try {
    const raw = localStorage.getItem(keyOf(userId));
    const parsed = raw ? (JSON.parse(raw) as unknown) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((v): v is SavedView => !!v && typeof v.id === 'string' && typeof v.name === 'string' && typeof v.filters === 'object');
  } catch {
    return [];
  }
}

export function cleanFilters(f: CaseFilters): CaseFilters {
  const out: CaseFilters = {};
  for (const k of filterKeys) {
    const v = f[k]?.trim();
    if (v) out[k] = v;
  }
  return out;
}

export function sameFilters(a: CaseFilters, b: CaseFilters): boolean {
  const x = cleanFilters(a);
  const y = cleanFilters(b);
  return filterKeys.every((k) => (x[k] ?? '') === (y[k] ?? ''));
}

/** Named filter sets ("我的超期投诉"), kept in this browser per user. */
export function useSavedViews(userId: string) {
  const [views, setViews] = useState<SavedView[]>(() => read(userId));
  useEffect(() => setViews(read(userId)), [userId]);
  const persist = useCallback(
    (next: SavedView[]) => {
      setViews(next);
      try {
        localStorage.setItem(keyOf(userId), JSON.stringify(next));
      } catch {
        // storage unavailable (private mode): the views last for this visit only
      }
    },
    [userId],
  );
  const save = useCallback(
    (name: string, filters: CaseFilters) => {
      const trimmed = name.trim();
      const existing = views.find((v) => v.name === trimmed);
      const view: SavedView = { id: existing?.id ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, name: trimmed, filters: cleanFilters(filters) };
      persist(existing ? views.map((v) => (v.id === existing.id ? view : v)) : [...views, view]);
      return view;
    },
    [views, persist],
  );
  const remove = useCallback((id: string) => persist(views.filter((v) => v.id !== id)), [views, persist]);
  return { views, save, remove };
}
