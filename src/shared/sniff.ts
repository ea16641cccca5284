import { AppError } from './errors.js';

/**
 * What a file is, from its first bytes — never from the name or the type the browser claims. Only
 * what a case needs: photos, scans, documents, recordings of a call, short videos, plain text.
 */
export interface FileKind {
  mime: string;
  /** Extensions a file of this kind may carry (the download keeps the user's name). */
  extensions: string[];
}

const at = (b: Buffer, offset: number, text: string) => b.length >= offset + text.length && b.toString('latin1', offset, offset + text.length) === text;

const office: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

function isUtf8Text(b: Buffer): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** The extension of a file name, lower case; '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * A name whose extension says another kind than the bytes is refused (an `.html` that starts like
 * a GIF, an `.exe` that starts like a PDF): the download keeps the name, and the name decides what
 * a desktop opens it with. A name without an extension claims nothing.
 */
export function requireExtensionOf(kind: FileKind, name: string): void {
  const ext = extensionOf(name);
  if (ext && !kind.extensions.includes(ext)) throw new AppError('file_type_mismatch', { details: { name, detected: kind.mime, expected: kind.extensions } });
}

/** The kind of `content` named `name`, or null when it is not a kind a case accepts. */
export function sniffFile(content: Buffer, name: string): FileKind | null {
  const ext = extensionOf(name);
  const b = content;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] };
  if (at(b, 0, '\x89PNG\r\n\x1a\n')) return { mime: 'image/png', extensions: ['png'] };
  if (at(b, 0, 'GIF87a') || at(b, 0, 'GIF89a')) return { mime: 'image/gif', extensions: ['gif'] };
  if (at(b, 0, 'RIFF') && at(b, 8, 'WEBP')) return { mime: 'image/webp', extensions: ['webp'] };
  if (at(b, 0, 'RIFF') && at(b, 8, 'WAVE')) return { mime: 'audio/wav', extensions: ['wav'] };
  if (at(b, 0, '%PDF-')) return { mime: 'application/pdf', extensions: ['pdf'] };
  if (at(b, 0, '#!AMR')) return { mime: 'audio/amr', extensions: ['amr'] };
  if (at(b, 0, 'ID3') || (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0)) return { mime: 'audio/mpeg', extensions: ['mp3'] };
  if (at(b, 4, 'ftyp')) {
    const brand = b.toString('latin1', 8, 12);
    if (brand === 'heic' || brand === 'heix' || brand === 'mif1') return { mime: 'image/heic', extensions: ['heic', 'heif'] };
    if (brand.startsWith('M4A')) return { mime: 'audio/mp4', extensions: ['m4a'] };
    return { mime: 'video/mp4', extensions: ['mp4', 'mov', 'm4v'] };
  }
  // Office documents are zip files; the extension says which (a plain zip is not accepted).
  if (at(b, 0, 'PK\x03\x04') && office[ext]) return { mime: office[ext], extensions: [ext] };
  if ((ext === 'txt' || ext === 'csv') && isUtf8Text(b)) return { mime: ext === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8', extensions: [ext] };
  return null;
}
