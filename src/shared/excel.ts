/**
 * ExcelJS, loaded on the first workbook rather than at start-up (it is a tenth of the server's
 * memory at rest, and most processes never write a workbook: npm run bench -- memory).
 */
export async function loadExcel(): Promise<typeof import('exceljs')> {
  const mod = await import('exceljs');
  return (mod as unknown as { default?: typeof import('exceljs') }).default ?? mod;
}
