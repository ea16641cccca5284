import type { Bilingual } from '../../app/api';

/** What GET /api/v1/sanctions and /sanctions/{id} answer (src/modules/sanctions/present.ts). */
export const sanctionStatuses = ['proposed', 'reviewed', 'approved', 'noticed', 'appealed', 'final', 'revoked', 'dismissed'] as const;
export type SanctionStatus = (typeof sanctionStatuses)[number];
export const statusColor: Record<SanctionStatus, string> = {
  proposed: 'gold',
  reviewed: 'orange',
  approved: 'blue',
  noticed: 'purple',
  appealed: 'magenta',
  final: 'green',
  revoked: 'default',
  dismissed: 'default',
};

/** The caller's next step, as the server computes it (only that button shows). */
export type NextStep = 'review' | 'approve' | 'decide' | 'appeal_decision' | 'appeal' | null;

export interface Sanction {
  id: string;
  status: SanctionStatus;
  source: { type: 'incident' | 'band' | 'stage_target' | 'manual' | string; id: string };
  fact: Record<string, unknown>;
  rule: { code: string; kind?: string; label?: Bilingual; citation?: string };
  facts: Record<string, unknown>;
  range: { minFen: number | null; maxFen: number | null } | null;
  direction: 'fine' | 'reward';
  amountFen: number;
  proposedAmountFen: number;
  outcomes: string[];
  breakdown: Bilingual[];
  shares: { target: string; count: number; amountFenEach: number }[];
  target: { kind: string; staffId: string | null; staffName: string | null; unitId: string | null; unitName: string | null; heads: number };
  committee: 'head_office' | 'sub_organisation';
  noticeAt: string | null;
  appealDueDate: string | null;
  appealClosesAt: string | null;
  finalAt: string | null;
  payrollMonth: string | null;
  createdAt: string;
  version: number;
  nextStep: NextStep;
  /** The appeal's state as the list carries it (the sanction itself carries the whole appeal); null when none was filed. */
  appeal?: { status: SanctionAppeal['status']; filedAt: string; decidedAt: string | null } | null;
}

/** The list's appeal filter (GET /api/v1/sanctions?appeal=…). */
export const appealFilters = ['pending', 'decided', 'none'] as const;

export interface SanctionEvent {
  at: string;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  amountFen: number | null;
  note: string | null;
}

export interface SanctionAppeal {
  id: string;
  filedAt: string;
  filedBy: string;
  reason: string;
  status: 'pending' | 'upheld' | 'reduced' | 'revoked';
  decidedAt: string | null;
  decisionReason: string | null;
  amountFen: number | null;
}

export interface SanctionDetail extends Sanction {
  tier: number;
  timeline: SanctionEvent[];
  appeal: SanctionAppeal | null;
  others: { id: string; targetKind: string; staffId: string | null; staffName: string | null; unitId: string | null; unitName: string | null; amountFen: number; status: SanctionStatus }[];
}

/** The preview of a rule on facts (POST /api/v1/sanctions/preview). */
export interface SanctionPreview {
  rule: string;
  amountFen: number;
  direction: 'fine' | 'reward';
  shares: { target: string; count: number; amountFenEach: number }[];
  outcomes: string[];
  breakdown: Bilingual[];
}

/** Whether the appeal window is open now (the server decides; this only shows the button). */
export function appealOpen(s: Pick<Sanction, 'status' | 'appealClosesAt' | 'direction'>, now = Date.now()): boolean {
  // A reward has no appeal step (the server refuses with reward_not_appealable).
  return s.direction === 'fine' && s.status === 'noticed' && !!s.appealClosesAt && now < Date.parse(s.appealClosesAt);
}

/** The screen path of the fact a sanction came from, when there is one. */
export function sourcePath(s: Pick<Sanction, 'source' | 'fact' | 'target'>): string | null {
  if (s.source.type === 'incident') {
    const q = new URLSearchParams();
    if (s.target.unitId) q.set('unitId', s.target.unitId);
    if (typeof s.fact.kind === 'string') q.set('kind', s.fact.kind);
    return `/incidents?${q}`;
  }
  if (s.source.type === 'band') return `/inspection-results`;
  return null;
}

/** 元 typed in a form → whole fen. */
export const toFen = (yuanValue: number | null | undefined) => (yuanValue === null || yuanValue === undefined ? undefined : Math.round(yuanValue * 100));
