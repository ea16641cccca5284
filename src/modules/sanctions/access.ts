/**
 * Who may do what with a sanction (RULES §5 procedure, 004:L158–160). Two-level management
 * (二级管理): a sanction inside a sub-organisation (a unit of a kind the pack names) is reviewed,
 * approved and decided by the heads whose scope covers that unit — its committee and office —
 * and everything else by head office: the quality office as the committee's office (初审), the
 * tier's approvers, the leadership (admin) as the committee. Appeals go to the deciding committee,
 * or one level up for the rules the pack says (003:L448).
 */
import { AppError } from '../../shared/errors.js';
import { unitInScope, type Actor, type Role } from '../../shared/access.js';
import type { SanctionsTable } from '../../db/types.js';

export type Step = 'review' | 'approve' | 'decide' | 'appeal_decision';

/** The committee's level: the sub-organisation's unit path, or null for head office. */
export interface Level {
  committeePath: string | null;
  /** Roles of the tier (approve step only). */
  approvers?: readonly Role[];
  /** The appeal goes one level up (003:L448). */
  oneLevelUp?: boolean;
}

const headOffice: Record<Step, readonly Role[]> = {
  review: ['quality_office', 'admin'],
  approve: [],
  decide: ['admin'],
  appeal_decision: ['admin'],
};

function isSubOrgHead(actor: Actor, committeePath: string): boolean {
  return actor.role === 'unit_head' && actor.scopePath !== null && unitInScope(actor, committeePath);
}

export function mayAct(actor: Actor, row: SanctionsTable, step: Step, level: Level): boolean {
  if (level.committeePath !== null && !(step === 'appeal_decision' && level.oneLevelUp)) return isSubOrgHead(actor, level.committeePath);
  if (step === 'approve') {
    const roles = level.approvers ?? [];
    if (!roles.includes(actor.role)) return false;
    return actor.role !== 'unit_head' || unitInScope(actor, row.unit_path);
  }
  return headOffice[step].includes(actor.role);
}

export function requireMayAct(actor: Actor, row: SanctionsTable, step: Step, level: Level): void {
  if (!mayAct(actor, row, step, level)) throw new AppError('forbidden', { details: { step, committee: level.committeePath === null ? 'head_office' : 'sub_organisation' } });
}

/** Whether the caller is the person concerned: the staff member charged, or the head of the unit charged. */
export function isConcerned(actor: Actor, row: SanctionsTable): boolean {
  if (row.staff_id) return actor.staffId === row.staff_id;
  return actor.role === 'unit_head' && unitInScope(actor, row.unit_path);
}

/** Who sees a sanction: org-wide office roles all; unit heads their subtree; anyone their own once told. */
export function maySee(actor: Actor, row: SanctionsTable): boolean {
  if (actor.role === 'admin' || actor.role === 'quality_office') return true;
  if (actor.role === 'unit_head' && unitInScope(actor, row.unit_path)) return true;
  return row.notice_at !== null && !!actor.staffId && actor.staffId === row.staff_id;
}
