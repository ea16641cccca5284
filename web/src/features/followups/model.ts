/** Shapes of the follow-up API (GET /api/v1/followups, /followups/:id, /followups/figures). */
import type { Bilingual } from '../../app/api';
import type { CaseSummary, DeadlineBadge } from '../cases/model';
import type { Rate } from '../repairs/model';

export type AttemptOutcome = 'reached' | 'no_answer' | 'wrong_number' | 'refused';
export const attemptOutcomes: AttemptOutcome[] = ['reached', 'no_answer', 'wrong_number', 'refused'];
/** A home visit (上门随访) meets the patient, finds nobody home, or is turned away. */
export const visitOutcomes: AttemptOutcome[] = ['reached', 'no_answer', 'refused'];
export type AttemptKind = 'call' | 'sms' | 'home_visit';

export interface Attempt {
  kind?: AttemptKind;
  outcome: AttemptOutcome;
  at: string;
  note: string | null;
  address?: string | null;
  visitor?: string | null;
}

/** The latest home visit of a follow-up, if any. */
export const lastHomeVisit = (f: { attempts: Attempt[] }) => f.attempts.filter((a) => a.kind === 'home_visit').at(-1) ?? null;

export interface FollowUpAnswers {
  recovery?: string;
  satisfaction: number;
  comment?: string;
  via?: 'call' | 'link' | 'home_visit';
}

export interface FollowUp extends Omit<CaseSummary, 'data'> {
  data: { discharge?: { dischargedOn: string; physician: { name: string } | null; diagnosis: string | null }; sourceTrackingNo?: string };
  source: 'discharge' | 'complaint' | 'repair' | 'rating';
  patientName: string | null;
  phone: string | null;
  dueDate: string | null;
  dueAt: string | null;
  dueBadge: DeadlineBadge | null;
  attempts: Attempt[];
  failedAttempts: number;
  maxFailedAttempts: number;
  answers: FollowUpAnswers | null;
  linkSentAt: string | null;
  rectification: { caseId: string; trackingNo: string } | null;
}

export interface FollowUpQuestion {
  id: 'recovery' | 'satisfaction' | 'comment';
  label: Bilingual;
  type: 'single' | 'level' | 'text';
  required: boolean;
  options?: { value: string | number; zh: string; en: string }[];
}

export interface FollowUpDetail extends FollowUp {
  questions: FollowUpQuestion[];
}

export interface FollowUpFigureSet {
  followUps: number;
  reachRate: Rate;
  onTime: Rate;
  satisfaction: Rate;
  unreachable: number;
  homeVisits: number;
  rectifications: number;
}

export interface FollowUpFigures {
  month: string;
  inUse: boolean;
  total: FollowUpFigureSet | null;
  units: (FollowUpFigureSet & { unitId: string | null; unitName: string | null })[];
}

export const isLateBadge = (b: DeadlineBadge | null) => b === 'overdue' || b === 'severely_overdue' || b === 'late';
