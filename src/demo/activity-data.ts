/** Deterministic randomness and the texts of the demo activity generator. */

/** mulberry32: the same seed gives the same month (the benchmarks use it too). */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;

export const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

export function weighted<T>(rand: Rand, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let r = rand() * total;
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return items[items.length - 1][0];
}

/** Poisson-distributed count with mean `mean` (Knuth; means here are small). */
export function poisson(rand: Rand, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

export const complaintTexts: Record<string, string[]> = {
  attitude: ['窗口工作人员态度生硬，询问时不耐烦。', '工作人员说话语气冲，没有耐心解释。'],
  efficiency: ['排队等候时间过长，一个多小时未办理。', '同一件事跑了三次还没办完。'],
  competence: ['工作人员对业务不熟悉，解释前后不一致。', '告知的材料清单不完整，导致重复跑腿。'],
  fees: ['收费项目与公示不一致，要求核实退费。', '多收了一项检查费用。'],
  environment: ['等候区座位不足，老人只能站着等。', '卫生间无人清洁，环境较差。'],
  discipline: ['上班时间窗口无人，工作人员迟迟不到岗。', '工作人员办理时玩手机。'],
  medical_quality: ['复诊时症状没有好转，医生没有认真查看检查结果。', '检查报告出来后没有医生解释。'],
  communication: ['医生看病时间很短，问问题不耐烦，没有说清楚用药注意事项。', '手术前没有讲清楚风险和费用。'],
  medication: ['药房发的药和处方不一致。', '同一种药两次开的剂量不同，没有人解释。'],
  privacy: ['检查时没有拉帘子，其他人可以随意进出。', '护士在走廊大声说出病情。'],
  product_sales: ['办理存款时被推荐购买保险，没有说明是保险产品。', '理财产品风险没有讲清楚。'],
  repair: ['报修停水后等了一天才有人来。', '维修人员约好时间没有到。'],
  supply_quality: ['小区连续几天水压很低。', '晚上频繁停电，没有通知。'],
  other: ['对办理流程有意见，希望简化。', '咨询电话长时间无人接听。'],
};

export const ratingComments = {
  negative: ['等了很久，态度也不好。', '材料没有一次性告知，白跑一趟。', '办事效率太低。'],
  positive: ['服务热情，办事快。', '解释很清楚，谢谢！', '很满意。'],
};

export const complainantNames = ['张先生', '李女士', '王先生', '刘女士', '陈先生', '杨女士', '赵先生', '黄女士'];
export const channelsByWeight = [['window', 5], ['phone', 4], ['online', 3], ['qr', 2], ['hotline_12345', 2], ['suggestion_box', 1]] as const;
