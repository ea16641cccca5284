/**
 * "神秘人"检查 — the outlet mystery-shopper standard, scored 0–100 (003:L436–448): hardware
 * (营业厅、自助区、标识) and software (staff behaviour) items the PSBC plan lists for its two
 * rectification stages. The provincial standard itself is not in the seeds, so the points are a
 * decision; the items and their lines are the seed's.
 */
import type { ScoringItem, ScoringTemplate } from '../../../engines/scoring/index.js';
import { label, note } from '../common.js';

function check(code: string, zh: string, en: string, points: number, source: string, extra: Partial<ScoringItem> = {}): ScoringItem {
  return { code, label: label(zh, en), points, per: 'failure', source, ...extra };
}

/** A behaviour seen case by case: −5 per case, at most the item's 10 points. */
function behaviour(code: string, zh: string, en: string, source: string): ScoringItem {
  return { code, label: label(zh, en), points: 10, per: 'case', deduction: 5, source };
}

export const bankMysteryShopper: ScoringTemplate = {
  code: 'bank-mystery-shopper',
  version: 1,
  label: label('营业网点"神秘人"检查', 'Outlet mystery-shopper check'),
  mode: 'earn',
  fullMark: 100,
  vetoOutcome: 'flag',
  source: '003:L436–448',
  decision: note(
    '按"神秘人"检查标准打 0–100 分(硬件 40 分、软件 60 分)。原文未给出各项分值:硬件项目不达标即失该项分值;软件行为每发现一例扣 5 分,每项最多扣 10 分。有责投诉或负面报道实行一票否决:保留得分,但标记否决,不参加评优。',
    'Scored 0–100 by the mystery-shopper standard (hardware 40, software 60). The source document gives no per-item points: a failed hardware item loses its points; each software lapse seen loses 5, at most the item\'s 10. A founded complaint or negative report is a one-vote veto: the score stands, marked vetoed, out of the running for rewards.',
  ),
  sections: [
    {
      code: 'hardware',
      label: label('硬件', 'Hardware'),
      source: '003:L438–439',
      items: [
        check('self_service', '自助区正常使用,及时加钞', 'Self-service area working, cash topped up', 10, '003:L439'),
        check('unionpay_sign', '张贴银联标识,标识完好', 'UnionPay sign posted and intact', 5, '003:L439'),
        check('premises', '营业厅内外和自助区墙壁、地面完好整洁', 'Walls and floors inside, outside and in the self-service area intact and clean', 10, '003:L439'),
        check('signage', '业务宣传牌、店招等标识完好规范', 'Product boards, shop sign and other signs intact and standard', 10, '003:L439'),
        check('notices', '无无关或非标准的宣传画、宣传牌,公示悬挂整齐', 'No irrelevant or non-standard posters; notices hung neatly', 5, '003:L433'),
      ],
    },
    {
      code: 'software',
      label: label('软件', 'Software'),
      source: '003:L440–446',
      items: [
        behaviour('lobby_manager_dress', '大堂经理服饰规范(黑色鞋子、无多余首饰)', 'Lobby manager dressed to standard (black shoes, no extra jewellery)', '003:L441'),
        behaviour('teller_phone', '低柜柜员不使用与业务无关的手机', 'No personal phone use by low-counter tellers', '003:L442'),
        behaviour('fee_knowledge', '熟记资费标准', 'Fee schedule known by heart', '003:L443'),
        behaviour('count_reminder', '提醒客户当面清点核对钱钞单据', 'Customer reminded to count cash and check slips on the spot', '003:L444'),
        behaviour('lobby_manager_service', '大堂经理主动问候、礼貌送别、合理分流客户', 'Lobby manager greets, sees off and directs customers', '003:L445'),
        behaviour('security_guard', '保安坐姿端正、举止得体、在厅内走动巡视', 'Security guard sits upright, behaves properly, patrols the hall', '003:L446'),
      ],
    },
    {
      code: 'veto',
      label: label('一票否决', 'One-vote veto'),
      source: '001:L869',
      items: [
        check('founded_complaint', '有责投诉或负面报道', 'Founded complaint or negative media report', 0, '001:L869', {
          veto: true,
          decision: note(
            '"对争先创优活动中出现有责投诉或负面报道的实行一票否决"。',
            '"A founded complaint or negative report in the competition is a one-vote veto."',
          ),
        }),
      ],
    },
  ],
};
