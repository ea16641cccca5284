/**
 * The demo bank's sub-branch competition (abc-qingdao, 001:L927–971) for this year, with every
 * figure filled through the competitions service, chosen so that the ranking shows each rule at
 * work: 市南's four mystery-shopper checks 92, 88, 95, 85 (18.00), its VIP increment r = 1.6
 * (capped at 12.00), 崂山's r = −0.2 (0) and three major complaints and media reports (not
 * eligible for honours); city sub-branches against 90, county ones against 85 (001:L893).
 */
import type { AppContext } from '../shared/context.js';
import { systemActor } from '../shared/access.js';
import { localDate } from '../shared/months.js';
import { createCompetition, putCompetitionValues, type ValueEntry } from '../modules/competitions/service.js';
import { findOrganisationByCode } from '../modules/organisations/service.js';
import { findUnitByCode } from '../modules/units/service.js';

type Figures = [checks: number[], survey: number, complaints: number, media: number, skills: number, acceptance: number, ediv: number, edivInc: number, vipInc: number, assets: number, assetsInc: number, card: number, cardInc: number, savingsInc: number];

const units: { code: string; target: 'city' | 'county'; f: Figures }[] = [
  { code: 'B-S1', target: 'city', f: [[92, 88, 95, 85], 91, 0, 0, 70, 92, 84, 5, 80, 58, 2.5, 75, 6, 1500] },
  { code: 'B-S2', target: 'city', f: [[90, 86, 89, 93], 88, 1, 0, 60, 88, 79, 3, 55, 54, 1.8, 68, 4, 1100] },
  { code: 'B-S3', target: 'city', f: [[85, 82, 88, 80], 86, 2, 1, 50, 85, 75, 2, -10, 50, 1, 66, 3, 900] },
  { code: 'B-S4', target: 'county', f: [[88, 90, 87, 91], 89, 0, 0, 65, 90, 70, 6, 45, 52, 3, 72, 7, 1300] },
  { code: 'B-S5', target: 'county', f: [[80, 84, 78, 82], 84, 0, 1, 40, 80, 66, 1, 30, 48, 0.5, 60, 2, 700] },
];
/** Bank-wide figures, the same for every sub-branch. */
const bank = { skills: 60, ediv: 80, edivInc: 4, vipInc: 50, assets: 55, assetsInc: 2, card: 70, cardInc: 5, savingsInc: 1200 };

export async function seedDemoCompetition(ctx: AppContext, orgCode: string, now: number, utcOffsetMinutes: number): Promise<void> {
  const org = await findOrganisationByCode(ctx, orgCode);
  if (!org) return;
  const actor = systemActor(org.id, 'demo-seed');
  const ids = new Map<string, string>();
  for (const u of units) ids.set(u.code, (await findUnitByCode(ctx, org.id, u.code))!.id);
  const competition = await createCompetition(ctx, actor, {
    preset: 'abc-qingdao',
    period: localDate(now, utcOffsetMinutes).slice(0, 4),
    unitIds: units.map((u) => ids.get(u.code)!),
    targets: Object.fromEntries(units.map((u) => [ids.get(u.code)!, u.target])),
  });
  const values: ValueEntry[] = [];
  for (const u of units) {
    const unitId = ids.get(u.code)!;
    const [checks, survey, complaints, media, skills, acceptance, ediv, edivInc, vipInc, assets, assetsInc, card, cardInc, savingsInc] = u.f;
    const put = (indicator: string, figures: Record<string, number>) => {
      for (const [input, value] of Object.entries(figures)) values.push({ unitId, indicator, input, value });
    };
    put('mystery_shopper', Object.fromEntries(checks.map((c, i) => [`check${i + 1}`, c])));
    put('satisfaction', { survey });
    put('major_complaints', { complaints, media_reports: media });
    put('sales_skills', { unit_value: skills, bank_value: bank.skills, acceptance });
    put('e_diversion', { unit_value: ediv, bank_value: bank.ediv, unit_increment: edivInc, bank_increment: bank.edivInc });
    put('vip_increment', { unit_increment: vipInc, bank_increment: bank.vipInc });
    put('vip_assets', { unit_value: assets, bank_value: bank.assets, unit_increment: assetsInc, bank_increment: bank.assetsInc });
    put('vip_card_rate', { unit_value: card, bank_value: bank.card, unit_increment: cardInc, bank_increment: bank.cardInc });
    put('savings_increment', { unit_increment: savingsInc, bank_increment: bank.savingsInc });
  }
  await putCompetitionValues(ctx, actor, competition.id, { version: competition.version, values });
}
