/** What the ledger endpoints answer (GET /api/v1/ledger, /staff/{id}/statement, /payroll/months). */
export interface LedgerLine {
  id: string;
  sanctionId: string;
  lineKind: 'entry' | 'correction';
  direction: 'fine' | 'reward';
  /** Signed fen: fines negative, rewards positive. */
  amountFen: number;
  staff: { id: string; name: string; badgeNo: string } | null;
  unit: { id: string; name: string; target: boolean } | null;
  ruleCode: string;
  summary: string;
  citation: string;
  outcomes: string[];
  finalAt: string;
  finalDate: string;
  finalMonth: string;
  payrollMonth: string;
  correctsId: string | null;
  reason: string | null;
}

export interface Totals {
  lines: number;
  finesFen: number;
  rewardsFen: number;
  netFen: number;
}

export interface LedgerPage {
  month: string;
  status: 'open' | 'closed';
  subject: { kind: 'staff' | 'unit' | 'organisation'; id: string; name: string };
  items: LedgerLine[];
  total: number;
  page: number;
  pageSize: number;
  totals: Totals;
}

export interface PayrollMonth extends Totals {
  month: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  closedBy: string | null;
  people: number;
}

export interface StaffStatement {
  year: number;
  staff: { id: string; name: string };
  months: (Totals & { month: string })[];
  lines: LedgerLine[];
  totals: Totals;
}

/** Fen as 元 with two decimals, exactly: -160000 → '-1,600.00'. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
