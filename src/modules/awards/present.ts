/** How awards read in the API: types with their quota in words, rounds, nominations, honours. */
import type { AwardRoundsTable } from '../../db/types.js';
import type { AwardTypeInForce, PolicyPack } from '../../policy/index.js';
import { findSanctionRule } from '../../policy/index.js';
import { fractionValue, type QuotaLimit, type QuotaRule, type Reason } from '../../engines/selection/index.js';
import { parseJson } from '../../shared/json.js';
import type { NominationRow } from './repository.js';

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

const perWords: Record<QuotaRule['per'], { zh: string; en: string }> = {
  round: { zh: '全院', en: 'in all' },
  unit: { zh: '每科室', en: 'per department' },
  party_branch: { zh: '每党支部', en: 'per party branch' },
  category: { zh: '每类人员', en: 'per category' },
  unit_category: { zh: '每科室每类人员', en: 'per department and category' },
};

function limitWords(l: QuotaLimit): { zh: string; en: string } {
  switch (l.kind) {
    case 'unlimited':
      return { zh: '不限', en: 'no limit' };
    case 'count':
      return { zh: `${l.count} 名`, en: `${l.count}` };
    case 'fraction': {
      const round = l.rounding === 'half_up' ? { zh: '四舍五入', en: 'rounded half up' } : l.rounding === 'up' ? { zh: '向上取整', en: 'rounded up' } : { zh: '向下取整', en: 'rounded down' };
      return { zh: `人数的 ${l.numerator}/${l.denominator}（${round.zh}，至少 ${l.minimum} 名）`, en: `${l.numerator}/${l.denominator} of the headcount (${round.en}, at least ${l.minimum})` };
    }
    case 'table':
      return { zh: l.entries.map((e) => `${e.key} ${e.count}`).join('、'), en: l.entries.map((e) => `${e.key} ${e.count}`).join(', ') };
  }
}

/** A quota rule in words: "每科室 人数的 1/10（四舍五入，至少 1 名）". */
export function quotaText(q: QuotaRule): { zh: string; en: string } {
  const w = limitWords(q.limit);
  const cats = q.categories ? { zh: `（${q.categories.join('、')}）`, en: ` (${q.categories.join(', ')})` } : { zh: '', en: '' };
  return { zh: `${perWords[q.per].zh}${cats.zh}：${w.zh}`, en: `${w.en} ${perWords[q.per].en}${cats.en}` };
}

/** The reward per winner in fen, from the pack's sanction rule (0 when none or not a fixed amount). */
export function rewardFenOf(pack: PolicyPack, t: AwardTypeInForce): number {
  if (!t.rewardRule) return 0;
  const rule = findSanctionRule(pack, t.rewardRule);
  const r = rule?.rule as { kind?: string; amountFen?: number | null } | undefined;
  return r && r.kind === 'fixed' && typeof r.amountFen === 'number' ? r.amountFen : 0;
}

export function presentAwardType(pack: PolicyPack, t: AwardTypeInForce) {
  const [first] = t.quotas;
  return {
    code: t.code,
    name: t.name,
    subject: t.subject,
    cadence: t.cadence,
    method: t.method,
    voters: t.voters,
    quota: { per: first.per, ...first.limit, text: quotaText(first), citation: first.citation },
    quotas: t.quotas.map((q) => ({ ...q, text: quotaText(q) })),
    seats: t.seats,
    ...(t.scoreSheet.length ? { scoreSheet: t.scoreSheet.map((i) => ({ code: i.code, name: i.label, max: i.max, citation: i.citation })) } : {}),
    profile: t.profile,
    rules: t.rules.map((r) => ({ code: r.code, label: r.label, citation: r.citation })),
    rewardRule: t.rewardRule,
    rewardFen: rewardFenOf(pack, t),
    redFlag: t.redFlag,
    honours: t.honours.map((h) => ({ code: h.code, name: h.name, citation: h.citation })),
    routing: t.routing,
    citation: t.citation,
  };
}

export function presentRound(row: AwardRoundsTable, t: AwardTypeInForce | undefined) {
  return {
    id: row.id,
    awardType: row.award_type,
    awardName: t?.name ?? { zh: row.award_type, en: row.award_type },
    subject: t?.subject ?? null,
    method: t?.method ?? null,
    seats: t?.seats ?? null,
    period: row.period,
    year: Number(row.year),
    state: row.state,
    publicityEndsAt: iso(row.publicity_ends_at),
    openedAt: iso(row.opened_at),
    closedAt: iso(row.closed_at),
    announcedAt: iso(row.announced_at),
    createdAt: iso(row.created_at),
    version: Number(row.version),
  };
}

/** Which functional departments review a nominee (Huizhou routing, 001:L401–415). */
export function routingOf(t: AwardTypeInForce | undefined, o: { category: string | null; unitName: string }) {
  return (t?.routing ?? []).filter((r) => r.categories.some((c) => c === o.category || o.unitName.includes(c))).flatMap((r) => r.reviewers);
}

export function presentNomination(row: NominationRow, o: { withReasons: boolean; t?: AwardTypeInForce; category?: string | null }) {
  const reasons = parseJson<Reason[]>(row.reasons ?? 'null', null as unknown as Reason[]) ?? null;
  const score = row.score_den ? { numerator: Number(row.score_num), denominator: Number(row.score_den) } : null;
  return {
    id: row.id,
    roundId: row.round_id,
    ...(row.staff_id ? { staffId: row.staff_id } : {}),
    unitId: row.unit_id,
    subject: row.staff_id ? ('person' as const) : ('unit' as const),
    name: row.staff_name ?? row.unit_name,
    unitName: row.unit_name,
    reason: row.reason,
    state: row.state,
    eligible: row.eligible === null ? null : Number(row.eligible) === 1,
    ...(o.withReasons ? { reasons: reasons ?? [] } : {}),
    cancelReason: row.cancel_reason,
    votes: row.votes === null ? null : Number(row.votes),
    score: fractionValue(score),
    rank: row.rank === null ? null : Number(row.rank),
    tied: row.tied === null ? null : Number(row.tied) === 1,
    nominatedAt: iso(row.nominated_at),
    version: Number(row.version),
  };
}
