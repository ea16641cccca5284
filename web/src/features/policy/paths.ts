/** Reading and writing a dotted path in the overrides object (a deep-partial of the pack). */

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Follows `segments` through objects: where it ends, or `reached: false` where a step is not an object. */
function walk(root: unknown, segments: string[]): { reached: boolean; node: unknown } {
  let node: unknown = root;
  for (const s of segments) {
    if (!isObj(node)) return { reached: false, node: undefined };
    node = node[s];
  }
  return { reached: true, node };
}

export function getPath(root: unknown, segments: string[]): unknown {
  return walk(root, segments).node;
}

/** A copy of `root` with `value` at `segments`, creating objects on the way. */
export function withPath(root: Obj, segments: string[], value: unknown): Obj {
  const out: Obj = structuredClone(root);
  let node = out;
  segments.forEach((s, i) => {
    if (i === segments.length - 1) node[s] = value;
    else {
      if (!isObj(node[s])) node[s] = {};
      node = node[s] as Obj;
    }
  });
  return out;
}

/** A copy of `root` without `segments`, pruning objects left empty. */
export function withoutPath(root: Obj, segments: string[]): Obj {
  const out: Obj = structuredClone(root);
  const prune = (node: Obj, i: number): boolean => {
    const s = segments[i];
    if (i === segments.length - 1) delete node[s];
    else if (isObj(node[s]) && prune(node[s] as Obj, i + 1)) delete node[s];
    return Object.keys(node).length === 0;
  };
  prune(out, 0);
  return out;
}

/** True when the pack reaches `segments` through objects only (arrays cannot be overridden piecewise). */
export function reachableThroughObjects(pack: unknown, segments: string[]): boolean {
  return walk(pack, segments).reached;
}
