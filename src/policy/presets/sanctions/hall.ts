/** 政务服务中心 首问责任制 (004:L188): criticism and warning, counted in appraisal; repeats are sanctioned. */
import { facts as f, label, note, yuan, type Catalogue } from './build.js';

export const hall: Catalogue = {
  first_responsibility: {
    direction: 'fine',
    targets: ['person'],
    kind: 'fixed',
    source: '004:L188',
    amountFen: yuan(0, '004:L188', note('原文不罚款：批评教育、内部告诫，并作为考核和奖惩评比的依据。', 'No fine in the source document: criticism, an internal warning, and a record for appraisal.')),
    outcomes: ['criticism', 'internal_warning', 'appraisal_record'],
    repeatOutcomes: ['criticism', 'appraisal_record', 'administrative_sanction'],
    label: label('违反首问责任制，经查实', 'First-contact duty (首问责任制) broken, verified'),
    decision: note('屡教不改、严重损害机关形象的，依据有关规定给予行政处分。', 'Repeated and seriously harming the centre\'s image: an administrative sanction under the rules.'),
    facts: [f.repeat],
  },
};
