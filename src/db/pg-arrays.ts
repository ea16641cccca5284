import { sql, type RawBuilder } from 'kysely';

/**
 * Array parameters for PostgreSQL in its binary format (array_send/array_recv): each element's
 * length, then its bytes — a text as its UTF-8, an integer as its big-endian bytes. Nothing is
 * quoted or escaped, so the app builds one buffer per column instead of a string of a thousand
 * quoted pieces (JSON full of quotes, escaped twice over), and the server reads each element by
 * its length instead of scanning for quotes. The driver sends a Buffer parameter as binary.
 */

/** Element type oids (pg_type) of the column types the schema uses; others go as array literals. */
function elementOid(type: string): number | undefined {
  if (type === 'text') return 25;
  if (type === 'bigint') return 20;
  if (type === 'integer') return 23;
  if (type.startsWith('character varying')) return 1043;
  return undefined;
}

const TWO_32 = 4_294_967_296;

/**
 * `values` as a binary one-dimensional array of the given element type, or null when a value does
 * not fit it as it stands (a fraction for an integer, say): the caller then sends the text literal,
 * and PostgreSQL refuses it with its own error as before.
 */
export function binaryArray(type: string, values: readonly unknown[]): Buffer | null {
  const oid = elementOid(type);
  if (oid === undefined) return null;
  const texts = oid === 25 || oid === 1043;
  const n = values.length;
  // Texts as the strings to write, integers as safe integers; null where the value is null.
  const items = new Array<string | number | null>(n);
  let size = n === 0 ? 12 : 20 + 4 * n;
  let hasNull = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      items[i] = null;
      hasNull = 1;
    } else if (texts) {
      const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : typeof v === 'boolean' ? (v ? 't' : 'f') : JSON.stringify(v);
      items[i] = s;
      size += Buffer.byteLength(s);
    } else {
      const k = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,15}$/.test(v) ? Number(v) : NaN;
      if (!Number.isSafeInteger(k) || (oid === 23 && (k < -2_147_483_648 || k > 2_147_483_647))) return null;
      items[i] = k;
      size += oid === 23 ? 4 : 8;
    }
  }
  const out = Buffer.allocUnsafe(size);
  out.writeInt32BE(n === 0 ? 0 : 1, 0); // dimensions
  out.writeInt32BE(hasNull, 4);
  out.writeInt32BE(oid, 8);
  if (n === 0) return out;
  out.writeInt32BE(n, 12);
  out.writeInt32BE(1, 16); // lower bound
  let at = 20;
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (item === null) {
      at = out.writeInt32BE(-1, at);
    } else if (typeof item === 'string') {
      const length = out.write(item, at + 4);
      out.writeInt32BE(length, at);
      at += 4 + length;
    } else if (oid === 23) {
      at = out.writeInt32BE(4, at);
      at = out.writeInt32BE(item, at);
    } else {
      at = out.writeInt32BE(8, at);
      const high = Math.floor(item / TWO_32);
      at = out.writeInt32BE(high, at);
      at = out.writeUInt32BE(item - high * TWO_32, at);
    }
  }
  return out;
}

/**
 * A PostgreSQL array literal of text, numbers, booleans and nulls (`{"a",1,NULL}`), every text
 * quoted and only a text holding a quote or backslash escaped: the driver's own conversion
 * escapes every element twice over. What goes when the binary form cannot (binaryArray).
 */
export function arrayLiteral(values: readonly unknown[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'number' || typeof v === 'bigint') parts[i] = String(v);
    else if (typeof v === 'boolean') parts[i] = v ? 't' : 'f';
    else {
      parts[i] = `"${escapeArrayText(typeof v === 'string' ? v : JSON.stringify(v))}"`;
    }
  }
  return `{${parts.join(',')}}`;
}

/** A text inside an array literal's quotes: backslash and double quote escaped (plain searches, not a regex). */
function escapeArrayText(text: string): string {
  let out = text;
  if (out.includes('\\')) out = out.replaceAll('\\', '\\\\');
  if (out.includes('"')) out = out.replaceAll('"', '\\"');
  return out;
}

/** `values` as one array parameter of `type[]` (type as format_type spells it): binary where it can be, else a literal. */
export function arrayParameter(type: string, values: readonly unknown[]): RawBuilder<unknown> {
  const cast = sql.raw(`${type}[]`);
  const binary = binaryArray(type, values);
  return binary ? sql`${binary}::${cast}` : sql`${arrayLiteral(values)}::${cast}`;
}
