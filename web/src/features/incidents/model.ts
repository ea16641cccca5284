import type { Bilingual } from '../../app/api';

/** The kinds of incident (the server's stable codes, `src/modules/incidents/kinds.ts`). */
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

/** Kinds the office records by hand (the others come from complaints, inspections and applications). */
export const manualKinds: IncidentKind[] = ['concealed_error', 'accident', 'dispute', 'damage', 'red_envelope', 'exposure', 'major_complaint', 'eight_prohibitions', 'verified_complaint', 'finding', 'veto'];

/** What amountFen is for a kind: required (damage, envelope), optional (a dispute's loss), none. */
export const amountRule: Record<IncidentKind, 'required' | 'optional' | 'none'> = {
  verified_complaint: 'none',
  concealed_error: 'none',
  accident: 'none',
  dispute: 'optional',
  damage: 'required',
  red_envelope: 'required',
  exposure: 'none',
  major_complaint: 'none',
  eight_prohibitions: 'none',
  finding: 'none',
  veto: 'none',
  one_time_notice_violation: 'none',
};

export const incidentStates = ['reported', 'verified', 'unfounded'] as const;
export type IncidentState = (typeof incidentStates)[number];
export const stateColor: Record<IncidentState, string> = { reported: 'gold', verified: 'red', unfounded: 'default' };

export const exposureLevels = ['county', 'city', 'province', 'national'] as const;

export interface Incident {
  id: string;
  kind: string;
  kindLabel: Bilingual;
  staffId: string | null;
  staff: { id: string; name: string; badgeNo: string } | null;
  unitId: string | null;
  unit: { id: string; code: string; name: string } | null;
  occurredAt: string;
  /** The date in the organisation's offset. */
  occurredOn: string;
  amountFen: number | null;
  details: Record<string, unknown>;
  summary: string;
  verdict: string | null;
  state: IncidentState;
  sourceType: string | null;
  sourceId: string | null;
  reportedBy: { userId: string | null; name: string };
  reportedAt: string;
  decision: { userId: string | null; name: string | null; at: string; note: string | null } | null;
  version: number;
}

export interface IncidentFile {
  staff: { id: string; badgeNo: string; name: string; units: { id: string; code: string; name: string; primary: boolean }[] };
  total: number;
  items: Incident[];
}

/** Fen as 元 with two decimals (1234567 → 12,345.67). */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** 元 typed in a form → whole fen (the server refuses fractions of a fen). */
export function toFen(yuanValue: number | null | undefined): number | undefined {
  return yuanValue === null || yuanValue === undefined ? undefined : Math.round(yuanValue * 100);
}

/** The case a fed incident came from, when it is one the screens open (complaint, rectification, application). */
export function sourceCaseId(i: Pick<Incident, 'sourceType' | 'sourceId' | 'details'>): string | null {
  if (i.sourceType === 'complaint' || i.sourceType === 'rectification') return i.sourceId;
  if (i.sourceType === 'application') return i.sourceId?.split(':')[0] ?? null;
  return null;
}

/** The inspection a finding or veto came from. */
export function sourceInspectionId(i: Pick<Incident, 'sourceType' | 'sourceId'>): string | null {
  return i.sourceType === 'inspection' ? (i.sourceId?.split(':')[0] ?? null) : null;
}
