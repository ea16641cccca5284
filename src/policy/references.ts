/**
 * Citations in words. A pack cites seed lines (`002:L103`) and spec documents (`RULES.md §1`);
 * people read the document's title and part instead — 《窗口服务典型案例》第 7 篇 — and the exact
 * line only where the quality office asks for it. Spec references are the product's own defaults.
 * One home for this wording: the policy API, the public board and the monthly PDF all use it.
 */
import { SEED_CITATION_PATTERN } from './citations.js';

export interface Words {
  zh: string;
  en: string;
}

/** A part of a seed document: it starts at line `from` and runs to the next part. */
type Part = readonly [from: number, zh: string, en: string];

interface SeedDocument {
  title: Words;
  parts: readonly Part[];
}

const pian = (lines: number[], zh: (i: number) => string): Part[] => lines.map((from, i) => [from, zh(i + 1), `part ${i + 1}`] as const);
const zhNumber = (n: number): string => {
  const d = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  return `${n >= 20 ? d[Math.floor(n / 10)] : ''}十${d[n % 10]}`;
};

/** The seed documents (/work/shared/spec/seeds): each one's title and where its parts start. */
const seedDocuments: Readonly<Record<string, SeedDocument>> = {
  '000': { title: { zh: '急诊科开展优质服务举措', en: 'Quality-service measures of an emergency department' }, parts: pian([1, 37, 49, 90, 102], (i) => `第${zhNumber(i)}篇`) },
  '001': { title: { zh: '服务提升年活动实施方案', en: 'Service Improvement Year implementation plan' }, parts: pian([7, 513, 689, 697, 735, 797], (i) => `第${i}篇`) },
  '002': { title: { zh: '窗口服务典型案例', en: 'Typical cases of window service' }, parts: pian([2, 22, 43, 59, 96, 105, 109, 140, 160, 198, 204, 229], (i) => `第${i}篇`) },
  '003': {
    title: { zh: '医院服务质量提升方案', en: 'Hospital service quality improvement plan' },
    parts: pian([2, 48, 99, 150, 175, 199, 223, 266, 279, 351, 369, 414, 449, 482, 484, 509, 545, 562, 582, 587, 613, 615, 663], (i) => `第${zhNumber(i)}篇`),
  },
  '004': {
    title: { zh: '优质服务规范细则', en: 'Quality service rules' },
    parts: [
      [8, '第一章总则', 'chapter 1'],
      [18, '第四条（基本道德和技能规范）', 'article 4'],
      [30, '第五条（诚信服务规范）', 'article 5'],
      [40, '第六条（行为举止规范）', 'article 6'],
      [54, '第七条（接待服务规范）', 'article 7'],
      [64, '第八条（用户咨询电话服务规范）', 'article 8'],
      [78, '第九条（开通、维修服务规范）', 'article 9'],
      [96, '第三章附则', 'chapter 3'],
      ...(
        [
          [102, '窗口行业规范管理优质服务'],
          [108, '医院优质服务总结材料'],
          [114, '营业网点文明优质服务规范提升项目方案'],
          [120, '优质服务规范与处罚细则'],
          [126, '公司优质服务规范细则'],
          [130, '医院实施优质护理服务工作标准'],
          [136, '优秀员工奖惩管理办法'],
          [142, '小额贷款公司文明优质服务规范'],
          [148, '医院优质服务语言标准要求'],
          [156, '员工奖惩暂行办法'],
          [162, '医院优质服务规范'],
          [168, '“提升素质强管理，优质服务上水平”活动方案'],
          [174, '营业部优质服务奖惩办法'],
          [180, '公司优质服务规范细则'],
          [186, '优质服务常态化管理措施'],
          [190, '店铺形象维护及奖惩制度'],
          [200, '优质服务奖惩制度'],
          [206, '急诊科优质服务规范'],
          [210, '供电公司优质服务管理及考核办法'],
        ] as const
      ).map(([from, title], i): Part => [from, `附件《${title}》`, `annex ${i + 1}`]),
    ],
  },
};

/** How a source is shown: `text` for everyone, `citation` (the exact line) for the office's details. */
export interface SourceReference {
  kind: 'seed' | 'default';
  text: Words;
  citation: string;
}

/** Spec documents (ANCHORS.md, RULES.md §3…) are this product's own settings, which each organisation may adjust. */
export const DEFAULT_SETTING: Words = { zh: '本系统默认设置（可按本单位调整）', en: 'Default setting of this system (adjustable for your organisation)' };
const RELATED: Words = { zh: '相关条款', en: 'related provisions' };

function partOf(doc: SeedDocument, line: number): Part | undefined {
  let found: Part | undefined;
  for (const p of doc.parts) if (p[0] <= line) found = p;
  return found;
}

/** One seed citation (`002:L98, L184`) in words: 《窗口服务典型案例》第5篇、第9篇. */
function seedReference(citation: string): SourceReference {
  const doc = seedDocuments[citation.slice(0, 3)];
  const lines = [...citation.slice(4).matchAll(/L?(\d+)(?:[–-]L?\d+)?/g)].map((m) => Number(m[1]));
  if (!doc) return { kind: 'seed', text: { zh: `参考文件${RELATED.zh}`, en: `reference document, ${RELATED.en}` }, citation };
  const parts = [...new Set(lines.map((l) => partOf(doc, l)).filter((p): p is Part => !!p))];
  const zh = parts.length ? parts.map((p) => p[1]).join('、') : RELATED.zh;
  const en = parts.length ? parts.map((p) => p[2]).join(', ') : RELATED.en;
  return { kind: 'seed', text: { zh: `《${doc.title.zh}》${zh}`, en: `“${doc.title.en}”, ${en}` }, citation };
}

/**
 * A pack `source` (one citation or several joined by `; `) as readable references, seed documents
 * first; every spec reference collapses into one "default setting".
 */
export function describeSource(source: string | undefined | null): SourceReference[] {
  if (!source) return [];
  const out: SourceReference[] = [];
  const defaults: string[] = [];
  for (const part of source.split(/; ?/)) {
    if (SEED_CITATION_PATTERN.test(part)) out.push(seedReference(part));
    else defaults.push(part);
  }
  if (defaults.length) out.push({ kind: 'default', text: DEFAULT_SETTING, citation: defaults.join('; ') });
  return out;
}

/** A source as one line of words (依据…) for public and printed texts; null when only defaults are cited. */
export function sourceInWords(source: string | undefined | null): Words | null {
  const seeds = describeSource(source).filter((r) => r.kind === 'seed');
  if (!seeds.length) return null;
  return { zh: seeds.map((r) => r.text.zh).join('；'), en: seeds.map((r) => r.text.en).join('; ') };
}

/** A threshold in words: 不低于 90% / at least 90 %. */
export const thresholdWords: Readonly<Record<'gte' | 'gt' | 'lte' | 'lt', Words>> = {
  gte: { zh: '不低于', en: 'at least' },
  gt: { zh: '高于', en: 'above' },
  lte: { zh: '不高于', en: 'at most' },
  lt: { zh: '低于', en: 'below' },
};

/** Internal codes a reader must never see: a seed citation anywhere in a text. */
export const CITATION_IN_TEXT = /\d{3}:L\d+/;
