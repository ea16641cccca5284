/**
 * The sanctions procedure of each sector's preset (奖惩, RULES §5): facts → rules, approval
 * tiers, sub-organisations and the appeal window. The rules they name are the pack's
 * `sanctionRules` catalogue.
 */
import type { ProposalMapping, SanctionsPolicy } from '../sanctions.js';
import type { Sector } from '../schema.js';
import { dec, note, src } from './common.js';

const tiers = () =>
  dec(
    [
      { direction: 'fine' as const, upToFen: 20_000, approvers: ['unit_head' as const, 'quality_office' as const, 'admin' as const] },
      { direction: 'fine' as const, upToFen: 100_000, approvers: ['quality_office' as const, 'admin' as const] },
      { direction: 'fine' as const, upToFen: null, approvers: ['admin' as const] },
      { direction: 'reward' as const, upToFen: null, approvers: ['admin' as const] },
    ],
    note(
      '产品决定：原文按金额分级审批（部门负责人、分管领导、总经理），但金额已缺失。默认：200 元以下的罚款由所在科室负责人（或质控办）审批，1000 元以下由质控办审批，更高的罚款和一切经济奖励由管理层（管理员）审批；各单位可按本单位规定修改。',
      'Product decision: the source approves by amount (department head, the leader in charge, the general manager) but its amounts are lost. Default: fines up to 200 元 by the unit\'s head (or the quality office), up to 1,000 元 by the quality office, larger fines and every money reward by the leadership (admin); each organisation sets its own.',
    ),
    '004:L138',
  );

const window = () =>
  src(
    5,
    'RULES.md §5',
    note('被处理人自处理通知送达之日起 5 个工作日内可提出申诉，按工作日历计算（含调休）。', 'The person may appeal within 5 working days of the notice, counted on the working-day calendar (调休 included).'),
  );

const subOrgs = (kinds: string[]) =>
  src(
    kinds,
    '004:L160',
    note(
      '奖惩实行二级管理：这些类型的单位（分支机构）设有本单位的奖惩委员会，由其负责人初审、审批、决定本单位人员的奖惩并受理申诉；总部（质控办、管理层）决定其余人员的奖惩，并受理向上一级的申诉。',
      'Two-level management: units of these kinds (sub-organisations) have a committee of their own; their heads review, approve and decide their own staff\'s sanctions and hear appeals. Head office (quality office, leadership) decides the rest and hears appeals one level up.',
    ),
  );

const upOneLevel = (rules: string[]) =>
  src(rules, '003:L448', note('现场处罚的“软件”问题，被处罚人如有异议可向上一级申诉。', 'Soft problems fined on the spot are appealed one level up (可向上一级申诉).'));

const map = (fact: string, rule: string, source: string, facts?: ProposalMapping['facts']): ProposalMapping => ({ fact, rule, source, ...(facts ? { facts } : {}) });

const proposals: Record<Sector, ProposalMapping[]> = {
  bank: [
    map('verified_complaint', 'feixian.valid_complaint', '004:L177', { serious: false }),
    map('major_complaint', 'feixian.valid_complaint', '004:L177', { serious: true }),
    map('exposure', 'feixian.media_exposure', '004:L178'),
    map('stage_target', 'psbc.stage_target', '003:L418–422'),
    map('band:reward', 'abc.round_reward', '003:L341'),
    map('band:docked', 'abc.score_bands', '003:L343'),
    map('band:docked_more', 'abc.score_bands', '003:L343'),
    // A published competition's standing (the sub-branch competition, 001:L927–971) bands each unit the same way.
    map('competition', 'abc.round_reward', '003:L341'),
    map('competition', 'abc.score_bands', '003:L343'),
  ],
  hall: [map('verified_complaint', 'hall.first_responsibility', '004:L188')],
  hospital: [],
  utility: [],
};

export function sanctionsPreset(sector: Sector): SanctionsPolicy {
  return {
    proposals: proposals[sector],
    tiers: tiers(),
    subOrganisationKinds: subOrgs(sector === 'bank' ? ['branch'] : []),
    appealWindowDays: window(),
    appealOneLevelUp: upOneLevel(sector === 'bank' ? ['psbc.soft_problem'] : []),
  };
}
