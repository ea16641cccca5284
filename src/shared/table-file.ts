import { AppError } from './errors.js';
import { requireExtensionOf, sniffFile } from './sniff.js';
import { tableLimits, tooLarge } from './table-limits.js';
import type { TableAnswer, TableJob } from './table-parse.js';
import { startWorker } from './worker-start.js';
import { inflateEntry, listZipEntries, type ZipEntry } from './zip.js';

/**
 * Reads the first sheet of an .xlsx or a .csv (UTF-8, BOM allowed) into rows of cell texts (row n
 * at index n - 1). Bounded before anything is parsed: a .csv by its size, an .xlsx by the sizes its
 * zip declares and then by the bytes actually unpacked; the parse itself runs in a worker thread,
 * so a large file never stalls other requests (issue 12).
 */
export async function readTableFile(fileName: string, data: Buffer): Promise<string[][]> {
  const lower = fileName.toLowerCase();
  const kind = sniffFile(data, fileName);
  if (kind) requireExtensionOf(kind, fileName);
  if (lower.endsWith('.csv')) {
    if (data.length > tableLimits.bytes) throw tooLarge('bytes');
    return inTurn(() => runWorker({ kind: 'csv', bytes: data }));
  }
  if (!lower.endsWith('.xlsx')) throw new AppError('unsupported_media_type', { details: { reason: 'expected .xlsx or .csv' } });
  const entries = listZipEntries(data);
  if (entries.length > tableLimits.entries) throw tooLarge('entries');
  if (entries.reduce((sum, e) => sum + e.size, 0) > tableLimits.bytes) throw tooLarge('bytes');
  return inTurn(async () => runWorker({ kind: 'xlsx', parts: await unpackXml(data, entries) }));
}

/** The workbook's XML parts, each unpacked no further than its declared size. */
async function unpackXml(data: Buffer, entries: ZipEntry[]): Promise<Record<string, Uint8Array>> {
  const parts: Record<string, Uint8Array> = {};
  for (const entry of entries) if (/\.(xml|rels)$/i.test(entry.name)) parts[entry.name.replace(/^\//, '')] = await inflateEntry(data, entry);
  return parts;
}

// Two files unpacked and parsed at a time (a worker each): more wait their turn, holding only their upload,
// rather than crowd the cores and memory.
const maxParses = 2;
let parsing = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (parsing < maxParses) parsing++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else parsing--;
  }
}

function runWorker(job: TableJob): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const worker = startWorker('table-worker', { workerData: job, resourceLimits: { maxOldGenerationSizeMb: tableLimits.memoryMb } });
    const timer = setTimeout(() => {
      reject(tooLarge('seconds'));
      void worker.terminate();
    }, tableLimits.seconds * 1000);
    const settle = () => clearTimeout(timer);
    worker.once('message', (answer: TableAnswer) => {
      settle();
      if ('rows' in answer) resolve(answer.rows);
      else reject(new AppError(answer.error.code, { message: answer.error.message, details: answer.error.details }));
    });
    worker.once('error', (err: Error & { code?: string }) => {
      settle();
      reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooLarge('memoryMb') : err);
    });
    worker.once('exit', (code) => {
      settle();
      reject(new Error(`table worker exited (${code}) without an answer`));
    });
  });
}
