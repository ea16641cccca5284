// The dependency rules of the tree, checked on every `npm test` (`npm run deps`).
//
// Every import in src/ and web/src (static, type-only, re-exports, `import()` and `import('…')`
// types, `require`) is read with the TypeScript compiler API and resolved with TypeScript's own
// module resolution (NodeNext for src/, bundler for web/src), then checked against the rules below.
// Writes to tables (Kysely `insertInto`/`updateTable`/`deleteFrom`/`replaceInto`/`mergeInto` and raw
// `insert into`/`update … set`/`delete from` in sql`…` templates and in SQL handed to a driver's
// prepare/exec/query) are read from the same syntax trees.
// Test files (*.test.ts) are not checked: a test may reach into anything it tests.
//
//   engine-imports         src/engines/** imports only src/engines/** and node builtins
//   module-public-surface  src/modules/A imports src/modules/B only through B/service.ts or B/index.ts
//   foreign-repository     no file outside src/modules/B imports B/repository.ts or B/*-repository.ts
//   table-writer           a table is written by one module only, and only from its repository files
//   routes-no-sql          a routes.ts file imports neither kysely nor src/db and builds no query
//   web-imports-src        web/src never imports src/
//   shared-imports-module  src/shared, src/db and src/policy never import src/modules (nor the server,
//                          jobs, CLI or demo above them)
//   module-cycle           the module graph (src/modules/<m> → src/modules/<n>) has no cycle
//   unresolved-import      a relative import that resolves to no file
//
// Usage: tsx scripts/check-deps.ts [--graph] [--root <dir>]   (exit 1, one line per violation, when any rule fails)
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export type RuleName =
  | 'engine-imports'
  | 'module-public-surface'
  | 'foreign-repository'
  | 'table-writer'
  | 'routes-no-sql'
  | 'web-imports-src'
  | 'shared-imports-module'
  | 'module-cycle'
  | 'unresolved-import';

export interface Violation {
  /** Path relative to the root, with forward slashes. */
  file: string;
  line: number;
  rule: RuleName;
  message: string;
}

export interface ImportEdge {
  from: string;
  line: number;
  specifier: string;
  /** `local`: `to` is a file under the root; `builtin`: a node builtin; `package`: a bare specifier. */
  kind: 'local' | 'builtin' | 'package' | 'unresolved';
  to?: string;
}

export interface TableWrite {
  file: string;
  line: number;
  table: string;
}

export interface CheckOptions {
  root: string;
  /** Files to add or replace (path relative to root → text), or to remove (→ null). For tests. */
  overlay?: Record<string, string | null>;
}

export interface CheckResult {
  violations: Violation[];
  files: string[];
  imports: ImportEdge[];
  writes: TableWrite[];
  /** module → modules it imports */
  moduleGraph: Map<string, Set<string>>;
}

const SOURCE_ROOTS = ['src', 'web/src'];
const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;
const SKIPPED_FILE = /(\.test\.tsx?|\.d\.ts)$/;
const WRITE_METHODS = new Set(['insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
const QUERY_METHODS = new Set([...WRITE_METHODS, 'selectFrom', 'transaction', 'executeQuery']);
/** Writes in SQL text: insert into t, replace into t, delete from t, update t set (not `do update set`). */
const RAW_WRITES = [/\b(?:insert|replace)\s+into\s+"?([a-z_][a-z0-9_]*)"?/gi, /\bdelete\s+from\s+"?([a-z_][a-z0-9_]*)"?/gi, /(?<!\bdo\s+)\bupdate\s+"?([a-z_][a-z0-9_]*)"?\s+set\b/gi];
/** Calls whose arguments are SQL text (drivers and Kysely's raw escape hatches). */
const SQL_TEXT_CALLS = new Set(['prepare', 'exec', 'query', 'raw', 'unsafe']);

const srcOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  resolveJsonModule: true,
  allowJs: true,
};
const webOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  resolveJsonModule: true,
  jsx: ts.JsxEmit.ReactJSX,
  allowJs: true,
};

const toPosix = (p: string) => p.split(path.sep).join('/');

function listFiles(root: string, overlay: Record<string, string | null>): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(rel);
      } else if (SOURCE_FILE.test(entry.name) && !SKIPPED_FILE.test(entry.name)) {
        found.add(rel);
      }
    }
  };
  for (const dir of SOURCE_ROOTS) walk(dir);
  for (const [rel, text] of Object.entries(overlay)) {
    const file = toPosix(rel);
    if (text === null) found.delete(file);
    else if (SOURCE_FILE.test(file) && !SKIPPED_FILE.test(file) && SOURCE_ROOTS.some((r) => file.startsWith(`${r}/`))) found.add(file);
  }
  return [...found].sort();
}

/** What a file is, for the rules: its module (src/modules/<m>) and its role in that module. */
export function describe(file: string) {
  const moduleMatch = /^src\/modules\/([^/]+)\/(.+)$/.exec(file);
  const base = path.posix.basename(file);
  return {
    engine: file.startsWith('src/engines/'),
    /** What modules build on: it may not import them. */
    foundation: /^src\/(shared|db|policy)\//.test(file),
    /** Modules and what assembles them. */
    upper: /^src\/(modules|server|jobs|cli|demo)\//.test(file) || file === 'src/bootstrap.ts',
    web: file.startsWith('web/'),
    src: file.startsWith('src/'),
    module: moduleMatch?.[1],
    inModule: moduleMatch?.[2],
    repository: moduleMatch !== null && /^(.+-)?repository\.ts$/.test(base),
    routes: moduleMatch !== null && base === 'routes.ts',
    publicSurface: moduleMatch !== null && (moduleMatch[2] === 'service.ts' || moduleMatch[2] === 'index.ts'),
    migration: file.startsWith('src/db/migrations/'),
  };
}

function isBuiltin(specifier: string) {
  if (specifier.startsWith('node:')) return true;
  return builtinModules.includes(specifier.split('/')[0]!);
}

function lineOf(source: ts.SourceFile, node: ts.Node) {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

interface Parsed {
  specifiers: { specifier: string; line: number }[];
  writes: { table: string; line: number }[];
  queries: { what: string; line: number }[];
}

/** Parsed files by path, reused while their text is the same (the tests check the tree many times). */
const parsedCache = new Map<string, { text: string; parsed: Parsed }>();

function parse(file: string, text: string): Parsed {
  const cached = parsedCache.get(file);
  if (cached?.text === text) return cached.parsed;
  const parsed = parseText(file, text);
  parsedCache.set(file, { text, parsed });
  return parsed;
}

function parseText(file: string, text: string): Parsed {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const out: Parsed = { specifiers: [], writes: [], queries: [] };
  const add = (literal: ts.Node | undefined, at: ts.Node) => {
    if (literal && ts.isStringLiteralLike(literal)) out.specifiers.push({ specifier: literal.text, line: lineOf(source, at) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, node);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        add(node.arguments[0], node);
      }
      if (ts.isPropertyAccessExpression(callee) && QUERY_METHODS.has(callee.name.text)) {
        out.queries.push({ what: `.${callee.name.text}(…)`, line: lineOf(source, callee.name) });
        const first = node.arguments[0];
        if (WRITE_METHODS.has(callee.name.text) && first && ts.isStringLiteralLike(first)) {
          out.writes.push({ table: first.text.split(/\s+as\s+/i)[0]!.trim(), line: lineOf(source, callee.name) });
        }
      }
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      if (SQL_TEXT_CALLS.has(name)) for (const arg of node.arguments) scanSqlText(arg);
    } else if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') {
      out.queries.push({ what: 'sql`…`', line: lineOf(source, node) });
      scanSqlText(node.template);
    }
    ts.forEachChild(node, visit);
  };
  // The tables written by SQL text: every string and template piece under `node`.
  const seen = new Set<string>();
  const scanSqlText = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const line = lineOf(source, node);
      for (const pattern of RAW_WRITES) {
        for (const match of node.text.matchAll(pattern)) {
          const key = `${match[1]!.toLowerCase()}@${line}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.writes.push({ table: match[1]!.toLowerCase(), line });
        }
      }
    }
    ts.forEachChild(node, scanSqlText);
  };
  visit(source);
  return out;
}

export function checkDependencies(options: CheckOptions): CheckResult {
  const root = path.resolve(options.root);
  const overlay = Object.fromEntries(Object.entries(options.overlay ?? {}).map(([k, v]) => [toPosix(k), v]));
  const files = listFiles(root, overlay);

  const relOf = (abs: string) => toPosix(path.relative(root, abs));
  const overlaid = (abs: string) => {
    const rel = relOf(abs);
    return Object.prototype.hasOwnProperty.call(overlay, rel) ? overlay[rel] : undefined;
  };
  const host: ts.ModuleResolutionHost = {
    fileExists: (abs) => {
      const o = overlaid(abs);
      return o === undefined ? ts.sys.fileExists(abs) : o !== null;
    },
    readFile: (abs) => {
      const o = overlaid(abs);
      return o === undefined ? ts.sys.readFile(abs) : (o ?? undefined);
    },
    directoryExists: (abs) => {
      const rel = relOf(abs);
      if (Object.entries(overlay).some(([k, v]) => v !== null && k.startsWith(`${rel}/`))) return true;
      return ts.sys.directoryExists!(abs);
    },
    realpath: ts.sys.realpath,
    getCurrentDirectory: () => root,
  };
  const read = (rel: string) => {
    const o = overlay[rel];
    return o === undefined ? fs.readFileSync(path.join(root, rel), 'utf8') : o!;
  };

  const imports: ImportEdge[] = [];
  const writes: TableWrite[] = [];
  const violations: Violation[] = [];
  const report = (file: string, line: number, rule: RuleName, message: string) => violations.push({ file, line, rule, message });

  for (const file of files) {
    const parsed = parse(file, read(file));
    const info = describe(file);
    const abs = path.join(root, file);
    for (const { specifier, line } of parsed.specifiers) {
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) {
        imports.push({ from: file, line, specifier, kind: isBuiltin(specifier) ? 'builtin' : 'package' });
        continue;
      }
      const resolved = ts.resolveModuleName(specifier, abs, info.web ? webOptions : srcOptions, host).resolvedModule;
      let target = resolved ? relOf(resolved.resolvedFileName) : undefined;
      if (!target) {
        // Not code (a stylesheet, an image, Vite's `?url`): the file itself must exist.
        const direct = path.resolve(path.dirname(abs), specifier.replace(/[?#].*$/, ''));
        if (host.fileExists(direct)) target = relOf(direct);
      }
      if (!target) {
        imports.push({ from: file, line, specifier, kind: 'unresolved' });
        report(file, line, 'unresolved-import', `'${specifier}' resolves to no file`);
        continue;
      }
      imports.push({ from: file, line, specifier, kind: 'local', to: target });
    }
    for (const w of parsed.writes) writes.push({ file, line: w.line, table: w.table });
    if (info.routes) {
      for (const q of parsed.queries) report(file, q.line, 'routes-no-sql', `a routes file builds a query (${q.what}); move it to the module's repository`);
    }
  }

  // Import rules.
  for (const edge of imports) {
    const from = describe(edge.from);
    if (from.engine && !(edge.kind === 'builtin' || (edge.kind === 'local' && describe(edge.to!).engine))) {
      report(edge.from, edge.line, 'engine-imports', `an engine imports '${edge.specifier}'${edge.to ? ` (${edge.to})` : ''}; engines import only engines and node builtins`);
    }
    if (from.foundation && edge.kind === 'local' && describe(edge.to!).upper) {
      report(edge.from, edge.line, 'shared-imports-module', `imports ${edge.to}; src/shared, src/db and src/policy are below the modules and never import them`);
    }
    if (from.web && edge.kind === 'local' && describe(edge.to!).src) {
      report(edge.from, edge.line, 'web-imports-src', `the web app imports ${edge.to}; web/ never imports src/`);
    }
    if (from.routes) {
      const db = edge.kind === 'package' && (edge.specifier === 'kysely' || edge.specifier.startsWith('kysely/'));
      const local = edge.kind === 'local' && (edge.to!.startsWith('src/db/') || describe(edge.to!).repository);
      if (db || local) {
        report(edge.from, edge.line, 'routes-no-sql', `a routes file imports '${edge.specifier}'${edge.to ? ` (${edge.to})` : ''}; routes call services, which call repositories`);
      }
    }
    if (edge.kind !== 'local') continue;
    const to = describe(edge.to!);
    if (!to.module || to.module === from.module) continue;
    if (to.repository) {
      report(edge.from, edge.line, 'foreign-repository', `imports ${edge.to}, the repository of module '${to.module}'; call its service`);
    } else if (from.module && !to.publicSurface) {
      report(edge.from, edge.line, 'module-public-surface', `module '${from.module}' imports ${edge.to}; another module is reached only through its service.ts or index.ts`);
    }
  }

  // Table writes: one module per table, from its repository files only.
  const writers = new Map<string, TableWrite[]>();
  for (const w of writes) {
    const info = describe(w.file);
    if (info.migration) continue;
    if (!info.repository) {
      report(w.file, w.line, 'table-writer', `writes table '${w.table}' outside a repository file`);
      continue;
    }
    const list = writers.get(w.table) ?? [];
    list.push(w);
    writers.set(w.table, list);
  }
  for (const [table, list] of writers) {
    const modules = [...new Set(list.map((w) => describe(w.file).module!))];
    if (modules.length < 2) continue;
    for (const w of list) {
      const others = modules.filter((m) => m !== describe(w.file).module);
      report(w.file, w.line, 'table-writer', `table '${table}' is also written by module${others.length > 1 ? 's' : ''} ${others.map((m) => `'${m}'`).join(', ')}; one module's repository owns each table`);
    }
  }

  // Module cycles.
  const moduleGraph = new Map<string, Set<string>>();
  const firstEdge = new Map<string, ImportEdge>();
  for (const file of files) {
    const m = describe(file).module;
    if (m && !moduleGraph.has(m)) moduleGraph.set(m, new Set());
  }
  for (const edge of imports) {
    if (edge.kind !== 'local') continue;
    const a = describe(edge.from).module;
    const b = describe(edge.to!).module;
    if (!a || !b || a === b) continue;
    moduleGraph.get(a)!.add(b);
    if (!firstEdge.has(`${a}>${b}`)) firstEdge.set(`${a}>${b}`, edge);
  }
  for (const component of stronglyConnected(moduleGraph)) {
    if (component.length < 2) continue;
    const members = new Set(component);
    const cycle = shortestCycle(moduleGraph, component[0]!, members);
    const steps = cycle.slice(0, -1).map((m, i) => {
      const e = firstEdge.get(`${m}>${cycle[i + 1]}`)!;
      return `${e.from}:${e.line} → ${e.to}`;
    });
    const first = firstEdge.get(`${cycle[0]}>${cycle[1]}`)!;
    report(
      first.from,
      first.line,
      'module-cycle',
      `modules ${[...component].sort().join(', ')} import each other: ${cycle.join(' → ')} (${steps.join('; ')})`,
    );
  }

  violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
  return { violations, files, imports, writes, moduleGraph };
}

/** Tarjan's strongly connected components. */
function stronglyConnected(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indices.get(w)!));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) connect(v);
  return out;
}

/** A shortest path start → … → start inside one component (breadth first). */
function shortestCycle(graph: Map<string, Set<string>>, start: string, members: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let at = v; at !== start; at = previous.get(at)!) path.unshift(at);
        path.unshift(start);
        return path;
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

export function formatViolation(v: Violation) {
  return `${v.file}:${v.line}  ${v.rule}  ${v.message}`;
}

const invoked = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  const at = process.argv.indexOf('--root');
  const root = at > 0 ? path.resolve(process.argv[at + 1]!) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const result = checkDependencies({ root });
  if (process.argv.includes('--graph')) {
    for (const [m, deps] of [...result.moduleGraph].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`${m} → ${[...deps].sort().join(', ') || '(none)'}`);
    }
  }
  for (const v of result.violations) console.error(formatViolation(v));
  const local = result.imports.filter((e) => e.kind === 'local').length;
  if (result.violations.length > 0) {
    console.error(`\ndependency rules: ${result.violations.length} violation(s) in ${result.files.length} files (${local} local imports)`);
    process.exit(1);
  }
  console.log(`dependency rules: ${result.files.length} files, ${local} local imports, ${result.writes.length} table writes, ${result.moduleGraph.size} modules — no violations`);
}
