/**
 * 监控录像采摘 — the daily CCTV clip check per counter (004:L116, a bank's outlet programme): at
 * least 4 clips per counter a day, 2 in the morning and 2 in the afternoon, done before 15:00.
 */
import type { ScoringTemplate } from '../../../engines/scoring/index.js';
import { label, note } from '../common.js';

export const cctvClips: ScoringTemplate = {
  code: 'cctv-clips',
  version: 1,
  label: label('柜台监控录像采摘(每柜台每天)', 'CCTV clips per counter per day'),
  mode: 'earn',
  fullMark: 100,
  source: '004:L116',
  decision: note(
    '一个柜台一天记一次检查,满分 100 分:上午不足 2 个镜头扣 40 分,下午不足 2 个扣 40 分,下午 3 点后才完成扣 20 分。原文只有数量和时间要求,分值为本系统设定。',
    'One check per counter per day, 100 points: fewer than 2 morning clips −40, fewer than 2 afternoon clips −40, finished after 15:00 −20. The source document gives the counts and the time, not the points.',
  ),
  sections: [
    {
      code: 'clips',
      label: label('录像采摘', 'Clips'),
      source: '004:L116',
      items: [
        {
          code: 'morning_clips',
          label: label('上午采摘镜头', 'Morning clips'),
          points: 40,
          per: 'failure',
          source: '004:L116',
          metrics: [{ code: 'clips', label: label('镜头数', 'Clips'), unit: 'count', failsWhen: '<', threshold: 2, source: '004:L116' }],
        },
        {
          code: 'afternoon_clips',
          label: label('下午采摘镜头', 'Afternoon clips'),
          points: 40,
          per: 'failure',
          source: '004:L116',
          metrics: [{ code: 'clips', label: label('镜头数', 'Clips'), unit: 'count', failsWhen: '<', threshold: 2, source: '004:L116' }],
        },
        {
          code: 'done_by_15',
          label: label('下午 3 点前完成', 'Done before 15:00'),
          points: 20,
          per: 'failure',
          source: '004:L116',
          metrics: [
            {
              code: 'finished_at',
              label: label('完成时间(当天第几分钟,15:00 = 900)', 'Finished at (minute of the day, 15:00 = 900)'),
              unit: 'minute_of_day',
              failsWhen: '>',
              threshold: 900,
              source: '004:L116',
              decision: note('"下午3点前完成":15:00 整完成仍算按时。', '"下午3点前完成" (before 3 pm): finishing at 15:00 sharp still counts as on time.'),
            },
          ],
        },
      ],
    },
  ],
};
