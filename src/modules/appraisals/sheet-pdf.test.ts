import { describe, expect, it } from 'vitest';
import { havePdftotext, pdfText } from '../../../test/support/pdf.js';
import { appraisalPeriodZh, renderSheetPdf, type SheetPrint } from './sheet-pdf.js';

const sheet: SheetPrint = {
  organisation: '示范县人民医院',
  period: '2026-11',
  periodFrom: '2026-11-01',
  periodTo: '2026-11-30',
  templateLabel: '窗口人员考核表',
  staffName: '张丽',
  badgeNo: 'H1003',
  unitName: '挂号收费窗口',
  post: '窗口服务',
  state: '已确认',
  items: [
    { group: '绩', label: '满意率', inWords: '好差评：满意 96 条，共评价 100 条，满意率 96%', value: '96', points: '28.8', max: '30' },
    { group: '绩', label: '有效投诉', inWords: '经核实的投诉 1 件', value: '1', points: '8', max: '10' },
    { group: '德', label: '职业道德', inWords: '科室负责人评分', value: '9.5', points: '9.5', max: '10' },
    { group: '能', label: '业务能力', inWords: '科室负责人评分', value: null, points: null, max: '10' },
  ],
  total: '86.3',
  star: '四星',
  vetoed: false,
  feedback: '服务态度好，注意解释收费明细。',
  objection: '11月12日投诉已解释清楚，请复核。',
  notes: ['2026-12-05 申诉成立，已撤销投诉，重新计分'],
  printedOn: '2026-12-05',
};

describe('考核周期 in words', () => {
  it('writes a month, a quarter and a week as the printed sheet does', () => {
    expect(appraisalPeriodZh('2026-11')).toBe('2026年11月');
    expect(appraisalPeriodZh('2026-Q4')).toBe('2026年第四季度');
    expect(appraisalPeriodZh('2026-W07')).toBe('2026年第7周');
    expect(appraisalPeriodZh('odd')).toBe('odd');
  });
});

describe.skipIf(!havePdftotext)('个人考核表 PDF', () => {
  // 002:L216 每人每周期一张考核表 with the head's feedback; signatures of the person, the head and the office.
  it('prints the header, every item with its source and points, the total, star, feedback, objection and the signature lines', async () => {
    const pdf = await renderSheetPdf(sheet);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf).replace(/\s+/g, '');
    expect(text).toContain('示范县人民医院个人考核表');
    expect(text).toContain('2026年11月');
    expect(text).toContain('张丽（H1003）');
    expect(text).toContain('科室：挂号收费窗口');
    expect(text).toContain('岗位：窗口服务');
    expect(text).toContain('满意率96%');
    expect(text).toContain('28.8');
    expect(text).toContain('经核实的投诉1件');
    expect(text).toContain('待评');
    expect(text).toContain('总分：86.3');
    expect(text).toContain('星级：四星');
    expect(text).toContain('服务态度好，注意解释收费明细。');
    expect(text).toContain('11月12日投诉已解释清楚，请复核。');
    expect(text).toContain('申诉成立，已撤销投诉');
    for (const who of ['本人签字', '科室负责人签字', '质控办审核']) expect(text).toContain(`${who}：`);
    expect(text.match(/(?<!打印)日期：/g)?.length).toBe(3);
  });

  it('says 无 where there is no feedback or objection and 未评定 with no star, and flows a long sheet onto a second page with the header again', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ group: '绩', label: `项目${i + 1}`, inWords: '按检查扣分记录计分，每扣 0.5 分减 1 分，最低 0 分', value: '0.5', points: '9', max: '10' }));
    const pdf = await renderSheetPdf({ ...sheet, items, star: null, feedback: null, objection: '  ', notes: [], vetoed: true });
    const text = pdfText(pdf);
    expect(text).toContain('\f');
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('星级：未评定');
    expect(flat).toContain('科室负责人反馈意见：无');
    expect(flat).toContain('本人异议：无');
    expect(flat).toContain('本期有一票否决事项');
    expect(flat).toContain('项目40');
    expect(flat.match(/来源及依据/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
