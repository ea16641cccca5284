/** Checks of an edited template and of judged scores: each problem names its field with a stable code. */
import { describe, expect, it } from 'vitest';
import { windowTemplate as tpl } from '../../test-support/appraisal-template.js';
import { checkJudged, checkTemplate, type SheetTemplate } from './index.js';

const edit = (f: (t: SheetTemplate) => void): unknown => {
  const t = structuredClone(tpl);
  f(t);
  return t;
};
const codes = (x: unknown) => checkTemplate(x).map((i) => `${i.field} ${i.code}`);

describe('checkTemplate', () => {
  it('accepts the test template', () => {
    expect(checkTemplate(tpl)).toEqual([]);
  });
  it('names each problem', () => {
    expect(codes(edit((t) => (t.items[1].code = 'satisfaction')))).toEqual(['items.1.code appraisal_template_duplicate_code']);
    expect(codes(edit((t) => (t.items[0].min = '40')))).toEqual(['items.0.min appraisal_template_min_above_max']);
    expect(codes(edit((t) => ((t.items[8] as { range: { max: string } }).range.max = '6')))).toEqual(['items.8.range appraisal_template_range_outside']);
    expect(codes(edit((t) => (t.stars[1].atLeast = '96')))).toEqual(['stars.1 appraisal_template_stars_not_descending']);
    expect(codes(edit((t) => (t.stars[0].payCoefficient = '-1')))).toEqual(['stars.0.payCoefficient appraisal_template_negative']);
    expect(codes(edit((t) => (t.items[0].max = 'ten')))).toEqual(['items.0.max appraisal_template_not_a_decimal']);
    expect(codes(edit((t) => ((t.items[0] as { rule: unknown }).rule = { kind: 'veto' })))).toEqual(['items.0.rule.kind appraisal_template_rule_mismatch']);
    expect(codes(edit((t) => ((t.items[0] as { rule: { target: string } }).rule.target = '0')))).toEqual(['items.0.rule.target appraisal_template_out_of_range']);
    expect(codes(edit((t) => (t.bottom = { consecutive: 0, action: 'interview' })))).toEqual(['bottom.consecutive appraisal_template_not_whole']);
    expect(codes(edit((t) => ((t as { period: string }).period = 'daily')))).toEqual(['period appraisal_template_unknown_period']);
    expect(codes(null)).toEqual(['template appraisal_template_required']);
  });
  it('says each problem in Chinese and English', () => {
    const [issue] = checkTemplate(edit((t) => (t.items[0].min = '40')));
    expect(issue.message?.zh).toContain('保底分不得高于封顶分');
    expect(issue.message?.en).toContain('floor');
  });
});

describe('checkJudged', () => {
  it('refuses scores outside the range, of measured items, or not decimals; null clears', () => {
    expect(checkJudged(tpl, { de: '5', neng: null })).toEqual([]);
    expect(checkJudged(tpl, { de: '5.5', satisfaction: '1', neng: 4 as unknown as string }).map((i) => `${i.field} ${i.code}`)).toEqual([
      'items.de appraisal_judged_out_of_range',
      'items.satisfaction appraisal_judged_not_judged',
      'items.neng appraisal_judged_not_a_decimal',
    ]);
  });
});
