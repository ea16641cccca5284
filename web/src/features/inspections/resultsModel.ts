/**
 * Shapes of GET /api/v1/inspection-results (written after the server's answer, never imported
 * from it): averages on the 100-point scale, rates as exact fractions.
 */
import type { Bilingual } from '../../app/api';

export interface MonthFigures {
  month: string;
  count: number;
  average: number | null;
  vetoes: number;
  previous: { count: number; average: number | null };
  change: { count: number; average: number | null };
}

export interface ResultRow {
  /** '*' for the row of all units together. */
  unitId: string;
  code: string | null;
  name: string | null;
  months: MonthFigures[];
  total: { count: number; average: number | null; vetoes: number };
}

export interface Results {
  from: string;
  to: string;
  months: string[];
  units: ResultRow[];
  all: { months: MonthFigures[]; total: ResultRow['total'] };
  topFindings: { templateCode: string; template: Bilingual; item: string; label: Bilingual; count: number; units: number; vetoes: number }[];
  rectification: { due: number; closedOnTime: number; closedLate: number; openOverdue: number; notYetDue: number; rate: { numerator: number; denominator: number; value: number | null } };
}
