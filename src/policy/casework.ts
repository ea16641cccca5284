/**
 * The pack's casework section (schema in schema.ts): how cases are handled beyond their clocks —
 * each sector's values with their citations, and the accessors the case types read.
 */
import type { CaseworkPolicy, Cited, PolicyPack, Sector } from './schema.js';

const note = (zh: string, en: string) => ({ zh, en });

/** The section of each sector preset. */
export function caseworkPreset(sector: Sector): CaseworkPolicy {
  const review: Cited<boolean> =
    sector === 'hospital'
      ? {
          value: true,
          source: '002:L129; 001:L467',
          decision: note(
            '医院由投诉处理办（质控办）把关：科室负责人答复后，投诉由质控办审核办结或退回重办；管理人员须整理、分析投诉并报告（002:L129），投诉处理办是服务投诉的责任部门（001:L467）。',
            'A hospital\'s complaint office (the quality office) signs complaints off: after the unit head\'s reply the quality office closes the complaint (审核办结) or sends it back (退回重办); managers collect, analyse and report complaints (002:L129) and the 投诉处理办 is the department responsible for them (001:L467).',
          ),
        }
      : {
          value: false,
          decision: note('文件没有规定审核环节：答复后由有办结权限的人员直接办结。', 'The source documents name no review step: whoever may close a complaint closes it after the reply.'),
        };
  return { complaintReviewClose: review };
}

/** Whether the unit head's reply to a complaint waits for the quality office's review. */
export function complaintReviewClose(pack: PolicyPack): boolean {
  return pack.casework.complaintReviewClose.value;
}
