// What other modules use of exports besides its service: a case's handling in words and the
// channel labels (the printed 投诉处理登记表 says them as the cases export does), and the streamed
// workbook writer (the payroll export streams the same way).
export { handlingTexts } from './case-record.js';
export { channelLabels, label } from './labels.js';
export { streamWorkbook, type StreamedSheet } from './xlsx.js';
