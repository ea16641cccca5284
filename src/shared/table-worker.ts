// The table worker's entry: parses one upload (workerData) and posts its rows or the AppError that refused it.
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from './errors.js';
import { parseTable, type TableAnswer, type TableJob } from './table-parse.js';

let answer: TableAnswer;
try {
  answer = { rows: parseTable(workerData as TableJob) };
} catch (err) {
  if (!isAppError(err)) throw err;
  answer = { error: { code: err.code, message: err.detailMessage, details: err.details } };
}
parentPort!.postMessage(answer);
