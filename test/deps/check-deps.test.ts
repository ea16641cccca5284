import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDependencies, type CheckResult } from '../../scripts/check-deps.js';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Deliberate violations, written into a copy of the tree: each must be reported by `npm run deps`
 * (file → the rules it must break there).
 */
const scratch: Record<string, { text: string; rules: string[] }> = {
  // An engine importing the database, a package and shared code.
  'src/engines/sla/scratch.ts': {
    text: "import { openDb } from '../../db/connect.js';\nimport { z } from 'zod';\nimport type { Actor } from '../../shared/access.js';\nexport const x = [openDb, z] as unknown as Actor;\n",
    rules: ['engine-imports'],
  },
  // Another module's repository, in each import form (static, re-export, type, dynamic).
  'src/modules/board/scratch.ts': {
    text: [
      "import { findUnitById } from '../units/repository.js';",
      "export * from '../dashboard/summary-repository.js';",
      "export type Row = import('../ratings/month-repository.js').Anything;",
      "export const later = () => import('../staff/repository.js');",
      "import { encodeStandingCode } from '../ratings/codes.js';",
      'export const all = [findUnitById, encodeStandingCode];',
    ].join('\n'),
    rules: ['foreign-repository', 'module-public-surface'],
  },
  // A repository from outside the modules (the demo calls services).
  'src/demo/scratch.ts': { text: "export { insertUser } from '../modules/users/repository.js';\n", rules: ['repository-from-outside'] },
  // A new cycle: units → audit already; audit → units closes it (a type-only import is enough).
  'src/modules/audit/scratch.ts': { text: "export type { UnitTree } from '../units/service.js';\n", rules: [] },
  // Routes that import kysely and the database, and build queries.
  'src/modules/incidents/routes.ts': {
    text: `${fs.readFileSync(path.join(root, 'src/modules/incidents/routes.ts'), 'utf8')}\nimport { sql } from 'kysely';\nimport { openDb } from '../../db/connect.js';\nexport const count = (db: any) => [db.selectFrom('units').selectAll().execute(), sql\`select 1\`, openDb];\n`,
    rules: ['routes-no-sql'],
  },
  // The web app importing the server code.
  'web/src/scratch.ts': { text: "export { localDate } from '../../src/shared/months';\n", rules: ['web-imports-src'] },
  // Shared code importing a module.
  'src/shared/scratch.ts': { text: "export { listUnits } from '../modules/units/service.js';\n", rules: ['shared-imports-module'] },
  // Auth's sessions written by users again, with the query builder and in SQL text.
  'src/modules/users/sessions-repository.ts': {
    text: "import { sql } from 'kysely';\nexport const end = (db: any, id: string) => db.deleteFrom('sessions').where('user_id', '=', id).execute();\nexport const endAll = (db: any) => sql`delete from sessions`.execute(db);\n",
    rules: ['table-writer'],
  },
  // A write outside a repository file.
  'src/modules/units/scratch.ts': { text: "export const add = (db: any, row: unknown) => db.insertInto('units').values(row).execute();\nexport { nothing } from './no-such-file.js';\n", rules: ['table-writer', 'unresolved-import'] },
};

let tree: CheckResult;
let copy: string;
let run: { code: number; stderr: string };

beforeAll(async () => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-deps-'));
  for (const entry of ['src', 'web/src', 'tsconfig.json', 'package.json', '.dependency-cruiser.cjs', '.dependency-cruiser.modules.cjs']) {
    fs.cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
  for (const [file, { text }] of Object.entries(scratch)) fs.writeFileSync(path.join(copy, file), text);
  // The real tree through the API, the copy through the command `npm run deps` runs.
  const command = promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/check-deps.ts'), '--root', copy], { maxBuffer: 64 * 1024 * 1024 }).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  [tree, run] = await Promise.all([checkDependencies({ root }), command]);
}, 240_000);

afterAll(() => {
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

describe('dependency rules (npm run deps)', () => {
  it('the tree as it is keeps every rule', () => {
    expect(tree.violations).toEqual([]);
    // It did look: the files, their imports and the tables they write.
    expect(tree.cruised.modules).toBeGreaterThan(300);
    expect(tree.cruised.dependencies).toBeGreaterThan(1000);
    expect(tree.writes.some((w) => w.table === 'sessions' && w.file === 'src/modules/auth/repository.ts')).toBe(true);
    expect(tree.writes.some((w) => w.table === 'sessions' && w.file.startsWith('src/modules/users/'))).toBe(false);
    // Raw SQL handed to the driver counts as a write too (the ratings fast path).
    expect(tree.writes.some((w) => w.table === 'rating_rollups' && w.file === 'src/modules/ratings/repository.ts')).toBe(true);
  });

  it('fails, printing each deliberate violation with its file and rule', () => {
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n');
    for (const [file, { rules }] of Object.entries(scratch)) {
      for (const rule of rules) expect(lines.some((l) => l.startsWith(file) && l.includes(`  ${rule}  `)), `${file} ${rule}`).toBe(true);
    }
  });

  it('reports each form of import of a foreign repository', () => {
    const repositories = run.stderr.split('\n').filter((l) => l.startsWith('src/modules/board/scratch.ts  foreign-repository'));
    expect(repositories.map((l) => /imports (\S+)/.exec(l)?.[1]).sort()).toEqual([
      'src/modules/dashboard/summary-repository.ts',
      'src/modules/ratings/month-repository.ts',
      'src/modules/staff/repository.ts',
      'src/modules/units/repository.ts',
    ]);
  });

  it('names the modules of a new cycle', () => {
    const cycles = run.stderr.split('\n').filter((l) => l.includes('  module-cycle  '));
    expect(cycles.some((l) => l.startsWith('src/modules/audit  module-cycle  src/modules/audit → src/modules/units → src/modules/audit'))).toBe(true);
  });

  it('points at the line of a query in routes and of a write to another module’s table', () => {
    const lines = run.stderr.split('\n');
    const routesLength = fs.readFileSync(path.join(root, 'src/modules/incidents/routes.ts'), 'utf8').split('\n').length;
    expect(lines.filter((l) => l.startsWith(`src/modules/incidents/routes.ts:${routesLength + 3}  routes-no-sql`))).toHaveLength(2);
    expect(lines).toContain("src/modules/users/sessions-repository.ts:2  table-writer  table 'sessions' is also written by 'auth'; one module's repository owns each table");
    expect(lines).toContain("src/modules/users/sessions-repository.ts:3  table-writer  table 'sessions' is also written by 'auth'; one module's repository owns each table");
    // The owner's side of the conflict shows as well.
    expect(lines.some((l) => /^src\/modules\/auth\/repository\.ts:\d+ {2}table-writer/.test(l))).toBe(true);
    expect(lines).toContain("src/modules/units/scratch.ts:1  table-writer  writes table 'units' outside a repository file");
  });
});
