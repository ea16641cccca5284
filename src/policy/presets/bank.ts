/** Bank preset (sub-branches and outlets). */
import type { PolicyPack } from '../schema.js';
import { caseworkPreset } from '../casework.js';
import { publicationPreset } from '../publication.js';
import { abc } from './sanctions/abc.js';
import { feixian } from './sanctions/feixian.js';
import { psbc } from './sanctions/psbc.js';
import { wordingPreset } from '../wording.js';
import { payrollPreset } from '../payroll.js';
import { sanctionsPreset } from './sanctions.js';
import { awardsPreset } from './awards.js';
import { appraisalPreset } from './appraisal.js';
import { abcBranchEvaluation } from './competitions/abc-branch.js';
import { abcQingdao } from './competitions/abc-qingdao.js';
import { bankMysteryShopper } from './templates/bank-mystery-shopper.js';
import { cctvClips } from './templates/cctv-clips.js';
import { cctvClipsRule, commonCalendar, commonCases, commonHorizons, commonRatings, commonReports, dec, halfHeartedWindow, label, note, src, threshold } from './common.js';

export const bankPreset: PolicyPack = {
  version: 1,
  sector: 'bank',
  name: label('银行', 'Bank'),
  horizons: commonHorizons(),
  calendar: commonCalendar(
    dec([{ start: '09:00', end: '17:00' }], note('网点柜面营业时间按一个时段计；文件没有规定，各网点可自行设置。', 'Outlet counter hours in one period; the source documents give none. Each outlet sets its own.')),
    src(
      [1, 2, 3, 4, 5],
      '002:L99',
      note(
        '网点周末营业的，期限仍按周一至周五的工作日计算；法定节假日和调休以工作日历为准。',
        'Deadlines count Monday–Friday working days even where outlets open at weekends; statutory holidays and 调休 come from the working-day calendar.',
      ),
    ),
  ),
  cases: commonCases(),
  ratings: commonRatings({
    outlet_satisfaction: threshold(
      {
        label: label('网点客户满意度', 'Outlet customer satisfaction'),
        metric: 'satisfactionRate',
        op: 'gte',
        value: 0.85,
        scope: 'unit',
        period: 'month',
        kind: 'target',
        action: 'alert',
      },
      '003:L288',
      note(
        '网点目标：客户满意度达到 85% 以上（“以上”含本数）。原文为年度目标，按月监测，以便及早发现下滑。',
        'Outlet goal: 客户满意度达到85%以上 (以上 → ≥). The source document states a yearly goal; watched monthly so slippage shows early.',
      ),
    ),
    teller_satisfaction: threshold(
      {
        label: label('柜员服务评价满意度', 'Teller rating satisfaction'),
        metric: 'satisfactionRate',
        op: 'gte',
        value: 0.9,
        scope: 'staff',
        period: 'month',
        kind: 'target',
        action: 'alert',
      },
      '001:L557–563',
      note(
        '柜员服务评价满意度达到 90% 以上（“以上”含本数），数据来自柜台评价器。原文为年度目标，按月监测。',
        'ABC: 柜员服务评价满意度达到90%以上 (以上 → ≥), from the teller rating device. The source document states a yearly goal; watched monthly.',
      ),
    ),
  }),
  reports: commonReports(),
  inspections: {
    templates: [bankMysteryShopper, cctvClips],
    halfHeartedWithinDays: halfHeartedWindow(),
    coverage: src(
      { branchKind: 'branch', outletKind: 'outlet', outletPercent: 60, recheckBelow: 85, videoChecks: 2, bottomBranches: 3 },
      '003:L297–298, L304–305; 004:L116, L214',
      note(
        '每季至少覆盖全部一级支行（单位类型 branch）和 60% 营业网点（outlet，向上取整），复查上期 85 分以下网点（84.9 分须复查，85 分不必），视频监控检查不少于 2 次；当期得分排名后三名的一级支行（按其网点平均分）在通报会上点名。',
        'Each quarter: every 一级支行 (unit kind branch), at least 60 % of the outlets (kind outlet, rounded up), a recheck of every outlet that scored below 85 last round (84.9 is in, 85 is not), at least 2 video checks; the bottom 3 一级支行 of the round (by their outlets\' average) are named at the bulletin meeting.',
      ),
    ),
    cctv: cctvClipsRule(
      'window',
      note(
        '每个柜台（单位类型 window）每个工作日至少采摘 4 个监控镜头：上午 2 个、下午 2 个，下午 3 点前完成（15:00 整仍算按时）；用"柜台监控录像采摘"模板、以视频检查方式记录。',
        'Every counter (unit kind window), every working day: at least 4 CCTV clips, 2 in the morning and 2 in the afternoon, finished by 15:00 (15:00 sharp is on time); recorded with the cctv-clips template as a video review.',
      ),
    ),
    bands: src(
      { rewardAtLeast: 90, rewardTop: 5, excellentAtLeast: 90, excellentTop: 3, dockedBelow: 85, dockedMoreBelow: 80 },
      '003:L341, L343',
      note(
        '当期得分 90 分（含）以上且排名前五名的网点给予奖励；年度平均 90 分以上且位列前三名的授予优秀网点；低于 85 分扣罚绩效，低于 80 分加重扣罚。',
        'A round: ≥ 90 ("90分(含)以上") and in the top 5 → reward; the year: average ≥ 90 and in the top 3 → 优秀网点; < 85 → pay docked; < 80 → docked more.',
      ),
    ),
  },
  casework: caseworkPreset('bank'),
  publication: publicationPreset(),
  sanctionRules: { psbc, abc, feixian },
  wording: wordingPreset('bank'),
  payroll: payrollPreset(),
  sanctions: sanctionsPreset('bank'),
  awards: awardsPreset('bank'),
  competitions: { 'abc-qingdao': abcQingdao, 'abc-branch-evaluation': abcBranchEvaluation },
  appraisal: appraisalPreset('bank'),
};
