import { mergeLocales } from './merge';

type Tree = { [key: string]: unknown };

// Every module's strings live in <module>.<language>.json beside the base file: adding a file
// adds its strings, with no list to edit (test/web/locales.test.ts merges them the same way).
const files = import.meta.glob<Tree>('./*.json', { eager: true, import: 'default' });

function bundle(language: 'zh-CN' | 'en'): Tree {
  const extras = Object.keys(files)
    .filter((name) => name.endsWith(`.${language}.json`))
    .sort()
    .map((name) => files[name]);
  return mergeLocales(files[`./${language}.json`], ...extras);
}

export const localeBundles = { 'zh-CN': bundle('zh-CN'), en: bundle('en') };
