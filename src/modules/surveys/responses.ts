import type { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { newId, sha256Hex } from '../../shared/ids.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { requestHash, requireSameRequest } from '../../shared/idempotency.js';
import type { SurveyAnswersTable, SurveyResponsesTable, SurveysTable } from '../../db/types.js';
import { requireUnitInOrg } from '../units/service.js';
import { answerRows, checkAnswers } from './answers.js';
import { decodeSurveyCode } from './codes.js';
import { definitionOf, localToday } from './service.js';
import type { publicResponseBody, SurveyDefinition } from './schema.js';
import * as repo from './repository.js';

export interface SurveyTarget {
  survey: SurveysTable;
  definition: SurveyDefinition;
  unitName: string;
  linkId: string | null;
  source: 'code' | 'link';
}

/**
 * What a standing code or single-use token answers. A used or expired link, a forged code and a
 * survey outside its dates are refused before the form is shown.
 */
export async function resolveSurveyTarget(ctx: AppContext, ref: { token?: string; code?: string }, options: { allowUsed?: boolean } = {}): Promise<SurveyTarget> {
  let surveyId: string;
  let orgId: string;
  let linkId: string | null = null;
  if (ref.token) {
    const link = await repo.findLinkByHash(ctx.db.kysely, sha256Hex(ref.token));
    if (!link) throw new AppError('not_found', { details: { reason: 'unknown link' } });
    if (link.used_at && !options.allowUsed) throw new AppError('already_answered');
    if (Number(link.expires_at) < ctx.clock.now()) throw new AppError('survey_link_expired');
    surveyId = link.survey_id;
    orgId = link.org_id;
    linkId = link.id;
  } else {
    const target = ref.code ? decodeSurveyCode(ctx.config.secret!, ref.code) : null;
    if (!target) throw new AppError('not_found', { details: { reason: 'invalid code' } });
    surveyId = target.surveyId;
    orgId = target.orgId;
  }
  const survey = await repo.findSurvey(ctx.db.kysely, surveyId);
  if (!survey || survey.org_id !== orgId) throw new AppError('not_found');
  const today = await localToday(ctx, orgId, ctx.clock.now());
  if (today < survey.starts_on || (survey.ends_on !== null && today > survey.ends_on)) {
    throw new AppError('survey_not_open', { details: { startsOn: survey.starts_on, endsOn: survey.ends_on } });
  }
  const unit = await requireUnitInOrg(ctx, orgId, survey.unit_id).catch(() => null);
  if (!unit) throw new AppError('not_found');
  return { survey, definition: definitionOf(survey), unitName: unit.name, linkId, source: linkId ? 'link' : 'code' };
}

type PublicResponse = z.infer<typeof publicResponseBody>;

/**
 * Stores an anonymous response: checked against the survey's definition (required questions,
 * conditions), the single-use link spent in the same transaction, one row per answered choice.
 * A retry with the same Idempotency-Key stores one response and answers with it; the key reused
 * for a different response answers 422 idempotency_key_reused.
 */
export async function submitResponse(ctx: AppContext, input: PublicResponse, idempotencyKey?: string) {
  const target = await resolveSurveyTarget(ctx, input, { allowUsed: !!idempotencyKey });
  const hash = idempotencyKey ? requestHash(input) : null;
  const replay = (existing: { id: string; request_hash: string | null }) => {
    requireSameRequest(existing.request_hash, hash!);
    return { id: existing.id, replayed: true };
  };
  if (idempotencyKey) {
    const existing = await repo.findResponseByIdempotencyKey(ctx.db.kysely, target.survey.org_id, idempotencyKey);
    if (existing) return replay(existing);
  }
  const checked = checkAnswers(target.definition, input.answers);
  if (!checked.ok) throw new AppError('validation_failed', { details: checked.issues });
  const now = ctx.clock.now();
  const date = await localToday(ctx, target.survey.org_id, now);
  const row: SurveyResponsesTable = {
    id: newId(now),
    org_id: target.survey.org_id,
    survey_id: target.survey.id,
    unit_id: target.survey.unit_id,
    unit_path: target.survey.unit_path,
    source: target.source,
    link_id: target.linkId,
    answers: JSON.stringify(checked.answers),
    idempotency_key: idempotencyKey ?? null,
    request_hash: hash,
    submitted_at: now,
    submitted_date: date,
  };
  const rows: SurveyAnswersTable[] = answerRows(target.definition, checked.answers).map((a, seq) => ({
    ...a,
    response_id: row.id,
    seq,
    org_id: row.org_id,
    survey_id: row.survey_id,
    answered_at: now,
    answered_date: date,
  }));
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      if (target.linkId && !(await repo.useLink(trx, target.linkId, now))) throw new AppError('already_answered');
      await repo.insertResponse(trx, row, rows);
      return { id: row.id, replayed: false };
    });
  } catch (e) {
    // The same Idempotency-Key raced in from a retry: answer with the stored response.
    if (idempotencyKey && isUniqueViolation(e)) {
      const existing = await repo.findResponseByIdempotencyKey(ctx.db.kysely, row.org_id, idempotencyKey);
      if (existing) return replay(existing);
    }
    throw e;
  }
}
