import { describe, expect, it } from 'vitest';
import { havePdftotext, pdfText } from '../../../test/support/pdf.js';
import { dateZh, periodZh, renderCertificate } from './certificate-pdf.js';

describe('certificate words', () => {
  it('writes periods as Chinese certificates do', () => {
    expect(periodZh('2026-Q4')).toBe('2026年第四季度');
    expect(periodZh('2026-Q1')).toBe('2026年第一季度');
    expect(periodZh('2026-03')).toBe('2026年3月');
    expect(periodZh('2026')).toBe('2026年度');
    expect(periodZh('odd')).toBe('odd');
  });

  it('writes dates in Chinese numerals', () => {
    expect(dateZh('2026-12-03')).toBe('二〇二六年十二月三日');
    expect(dateZh('2027-01-20')).toBe('二〇二七年一月二十日');
    expect(dateZh('2026-10-31')).toBe('二〇二六年十月三十一日');
    expect(dateZh('2026-11-15')).toBe('二〇二六年十一月十五日');
  });
});

describe.skipIf(!havePdftotext)('荣誉证书 PDF', () => {
  it('names the person, their unit, the award, the period, the organisation and the date', async () => {
    const pdf = await renderCertificate({ organisation: '示范县人民医院', recipient: '张丽', subject: 'person', unitName: '挂号收费窗口', awardName: '文明服务标兵', period: '2026-Q4', date: '2026-12-03', serial: 'RY-0001' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf).replace(/\s+/g, '');
    expect(text).toContain('荣誉证书');
    expect(text).toContain('挂号收费窗口张丽同志');
    expect(text).toContain('在示范县人民医院2026年第四季度评选中');
    expect(text).toContain('“文明服务标兵”称号');
    expect(text).toContain('二〇二六年十二月三日');
    expect(text).toContain('证书编号：RY-0001');
  });

  it('addresses a unit without 同志 and keeps a long award name on one line', async () => {
    const pdf = await renderCertificate({ organisation: '示范县政务服务中心', recipient: '1号窗口（企业开办）', subject: 'unit', awardName: '优质服务窗口暨群众满意示范岗位服务之星集体', period: '2026', date: '2027-01-05', serial: 'RY-0002' });
    const text = pdfText(pdf);
    expect(text).not.toContain('同志');
    expect(text.replace(/\s+/g, '')).toContain('“优质服务窗口暨群众满意示范岗位服务之星集体”称号');
    expect(text).toContain('2026年度');
  });
});
