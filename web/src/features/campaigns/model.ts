import type { Bilingual } from '../../app/api';

export type DeliverableKind = 'document' | 'upload' | 'figure' | 'inspection';
export type CellState = 'done' | 'late' | 'missing' | 'pending';

export interface CampaignTemplate {
  code: string;
  label: Bilingual;
  sector: string;
  source: string;
  phases: { code: string; label: Bilingual }[];
  tasks: { code: string; label: Bilingual; deliverable: DeliverableKind }[];
}

export interface CampaignSummary {
  id: string;
  year: number;
  templateCode: string | null;
  title: string;
  leadingGroup: string;
  office: string;
  status: 'draft' | 'active' | 'closed';
  published: boolean;
  startsOn: string;
  endsOn: string;
  settings: { monthlyReport: { graceDays: number } | null; annualReport: unknown | null; acceptanceByInspection: boolean };
  version: number;
}

export interface Phase {
  code: string;
  label: Bilingual;
  from: string;
  to: string;
  source: string | null;
}

export interface Task {
  id: string;
  code: string;
  label: Bilingual;
  phase: string;
  deliverable: DeliverableKind;
  dueOn: string;
  outsidePhase: boolean;
  source: string | null;
  counts?: Record<CellState, number>;
}

export interface CampaignUnit {
  unitId: string;
  name: string;
  leaderName: string | null;
  acceptance: 'pass' | 'fail' | null;
  version: number;
}

export interface Campaign extends CampaignSummary {
  phases: Phase[];
  tasks: Task[];
  units: CampaignUnit[];
}

export interface Cell {
  taskId: string;
  state: CellState;
  lateDays: number | null;
  receivedOn: string | null;
}

export interface Progress {
  date: string;
  activePhases: string[];
  tasks: Task[];
  units: (CampaignUnit & {
    cells: Cell[];
    counts: Record<CellState, number>;
    monthlyReports: { reported: string[]; missing: string[] } | null;
    annualReport: { dueOn: string; state: CellState; lateDays: number | null } | null;
  })[];
}

/** antd's status colours: on time green, late orange, missing red, not yet due grey. */
export const stateColor: Record<CellState, string> = { done: 'success', late: 'warning', missing: 'error', pending: 'default' };

/** Whole days from a to b (civil dates, no time zone). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A file as base64 for the JSON body. */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
