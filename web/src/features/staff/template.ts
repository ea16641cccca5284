import { downloadXlsx } from '../../app/xlsx';

/** The roster headers the import accepts (Chinese, as in a 花名册), with one example row. */
export const rosterHeaders = ['单位编码', '单位名称', '单位类型', '上级单位编码', '工号', '姓名', '岗位', '类别', '党支部', '电话', '中层干部'] as const;

const example: Record<(typeof rosterHeaders)[number], string> = {
  单位编码: 'OPD-REG',
  单位名称: '挂号收费窗口',
  单位类型: 'window',
  上级单位编码: 'OPD',
  工号: 'A0001',
  姓名: '张三',
  岗位: '收费员、组长',
  类别: '窗口',
  党支部: '门诊党支部',
  电话: '13800000000',
  中层干部: '否',
};

export function downloadRosterTemplate(fileName: string): Promise<void> {
  return downloadXlsx(
    fileName,
    '花名册',
    rosterHeaders.map((h) => ({ header: h, width: 16, value: (r: typeof example) => r[h] })),
    [example],
  );
}
