/**
 * Content-Disposition for a download with a user's file name (Chinese included): an ASCII
 * fallback for old clients and the exact name in RFC 5987's filename*.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
