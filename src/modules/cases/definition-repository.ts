import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';
import { sha256Hex } from '../../shared/ids.js';

/**
 * Clock definitions by the SHA-256 of their text. A million clocks share a handful of definitions
 * (some 600 bytes each), so the sweep's claim on PostgreSQL reads each clock's digest, not its
 * text, and the text of a digest not seen before is read once, by one clock that has it: at close
 * of business that was half of what the claim brought over the network (npm run bench -- sweep).
 * A text never changes under its digest, so this process keeps them.
 */
const texts = new Map<string, string>();
/** A province's organisations, each with its packs' clocks, stay well under this many (some 6 MB at most). */
const kept = 10_000;

/** The definition's digest, as claimDueClocks selects it on PostgreSQL. */
export const definitionDigest = sql<string>`encode(sha256(convert_to(c.definition, 'UTF8')), 'hex')`;

/** The texts of the digests `clocks` carry, each read once: from this process's store, or from the first clock that has it. */
export async function definitionTexts(db: Executor, clocks: readonly { case_id: string; clock_id: string; definition_digest: string }[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const clock of clocks) {
    const digest = clock.definition_digest;
    if (found.has(digest)) continue;
    let text = texts.get(digest);
    if (text === undefined) {
      text = (await db.selectFrom('case_clocks').select('definition').where('case_id', '=', clock.case_id).where('clock_id', '=', clock.clock_id).executeTakeFirstOrThrow()).definition;
      // Read from a clock the caller's transaction has claimed (its bookmark locked), so the text is the one digested; checked all the same.
      if (sha256Hex(text) !== digest) throw new Error(`clock ${clock.case_id}:${clock.clock_id}: its definition does not match the digest read with it`);
      if (texts.size >= kept) texts.clear();
      texts.set(digest, text);
    }
    found.set(digest, text);
  }
  return found;
}
