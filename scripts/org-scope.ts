// `npx tsx scripts/org-scope.ts`: does every table and every query carry `org_id`? (issue 20 §6)
//
// Sharding by organisation (Citus, `org_id` as the distribution key) needs every table to carry
// the key — or to be a reference table copied to every node — and every query to name it, or the
// query runs on every shard. This reads both, statically and simply:
//
//   tables   the migrated schema: a table without `org_id` must be on `tablesWithoutOrgId` below,
//            with what Citus would make of it;
//   queries  every Kysely selectFrom / updateTable / deleteFrom on a table that has `org_id`, in the
//            SQL homes (src/**, tests excluded), and whether its builder chain names `org_id`
//            (a where, a join, a subquery's correlation — anywhere in the chain's text):
//              scoped       it does;
//              by-id        it does not, but it selects rows by their globally unique id (`id`,
//                           `case_id`…): correct everywhere, routed to every shard under Citus
//                           unless the caller also passes the organisation;
//              unscoped     neither: a query across organisations (the sweeps, the jobs) or a gap;
//              undecidable  the builder is kept in a variable and extended elsewhere, or the table
//                           name is not a literal: the script cannot tell.
//            Inserts carry `org_id` in their values when the table has it (NOT NULL), so they are
//            not listed. Raw SQL (sql`…`) is not read.
// The test test/db/org-scope.test.ts holds both to their recorded state: a new table without the
// key, or a new unscoped query, fails it until it is looked at.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Tables without `org_id`, each with what it would be under Citus:
 *   reference  copied to every node (small, global, read by everyone);
 *   child      reached through a parent that has `org_id`: add `org_id` to co-locate it;
 *   local      kept on the coordinator (per person or per address, not per organisation);
 *   key        the organisations table itself (its `id` is the key);
 *   chain      the installation-wide audit chain head.
 */
export const tablesWithoutOrgId: Record<string, { citus: 'reference' | 'child' | 'local' | 'key' | 'chain'; why: string }> = {
  organisations: { citus: 'key', why: 'its id is the distribution key of every other table' },
  national_days: { citus: 'reference', why: 'the State Council holiday schedule, the same for every organisation' },
  calendar_years: { citus: 'reference', why: 'which years of the national schedule are loaded' },
  sessions: { citus: 'local', why: 'looked up by token before the organisation is known' },
  login_throttle: { citus: 'local', why: 'counted per username and address, before login' },
  audit_head: { citus: 'chain', why: 'one audit chain for the installation: every audited write locks this row' },
  case_escalations: { citus: 'child', why: 'fired levels, keyed by case' },
  case_attachment_contents: { citus: 'child', why: 'attachment bytes, keyed by attachment' },
  campaign_phases: { citus: 'child', why: 'phases of a campaign' },
  campaign_tasks: { citus: 'child', why: 'tasks of a campaign phase' },
  campaign_submission_files: { citus: 'child', why: 'files of a campaign submission' },
  campaign_reminders: { citus: 'child', why: 'reminders of a campaign task' },
  competition_units: { citus: 'child', why: 'units entered in a competition' },
  competition_values: { citus: 'child', why: 'figures of a competition entry' },
  award_ballot_choices: { citus: 'child', why: 'choices of an award ballot' },
};

export type QueryKind = 'scoped' | 'by-id' | 'unscoped' | 'undecidable';

export interface QueryFinding {
  /** Relative to the root. */
  file: string;
  line: number;
  table: string;
  kind: QueryKind;
  /** selectFrom | updateTable | deleteFrom */
  method: string;
}

const QUERY_METHODS = new Set(['selectFrom', 'updateTable', 'deleteFrom']);
const SKIPPED_FILE = /(\.test\.tsx?|\.d\.ts)$/;
/** A condition on a row's own unique id, or its parent's (case_id = ?, id in (…)). */
const BY_ID = /\.where\(\s*['"`](?:[a-z_]+\.)?(?:id|[a-z_]+_id)['"`]\s*,\s*['"`](?:=|in)['"`]/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.ts$/.test(entry.name) && !SKIPPED_FILE.test(entry.name)) out.push(p);
  }
  return out;
}

/** The outermost call of the builder chain a call starts (db.selectFrom(…).where(…)…execute()). */
function chainOf(call: ts.CallExpression): ts.Expression {
  let node: ts.Expression = call;
  for (;;) {
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) node = parent.parent;
    else if (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent)) node = parent;
    else return node;
  }
}

/** Inside an argument of another query's chain (a subquery): the outer query decides. */
function nestedInQuery(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && (QUERY_METHODS.has(p.expression.name.text) || ['where', 'whereRef', 'select', 'innerJoin', 'leftJoin', 'set', 'orderBy', 'having'].includes(p.expression.name.text))) {
      if (p.arguments.some((a) => a.pos <= node.pos && node.end <= a.end)) return true;
    }
    if (ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) return false;
  }
  return false;
}

/** The chain runs the query itself; a builder kept in a variable, returned or handed to a helper may be narrowed there. */
function isComplete(chain: ts.Expression): boolean {
  return /\.(execute|executeTakeFirst|executeTakeFirstOrThrow|stream)\(/.test(chain.getText());
}

/** Every non-insert query on a table that has `org_id`, under `dirs` of `root`, classified. */
export function scanQueries(root: string, orgTables: ReadonlySet<string>, dirs = ['src']): QueryFinding[] {
  const findings: QueryFinding[] = [];
  for (const dir of dirs) {
    // Migrations rewrite every organisation's rows by design.
    for (const file of sourceFiles(path.join(root, dir)).filter((f) => !f.includes(`${path.sep}migrations${path.sep}`))) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && QUERY_METHODS.has(node.expression.name.text) && node.arguments.length > 0) {
          const method = node.expression.name.text;
          const arg = node.arguments[0];
          const literal = ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg) ? arg.text.split(/\s+as\s+/)[0].trim() : null;
          const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          const rel = path.relative(root, file);
          if (literal === null) {
            findings.push({ file: rel, line, table: arg.getText(), kind: 'undecidable', method });
          } else if (orgTables.has(literal) && !nestedInQuery(node)) {
            const chain = chainOf(node);
            const text = chain.getText();
            const kind: QueryKind = text.includes('org_id') ? 'scoped' : !isComplete(chain) ? 'undecidable' : BY_ID.test(text) ? 'by-id' : 'unscoped';
            findings.push({ file: rel, line, table: literal, kind, method });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return findings;
}

/** Counts of findings by file and kind: what the test compares with the recorded state. */
export function countByFile(findings: QueryFinding[], kind: QueryKind): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) if (f.kind === kind) out[f.file] = (out[f.file] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

async function main() {
  const { openDb } = await import('../src/db/connect.js');
  const { migrateToLatest } = await import('../src/db/migrate.js');
  const { describeTables } = await import('../src/db/tables.js');
  const db = openDb({ sqliteFile: ':memory:' });
  try {
    await migrateToLatest(db);
    const tables = await describeTables(db);
    const withKey = tables.filter((t) => t.columns.includes('org_id')).map((t) => t.name);
    const without = tables.filter((t) => !t.columns.includes('org_id'));
    console.log(`tables: ${tables.length}, with org_id ${withKey.length}, without ${without.length}`);
    for (const t of without) console.log(`  ${t.name.padEnd(28)} ${tablesWithoutOrgId[t.name] ? `${tablesWithoutOrgId[t.name].citus}: ${tablesWithoutOrgId[t.name].why}` : 'NOT ON THE LIST'}`);
    const findings = scanQueries(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), new Set(withKey));
    const kinds: QueryKind[] = ['scoped', 'by-id', 'unscoped', 'undecidable'];
    console.log(`queries on org tables: ${findings.length} — ${kinds.map((k) => `${k} ${findings.filter((f) => f.kind === k).length}`).join(', ')}`);
    for (const f of findings.filter((x) => x.kind === 'unscoped' || x.kind === 'undecidable')) console.log(`  ${f.kind.padEnd(11)} ${f.file}:${f.line}  ${f.method}('${f.table}')`);
  } finally {
    await db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
