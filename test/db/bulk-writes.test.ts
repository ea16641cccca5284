import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestContext, usingPostgres, type TestContext } from '../support/context.js';
import { insertMany, insertNew, insertNumbered, updateMany } from '../../src/db/dialect.js';
import { arrayLiteral, arrayParameter, binaryArray } from '../../src/db/pg-arrays.js';

/**
 * The bulk writes the sweep, the ledger and the audit log go through (src/db/dialect.ts): on
 * PostgreSQL rows travel as one array literal per column, on SQLite as prepared single-row
 * statements. Whatever a text holds comes back as it went in.
 */
let t: TestContext;
const awkward = ['plain', '', 'NULL', 'null', 'a "quoted" word', 'back\\slash \\" both', '{braces},[brackets]', 'comma, and space', ' leading and trailing ', '换行\n制表\t中文', '{"json":["a","b"],"n":1}', 'emoji 🙂', 'carriage\r\nreturn', '\\N', '\\.', 'tab\t\\t'];
const rows = awkward.map((note, i) => ({ id: `r${String(i).padStart(2, '0')}`, n: i * 1_000_000_007, note, flag: i % 2 === 0 ? null : i }));

beforeAll(async () => {
  t = await createTestContext();
  await sql`create table bulk_probe (id text primary key, n bigint not null, note text, flag integer)`.execute(t.ctx.db.kysely);
  await sql`create table bulk_log (note text, n bigint)`.execute(t.ctx.db.kysely);
});
afterAll(async () => t?.cleanup());

const stored = async () => (await sql<{ id: string; n: string | number; note: string | null; flag: number | null }>`select id, n, note, flag from bulk_probe order by id`.execute(t.ctx.db.kysely)).rows.map((r) => ({ ...r, n: Number(r.n) }));

describe('bulk writes', () => {
  it('writes an array literal PostgreSQL reads back element for element', () => {
    expect(arrayLiteral(['a', null, 3, true, 'say "hi" \\ bye'])).toBe('{"a",NULL,3,t,"say \\"hi\\" \\\\ bye"}');
  });

  it('quotes every text with a backslash before each quote and backslash, whatever else it holds (controls, surrogates, JSON)', () => {
    const piece = fc.oneof(fc.constantFrom('"', '\\', '\n', '\t', '\u0001', '\ud800', '\udc00', '🙂', '中', '{', ',', ' ', 'NULL'), fc.string({ unit: 'binary' }));
    const text = fc.oneof(fc.array(piece).map((parts) => parts.join('')), fc.jsonValue().map((v) => JSON.stringify(v)));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 5 }), (texts) => {
        const expected = texts.map((t) => `"${t.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
        expect(arrayLiteral(texts)).toBe(`{${expected.join(',')}}`);
      }),
    );
  });

  it('inserts rows whose texts hold quotes, backslashes, braces, commas, NULL and newlines unchanged', async () => {
    await t.ctx.db.kysely.transaction().execute((trx) => insertMany(trx, t.ctx.db.dialect, 'bulk_probe', rows, t.ctx.db.sqlite));
    expect(await stored()).toEqual(rows);
  });

  it('inserts only the rows whose key is new and answers those', async () => {
    const fresh = { id: 'r99', n: 99, note: 'new "one"', flag: 1 };
    const written = await t.ctx.db.kysely.transaction().execute((trx) => insertNew(trx, t.ctx.db.dialect, 'bulk_probe', ['id'], [{ ...rows[3], note: 'changed' }, fresh], t.ctx.db.sqlite));
    expect(written).toEqual([fresh]);
    expect((await stored()).find((r) => r.id === rows[3].id)?.note).toBe(rows[3].note);
  });

  it('updates each row by its key with its own values, and the same extra set clause for all', async () => {
    const changes = rows.slice(0, 6).map((r) => [r.id, `${r.note}\\ "again"`, null]);
    await t.ctx.db.kysely.transaction().execute((trx) => updateMany(trx, t.ctx.db.dialect, 'bulk_probe', { keys: ['id'], columns: ['note', 'flag'], also: sql`n = n + 1` }, changes, t.ctx.db.sqlite));
    const after = await stored();
    for (const [i, r] of rows.entries()) {
      const now = after.find((a) => a.id === r.id)!;
      if (i < 6) expect(now).toEqual({ id: r.id, n: r.n + 1, note: `${r.note}\\ "again"`, flag: null });
      else expect(now).toEqual(r);
    }
  });

  it('writes a column holding one value in every row (sent once, on PostgreSQL) into each row, and rows alike in every column each', async () => {
    const same = [{ note: 'a "same" \\ note', n: 7 }, { note: 'a "same" \\ note', n: 7 }, { note: 'a "same" \\ note', n: 7 }];
    const mixed = [{ note: null, n: 1 }, { note: null, n: 2 }];
    await t.ctx.db.kysely.transaction().execute((trx) => insertMany(trx, t.ctx.db.dialect, 'bulk_log', [...same, ...mixed], t.ctx.db.sqlite));
    await t.ctx.db.kysely.transaction().execute((trx) => insertMany(trx, t.ctx.db.dialect, 'bulk_log', same, t.ctx.db.sqlite));
    const logged = (await sql<{ note: string | null; n: string | number }>`select note, n from bulk_log order by n, note`.execute(t.ctx.db.kysely)).rows.map((r) => ({ ...r, n: Number(r.n) }));
    expect(logged).toEqual([mixed[0], mixed[1], ...same, ...same]);

    const ids = rows.slice(0, 3).map((r) => r.id);
    await t.ctx.db.kysely.transaction().execute((trx) => updateMany(trx, t.ctx.db.dialect, 'bulk_probe', { keys: ['id'], columns: ['note', 'flag'] }, ids.map((id) => [id, '同一 "note"', 5]), t.ctx.db.sqlite));
    expect((await stored()).filter((r) => ids.includes(r.id)).map((r) => [r.note, r.flag])).toEqual(ids.map(() => ['同一 "note"', 5]));
  });

  it('refuses a batch with a taken key whole: its transaction rolls back and nothing of it is stored', async () => {
    const before = await stored();
    const clash = [{ id: 'r-new', n: 1, note: 'would be new', flag: null }, { ...rows[0] }];
    const refused = await t.ctx.db.kysely
      .transaction()
      .execute((trx) => insertMany(trx, t.ctx.db.dialect, 'bulk_probe', clash, t.ctx.db.sqlite))
      .then(() => null, (e: { code?: string }) => e);
    expect(refused).not.toBeNull();
    if (t.ctx.db.dialect === 'postgres') expect(refused!.code).toBe('23505');
    expect(await stored()).toEqual(before);
  });

  it('inserts outside a transaction too, more rows than one statement takes', async () => {
    const more = Array.from({ length: 7_000 }, (_, i) => ({ note: `line ${i}\t"${i}"`, n: 1_000_000 + i }));
    await insertMany(t.ctx.db.kysely, t.ctx.db.dialect, 'bulk_log', more);
    const back = (await sql<{ note: string; n: string | number }>`select note, n from bulk_log where n >= 1000000 order by n`.execute(t.ctx.db.kysely)).rows.map((r) => ({ ...r, n: Number(r.n) }));
    expect(back).toEqual(more);
  });

  it.runIf(usingPostgres)('numbers appended rows within their group after its last stored number, in the order given, across statements and refusing a taken number', async () => {
    const db = t.ctx.db.kysely;
    await sql`create table bulk_numbered (grp text not null, seq integer not null, note text, unique (grp, seq))`.execute(db);
    await sql`insert into bulk_numbered values ('a', 1, 'a1'), ('a', 2, 'a2')`.execute(db);
    const numbering = { column: 'seq', within: 'grp' };
    // Interleaved groups, one of them new; 12,000 rows go as three statements (5,000 a statement).
    const appended = [
      ...['a3', 'b1', 'a4', 'b2', 'a5'].map((note) => ({ grp: note[0], note })),
      ...Array.from({ length: 12_000 }, (_, i) => ({ grp: i % 2 ? 'c' : 'a', note: `${i % 2 ? 'c' : 'a'}${i % 2 ? (i + 1) / 2 : i / 2 + 6}` })),
    ];
    await db.transaction().execute((trx) => insertNumbered(trx, 'bulk_numbered', numbering, appended));
    const back = (await sql<{ grp: string; seq: number; note: string }>`select grp, seq, note from bulk_numbered order by grp, seq`.execute(db)).rows;
    for (const r of back) expect(`${r.grp}${r.seq}`).toBe(r.note);
    expect(back.length).toBe(2 + appended.length);
    // A number taken between reading and writing (here: by the same rows twice) is refused by the unique index, whole.
    const twice = await db
      .transaction()
      .execute(async (trx) => {
        await insertNumbered(trx, 'bulk_numbered', numbering, [{ grp: 'b', note: 'b3' }]);
        await sql`insert into bulk_numbered values ('b', 4, 'taken')`.execute(trx);
        await insertNumbered(trx, 'bulk_numbered', numbering, [{ grp: 'b', note: 'b5' }]);
        await sql`insert into bulk_numbered values ('b', 5, 'clash')`.execute(trx);
      })
      .then(() => null, (e: { code?: string }) => e);
    expect(twice?.code).toBe('23505');
    expect(Number((await sql<{ n: string }>`select count(*) as n from bulk_numbered where grp = 'b'`.execute(db)).rows[0].n)).toBe(2);
  });

  it('leaves to the array literal what the binary form cannot carry as it stands (a fraction or a word for an integer, a type it does not know)', () => {
    expect(binaryArray('integer', [1, 2.5])).toBeNull();
    expect(binaryArray('bigint', ['12', 'twelve'])).toBeNull();
    expect(binaryArray('integer', [2 ** 31])).toBeNull();
    expect(binaryArray('numeric', [1])).toBeNull();
    expect(binaryArray('bigint', ['-12', 3, null])).not.toBeNull();
  });

  it.runIf(usingPostgres)('sends texts and integers as binary arrays PostgreSQL reads back element for element (nulls, the empty array, negative and 53-bit integers)', async () => {
    // PostgreSQL keeps no NUL in a text, whichever way it is sent; a lone surrogate goes as U+FFFD either way.
    const text = fc.string({ unit: 'binary' }).map((s) => s.replaceAll('\u0000', '').replace(/[\ud800-\udfff]/g, '\ufffd'));
    const back = async (type: string, values: unknown[]) => (await sql<{ v: unknown }>`select u.v from unnest(${arrayParameter(type, values)}) with ordinality as u(v, n) order by u.n`.execute(t.ctx.db.kysely)).rows.map((r) => r.v);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(text), { maxLength: 40 }), fc.array(fc.option(fc.maxSafeInteger()), { maxLength: 40 }), fc.array(fc.option(fc.integer()), { maxLength: 40 }), async (texts, bigints, ints) => {
        expect(await back('text', texts)).toEqual(texts);
        expect(await back('character varying(255)', texts.map((s) => (s === null ? null : s.slice(0, 255))))).toEqual(texts.map((s) => (s === null ? null : s.slice(0, 255))));
        expect((await back('bigint', bigints)).map((v) => (v === null ? null : Number(v)))).toEqual(bigints);
        expect(await back('integer', ints)).toEqual(ints);
      }),
      { numRuns: 60 },
    );
    // Not binary (a fraction for an integer): the literal goes, and PostgreSQL refuses it as it always did.
    await expect(back('integer', [1.5])).rejects.toMatchObject({ code: '22P02' });
  });
});
