import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkDependencies, type RuleName } from '../../scripts/check-deps.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The violations of the real tree with `overlay` written over it (nothing is written to disk). */
function violationsWith(overlay: Record<string, string | null>) {
  return checkDependencies({ root, overlay }).violations;
}

function rulesAt(overlay: Record<string, string | null>, file: string): RuleName[] {
  return violationsWith(overlay)
    .filter((v) => v.file === file)
    .map((v) => v.rule);
}

describe('dependency rules (npm run deps)', () => {
  it('the tree as it is keeps every rule', () => {
    const result = checkDependencies({ root });
    expect(result.violations).toEqual([]);
    // It did look: the modules, their imports and the tables they write.
    expect(result.moduleGraph.size).toBeGreaterThan(20);
    expect(result.imports.filter((e) => e.kind === 'local').length).toBeGreaterThan(1000);
    expect(result.writes.some((w) => w.table === 'sessions' && w.file === 'src/modules/auth/repository.ts')).toBe(true);
    // Raw SQL handed to the driver counts as a write too (the ratings fast path).
    expect(result.writes.some((w) => w.table === 'rating_rollups' && w.file === 'src/modules/ratings/repository.ts')).toBe(true);
  });

  it('an engine importing the database, a package or a module fails', () => {
    const file = 'src/engines/sla/scratch.ts';
    const violations = violationsWith({
      [file]: [
        "import { openDb } from '../../db/connect.js';",
        "import { z } from 'zod';",
        "import type { Actor } from '../../shared/access.js';",
        "import { days } from '../calendar/index.js';",
        "export const x = [openDb, z, days] as unknown as Actor;",
      ].join('\n'),
    }).filter((v) => v.file === file);
    expect(violations.map((v) => [v.line, v.rule])).toEqual([
      [1, 'engine-imports'],
      [2, 'engine-imports'],
      [3, 'engine-imports'],
    ]);
    expect(violations[0]!.message).toContain('src/db/connect.ts');
  });

  it("importing another module's repository fails, whatever the import's form", () => {
    const file = 'src/modules/board/scratch.ts';
    const overlay = {
      [file]: [
        "import { findUnitById } from '../units/repository.js';",
        "export * from '../dashboard/summary-repository.js';",
        "export type Row = import('../ratings/month-repository.js').Anything;",
        "export const later = () => import('../staff/repository.js');",
      ].join('\n'),
    };
    expect(rulesAt(overlay, file)).toEqual(['foreign-repository', 'foreign-repository', 'foreign-repository', 'foreign-repository']);
    // From outside the modules too (the demo generator calls services).
    expect(rulesAt({ 'src/demo/scratch.ts': "export { insertUser } from '../modules/users/repository.js';" }, 'src/demo/scratch.ts')).toEqual(['foreign-repository']);
  });

  it('a module reaches another only through its service.ts or index.ts', () => {
    const file = 'src/modules/board/scratch.ts';
    const overlay = {
      [file]: [
        "import { encodeStandingCode } from '../ratings/codes.js';",
        "import { ratingStatistics } from '../ratings/service.js';",
        "import { windowRatingLinks } from '../ratings/index.js';",
        'export const all = [encodeStandingCode, ratingStatistics, windowRatingLinks];',
      ].join('\n'),
    };
    const violations = violationsWith(overlay).filter((v) => v.file === file);
    expect(violations.map((v) => [v.line, v.rule])).toEqual([[1, 'module-public-surface']]);
  });

  it('a new cycle between modules fails, naming the modules and the imports that close it', () => {
    // units → audit already; audit → units closes a cycle.
    const file = 'src/modules/audit/scratch.ts';
    const violations = violationsWith({ [file]: "export { getUnitTree } from '../units/service.js';" }).filter((v) => v.rule === 'module-cycle');
    expect(violations).toHaveLength(1);
    expect(violations[0]!.message).toContain('modules audit, units import each other');
    expect(violations[0]!.message).toContain(`${file}:1 → src/modules/units/service.ts`);
    // A type-only import is a dependency as well.
    expect(violationsWith({ [file]: "export type { Actor } from '../users/service.js';" }).map((v) => v.rule)).toContain('module-cycle');
  });

  it('routes that import kysely or the database, or build a query, fail', () => {
    const file = 'src/modules/units/routes.ts';
    const routes = fs.readFileSync(path.join(root, file), 'utf8');
    const overlay = {
      [file]: `${routes}\nimport { sql } from 'kysely';\nimport { openDb } from '../../db/connect.js';\nexport const count = (db: any) => [db.selectFrom('units').selectAll().execute(), sql\`select 1\`, openDb];\n`,
    };
    const lines = routes.split('\n').length;
    const violations = violationsWith(overlay).filter((v) => v.file === file);
    expect(violations.map((v) => [v.line - lines, v.rule])).toEqual([
      [1, 'routes-no-sql'],
      [2, 'routes-no-sql'],
      [3, 'routes-no-sql'],
      [3, 'routes-no-sql'],
    ]);
  });

  it('the web app importing src/ fails', () => {
    const file = 'web/src/scratch.ts';
    expect(rulesAt({ [file]: "export { localDate } from '../../src/shared/months';" }, file)).toEqual(['web-imports-src']);
  });

  it('src/shared, src/db and src/policy importing a module fails', () => {
    const file = 'src/shared/scratch.ts';
    expect(rulesAt({ [file]: "export { listUnits } from '../modules/units/service.js';" }, file)).toEqual(['shared-imports-module']);
  });

  it("writing another module's table, or writing outside a repository, fails", () => {
    const foreign = 'src/modules/users/sessions-repository.ts';
    const violations = violationsWith({ [foreign]: "export const end = (db: any, id: string) => db.deleteFrom('sessions').where('user_id', '=', id).execute();" });
    expect(violations.filter((v) => v.file === foreign).map((v) => v.rule)).toEqual(['table-writer']);
    expect(violations.find((v) => v.file === foreign)!.message).toContain("table 'sessions' is also written by module 'auth'");
    // The owner's writes are reported as well, so both sides of the conflict show.
    expect(violations.some((v) => v.file === 'src/modules/auth/repository.ts' && v.rule === 'table-writer')).toBe(true);

    const raw = 'src/modules/users/raw-repository.ts';
    const rawSql = "import { sql } from 'kysely';\nexport const end = (db: any, id: string) => sql`delete from sessions where user_id = ${id}`.execute(db);";
    expect(rulesAt({ [raw]: rawSql }, raw)).toEqual(['table-writer']);

    const service = 'src/modules/users/scratch.ts';
    expect(rulesAt({ [service]: "export const add = (db: any, row: unknown) => db.insertInto('users').values(row).execute();" }, service)).toEqual(['table-writer']);
  });

  it('an import that resolves to no file fails', () => {
    const file = 'src/modules/units/scratch.ts';
    expect(rulesAt({ [file]: "export { nothing } from './no-such-file.js';" }, file)).toEqual(['unresolved-import']);
  });

  it('the command prints each violation with its file and rule and exits 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-deps-'));
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      };
      write('src/db/connect.ts', 'export const openDb = () => null;\n');
      write('src/engines/sla/index.ts', "import { openDb } from '../../db/connect.js';\nexport const x = openDb;\n");
      const tsx = path.join(root, 'node_modules/.bin/tsx');
      const run = promisify(execFile)(tsx, [path.join(root, 'scripts/check-deps.ts'), '--root', dir]);
      const failed = await run.then(() => null, (e: { code: number; stderr: string }) => e);
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain('src/engines/sla/index.ts:1  engine-imports');

      write('src/engines/sla/index.ts', 'export const x = 1;\n');
      const { stdout } = await promisify(execFile)(tsx, [path.join(root, 'scripts/check-deps.ts'), '--root', dir]);
      expect(stdout).toContain('no violations');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
