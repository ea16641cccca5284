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
  const publicPhotos: Cited<{ count: number; maxBytes: number }> = {
    value: { count: 3, maxBytes: 5 * 1024 * 1024 },
    decision: note(
      '文件没有规定网上投诉可附的材料：投诉人可附最多 3 张照片（JPEG 或 PNG，每张不超过 5 MB），便于说明现场情况；手机照片一般在 5 MB 以内。',
      'The source documents say nothing of evidence with an online complaint: up to 3 photos (JPEG or PNG, at most 5 MB each) to show what happened; a phone photo is usually under 5 MB.',
    ),
  };
  return { complaintReviewClose: review, publicPhotos };
}

/** How many photos the public complaint form takes, and how large each may be. */
export function publicPhotoLimits(pack: PolicyPack): { count: number; maxBytes: number } {
  return { ...pack.casework.publicPhotos.value };
}

/** Whether the unit head's reply to a complaint waits for the quality office's review. */
export function complaintReviewClose(pack: PolicyPack): boolean {
  return pack.casework.complaintReviewClose.value;
}
