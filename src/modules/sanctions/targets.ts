/**
 * Who a rule's shares charge (RULES §5: a person, an outlet, a manager or a department jointly;
 * 003:L431, L434, L490). A share of several heads charges each person named (present,
 * participants) or, for a per-member rule, each member of the unit (004:L176); when the people
 * cannot be named the unit carries the share whole.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import type { RuleEvaluation } from '../../engines/rules/index.js';
import type { UnitsTable } from '../../db/types.js';
import { activeMemberIdsOfUnit, requireStaffInOrg } from '../staff/service.js';
import { requireUnitInOrg } from '../units/service.js';
import { nearestUnitHeadContacts } from '../users/service.js';

export interface Target {
  kind: 'person' | 'unit' | 'manager' | 'department';
  key: string;
  staffId: string | null;
  unitId: string;
  unitPath: string;
  amountFen: number;
  share: number;
  heads: number;
}

export interface TargetFacts {
  orgId: string;
  unit: UnitsTable;
  staffId: string | null;
  staffIds?: string[];
  perMember: boolean;
}

export async function targetsOf(ctx: AppContext, db: Executor, ev: RuleEvaluation, f: TargetFacts): Promise<Target[]> {
  const out: Target[] = [];
  const unitRow = (kind: Target['kind'], unit: UnitsTable, share: number, heads: number, each: number): Target => ({
    kind,
    key: `${kind}:${unit.id}`,
    staffId: null,
    unitId: unit.id,
    unitPath: unit.path,
    amountFen: each * heads,
    share,
    heads,
  });
  const person = (staffId: string, kind: Target['kind'], share: number, each: number, unit = f.unit): Target => ({ kind, key: staffId, staffId, unitId: unit.id, unitPath: unit.path, amountFen: each, share, heads: 1 });
  for (const [i, s] of ev.shares.entries()) {
    if (s.target === 'person') {
      if (s.count <= 1) {
        if (!f.staffId) throw invalidFields(fieldIssue('body.staffId', { zh: '该规则处理到人，请指明当事人', en: 'this rule charges a person: name the staff member' }));
        out.push(person(f.staffId, 'person', i, s.amountFenEach));
        continue;
      }
      let people = f.staffIds;
      if (people?.length && people.length !== s.count) {
        throw invalidFields(fieldIssue('body.staffIds', { zh: `应列出 ${s.count} 名人员，实际 ${people.length} 名`, en: `name ${s.count} people, not ${people.length}` }));
      }
      if (!people?.length && f.perMember) {
        const members = await activeMemberIdsOfUnit(ctx, f.unit.id, db);
        if (members.length === s.count) people = members;
      }
      if (people?.length) {
        for (const id of people) await requireStaffInOrg(ctx, f.orgId, id, db);
        for (const id of new Set(people)) out.push(person(id, 'person', i, s.amountFenEach));
      } else {
        out.push(unitRow('unit', f.unit, i, s.count, s.amountFenEach));
      }
    } else if (s.target === 'unit') {
      out.push(unitRow('unit', f.unit, i, Math.max(1, s.count), s.amountFenEach));
    } else if (s.target === 'department') {
      const dept = f.unit.parent_id ? await requireUnitInOrg(ctx, f.orgId, f.unit.parent_id, db) : f.unit;
      out.push(unitRow('department', dept, i, Math.max(1, s.count), s.amountFenEach));
    } else {
      // 003:L434 charged to the 支行长: the nearest unit head with a staff record, else the unit for its manager.
      const head = (await nearestUnitHeadContacts(ctx, f.orgId, f.unit.path, db)).find((h) => h.staffId);
      out.push(head?.staffId ? { ...person(head.staffId, 'manager', i, s.amountFenEach), key: `manager:${head.staffId}` } : unitRow('manager', f.unit, i, 1, s.amountFenEach));
    }
  }
  // One row per key: two shares on the same head add up.
  const merged = new Map<string, Target>();
  for (const t of out) {
    const seen = merged.get(t.key);
    merged.set(t.key, seen ? { ...seen, amountFen: seen.amountFen + t.amountFen } : t);
  }
  return [...merged.values()];
}
