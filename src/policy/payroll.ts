/**
 * The pack's payroll section (schema in schema.ts): when a final fine or reward reaches the pay.
 * The bank catalogue deducts "from next month's pay" (004:L176); RULES §5 decides that this holds
 * for every sanction, counted from the month it became final.
 */
import type { PayrollPolicy, PolicyPack } from './schema.js';

const note = (zh: string, en: string) => ({ zh, en });

/** The section every sector preset carries. */
export function payrollPreset(): PayrollPolicy {
  return {
    lagMonths: {
      value: 1,
      source: 'RULES.md §5; 004:L176',
      decision: note(
        '罚款或奖励在生效（申诉期满或申诉已决定）当月的下一个月工资中扣发或发放；申诉期间不扣。',
        'A fine or reward is deducted or paid in the payroll month after the month it became final (the appeal window passed or the appeal was decided); nothing is deducted while an appeal is pending.',
      ),
    },
  };
}

/** Months from the month a sanction became final to its payroll month. */
export function payrollLagMonths(pack: PolicyPack): number {
  return pack.payroll.lagMonths.value;
}
