import { describe, expect, it } from 'vitest';
import { rate } from '../../engines/metrics/index.js';
import { inspectionsAnalysis, inspectionsSection, type InspectionSummary } from './inspections-section.js';

const summary = (over: Partial<InspectionSummary> = {}): InspectionSummary => ({
  month: '2026-11',
  inspections: 3,
  average: 82.8,
  vetoes: 0,
  previous: { count: 3, average: 60 },
  change: { count: 0, average: 22.8 },
  topFindings: [],
  rectification: { due: 0, closedOnTime: 0, closedLate: 0, openOverdue: 0, notYetDue: 0, rate: rate(0, 0) },
  round: null,
  ...over,
});

describe('明察暗访 analysis sentence', () => {
  it('compares with last month: count, average, vetoes, the top finding, the on-time rate', () => {
    const s = summary({
      inspections: 5,
      change: { count: 2, average: -1.5 },
      previous: { count: 3, average: 84.3 },
      vetoes: 1,
      topFindings: [{ templateCode: 't', template: { zh: '网点暗访', en: 'Visit' }, item: 'manner', label: { zh: '服务态度', en: 'Manner' }, count: 4, units: 2, vetoes: 0 }],
      rectification: { due: 4, closedOnTime: 1, closedLate: 1, openOverdue: 1, notYetDue: 1, rate: rate(1, 3) },
    });
    expect(inspectionsAnalysis(s)).toBe('本月开展明察暗访 5 次，较上月增加 2 次；平均得分 82.8 分（百分制），较上月下降 1.5 分；一票否决 1 次；发现问题最多的是“服务态度”（4 次，涉及 2 个单位）；到期整改 3 件，按期办结 1 件，按期率 33.33%。');
  });

  it('says so when there was nothing to compare or no inspection at all', () => {
    expect(inspectionsAnalysis(summary({ previous: { count: 0, average: null }, change: { count: 3, average: null } }))).toBe('本月开展明察暗访 3 次，上月无检查；平均得分 82.8 分（百分制），上月无可比得分。');
    expect(inspectionsAnalysis(summary({ inspections: 0, average: null, previous: { count: 2, average: 90 } }))).toBe('本月未开展明察暗访（上月 2 次）。');
    expect(inspectionsAnalysis(summary({ inspections: 0, average: null, previous: { count: 0, average: null } }))).toBe('本月未开展明察暗访。');
  });

  it('lists a closed round by band, with score and rank', () => {
    const fact = (name: string, score: number, rank: number, bands: ('reward' | 'docked' | 'docked_more')[]) => ({ id: name, orgId: 'o', unitId: name, unitCode: null, unitName: name, periodKind: 'quarter' as const, period: '2026-Q3', periodFrom: '2026-07-01', periodTo: '2026-09-30', score, rank, ranked: 3, bands, inspectionId: null, rounds: 1, packVersion: 1, citation: '003:L341, L343', closedAt: '' });
    const s = inspectionsSection(summary({ round: { period: '2026-Q3', facts: [fact('甲网点', 95, 1, ['reward']), fact('乙网点', 84.9, 2, ['docked']), fact('丙网点', 79.9, 3, ['docked_more'])] } }));
    const texts = s.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(texts).toContain('2026年第3季度检查已结算（得分档次）：');
    expect(texts).toContain('奖励 1 个：甲网点（95 分，第 1 名）');
    expect(texts).toContain('扣罚绩效 1 个：乙网点（84.9 分，第 2 名）');
    expect(texts).toContain('加重扣罚 1 个：丙网点（79.9 分，第 3 名）');
  });
});
