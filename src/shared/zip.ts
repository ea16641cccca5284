import { inflateRaw } from 'node:zlib';
import { fileInvalid } from './table-limits.js';

/** One file of a zip archive as its central directory declares it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  compressedSize: number;
  /** the uncompressed size the archive claims; a claim only, until inflateEntry proves it */
  size: number;
  /** where the entry's bytes start (after its local header) */
  dataOffset: number;
}

const eocdSignature = 0x06054b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;

/**
 * Lists a zip's entries from its central directory without inflating anything, so an upload's
 * declared sizes can be weighed before any of it is unpacked. Refuses what an .xlsx never needs
 * (ZIP64, several disks, encryption, methods other than stored and deflate) as `file_invalid`.
 */
export function listZipEntries(zip: Buffer): ZipEntry[] {
  // The end-of-central-directory record is the last 22 bytes, plus a comment of up to 64 KiB.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === eocdSignature) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw fileInvalid('not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  if (zip.readUInt16LE(eocd + 4) !== 0 || zip.readUInt16LE(eocd + 8) !== count) throw fileInvalid('multi-disk zip');
  if (count === 0xffff || cdOffset === 0xffffffff) throw fileInvalid('ZIP64 archive');
  if (cdOffset + cdSize > eocd) throw fileInvalid('central directory out of bounds');

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cdOffset + cdSize || zip.readUInt32LE(p) !== centralSignature) throw fileInvalid('broken central directory');
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const next = p + 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    if (flags & 1) throw fileInvalid('encrypted entry');
    if (method !== 0 && method !== 8) throw fileInvalid(`compression method ${method}`);
    if (local + 30 > cdOffset || zip.readUInt32LE(local) !== localSignature) throw fileInvalid('broken local header');
    const dataOffset = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (dataOffset + compressedSize > cdOffset) throw fileInvalid('entry out of bounds');
    entries.push({ name, method, compressedSize, size, dataOffset });
    p = next;
  }
  return entries;
}

/**
 * Unpacks one entry, stopping as soon as it yields more than its declared size (a zip bomb's
 * headers may lie; zlib's maxOutputLength aborts mid-stream) — so the bytes unpacked never
 * exceed the declared total the caller already capped. Runs on zlib's thread pool, not the event loop.
 */
export async function inflateEntry(zip: Buffer, entry: ZipEntry): Promise<Buffer> {
  const raw = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const data =
    entry.method === 0
      ? raw
      : await new Promise<Buffer>((resolve, reject) =>
          inflateRaw(raw, { maxOutputLength: Math.max(1, entry.size) }, (err, out) => {
            if (err) reject(fileInvalid((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? `${entry.name} unpacks to more than it declares` : `${entry.name} does not inflate`));
            else resolve(out);
          }),
        );
  if (data.length !== entry.size) throw fileInvalid(`${entry.name} unpacks to ${data.length} bytes, not the ${entry.size} it declares`);
  return data;
}
