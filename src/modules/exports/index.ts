// What other modules use of exports besides its service: the labels of case fields (the printed
// 投诉处理登记表 names channels, verdicts and satisfaction as the export does).
export { channelLabels, label, replyChannelLabels, satisfactionLabels, verdictLabels } from './labels.js';
