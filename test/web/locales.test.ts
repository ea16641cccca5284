import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeLocales } from '../../web/src/locales/merge.js';
import { caseTypes } from '../../src/modules/case-types.js';

const dir = path.resolve(import.meta.dirname, '../../web/src/locales');
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Record<string, unknown>;
// Every locale file of the web app: the base one first, then each module's (as web/src/locales/index.ts merges them).
const bundle = (language: 'zh-CN' | 'en') => mergeLocales(read(`${language}.json`), ...fs.readdirSync(dir).filter((f) => f.endsWith(`.${language}.json`)).sort().map(read));
const zh = bundle('zh-CN');
const en = bundle('en');

function keys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('locales', () => {
  it('Chinese and English have the same keys', () => {
    const zhKeys = new Set(keys(zh));
    const enKeys = new Set(keys(en));
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('every literal t() key of the administration screens exists', () => {
    const features = ['policy', 'calendar', 'units', 'staff', 'users', 'tokens', 'webhooks', 'audit', 'home', 'login', 'inspections', 'incidents', 'sanctions'];
    const files = [...features.map((f) => path.resolve(dir, '../features', f)), path.resolve(dir, '../app')].flatMap((d) =>
      fs.readdirSync(d).filter((n) => n.endsWith('.tsx') || n.endsWith('.ts')).map((n) => path.join(d, n)),
    );
    const all = new Set(keys(zh));
    const missing: string[] = [];
    let found = 0;
    for (const file of files) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g)) {
        const key = m[1];
        found++;
        // A key may name a subtree used with interpolation (t('x.y', { … }) on a leaf is the common case).
        if (!all.has(key) && ![...all].some((k) => k.startsWith(`${key}.`))) missing.push(`${path.basename(file)}: ${key}`);
      }
    }
    expect(found).toBeGreaterThan(200);
    expect(missing).toEqual([]);
  });

  it('every case type has a name in both languages (case lists, the desk and the audit log show it)', () => {
    const named = (tree: Record<string, unknown>) => (tree.cases as { types: Record<string, string> }).types;
    for (const { type } of caseTypes) {
      expect(named(zh)[type], `zh-CN cases.types.${type}`).toMatch(/\p{Script=Han}/u);
      expect(named(en)[type], `en cases.types.${type}`).toMatch(/^[A-Z]/);
    }
    expect(caseTypes.map((c) => c.type)).toEqual(expect.arrayContaining(['follow_up', 'repair']));
  });
});
