import { describe, expect, it } from 'vitest';
import { attachmentDisposition, downloadName } from './download.js';
import { lastClosedMonth, periodLabel } from './months.js';

describe('download names (issue 13 §6)', () => {
  it('what it is and its period: a whole month, a day, a range', () => {
    expect(downloadName('投诉案件', periodLabel('2026-11-01', '2026-11-30'), 'xlsx')).toBe('投诉案件_2026-11.xlsx');
    expect(periodLabel('2026-02-01', '2026-02-28')).toBe('2026-02');
    expect(periodLabel('2026-02-01', '2026-02-27')).toBe('2026-02-01_2026-02-27');
    expect(periodLabel('2026-11-05', '2026-11-05')).toBe('2026-11-05');
    expect(periodLabel('2026-10-01', '2026-11-30')).toBe('2026-10-01_2026-11-30');
  });

  it('RFC 5987: the exact name in filename*, an ASCII fallback in filename', () => {
    expect(attachmentDisposition('服务质量月报_2026-10.pdf')).toBe(`attachment; filename="_______2026-10.pdf"; filename*=UTF-8''${encodeURIComponent('服务质量月报_2026-10.pdf')}`);
  });

  it('the last closed month is the one before the current local month', () => {
    expect(lastClosedMonth(Date.parse('2026-12-01T00:30:00+08:00'), 480)).toBe('2026-11');
    expect(lastClosedMonth(Date.parse('2026-01-15T10:00:00+08:00'), 480)).toBe('2025-12');
    // 23:30 UTC on the last day is already the next month in Beijing.
    expect(lastClosedMonth(Date.parse('2026-11-30T23:30:00Z'), 480)).toBe('2026-11');
  });
});
