import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { openDb } from '../../src/db/connect.js';
import { migrateTo } from '../../src/db/migrate.js';
import { auditEntryHash, genesisHash } from '../../src/modules/audit/chain.js';
import { verifyAuditChain } from '../../src/modules/audit/integrity.js';
import type { AppContext } from '../../src/shared/context.js';
import { scratchPostgresDatabase, usingPostgres } from '../support/context.js';

/**
 * Upgrading an installation whose audit log was written before the chain was keyed (issue 12 §4):
 * migration 0016 marks the entries unkeyed and gives API tokens the scope `full` and no expiry; the
 * first start verifies the old chain as before and re-keys it, so it verifies under the key.
 */
describe(`migration 0016 on existing data (${usingPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-0016-'));
  let databaseUrl: string | null = null;
  let dropDatabase = async () => {};
  let ctx: AppContext | null = null;
  afterAll(async () => {
    await ctx?.db.close();
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps tokens working as full tokens and re-keys the old chain on the first start', async () => {
    if (usingPostgres) ({ url: databaseUrl, drop: dropDatabase } = await scratchPostgresDatabase('yz_0016'));
    const old = openDb({ databaseUrl, dataDir });
    await migrateTo(old, '0015_rating_months');
    const k = old.kysely;
    // What the previous release wrote: plain SHA-256 links (the hash did not cover a version).
    let prev = genesisHash;
    const entries = [];
    for (let seq = 1; seq <= 5; seq++) {
      const row = { seq, id: `e${seq}`, org_id: 'o', actor_id: null, actor_label: 'admin', at: 1_700_000_000_000 + seq, action: 'create', entity: 'unit', entity_id: `u${seq}`, before_json: null, after_json: `{"n":${seq}}`, prev_hash: prev };
      const hash = auditEntryHash({ ...row, chain_version: 0 }, Buffer.alloc(0));
      entries.push({ ...row, hash });
      prev = hash;
    }
    await k.insertInto('audit_log').values(entries as never).execute();
    await k.updateTable('audit_head').set({ seq: 5, hash: prev }).where('id', '=', 1).execute();
    await k.insertInto('organisations').values({ id: 'o', code: 'o', name: 'O', sector: 'hall', created_at: 1, updated_at: 1 } as never).execute();
    await k.insertInto('users').values({ id: 'u', org_id: 'o', username: 'admin', password_hash: 'x', role: 'admin', display_name: 'A', active: 1, failed_logins: 0, created_at: 1, updated_at: 1, version: 1 } as never).execute();
    await k.insertInto('api_tokens').values({ id: 't', user_id: 'u', org_id: 'o', name: 'queue', token_hash: 'h', prefix: 'yz_abc', created_at: 1 } as never).execute();
    await old.close();

    // The first start of the new release: migrations, then the re-key.
    const config = { ...loadConfig({ YOUZHI_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }), secret: 'upgrade-secret' };
    ctx = await openContext({ config });
    const token = await ctx.db.kysely.selectFrom('api_tokens').select(['scope', 'expires_at']).executeTakeFirstOrThrow();
    expect(token).toEqual({ scope: 'full', expires_at: null });
    const rows = await ctx.db.kysely.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    // (The start then loads the national calendar, audited after the re-key.)
    expect(rows.every((r) => Number(r.chain_version) === 1)).toBe(true);
    expect(rows.slice(0, 5).map((r) => r.id)).toEqual(entries.map((e) => e.id));
    expect(rows[5]).toMatchObject({ action: 'rekey', before_json: JSON.stringify({ hash: prev, seq: 5 }) });
    expect(await verifyAuditChain(ctx)).toMatchObject({ ok: true, checked: rows.length, firstBroken: null });
    // …and a first checkpoint published, at the re-keyed head.
    const [checkpoint] = fs.readFileSync(path.join(dataDir, 'audit-checkpoints.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(checkpoint).toMatchObject({ seq: 6, hash: rows[5].hash });
  });
});
