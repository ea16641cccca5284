import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { runCli } from '../../src/cli/main.js';
import { auditEntryHash, genesisHash } from '../../src/modules/audit/chain.js';
import { auditKeysOf, signatureValid } from '../../src/modules/audit/keys.js';
import { keyLegacyAuditEntries, publishScheduledCheckpoint, verifyAuditChain } from '../../src/modules/audit/integrity.js';
import { runBackgroundRound } from '../../src/jobs/scheduler.js';
import { fakeClock } from '../support/context.js';
import type { AuditLogTable } from '../../src/db/types.js';

/**
 * Issue 12 §4: an audit log its own database cannot rewrite. The chain is an HMAC under a key
 * derived from the installation secret (not in the database); signed checkpoints are published
 * outside it (data/audit-checkpoints.jsonl, bulletin, monthly report), so a rewritten or cut log
 * is detected. Whoever has write access to the database is the attacker here: plain SQL.
 */
let t: TestApp;
let admin: Session;
let hallAdmin: Session;
let checkpointFile: string;
const clock = fakeClock(Date.now());

beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = await t.login('hosp-admin');
  hallAdmin = await t.login('hall-admin');
  checkpointFile = path.join(t.dataDir, 'audit-checkpoints.jsonl');
  // The CLI opens the same database and data directory (and so the same secret).
  process.env.YOUZHI_DATA_DIR = t.dataDir;
  if (t.databaseUrl) process.env.DATABASE_URL = t.databaseUrl;
});
afterAll(async () => t?.close());

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const db = () => t.ctx.db.kysely;
const verify = async (s: Session = admin) => (await s.post('/api/v1/audit/verify')).json();
const rows = () => db().selectFrom('audit_log').selectAll().orderBy('seq').execute();

/** What a forger with database access does: recompute every hash from `from` on (under a key, or plain SHA-256 as version 0) and move the head. */
async function rechain(from: number, key: Buffer, version: number) {
  const all = await rows();
  let prev = from === 1 ? genesisHash : all.find((r) => Number(r.seq) === from - 1)!.hash;
  let last = { seq: 0, hash: genesisHash };
  for (const r of all.filter((x) => Number(x.seq) >= from)) {
    const entry: Omit<AuditLogTable, 'hash'> = { ...r, seq: Number(r.seq), at: Number(r.at), prev_hash: prev, chain_version: version };
    const hash = auditEntryHash(entry, key);
    await db().updateTable('audit_log').set({ prev_hash: prev, hash, chain_version: version }).where('seq', '=', entry.seq).execute();
    prev = hash;
    last = { seq: entry.seq, hash };
  }
  await db().updateTable('audit_head').set(last).where('id', '=', 1).execute();
}
const realKey = () => auditKeysOf(t.ctx).mac;

describe('keyed audit chain', () => {
  it("a clean log verifies; through the API it counts only the caller's organisation", async () => {
    const hospital = (await admin.get('/api/v1/auth/me')).json().organisation.id;
    const hall = (await hallAdmin.get('/api/v1/auth/me')).json().organisation.id;
    const countOf = async (orgId: string) => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()).n);
    const mine = await verify();
    expect(mine).toMatchObject({ ok: true, firstBroken: null });
    expect(mine.checked).toBe(await countOf(hospital));
    const theirs = await verify(hallAdmin);
    expect(theirs).toMatchObject({ ok: true, firstBroken: null });
    expect(theirs.checked).toBe(await countOf(hall));
    expect(mine.checked + theirs.checked).toBeLessThan((await rows()).length); // system entries and the other organisation's are not counted
    expect((await rows()).every((r) => Number(r.chain_version) === 1)).toBe(true);
  });

  it('entries from before the keyed chain are verified as before and re-keyed once; a broken legacy chain is left broken', async () => {
    // The database as it was before the upgrade: plain SHA-256 (version 0), with a forged entry.
    await rechain(1, realKey(), 0);
    await sql`update audit_log set after_json = ${'{"name":"forged"}'} where seq = 4`.execute(db());
    expect(await keyLegacyAuditEntries(t.ctx)).toEqual({ rekeyed: 0, broken: { seq: 4, reason: 'hash_mismatch' } });
    expect((await verify()).firstBroken).toEqual({ seq: 4, reason: 'hash_mismatch' });
    // An intact legacy chain is adopted under the key, and the old head is recorded.
    await rechain(1, realKey(), 0);
    const legacyHead = await db().selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
    expect((await verify()).firstBroken).toEqual({ seq: 1, reason: 'unkeyed' });
    const result = await keyLegacyAuditEntries(t.ctx);
    expect(result).toEqual({ rekeyed: Number(legacyHead.seq), broken: null });
    expect(await verify()).toMatchObject({ ok: true, firstBroken: null });
    const rekey = (await rows()).at(-1)!;
    expect(rekey).toMatchObject({ action: 'rekey', entity: 'audit_log', chain_version: 1 });
    expect(JSON.parse(rekey.before_json!)).toEqual({ seq: Number(legacyHead.seq), hash: legacyHead.hash });
    // …and a checkpoint published: from now on unkeyed entries are a forgery, never adopted.
    expect(fs.existsSync(checkpointFile)).toBe(true);
  });

  it('checkpoints: published on demand, signed with the key derived from the secret, listed for the administrator and quality office', async () => {
    await admin.post('/api/v1/units', { code: 'H-CP1', name: '校验点测试', kind: 'team' });
    const published = await admin.post('/api/v1/audit/checkpoints');
    expect(published.statusCode, published.body).toBe(201);
    const head = await db().selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
    expect(published.json().checkpoint).toMatchObject({ seq: Number(head.seq), hash: head.hash });
    // Nothing new since: no second checkpoint.
    expect((await admin.post('/api/v1/audit/checkpoints')).json().published).toBe(false);
    const office = await t.login('hosp-quality-office');
    const list = (await office.get('/api/v1/audit/checkpoints')).json();
    expect(list.items[0]).toEqual(published.json().checkpoint);
    const c = list.items[0];
    expect(signatureValid(list.publicKey, `youzhi-audit-checkpoint-v1\n${c.seq}\n${c.hash}\n${c.at}`, c.signature)).toBe(true);
    expect(signatureValid(list.publicKey, `youzhi-audit-checkpoint-v1\n${c.seq + 1}\n${c.hash}\n${c.at}`, c.signature)).toBe(false);
    const lines = fs.readFileSync(checkpointFile, 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toEqual(c);
    for (const who of ['hosp-unit-head', 'hosp-staff']) expect((await (await t.login(who)).get('/api/v1/audit/checkpoints')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/audit/checkpoints')).statusCode).toBe(401);
  });

  it('the background round publishes one when the log has moved, at most once an hour', async () => {
    await admin.post('/api/v1/units', { code: 'H-CP3', name: '定时校验点', kind: 'team' });
    expect((await publishScheduledCheckpoint(t.ctx)).published).toBe(false); // the last one is minutes old
    clock.advance(61 * 60_000);
    const round = await runBackgroundRound(t.ctx, { node: 'test' });
    expect(round.checkpoint).toMatchObject({ published: true, broken: null });
    const lines = fs.readFileSync(checkpointFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.some((c) => c.seq === round.checkpoint.seq && Date.parse(c.at) === clock.now())).toBe(true);
    expect((await publishScheduledCheckpoint(t.ctx)).published).toBe(false);
  });

  it('an edited row is detected', async () => {
    const victim = (await rows())[6];
    await sql`update audit_log set after_json = ${'{"name":"forged"}'} where seq = ${victim.seq}`.execute(db());
    const broken = await verify();
    expect(broken).toMatchObject({ ok: false, firstBroken: { seq: Number(victim.seq), reason: 'hash_mismatch' } });
    await sql`update audit_log set after_json = ${victim.after_json} where seq = ${victim.seq}`.execute(db());
    expect((await verify()).ok).toBe(true);
  });

  it('a log rechained without the key is detected: a guessed key, or plain SHA-256 from the genesis', async () => {
    const original = (await rows())[9];
    const victim = Number(original.seq);
    await sql`update audit_log set actor_label = 'mallory' where seq = ${victim}`.execute(db());
    await rechain(victim, Buffer.from('not-the-installation-key'), 1);
    expect((await verify()).firstBroken).toEqual({ seq: victim, reason: 'hash_mismatch' });
    // Downgraded to the unkeyed chain, every link consistent: the chain alone (no checkpoints) still refuses
    // it, it is not re-keyed at the next start, and the published checkpoints no longer match.
    await rechain(1, realKey(), 0);
    expect((await verifyAuditChain(t.ctx)).firstBroken).toEqual({ seq: 1, reason: 'unkeyed' });
    expect((await keyLegacyAuditEntries(t.ctx)).rekeyed).toBe(0);
    expect((await verify()).firstBroken.reason).toBe('checkpoint_mismatch');
    // Only the tail downgraded: caught where it starts.
    await rechain(1, realKey(), 1);
    await rechain(victim, realKey(), 0);
    expect((await verifyAuditChain(t.ctx)).firstBroken).toEqual({ seq: victim, reason: 'downgraded' });
    // With the key (the operator's own repair) the checkpoints still tell: the edited entry is not what was published.
    await rechain(1, realKey(), 1);
    expect((await verify()).firstBroken).toEqual({ seq: Number((await admin.get('/api/v1/audit/checkpoints')).json().items.at(-1).seq), reason: 'checkpoint_mismatch' });
    await sql`update audit_log set actor_label = ${original.actor_label} where seq = ${victim}`.execute(db());
  });

  it('a truncated tail with the head rolled back is detected by the checkpoints (API and `audit verify --checkpoint`)', async () => {
    // Restore the genuine chain (the entry above was put back), then publish a checkpoint at its head.
    await rechain(1, realKey(), 1);
    fs.rmSync(checkpointFile);
    expect((await admin.post('/api/v1/audit/checkpoints')).statusCode).toBe(201);
    expect(await cli('audit', 'verify', '--checkpoint', checkpointFile)).toMatchObject({ code: 0 });
    const published = (await admin.get('/api/v1/audit/checkpoints')).json().items[0];
    await admin.post('/api/v1/units', { code: 'H-CP2', name: '截断测试', kind: 'team' });
    // Cut everything after entry N, and roll the head back to N: the chain itself is consistent.
    const keep = published.seq - 3;
    const kept = (await rows()).find((r) => Number(r.seq) === keep)!;
    await db().deleteFrom('audit_log').where('seq', '>', keep).execute();
    await db().updateTable('audit_head').set({ seq: keep, hash: kept.hash }).where('id', '=', 1).execute();
    expect((await cli('audit', 'verify')).code).toBe(0);
    const copy = path.join(t.dataDir, 'published-copy.jsonl');
    fs.copyFileSync(checkpointFile, copy);
    const r = await cli('audit', 'verify', '--checkpoint', copy);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`BROKEN at entry ${published.seq} (checkpoint_missing)`);
    expect((await verify()).firstBroken).toEqual({ seq: published.seq, reason: 'checkpoint_missing' });
    // And the round publishes nothing over a log that no longer holds the last checkpoint.
    expect((await admin.post('/api/v1/audit/checkpoints')).json()).toMatchObject({ published: false, broken: { seq: published.seq, reason: 'checkpoint_missing' } });
  });

  it('a checkpoint file that is not this installation\'s is refused', async () => {
    const forged = path.join(t.dataDir, 'forged.jsonl');
    const line = JSON.parse(fs.readFileSync(checkpointFile, 'utf8').trim().split('\n')[0]);
    fs.writeFileSync(forged, `${JSON.stringify({ ...line, hash: genesisHash })}\n`);
    const r = await cli('audit', 'verify', '--checkpoint', forged);
    expect(r.code).toBe(1);
    expect(r.err).toContain('checkpoint_invalid');
  });
});
