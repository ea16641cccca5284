import { z } from 'zod';
import { freeText, id, says, str, text, version } from '../../shared/fields.js';

/** A period as the cadence writes it: 2026-11 (monthly), 2026-Q4 (quarterly), 2026 (annual). */
export const period = str().regex(/^(19|20|21)\d\d(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'a period: 2026, 2026-Q4 or 2026-11');

export const roundParams = z.object({ id });
export const nominationParams = z.object({ id, nominationId: id });
export const objectionParams = z.object({ id, objectionId: id });

export const createRoundBody = z.strictObject({ awardType: text(60), period });
export type CreateRoundInput = z.infer<typeof createRoundBody>;

export const listRoundsQuery = z.object({
  state: z.enum(['nominating', 'reviewing', 'publicity', 'voting', 'scoring', 'deciding', 'closed', 'announced', 'cancelled']).optional(),
  year: z.coerce.number().int().min(1900).max(2199).optional(),
});
export type ListRoundsQuery = z.infer<typeof listRoundsQuery>;

export const stepBody = z.strictObject({ version });
export const cancelBody = z.strictObject({ version, reason: text(500) });
export const announceBody = z.strictObject({ version, winners: z.array(id).max(200).optional() });
export type AnnounceInput = z.infer<typeof announceBody>;

export const nominationBody = z
  .strictObject({ staffId: id.optional(), unitId: id.optional(), reason: text(2000) })
  .refine((b) => (b.staffId === undefined) !== (b.unitId === undefined), { ...says('须指明一名人员或一个单位（二者选一）', 'name either a staff member or a unit'), path: ['staffId'] });
export type NominationInput = z.infer<typeof nominationBody>;

export const objectionBody = z.strictObject({ nominationId: id, text: text(2000), contact: freeText(100).optional() });
export type ObjectionInput = z.infer<typeof objectionBody>;

export const decideObjectionBody = z.strictObject({ founded: z.boolean(), reason: text(1000) });
export type DecideObjectionInput = z.infer<typeof decideObjectionBody>;

export const ballotBody = z.strictObject({ choices: z.array(id).min(1).max(200) });
export type BallotInput = z.infer<typeof ballotBody>;

export const scoreSheetBody = z.strictObject({ items: z.array(z.strictObject({ code: text(40), points: z.number() })).max(50) });
export type ScoreSheetInput = z.infer<typeof scoreSheetBody>;

export const honoursQuery = z.object({ staffId: id.optional(), unitId: id.optional(), year: z.coerce.number().int().min(1900).max(2199).optional() });
export type HonoursQuery = z.infer<typeof honoursQuery>;

export const honourRollQuery = z.object({ orgCode: str().min(2).max(40) });
