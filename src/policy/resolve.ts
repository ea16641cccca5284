/**
 * Presets and per-organisation overrides.
 *
 * An override is a deep-partial of the pack. Where the preset holds a cited value, the override
 * must hold a whole cited value `{ value, source?, decision? }` that replaces the preset's value
 * *and* its citation (so an override always says why). Arrays are replaced whole. New entries may
 * be added to the open records (case types, clocks, thresholds, standards) and must be complete.
 * The merged pack is parsed with the full schema, so every cross-field rule still holds.
 */
import { bankPreset } from './presets/bank.js';
import { hallPreset } from './presets/hall.js';
import { hospitalPreset } from './presets/hospital.js';
import { utilityPreset } from './presets/utility.js';
import { dedupeIssues, fromZodIssues, policyIssue, type PolicyIssue } from './issues.js';
import {
  CITATION_REQUIRED,
  OVERRIDABLE_SECTIONS,
  SECTORS,
  isCitedValue,
  isPlainObject,
  policyPackSchema,
  type PolicyPack,
  type Sector,
} from './schema.js';

export type PolicyValidation = { ok: true; pack: PolicyPack } | { ok: false; issues: PolicyIssue[] };

/** A pack or its overrides fail the schema; code `policy_invalid` (400), the issues as details. */
export class PolicyInvalidError extends Error {
  readonly code = 'policy_invalid' as const;
  readonly issues: PolicyIssue[];
  readonly sector: string;
  constructor(sector: string, issues: PolicyIssue[]) {
    const first = issues[0];
    super(`invalid policy for sector "${sector}": ${issues.length} issue(s)${first ? `; first at "${first.path}": ${first.message.en}` : ''}`);
    this.name = 'PolicyInvalidError';
    this.sector = sector;
    this.issues = issues;
  }
}

const PRESETS: Record<Sector, PolicyPack> = {
  hall: hallPreset,
  hospital: hospitalPreset,
  bank: bankPreset,
  utility: utilityPreset,
};

export function isSector(x: unknown): x is Sector {
  return typeof x === 'string' && (SECTORS as readonly string[]).includes(x);
}

export function listPresetSectors(): Sector[] {
  return [...SECTORS];
}

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

const parsedPresets = new Map<Sector, PolicyPack>();

/** The sector's preset, validated and deep-frozen. */
export function presetFor(sector: Sector): PolicyPack {
  if (!isSector(sector)) {
    throw new PolicyInvalidError(String(sector), [unknownSectorIssue(sector)]);
  }
  const cached = parsedPresets.get(sector);
  if (cached) return cached;
  const r = policyPackSchema.safeParse(PRESETS[sector], { reportInput: true });
  if (!r.success) throw new PolicyInvalidError(sector, fromZodIssues(r.error.issues));
  const pack = deepFreeze(r.data);
  parsedPresets.set(sector, pack);
  return pack;
}

function unknownSectorIssue(sector: unknown): PolicyIssue {
  const list = SECTORS.join(', ');
  return policyIssue(['sector'], `unknown sector ${JSON.stringify(String(sector))}: use one of ${list}`, `未知行业 ${JSON.stringify(String(sector))}:应为 ${list} 之一`);
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/** Merge `override` onto `base`; problems the schema cannot word well are pushed to `issues`. */
function merge(base: unknown, override: unknown, path: string[], issues: PolicyIssue[]): unknown {
  if (override === undefined) return base;
  if (isCitedValue(base)) {
    if (!isPlainObject(override) || !Object.hasOwn(override, 'value')) {
      issues.push(
        policyIssue(
          path,
          `an overridden policy value is written { value, source?, decision? } — ${CITATION_REQUIRED.en}`,
          `覆盖的政策取值须写作 { value, source?, decision? }——${CITATION_REQUIRED.zh}`,
        ),
      );
      return base;
    }
    return override; // replaces value and citation whole; the schema checks it
  }
  if (!isPlainObject(base) || !isPlainObject(override)) return override; // arrays, primitives, new keys
  if (path.length >= MAX_DEPTH) {
    issues.push(policyIssue(path, 'overrides are nested too deeply', '覆盖配置嵌套层级过深'));
    return base;
  }
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(override)) {
    if (FORBIDDEN_KEYS.has(key)) {
      issues.push(policyIssue([...path, key], `unknown key "${key}"`, `未知的键“${key}”`));
      continue;
    }
    const next = merge(Object.hasOwn(base, key) ? base[key] : undefined, override[key], [...path, key], issues);
    Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function validate(sector: unknown, overrides: unknown): PolicyValidation {
  if (!isSector(sector)) return { ok: false, issues: [unknownSectorIssue(sector)] };
  const preset = presetFor(sector);
  if (overrides === undefined || overrides === null) return { ok: true, pack: preset };
  if (!isPlainObject(overrides)) {
    return { ok: false, issues: [policyIssue([], 'overrides must be an object keyed by pack section', '覆盖配置必须是按政策包分节组织的对象')] };
  }
  const issues: PolicyIssue[] = [];
  const top: Record<string, unknown> = {};
  for (const key of Object.keys(overrides)) {
    if ((OVERRIDABLE_SECTIONS as readonly string[]).includes(key)) {
      Object.defineProperty(top, key, { value: overrides[key], enumerable: true });
    } else if (key === 'version' || key === 'sector') {
      issues.push(policyIssue([key], `"${key}" comes from the preset and cannot be overridden`, `"${key}"由预设决定,不能覆盖`));
    } else {
      issues.push(policyIssue([key], `unknown key "${key}"`, `未知的键“${key}”`));
    }
  }
  // The preset is frozen; merge copies every object it changes and never writes into it.
  const merged = merge(preset, top, [], issues);
  const r = policyPackSchema.safeParse(merged, { reportInput: true });
  if (!r.success) issues.push(...fromZodIssues(r.error.issues));
  if (issues.length > 0) return { ok: false, issues: dedupeIssues(issues) };
  if (!r.success) return { ok: false, issues: [policyIssue([], 'invalid policy', '政策无效')] };
  return { ok: true, pack: deepFreeze(r.data) };
}

/**
 * Merge an organisation's overrides onto the sector preset and validate the result.
 * Never throws: anything wrong (including input that cannot be read) comes back as issues.
 */
export function validatePolicyOverrides(sector: Sector | string, overrides: unknown): PolicyValidation {
  try {
    return validate(sector, overrides);
  } catch (err) {
    if (err instanceof PolicyInvalidError) return { ok: false, issues: err.issues };
    const detail = safeDetail(err);
    return { ok: false, issues: [policyIssue([], `overrides could not be read: ${detail}`, `无法读取覆盖配置:${detail}`)] };
  }
}

function safeDetail(err: unknown): string {
  try {
    return err instanceof Error ? String(err.message) : String(err);
  } catch {
    return 'unreadable value';
  }
}

/** The pack in force: the preset, with the overrides applied. Throws `PolicyInvalidError`. */
export function resolvePolicy(sector: Sector, overrides?: unknown): PolicyPack {
  const r = validatePolicyOverrides(sector, overrides);
  if (!r.ok) throw new PolicyInvalidError(String(sector), r.issues);
  return r.pack;
}
