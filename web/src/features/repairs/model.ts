/** Shapes of the repair API (GET /api/v1/repairs, /repairs/:id, /repairs/figures). */
import type { Bilingual } from '../../app/api';
import type { CaseSummary, DeadlineBadge } from '../cases/model';

export interface ChecklistItem {
  id: string;
  label: Bilingual;
  source?: string;
  publicSitesOnly?: boolean;
}

export interface RepairData {
  address?: string;
  publicSite?: boolean;
  appointmentAt?: string | null;
  arrival?: { at: string };
  completion?: { at: string; summary: string };
  checklist?: { items: Record<string, 'yes' | 'no' | 'na'>; designatedContractor: string | null };
  damage?: { description: string; resolution: 'restored' | 'compensated' | null; compensationFen: number | null };
  card?: { kind: 'signed' | 'refused'; signerName?: string | null; reason?: string; attachmentId?: string | null };
  callback?: { at: string; outcome: string; satisfied: boolean };
  finding?: { kind: string; contractor: string };
}

export interface Repair extends Omit<CaseSummary, 'data'> {
  data: RepairData;
  arrivalDueAt: string | null;
  arrivalBadge: DeadlineBadge | null;
  completionDueAt: string | null;
  completionBadge: DeadlineBadge | null;
  callbackDueDate: string | null;
  callbackDueAt: string | null;
  callbackBadge: DeadlineBadge | null;
}

export interface RepairDetail extends Repair {
  assigneeName: string | null;
  actions: string[];
  checklistItems: ChecklistItem[];
  timeline: { seq: number; at: string; action: string; actorName?: string; actor: string; note: string | null }[];
}

export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface FigureSet {
  orders: number;
  arrivalOnTime: Rate;
  completedInTime: Rate;
  callbackRate: Rate;
  callbackOnTime: Rate;
}

export interface RepairFigures {
  month: string;
  inUse: boolean;
  total: FigureSet | null;
  units: (FigureSet & { unitId: string | null; unitName: string | null })[];
}

/** A badge that needs the dispatcher's eye: the deadline has passed and the step is not done. */
export const isLate = (b: DeadlineBadge | null | undefined) => b === 'overdue' || b === 'severely_overdue' || b === 'late';

/** A plain map link for the address (no map SDK): geo: opens the phone's map app; the web link works on a desktop. */
export function mapLinks(address: string) {
  const q = encodeURIComponent(address);
  return { geo: `geo:0,0?q=${q}`, web: `https://uri.amap.com/search?keyword=${q}` };
}

/** An exact rate as people read it: 87.5%（7/8）, or — with nothing to divide. */
export function rateText(r: Rate): string {
  return r.value === null ? '—' : `${(Math.round(r.value * 1000) / 10).toFixed(1)}%（${r.numerator}/${r.denominator}）`;
}

/** The local time of an ISO instant with its offset, as written: 2026-11-08 03:10. */
export const shortTime = (iso: string | null | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');
