import { AppError } from './errors.js';

/**
 * How much one table upload (a staff roster, a queue system's served counts) may hold. A large
 * hospital's roster is a few thousand rows of a dozen columns; a year of daily counts for a hundred
 * windows is 36,500 rows of four. The caps leave room above that while keeping one parse to a
 * few seconds and a bounded amount of memory: a 300 KB .xlsx can otherwise unpack to gigabytes
 * (a zip bomb), and a sheet can name a cell a million rows down (issue 12).
 */
export const tableLimits = {
  /** bytes unpacked: the sum of an .xlsx's parts as its zip declares them, or a .csv's size */
  bytes: 20 * 1024 * 1024,
  /** parts of an .xlsx (a workbook has a dozen; hundreds only with many pictures) */
  entries: 1000,
  rows: 50_000,
  columns: 100,
  cells: 500_000,
  /** the worker parsing one file is stopped after this long, or when its heap passes memoryMb */
  seconds: 30,
  memoryMb: 512,
};

export type TableLimit = keyof typeof tableLimits;

const what: Record<TableLimit, { zh: string; en: string }> = {
  bytes: { zh: `文件解压后超过 ${tableLimits.bytes / 1024 / 1024} MB`, en: `The file unpacks to more than ${tableLimits.bytes / 1024 / 1024} MB` },
  entries: { zh: `压缩包内超过 ${tableLimits.entries} 个部件`, en: `The workbook holds more than ${tableLimits.entries} parts` },
  rows: { zh: `表格超过 ${tableLimits.rows} 行`, en: `The sheet has more than ${tableLimits.rows} rows` },
  columns: { zh: `表格超过 ${tableLimits.columns} 列`, en: `The sheet has more than ${tableLimits.columns} columns` },
  cells: { zh: `表格超过 ${tableLimits.cells} 个单元格`, en: `The sheet has more than ${tableLimits.cells} cells` },
  seconds: { zh: `读取文件超过 ${tableLimits.seconds} 秒`, en: `Reading the file took more than ${tableLimits.seconds} seconds` },
  memoryMb: { zh: `读取文件所需内存超过 ${tableLimits.memoryMb} MB`, en: `Reading the file needed more than ${tableLimits.memoryMb} MB of memory` },
};

/** `413 upload_too_large`, saying which cap the file passed. */
export function tooLarge(limit: TableLimit): AppError {
  return new AppError('upload_too_large', { message: what[limit], details: { limit, max: tableLimits[limit] } });
}

/** `400 file_invalid`: not a zip, a zip that lies about its sizes, a sheet that is not a sheet. */
export function fileInvalid(reason: string): AppError {
  return new AppError('file_invalid', { details: { reason } });
}
