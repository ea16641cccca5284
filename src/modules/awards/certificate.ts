/**
 * 荣誉证书 (issue 16 item 5): a winner's certificate as a Chinese PDF, for the office or the winner
 * themself; only once the round is announced and the nomination won (404 otherwise — a nominee
 * who did not win has no certificate). Every download is audited.
 */
import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { AppError } from '../../shared/errors.js';
import { localDate } from '../../shared/months.js';
import { businessHoursOf } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { renderCertificate } from './certificate-pdf.js';
import { getWinnerForCertificate } from './honours.js';
import { loadRound } from './service.js';

/** 证书编号: the round's period and the nomination's id's tail — stable, so a reprint carries the same number. */
export const certificateSerial = (period: string, nominationId: string) => `RY-${period}-${nominationId.slice(-8).toUpperCase()}`;

export async function certificatePdf(ctx: AppContext, actor: Actor, roundId: string, nominationId: string) {
  const { row } = await loadRound(ctx, ctx.db.kysely, actor, roundId);
  if (row.state !== 'announced') throw new AppError('round_state', { details: { state: row.state, expected: ['announced'] } });
  const w = await getWinnerForCertificate(ctx, actor, nominationId);
  if (w.roundId !== row.id) throw new AppError('not_found', { details: { entity: 'award_winner', id: nominationId } });
  const offset = businessHoursOf(await policyForOrganisation(ctx, actor.orgId)).utcOffsetMinutes;
  const serial = certificateSerial(w.period, nominationId);
  const pdf = await renderCertificate({
    organisation: w.organisation.name,
    recipient: w.winnerName,
    subject: w.subject,
    unitName: w.subject === 'person' ? w.unitName : null,
    awardName: w.awardName.zh,
    period: w.period,
    date: localDate(Date.parse(w.announcedAt), offset),
    serial,
  });
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: 'award_certificate', entityId: nominationId, after: { roundId: row.id, serial } }));
  return { filename: `荣誉证书_${w.winnerName}_${w.period}.pdf`, pdf };
}
