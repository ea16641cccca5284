type Tree = { [key: string]: unknown };

/** Deep-merges extra string trees into a locale (later files add keys; they never drop any). */
export function mergeLocales(base: Tree, ...extra: Tree[]): Tree {
  const out: Tree = { ...base };
  for (const e of extra) {
    for (const [k, v] of Object.entries(e)) {
      const cur = out[k];
      out[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur) ? mergeLocales(cur as Tree, v as Tree) : v;
    }
  }
  return out;
}
