import { AppError } from './errors.js';
import { sha256Hex } from './ids.js';
import { canonicalJson } from './json.js';

/** What is stored beside an Idempotency-Key: a hash of the validated (normalised) request body. */
export function requestHash(body: unknown): string {
  return sha256Hex(canonicalJson(body));
}

/**
 * A retry with the same key and the same request replays the stored result; the same key with a
 * different request is refused (422), never silently answered with the first result. Rows stored
 * before hashes were kept (null) still replay.
 */
export function requireSameRequest(storedHash: string | null, hash: string): void {
  if (storedHash !== null && storedHash !== hash) throw new AppError('idempotency_key_reused');
}
