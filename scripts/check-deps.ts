// `npm run deps` (run by `npm test` before the tests): the dependency rules of the tree.
//
// 1. dependency-cruiser with .dependency-cruiser.cjs over src/ and web/src: engines import only
//    engines and node builtins; a module reaches another only through its service.ts or index.ts;
//    nobody imports another module's repository; routes import neither kysely, src/db nor a
//    repository; web/ never imports src/; src/shared, src/db and src/policy never import modules;
//    every import resolves.
// 2. dependency-cruiser with .dependency-cruiser.modules.cjs over src/modules: no cycle between modules.
// 3. What dependency-cruiser cannot see, read here with the TypeScript parser:
//      table-writer   a table is written (Kysely insertInto/updateTable/deleteFrom/replaceInto/
//                     mergeInto, or insert/update/delete in sql`…` and in SQL handed to a driver)
//                     by one module only, and only from its repository files
//      routes-no-sql  a routes.ts builds no query (.selectFrom(…), sql`…`, .transaction(), …)
//
// Every violation is printed as `file[:line]  rule  message`; the command then exits 1.
// Usage: tsx scripts/check-deps.ts [--root <dir>]
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';

export interface Violation {
  /** Path relative to the root (a folder for a module cycle). */
  file: string;
  line?: number;
  rule: string;
  message: string;
}

export interface TableWrite {
  file: string;
  line: number;
  table: string;
}

export interface CheckResult {
  violations: Violation[];
  writes: TableWrite[];
  /** Files and dependencies dependency-cruiser followed (both cruises). */
  cruised: { modules: number; dependencies: number };
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const depcruise = path.join(repoRoot, 'node_modules', '.bin', 'depcruise');

const SOURCE_ROOTS = ['src', 'web/src'];
const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;
const SKIPPED_FILE = /(\.test\.tsx?|\.d\.ts)$/;
const WRITE_METHODS = new Set(['insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
const QUERY_METHODS = new Set([...WRITE_METHODS, 'selectFrom', 'transaction', 'executeQuery']);
/** Writes in SQL text: insert into t, replace into t, delete from t, update t set (not `do update set`). */
const RAW_WRITES = [/\b(?:insert|replace)\s+into\s+"?([a-z_][a-z0-9_]*)"?/gi, /\bdelete\s+from\s+"?([a-z_][a-z0-9_]*)"?/gi, /(?<!\bdo\s+)\bupdate\s+"?([a-z_][a-z0-9_]*)"?\s+set\b/gi];
/** Calls whose arguments are SQL text (drivers and Kysely's raw escape hatches). */
const SQL_TEXT_CALLS = new Set(['prepare', 'exec', 'query', 'raw', 'unsafe']);

// --- dependency-cruiser ---------------------------------------------------------------------

interface CruiseViolation {
  type?: string;
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: { name: string }[];
}

interface CruiseOutput {
  summary: {
    violations: CruiseViolation[];
    totalCruised: number;
    totalDependenciesCruised: number;
    ruleSetUsed?: { forbidden?: { name: string; comment?: string }[] };
  };
}

async function cruise(root: string, config: string, targets: string[]): Promise<CruiseOutput> {
  const args = ['--config', config, '--output-type', 'json', ...targets];
  try {
    const { stdout } = await promisify(execFile)(depcruise, args, { cwd: root, maxBuffer: 256 * 1024 * 1024 });
    return JSON.parse(stdout) as CruiseOutput;
  } catch (e) {
    // dependency-cruiser exits with the number of errors it found; its report is still on stdout.
    const failed = e as { stdout?: string; stderr?: string; message: string };
    if (failed.stdout?.trim().startsWith('{')) return JSON.parse(failed.stdout) as CruiseOutput;
    throw new Error(`depcruise ${args.join(' ')} failed: ${failed.stderr || failed.message}`);
  }
}

function fromCruise(output: CruiseOutput): Violation[] {
  const comments = new Map((output.summary.ruleSetUsed?.forbidden ?? []).map((r) => [r.name, r.comment ?? '']));
  return output.summary.violations.map((v) => {
    const why = comments.get(v.rule.name);
    const what = v.cycle?.length ? `${v.from} → ${v.cycle.map((c) => c.name).join(' → ')}` : `imports ${v.to}`;
    return { file: v.from, rule: v.rule.name, message: why ? `${what} (${why})` : what };
  });
}

// --- table writers and queries in routes (TypeScript parser) --------------------------------

function listFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(rel);
      } else if (SOURCE_FILE.test(entry.name) && !SKIPPED_FILE.test(entry.name)) {
        found.push(rel);
      }
    }
  };
  for (const dir of SOURCE_ROOTS) walk(dir);
  return found.sort();
}

/** The module a file belongs to (src/modules/<m>/…), and whether it is a repository or a routes file. */
function roleOf(file: string) {
  const module = /^src\/modules\/([^/]+)\//.exec(file)?.[1];
  const base = path.posix.basename(file);
  return {
    module,
    repository: module !== undefined && /^(.+-)?repository\.ts$/.test(base),
    routes: module !== undefined && base === 'routes.ts',
    migration: file.startsWith('src/db/migrations/'),
  };
}

interface Parsed {
  writes: { table: string; line: number }[];
  queries: { what: string; line: number }[];
}

function parse(file: string, text: string): Parsed {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const out: Parsed = { writes: [], queries: [] };
  const seen = new Set<string>();
  // The tables written by SQL text: every string and template piece under `node`.
  const scanSqlText = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const line = lineOf(node);
      for (const pattern of RAW_WRITES) {
        for (const match of node.text.matchAll(pattern)) {
          const table = match[1]!.toLowerCase();
          if (seen.has(`${table}@${line}`)) continue;
          seen.add(`${table}@${line}`);
          out.writes.push({ table, line });
        }
      }
    }
    ts.forEachChild(node, scanSqlText);
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && QUERY_METHODS.has(callee.name.text)) {
        out.queries.push({ what: `.${callee.name.text}(…)`, line: lineOf(callee.name) });
        const first = node.arguments[0];
        if (WRITE_METHODS.has(callee.name.text) && first && ts.isStringLiteralLike(first)) {
          out.writes.push({ table: first.text.split(/\s+as\s+/i)[0]!.trim(), line: lineOf(callee.name) });
        }
      }
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      if (SQL_TEXT_CALLS.has(name)) for (const arg of node.arguments) scanSqlText(arg);
    } else if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') {
      out.queries.push({ what: 'sql`…`', line: lineOf(node) });
      scanSqlText(node.template);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function checkSql(root: string): { violations: Violation[]; writes: TableWrite[] } {
  const violations: Violation[] = [];
  const writes: TableWrite[] = [];
  for (const file of listFiles(root)) {
    const parsed = parse(file, fs.readFileSync(path.join(root, file), 'utf8'));
    for (const w of parsed.writes) writes.push({ file, ...w });
    if (roleOf(file).routes) {
      for (const q of parsed.queries) violations.push({ file, line: q.line, rule: 'routes-no-sql', message: `builds a query (${q.what}); routes call a service, the repository holds the SQL` });
    }
  }
  const writers = new Map<string, TableWrite[]>();
  for (const w of writes) {
    const role = roleOf(w.file);
    if (role.migration) continue;
    if (!role.repository) {
      violations.push({ file: w.file, line: w.line, rule: 'table-writer', message: `writes table '${w.table}' outside a repository file` });
      continue;
    }
    writers.set(w.table, [...(writers.get(w.table) ?? []), w]);
  }
  for (const [table, list] of writers) {
    const modules = [...new Set(list.map((w) => roleOf(w.file).module!))];
    if (modules.length < 2) continue;
    for (const w of list) {
      const others = modules.filter((m) => m !== roleOf(w.file).module).map((m) => `'${m}'`);
      violations.push({ file: w.file, line: w.line, rule: 'table-writer', message: `table '${table}' is also written by ${others.join(', ')}; one module's repository owns each table` });
    }
  }
  return { violations, writes };
}

// --- all rules --------------------------------------------------------------------------------

export async function checkDependencies(options: { root: string }): Promise<CheckResult> {
  const root = path.resolve(options.root);
  const [tree, modules] = await Promise.all([
    cruise(root, '.dependency-cruiser.cjs', SOURCE_ROOTS.filter((d) => fs.existsSync(path.join(root, d)))),
    cruise(root, '.dependency-cruiser.modules.cjs', ['src/modules']),
  ]);
  const sql = checkSql(root);
  const violations = [...fromCruise(tree), ...fromCruise(modules), ...sql.violations];
  violations.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule));
  return {
    violations,
    writes: sql.writes,
    cruised: { modules: tree.summary.totalCruised, dependencies: tree.summary.totalDependenciesCruised + modules.summary.totalDependenciesCruised },
  };
}

export function formatViolation(v: Violation) {
  return `${v.file}${v.line ? `:${v.line}` : ''}  ${v.rule}  ${v.message}`;
}

const invoked = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  const at = process.argv.indexOf('--root');
  const result = await checkDependencies({ root: at > 0 ? process.argv[at + 1]! : repoRoot });
  for (const v of result.violations) console.error(formatViolation(v));
  if (result.violations.length > 0) {
    console.error(`\ndependency rules: ${result.violations.length} violation(s)`);
    process.exit(1);
  }
  console.log(`dependency rules: ${result.cruised.modules} files and ${result.cruised.dependencies} dependencies cruised, ${result.writes.length} table writes read — no violations`);
}
