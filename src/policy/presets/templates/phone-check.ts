/**
 * 电话检查 — the management phone check of a station or business hall (004:L214): answered
 * within 4 rings, a greeting that names the unit, courteous handling, the caller's details taken,
 * and the caller hangs up first (004:L66, L68, L214 — gas and power-supply norms).
 */
import type { ScoringTemplate } from '../../../engines/scoring/index.js';
import { label, note } from '../common.js';

/** `rings`: the pack's own phone standard (cases.inquiry.standards.phone_answer_rings), so the two never disagree. */
export function phoneCheck(rings: number): ScoringTemplate {
  return {
  code: 'phone-check',
  version: 1,
  label: label('电话接听检查', 'Phone check'),
  mode: 'earn',
  fullMark: 100,
  source: '004:L66, L68, L214',
  decision: note(
    '每一项不达标即失该项分值,满分 100 分:铃响 4 声内接听 30 分,问候并报出单位名称 30 分,等客户先挂断 20 分,语言文明礼貌并说普通话 10 分,问明并记录客户姓名、地址、电话 10 分。原文只有要求,分值为本系统设定。',
    'Each requirement missed loses its points, 100 in all: answered within 4 rings 30, greeting naming the unit 30, caller hangs up first 20, courteous Mandarin 10, caller\'s name, address and phone taken down 10. The source documents give the requirements, not the points.',
  ),
  sections: [
    {
      code: 'call',
      label: label('接听', 'The call'),
      source: '004:L214',
      items: [
        {
          code: 'answer_rings',
          label: label('铃响 4 声内接听', 'Answered within 4 rings'),
          points: 30,
          per: 'failure',
          source: '004:L66, L214',
          metrics: [{ code: 'rings', label: label('接听前铃响次数', 'Rings before answering'), unit: 'rings', failsWhen: '>', threshold: rings, source: '004:L66, L214' }],
        },
        {
          code: 'greeting',
          label: label('首先问候,然后报出单位名称', 'Greets first, then names the unit'),
          points: 30,
          per: 'failure',
          source: '004:L66, L214',
        },
        {
          code: 'courtesy',
          label: label('语言亲切、热情礼貌、说普通话', 'Warm, courteous, in Mandarin'),
          points: 10,
          per: 'failure',
          source: '004:L68, L214',
        },
        {
          code: 'caller_details',
          label: label('问明客户姓名、住址、联系电话并记录', "Caller's name, address and phone taken down"),
          points: 10,
          per: 'failure',
          allowNa: true,
          source: '004:L214',
          decision: note('只是咨询、不需要后续处理的来电可标记为不适用。', 'A plain inquiry needing no follow-up may be marked not applicable.'),
        },
        {
          code: 'caller_hangs_up_first',
          label: label('等客户先挂断电话', 'Caller hangs up first'),
          points: 20,
          per: 'failure',
          source: '004:L68',
        },
      ],
    },
  ],
};
}
