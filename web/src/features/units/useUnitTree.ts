import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import type { UnitNode } from '../../app/types';

export interface TreeOption {
  value: string;
  title: string;
  key: string;
  children: TreeOption[];
}

/** The caller's unit tree, with a lookup by id and options for a TreeSelect. */
export function useUnitTree(enabled = true) {
  const query = useQuery({
    queryKey: ['units', 'tree'],
    queryFn: () => api.get<{ items: UnitNode[] }>(paths.units.tree),
    enabled,
  });
  const { byId, options } = useMemo(() => {
    const byId = new Map<string, UnitNode>();
    const toOption = (n: UnitNode): TreeOption => {
      byId.set(n.id, n);
      return { value: n.id, key: n.id, title: `${n.name}（${n.code}）`, children: sortNodes(n.children).map(toOption) };
    };
    const options = sortNodes(query.data?.items ?? []).map(toOption);
    return { byId, options };
  }, [query.data]);
  return { query, roots: sortNodes(query.data?.items ?? []), byId, options };
}

export function sortNodes(nodes: UnitNode[]): UnitNode[] {
  return [...nodes].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
}

/** The units of a tree in display order (depth first, by sort order then code). */
export function flattenTree(roots: UnitNode[]): UnitNode[] {
  const out: UnitNode[] = [];
  const walk = (nodes: UnitNode[]) => {
    for (const n of sortNodes(nodes)) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  return out;
}

/** Units that face the public (windows, outlets); when the scope has none, every unit but the root. */
export function servingUnits(roots: UnitNode[]): UnitNode[] {
  const all = flattenTree(roots);
  const windows = all.filter((u) => u.kind === 'window' || u.kind === 'outlet');
  return windows.length ? windows : all.filter((u) => u.kind !== 'organisation');
}
