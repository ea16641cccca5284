/**
 * Content-Disposition for a download with a user's file name (Chinese included): an ASCII
 * fallback for old clients and the exact name in RFC 5987's filename*.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Every download's file name, one pattern: what it is and its period (or case number), in
 * Chinese — `投诉案件_2026-11.xlsx`, `服务质量月报_2026-10.pdf`, `投诉处理登记表_TS-…pdf`.
 */
export function downloadName(subject: string, period: string, ext: 'xlsx' | 'pdf'): string {
  return `${subject}_${period}.${ext}`;
}
