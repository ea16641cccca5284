/** Fen as 元 with two decimals, exactly (no float arithmetic): -160000 → '-1600.00'. One home for every module that shows money (ledger, sanctions, appraisal facts). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Fen as a number of 元 for a spreadsheet cell (formatted with two decimals there). */
export function yuanNumber(fen: number): number {
  return Number(yuan(fen));
}
