import { describe, expect, it } from 'vitest';
import { CITATION_IN_TEXT, describeSource, sourceInWords } from './references.js';
import { explainPolicy, listPresetSectors, presetFor } from './index.js';

describe('citations in words', () => {
  it('names the seed document and its part, keeping the exact line for the office', () => {
    // 002:L103 (reply within 5 working days) sits in 篇5 窗口服务承诺 of 窗口服务典型案例.
    expect(describeSource('002:L103')).toEqual([{ kind: 'seed', text: { zh: '《窗口服务典型案例》第5篇', en: '“Typical cases of window service”, part 5' }, citation: '002:L103' }]);
    expect(describeSource('004:L66, L214; ANCHORS.md').map((r) => r.text.zh)).toEqual(['《优质服务规范细则》第八条（用户咨询电话服务规范）、附件《供电公司优质服务管理及考核办法》', '本系统默认设置（可按本单位调整）']);
  });

  it('calls spec references the system default, once, and leaves them out of public texts', () => {
    expect(describeSource('ANCHORS.md; RULES.md §3')).toEqual([{ kind: 'default', text: { zh: '本系统默认设置（可按本单位调整）', en: 'Default setting of this system (adjustable for your organisation)' }, citation: 'ANCHORS.md; RULES.md §3' }]);
    expect(sourceInWords('RULES.md §1')).toBeNull();
    expect(sourceInWords(undefined)).toBeNull();
  });

  it('words every source of every preset without a line number or file name', () => {
    for (const sector of listPresetSectors()) {
      for (const v of explainPolicy(presetFor(sector))) {
        for (const r of describeSource(v.source)) {
          expect(r.text.zh).not.toMatch(CITATION_IN_TEXT);
          expect(r.text.zh).not.toMatch(/\.md|相关条款/);
        }
      }
    }
  });
});
