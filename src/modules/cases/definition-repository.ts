import { sql } from 'kysely';
import { arrayParameter } from '../../db/pg-arrays.js';

/**
 * Clock definitions the sweep's claim has read, by organisation. A million clocks share a handful
 * of definitions (some 600 bytes each), so the claim on PostgreSQL sends the texts this process
 * knows for the batch's organisations and asks, for each clock, which of them its definition is —
 * an exact comparison in the database — and brings the text over only when it is none of them.
 * At close of business the texts were half of what the claim brought over the network, and
 * a digest of each (sha256 in the query) was a sixth of the claim's time in the database.
 */
const known = new Map<string, string[]>();
/** A pack's clocks, and the versions of them still running, stay well under this many per organisation. */
const keptPerOrganisation = 64;
/** A province's organisations stay well under this many (some 40 MB of texts at the very most). */
const keptOrganisations = 10_000;

/** The definitions this process knows for the organisations, each once (what definitionOfClock compares with). */
export function knownDefinitions(orgIds: readonly string[]): string[] {
  const texts = new Set<string>();
  for (const orgId of orgIds) for (const text of known.get(orgId) ?? []) texts.add(text);
  return [...texts];
}

/**
 * For a claimed clock (c): `definition_known`, the 1-based position of its definition among
 * `texts`, or null; and `definition`, its text only when it is none of them.
 */
export function definitionOfClock(texts: readonly string[]) {
  return [
    sql<number | null>`array_position(${arrayParameter('text', texts)}, c.definition)`.as('definition_known'),
    sql<string | null>`case when c.definition = any(${arrayParameter('text', texts)}) then null else c.definition end`.as('definition'),
  ] as const;
}

/** A definition read in full for an organisation's clock: later claims compare with it instead. */
export function rememberDefinition(orgId: string, text: string): void {
  let texts = known.get(orgId);
  if (!texts) {
    if (known.size >= keptOrganisations) known.clear();
    known.set(orgId, (texts = []));
  }
  if (texts.includes(text)) return;
  if (texts.length >= keptPerOrganisation) texts.shift();
  texts.push(text);
}
