import fs from 'node:fs';
import path from 'node:path';
import { signText, signatureValid, type AuditKeys } from './keys.js';

/**
 * 审计校验点: a signed statement "the audit chain had `seq` entries and its head hash was `hash`
 * at `at`", published outside the database (like a Certificate Transparency signed tree head):
 * appended as one JSON line to data/audit-checkpoints.jsonl, printed in the daily bulletin and the
 * monthly report. A log rewritten or cut short afterwards no longer reproduces a published
 * checkpoint, and `youzhi audit verify --checkpoint FILE` says so.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  /** ISO instant it was signed. */
  at: string;
  /** Ed25519 public key (raw, base64url) the signature verifies under. */
  publicKey: string;
  signature: string;
}

/** How often the background round publishes one when the log has moved (a security setting, not seed policy). */
export const checkpointEveryMinutes = 60;

export const checkpointFileName = 'audit-checkpoints.jsonl';

const signedText = (c: { seq: number; hash: string; at: string }) => `youzhi-audit-checkpoint-v1\n${c.seq}\n${c.hash}\n${c.at}`;

export function signCheckpoint(keys: AuditKeys, c: { seq: number; hash: string; at: string }): Checkpoint {
  return { seq: c.seq, hash: c.hash, at: c.at, publicKey: keys.publicKey, signature: signText(keys, signedText(c)) };
}

/** Signed by the installation's key (`publicKey` is what the installation publishes, not what the line claims). */
export function checkpointSigned(c: Checkpoint, publicKey: string): boolean {
  return c.publicKey === publicKey && signatureValid(publicKey, signedText(c), c.signature);
}

function parseLine(line: string): Checkpoint | null {
  try {
    const c = JSON.parse(line) as Checkpoint;
    const ok = Number.isSafeInteger(c?.seq) && c.seq > 0 && typeof c.hash === 'string' && typeof c.at === 'string' && typeof c.publicKey === 'string' && typeof c.signature === 'string';
    return ok ? c : null;
  } catch {
    return null;
  }
}

/** Every checkpoint of a file in order; a line that is not one is returned as null (a damaged file is reported, not skipped). */
export function readCheckpoints(file: string): (Checkpoint | null)[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map(parseLine);
}

/** The last checkpoint of the file, reading only its tail (the file grows by a line an hour). */
export function readLastCheckpoint(file: string): Checkpoint | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 8192);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').filter((l) => l.trim());
    return lines.length ? parseLine(lines[lines.length - 1]) : null;
  } finally {
    fs.closeSync(fd);
  }
}

/** One line appended (O_APPEND: nodes sharing the data directory do not overwrite each other). */
export function appendCheckpoint(file: string, c: Checkpoint): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify(c)}\n`, { mode: 0o600 });
}
