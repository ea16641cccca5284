/** JSON stored as text: parse defensively at the repository boundary. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text == null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Stable key order, so hashes of the same value are the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * The value with every object's keys in order (JSON leaves out what is undefined). A copy is made
 * only where one differs: a plain object already in key order is serialised as it stands — the
 * deadline sweep audits a thousand firings a batch, each built in order, and copying and sorting
 * them was a tenth of what the burst allocated.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = sortKeys(value[i]);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return out ?? value;
  }
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const proto = Object.getPrototypeOf(record);
  // Anything but a plain object (a Date, a Map) goes through the copy, as it always has.
  let inOrder = proto === Object.prototype || proto === null;
  for (let i = 1; inOrder && i < keys.length; i++) inOrder = keys[i - 1] < keys[i];
  if (!inOrder) keys.sort();
  let out: Record<string, unknown> | null = inOrder ? null : {};
  for (let i = 0; i < keys.length; i++) {
    const v = record[keys[i]];
    if (v === undefined) continue;
    const sorted = sortKeys(v);
    if (out === null && sorted !== v) {
      // The first member that differs: the members before it go into the copy as they are.
      out = {};
      for (let j = 0; j < i; j++) if (record[keys[j]] !== undefined) out[keys[j]] = record[keys[j]];
    }
    if (out !== null) out[keys[i]] = sorted;
  }
  return out ?? value;
}
