import { execFileSync } from 'node:child_process';

/** Whether poppler's pdftotext is installed: the PDF text checks are skipped without it (and say so). */
export const havePdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!havePdftotext) console.warn('pdftotext (poppler-utils) is not installed: the PDF text checks are skipped');

/** The text of a PDF, from its bytes or a file. */
export function pdfText(pdf: Buffer | string): string {
  return typeof pdf === 'string' ? execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }) : execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
}
