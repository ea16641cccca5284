/**
 * Reading facts against the rule's fact specs: present when required, of the declared type, in
 * range. Scores and points are exact thousandths (the scoring engine's `toMilli`), money whole fen.
 */
import { toMilli } from '../scoring/points.js';
import { RuleError } from './errors.js';
import type { FactSpec, FactType, RuleFacts, SanctionRule } from './types.js';

/** Largest amount a fact may carry: 100 million 元, far inside safe integers after any sum. */
export const MAX_FACT_FEN = 10_000_000_000;
/** Largest count (items, heads, ranks). */
export const MAX_COUNT = 1_000_000;

const INTEGER = /^\d{1,7}$/;

export class FactReader {
  constructor(
    private readonly rule: SanctionRule,
    private readonly facts: RuleFacts,
  ) {}

  /** Every declared fact: required ones present, given ones of their type. */
  checkAll(): void {
    for (const spec of this.rule.facts) {
      if (this.isAbsent(spec.name)) {
        if (spec.required) this.missing(spec.name);
        continue;
      }
      this.read(spec.name, spec.type);
    }
  }

  specOf(name: string): FactSpec | undefined {
    return this.rule.facts.find((f) => f.name === name);
  }

  isAbsent(name: string): boolean {
    const v = this.facts[name];
    return v === undefined || v === null || v === '';
  }

  /** A whole number ≥ 0 (counts, ranks). */
  integer(name: string, min = 0): number {
    const v = this.required(name);
    const n = typeof v === 'number' ? v : typeof v === 'string' && INTEGER.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > MAX_COUNT) this.invalid(name, `a whole number from ${min} to ${MAX_COUNT}`);
    return n;
  }

  /** A decimal ≥ 0 with three places at most, as thousandths (scores, points). */
  milli(name: string): number {
    const m = toMilli(this.required(name));
    if (m === undefined) this.invalid(name, 'a decimal of at least 0 with three places at most');
    return m as number;
  }

  /** Integer or decimal as the spec says, as thousandths (so 3 items is 3000); more than nothing. */
  countMilli(name: string): number {
    const m = this.specOf(name)?.type === 'decimal' ? this.milli(name) : this.integer(name) * 1000;
    if (m <= 0) this.invalid(name, 'more than 0');
    return m;
  }

  /** An amount in whole fen. */
  fen(name: string): number {
    const v = this.required(name);
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_FACT_FEN) this.invalid(name, 'a whole number of fen, at least 0');
    return n;
  }

  /** A flag; absent is false. `repeat` may also be a count of earlier occurrences (0 = first). */
  flag(name: string): boolean {
    if (this.isAbsent(name)) return false;
    const v = this.facts[name];
    if (v === true || v === 'true') return true;
    if (v === false || v === 'false') return false;
    if (name === 'repeat' && typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v > 0;
    return this.invalid(name, 'true or false');
  }

  text(name: string): string {
    const v = this.required(name);
    if (typeof v !== 'string' && typeof v !== 'number') this.invalid(name, 'a text or a number');
    return String(v).trim();
  }

  private read(name: string, type: FactType): unknown {
    switch (type) {
      case 'integer':
        return this.integer(name);
      case 'decimal':
        return this.milli(name);
      case 'fen':
        return this.fen(name);
      case 'boolean':
        return this.flag(name);
      case 'string':
        return this.text(name);
    }
  }

  private required(name: string): number | boolean | string {
    if (this.isAbsent(name)) this.missing(name);
    return this.facts[name] as number | boolean | string;
  }

  private missing(name: string): never {
    throw new RuleError('fact_missing', name, this.rule.code, `the fact "${name}" is required`);
  }

  invalid(name: string, expected: string): never {
    throw new RuleError('fact_invalid', name, this.rule.code, `the fact "${name}" must be ${expected}`);
  }
}
