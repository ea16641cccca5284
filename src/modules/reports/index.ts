// What other modules use of reports besides its service: the printed-report renderer (blocks laid
// out with a running header, page numbers and a signature block) and how reports write dates.
export { renderReport, type Block, type ReportDocument } from './document.js';
export { localStamp, monthZh } from './format.js';
