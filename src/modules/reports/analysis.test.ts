import { describe, expect, it } from 'vitest';
import { change } from '../dashboard/view.js';
import { breachesAnalysis, categoriesAnalysis, countSentence, indicatorsAnalysis, negativeAnalysis, overdueAnalysis, rankingAnalysis, rateSentence, reasonsPhrase, trendAnalysis } from './analysis.js';
import { suggestedMeasures } from './measures.js';
import { paginate } from './layout.js';

describe('analysis sentences (issue 13 §3)', () => {
  it('rates: exact figures, rising, falling, unchanged, no data', () => {
    expect(rateSentence('评价率', change(88.2, 85.1))).toBe('本月评价率 88.2%，较上月上升 3.1 个百分点');
    expect(rateSentence('满意率', change(71.43, 80))).toBe('本月满意率 71.43%，较上月下降 8.57 个百分点');
    expect(rateSentence('满意率', change(90, 90))).toBe('本月满意率 90%，与上月持平');
    expect(rateSentence('满意率', change(90, null))).toBe('本月满意率 90%，上月无数据');
    expect(rateSentence('满意率', change(null, 90))).toBe('本月满意率无数据');
  });

  it('counts: more, fewer, the same', () => {
    expect(countSentence('投诉受理', change(12, 9), '件')).toBe('本月投诉受理 12 件，较上月增加 3 件');
    expect(countSentence('差评', change(2, 7), '条')).toBe('本月差评 2 条，较上月减少 5 条');
    expect(countSentence('差评', change(0, 0), '条')).toBe('本月差评 0 条，与上月持平');
  });

  it('reasons: the most frequent first, at most three, none when there are none', () => {
    const reasons = [
      { label: '服务态度差', count: 3 },
      { label: '候诊时间长', count: 5 },
      { label: '环境不整洁', count: 1 },
      { label: '收费有疑问', count: 2 },
      { label: '隐私保护不到位', count: 0 },
    ];
    expect(reasonsPhrase(reasons, '件')).toBe('主要原因为候诊时间长（5 件）、服务态度差（3 件）、收费有疑问（2 件）');
    expect(reasonsPhrase([], '件')).toBeNull();
    expect(reasonsPhrase([{ label: 'x', count: 0 }], '件')).toBeNull();
  });

  it('the 主要指标 paragraph says what changed and why', () => {
    const text = indicatorsAnalysis({
      complaints: change(12, 9),
      replyOnTime: change(100, 100),
      ratingRate: change(88.2, 85.1),
      satisfactionRate: change(92.5, null),
      negative: change(12, 10),
      reasons: [{ label: '候诊时间长', count: 5 }, { label: '医患沟通不足', count: 4 }],
    });
    expect(text).toBe('本月投诉受理 12 件，较上月增加 3 件；按时答复率 100%，与上月持平；评价率 88.2%，较上月上升 3.1 个百分点；满意率 92.5%，上月无数据；差评 12 条，较上月增加 2 条，主要原因为候诊时间长（5 条）、医患沟通不足（4 条）。');
    // No 差评: no reasons named.
    expect(indicatorsAnalysis({ complaints: change(0, 0), replyOnTime: change(null, null), ratingRate: change(null, null), satisfactionRate: change(null, null), negative: change(0, 1), reasons: [] })).toBe(
      '本月投诉受理 0 件，与上月持平；按时答复率无数据；评价率无数据；满意率无数据；差评 0 条，较上月减少 1 条。',
    );
  });

  it('categories: the largest with its share, the one that grew most; none', () => {
    expect(categoriesAnalysis([{ label: '收费问题', count: 3 }, { label: '服务态度', count: 1 }], [{ label: '服务态度', count: 2 }])).toBe('本月投诉 4 件，以收费问题最多（3 件，占 75%）；较上月增加最多的是收费问题（增加 3 件，上月 0 件）。');
    expect(categoriesAnalysis([{ label: '服务态度', count: 1 }], [{ label: '服务态度', count: 2 }])).toBe('本月投诉 1 件，以服务态度最多（1 件，占 100%）；各类别均未较上月增加。');
    expect(categoriesAnalysis([], [])).toBe('本月及上月均无投诉。');
    expect(categoriesAnalysis([], [{ label: '服务态度', count: 2 }])).toBe('本月无投诉（上月 2 件）。');
  });

  it('trend, ranking, breaches, overdue and 差评 handling', () => {
    expect(trendAnalysis([{ month: '2026-09', complaints: 1, satisfaction: 80 }, { month: '2026-10', complaints: 2, satisfaction: 71.43 }, { month: '2026-11', complaints: 0, satisfaction: null }])).toBe(
      '近 3 个月共受理投诉 3 件，月均 1 件；满意率最高为 2026-09（80%），最低为 2026-10（71.43%）。',
    );
    expect(trendAnalysis([{ month: '2026-10', complaints: 0, satisfaction: null }])).toBe('近 1 个月共受理投诉 0 件，月均 0 件；满意率无数据。');
    expect(rankingAnalysis([{ name: '挂号收费窗口', rank: 2, satisfaction: 71.43, talkRequired: true }, { name: '导医服务台', rank: 1, satisfaction: 100, talkRequired: false }, { name: '门诊药房窗口', rank: null, satisfaction: null, talkRequired: false }])).toBe(
      '本月参与排名窗口 2 个；满意率最高的是导医服务台（100%），最低的是挂号收费窗口（71.43%）；挂号收费窗口连续两个月排名末位，应约谈。',
    );
    expect(rankingAnalysis([])).toBe('范围内没有窗口。');
    expect(breachesAnalysis(3, [{ subjectType: 'window', subjectName: 'A' }, { subjectType: 'window', subjectName: 'A' }, { subjectType: 'organisation', subjectName: '医院' }])).toBe('本月检查 3 项，未达标 3 项，涉及 2 个对象，其中窗口 1 个。');
    expect(breachesAnalysis(3, [])).toBe('本月检查 3 项，均达标或无数据。');
    expect(overdueAnalysis(3, 1, [{ label: '内科', count: 2 }, { label: '外科', count: 1 }])).toBe('截至生成时超期投诉 3 件，其中严重超期 1 件；内科最多（2 件），应督办限期答复。');
    expect(overdueAnalysis(0, 0, [])).toBe('截至生成时无超期投诉。');
    expect(negativeAnalysis(change(3, 3), 3, 1)).toBe('本月差评 3 条，与上月持平；整改工单 3 件，已办结 1 件（33.33%）。');
    expect(negativeAnalysis(change(0, 2), 0, 0)).toBe('本月差评 0 条，较上月减少 2 条；本月无差评整改工单。');
  });
});

describe('suggested measures', () => {
  it('from the figures: overdue, talks, windows below a threshold, top 差评 reasons with their worded measure', () => {
    const list = suggestedMeasures({
      overdue: { total: 4, severe: 1 },
      talks: ['挂号收费窗口'],
      breaches: [{ subjectName: '挂号收费窗口', metric: 'ratingRate', label: '窗口月评价率' }, { subjectName: '门诊药房窗口', metric: 'ratingRate', label: '窗口月评价率' }],
      reasons: [{ code: 'attitude', label: '服务态度差', count: 2 }, { code: 'mine', label: '自定义原因', count: 1 }, { code: 'slow', label: '等候时间长', count: 5 }],
    });
    expect(list).toEqual([
      '督办超期投诉 4 件（其中严重超期 1 件，报分管领导），限期答复投诉人',
      '约谈挂号收费窗口负责人，制定整改计划并跟踪下月满意率',
      '窗口月评价率未达标（挂号收费窗口、门诊药房窗口）：服务结束时主动邀请评价，每日核对服务人次与评价数，提高评价率',
      '差评原因“等候时间长”（5 条）：优化排班和取号分流，高峰时段增开窗口，缩短等候时间',
      '差评原因“服务态度差”（2 条）：开展服务礼仪和沟通培训，对被差评人员逐一谈话提醒',
      '差评原因“自定义原因”（1 条）：逐条核实原因，制定整改措施并回访评价人',
    ]);
    expect(suggestedMeasures({ overdue: { total: 0, severe: 0 }, talks: [], breaches: [], reasons: [] })).toEqual(['本月各项指标正常，保持现有做法，继续做好差评回访和投诉答复']);
  });
});

describe('pagination', () => {
  const frame = { top: 0, bottom: 100 };
  it('a heading never ends a page: it moves with the lines it is kept with', () => {
    const p = paginate([{ height: 70 }, { height: 20, keepWithNext: 2 }, { height: 10 }, { height: 10 }], frame);
    expect(p.map((x) => x.page)).toEqual([0, 1, 1, 1]);
    expect(p[1].y).toBe(0);
  });
  it('a table row opening a page gets its header drawn again above it', () => {
    const p = paginate([{ height: 90 }, { height: 15, repeatHeight: 15 }, { height: 15, repeatHeight: 15 }], frame);
    expect(p[1]).toEqual({ page: 1, y: 15, repeated: true });
    expect(p[2]).toEqual({ page: 1, y: 30, repeated: false });
  });
  it('a group taller than a page breaks after its first box rather than looping', () => {
    const p = paginate([{ height: 60, keepWithNext: 3 }, { height: 60 }, { height: 60 }, { height: 60 }], frame);
    expect(p.map((x) => x.page)).toEqual([0, 1, 2, 3]);
  });
});
