/**
 * The kinds of incident in the file (差错事故档案), with stable codes, labels and where the seeds
 * name them. The kinds are the same in every sector (the sanctions attached to them are pack data,
 * the rule engine's), so the catalogue lives here rather than in each sector's pack.
 *
 * `amount` says what `amountFen` means for the kind: `required` (the damage, the envelope's sum),
 * `optional` (a dispute's economic loss, when there was one) or `none` (the field is refused).
 * `fed` kinds usually come from another flow (a verified complaint, an inspection), but the office
 * may still record one by hand (e.g. a complaint received on paper before the system).
 */
import type { Bilingual } from '../../shared/errors.js';

export const incidentKinds = [
  'verified_complaint',
  'concealed_error',
  'accident',
  'dispute',
  'damage',
  'red_envelope',
  'exposure',
  'major_complaint',
  'eight_prohibitions',
  'finding',
  'veto',
  'one_time_notice_violation',
] as const;
export type IncidentKind = (typeof incidentKinds)[number];

export type AmountRule = 'required' | 'optional' | 'none';

export interface IncidentKindInfo {
  code: IncidentKind;
  label: Bilingual;
  /** What amountFen is for this kind, in words (empty when the kind has no amount). */
  amountLabel: Bilingual | null;
  amount: AmountRule;
  /** Where the seeds name it (document:line), or the decision it follows. */
  source: string;
  /** Fed by another flow (complaints, inspections, applications): recorded there as verified. */
  fed: boolean;
}

const kind = (code: IncidentKind, zh: string, en: string, source: string, options: { amount?: AmountRule; amountLabel?: Bilingual; fed?: boolean } = {}): IncidentKindInfo => ({
  code,
  label: { zh, en },
  amount: options.amount ?? 'none',
  amountLabel: options.amountLabel ?? null,
  source,
  fed: options.fed ?? false,
});

export const incidentKindCatalogue: Record<IncidentKind, IncidentKindInfo> = {
  verified_complaint: kind('verified_complaint', '经核实的投诉', 'Verified complaint', '001:L209; 002:L131 (差错投诉个人档案)', { fed: true }),
  concealed_error: kind('concealed_error', '差错隐瞒不报', 'Error concealed', '001:L205, L447'),
  accident: kind('accident', '医疗事故 / 责任事故', 'Accident (medical or liability)', '001:L205, L447 (等级医疗事故)'),
  dispute: kind('dispute', '纠纷（与服务对象或职工）', 'Dispute (with a patient or a colleague)', '001:L211, L453', {
    amount: 'optional',
    amountLabel: { zh: '经济损失', en: 'Economic loss' },
  }),
  damage: kind('damage', '工作不细造成财物损坏', 'Property damaged by carelessness', '001:L213, L455', { amount: 'required', amountLabel: { zh: '损失金额', en: 'Damage' } }),
  red_envelope: kind('red_envelope', '收受红包、回扣', 'Red envelope or kickback', '001:L207, L449; 004:L124 (八不准 3–5)', {
    amount: 'required',
    amountLabel: { zh: '金额', en: 'Sum' },
  }),
  exposure: kind('exposure', '媒体或监督单位曝光', 'Media or supervision exposure', '003:L435; 004:L178'),
  major_complaint: kind('major_complaint', '重大有责投诉', 'Major liability complaint', '001:L939, L665'),
  eight_prohibitions: kind('eight_prohibitions', '违反“八不准”', 'Breach of the Eight Prohibitions (八不准)', '004:L122–124'),
  finding: kind('finding', '检查发现问题', 'Inspection finding', '003:L301; RULES §4', { fed: true }),
  veto: kind('veto', '一票否决', 'One-vote veto', '001:L869', { fed: true }),
  one_time_notice_violation: kind('one_time_notice_violation', '违反一次性告知', 'One-time notice breached (一次性告知)', '002:L98, L184', { fed: true }),
};

/** 卫生部“八不准” (004:L122–124), by their number in the seed. */
export const eightProhibitions: Record<number, Bilingual> = {
  1: { zh: '不准实行开单提成', en: 'No commission on ordering drugs, tests or examinations' },
  2: { zh: '不准设立小金库或与收入挂钩的经济承包', en: 'No private funds or income-linked departmental contracts' },
  3: { zh: '不准接受患者及亲友的“红包”、物品和宴请', en: 'No red envelopes, gifts or meals from patients and their families' },
  4: { zh: '不准接受企业的回扣、提成和其他不正当利益', en: 'No kickbacks or other benefits from suppliers' },
  5: { zh: '不准介绍病人到其它单位收取回扣或提成', en: 'No kickbacks for referring patients elsewhere' },
  6: { zh: '不准自立、分解项目收费或提高标准加收费用', en: 'No fees outside the approved items and rates' },
  7: { zh: '不准违反药品集中招标采购规定', en: 'No breach of centralised drug procurement' },
  8: { zh: '不准使用假劣药品或无批准文号的自制药品', en: 'No counterfeit or unapproved drugs' },
};

export const incidentStates = ['reported', 'verified', 'unfounded'] as const;
export type IncidentState = (typeof incidentStates)[number];

/** Where an incident came from: another flow's record, or none (recorded by hand). */
export const incidentSourceTypes = ['complaint', 'inspection', 'application'] as const;
