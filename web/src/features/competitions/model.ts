import type { Bilingual } from '../../app/api';

export interface Competition {
  id: string;
  preset: string;
  title: string;
  period: string;
  state: 'open' | 'published';
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  version: number;
}

export interface PresetSummary {
  code: string;
  label: Bilingual;
  description: Bilingual | null;
  source: string | null;
  indicators: number;
}

export interface PresetInput {
  code: string;
  label: Bilingual;
  measure: string;
  source: string;
  signed: boolean;
}

export interface PresetIndicator {
  code: string;
  label: Bilingual;
  block: string;
  kind: string;
  weight: string;
  formula: Bilingual;
  source: string | null;
  inputs: PresetInput[];
}

export interface PresetDetail extends Omit<PresetSummary, 'indicators'> {
  blocks: { code: string; label: Bilingual; weight: string }[];
  indicators: PresetIndicator[];
  targets: { code: string; label: Bilingual; atLeast: string }[];
}

export interface CompetitionDetail extends Competition {
  presetDetail: PresetDetail;
  units: { id: string; name: string; code: string; kind: string; target: string | null }[];
  values: { unitId: string; indicator: string; input: string; value: string; origin: string }[];
}

export interface IndicatorScore {
  code: string;
  label: Bilingual;
  block: string;
  weight: string;
  status: 'scored' | 'fallback' | 'missing';
  score: string;
  capped: boolean;
  floored: boolean;
  formula: Bilingual;
}

export interface UnitScore {
  unitId: string;
  unitName: string;
  unitCode: string;
  total: string;
  rank: number;
  eligible: boolean;
  ineligibleReason: Bilingual | null;
  complete: boolean;
  target: { code: string; label: Bilingual; atLeast: string; met: boolean | null } | null;
  blocks: { code: string; label: Bilingual; weight: string; score: string }[];
  indicators: IndicatorScore[];
}

export interface Scores {
  competition: Competition;
  preset: { code: string; label: Bilingual; blocks: { code: string; label: Bilingual; weight: string }[]; targets: { code: string; label: Bilingual; atLeast: string }[] };
  units: UnitScore[];
}

export interface ImportRowError {
  row: number;
  field: string | null;
  message: Bilingual;
}
