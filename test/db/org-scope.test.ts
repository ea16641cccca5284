import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { describeTables, type TableInfo } from '../../src/db/tables.js';
import { countByFile, scanQueries, tablesWithoutOrgId, type QueryFinding } from '../../scripts/org-scope.js';

/**
 * Sharding by organisation (Citus, org_id as the distribution key; README "Scaling to a province")
 * needs the key on every table and in every query. This holds the schema and the repositories to
 * their recorded state (scripts/org-scope.ts reads them): a new table without org_id, or a new query
 * that reads or writes an organisation's table without naming one, fails here until it is put on
 * a list below with its reason.
 */
let t: TestContext;
let tables: TableInfo[];
let findings: QueryFinding[];

/** Queries meant to cross organisations, by file: what each is for. */
const crossOrganisation: Record<string, { tables: string[]; why: string }> = {
  'src/modules/audit/repository.ts': { tables: ['audit_log'], why: 'the one installation-wide chain: verification and re-keying walk all of it' },
  'src/modules/auth/repository.ts': { tables: ['users', 'api_tokens'], why: 'login and API tokens are found before the organisation is known' },
  'src/modules/users/repository.ts': { tables: ['users'], why: 'usernames are unique across the installation' },
  'src/modules/cases/repository.ts': { tables: ['cases'], why: 'the public status look-up by tracking number' },
  'src/modules/ratings/repository.ts': { tables: ['rating_tokens'], why: 'a rating link is found by its token' },
  'src/modules/surveys/repository.ts': { tables: ['survey_links'], why: 'a survey link is found by its token' },
  'src/modules/notifications/repository.ts': { tables: ['notifications'], why: 'the outbox job sends what is due for everyone' },
  'src/modules/webhooks/repository.ts': { tables: ['webhook_deliveries'], why: 'the delivery job sends what is due for everyone' },
  'src/modules/sanctions/repository.ts': { tables: ['sanctions'], why: 'the job closing appeal windows for everyone' },
};

/** By-id queries (correct, but fanned out to every shard under Citus) recorded when this test was written: only fewer. */
const byIdRecorded = 99;

beforeAll(async () => {
  t = await createTestContext();
  tables = await describeTables(t.ctx.db);
  findings = scanQueries(path.resolve(import.meta.dirname, '../..'), new Set(tables.filter((x) => x.columns.includes('org_id')).map((x) => x.name)));
});
afterAll(async () => t?.cleanup());

describe('org_id on every table and in every query', () => {
  it('every table carries org_id, or is on the list with what Citus would make of it', () => {
    const without = tables.filter((x) => !x.columns.includes('org_id')).map((x) => x.name);
    expect(without.filter((name) => !tablesWithoutOrgId[name])).toEqual([]);
    // The list does not outlive the tables: a table that gained org_id (or went) leaves it.
    expect(Object.keys(tablesWithoutOrgId).filter((name) => !without.includes(name))).toEqual([]);
  });

  it('finds the queries it is meant to find (the scan is not silently empty)', () => {
    expect(findings.filter((f) => f.kind === 'scoped').length).toBeGreaterThan(100);
    expect(findings.some((f) => f.file === 'src/modules/cases/repository.ts' && f.table === 'cases' && f.kind === 'by-id')).toBe(true);
  });

  it('a query without org_id crosses organisations on purpose, and says why', () => {
    const unlisted = findings.filter((f) => f.kind === 'unscoped' && !crossOrganisation[f.file]?.tables.includes(f.table)).map((f) => `${f.file}:${f.line} ${f.method}('${f.table}')`);
    expect(unlisted).toEqual([]);
  });

  it('queries by id do not grow in number', () => {
    const byId = findings.filter((f) => f.kind === 'by-id');
    expect(byId.length, JSON.stringify(countByFile(findings, 'by-id'), null, 1)).toBeLessThanOrEqual(byIdRecorded);
  });
});
