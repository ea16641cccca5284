// The table worker's entry: parses one upload (workerData) and posts its rows or the AppError that refused it.
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from './errors.js';
import { parseTable, type TableJob } from './table-parse.js';

try {
  parentPort!.postMessage({ rows: parseTable(workerData as TableJob) });
} catch (err) {
  if (!isAppError(err)) throw err;
  parentPort!.postMessage({ error: { code: err.code, message: err.detailMessage, details: err.details } });
}
