import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { SurveyAnswersTable, SurveyLinksTable, SurveyResponsesTable, SurveyTemplatesTable, SurveysTable } from '../../db/types.js';
import { updateIfVersion } from '../../db/versioned.js';

// Templates

export async function listTemplates(db: Executor, orgId: string) {
  return db.selectFrom('survey_templates').selectAll().where('org_id', '=', orgId).orderBy('code').execute();
}

export async function findTemplate(db: Executor, id: string) {
  return db.selectFrom('survey_templates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTemplate(db: Executor, row: SurveyTemplatesTable) {
  await db.insertInto('survey_templates').values(row).execute();
}

export function updateTemplateIfVersion(db: Executor, id: string, version: number, changes: Pick<SurveyTemplatesTable, 'definition' | 'updated_at'>): Promise<boolean> {
  return updateIfVersion(db, 'survey_templates', id, version, changes);
}

// Surveys

export async function insertSurvey(db: Executor, row: SurveysTable) {
  await db.insertInto('surveys').values(row).execute();
}

export async function findSurvey(db: Executor, id: string) {
  return db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateSurveyIfVersion(db: Executor, id: string, version: number, changes: Pick<SurveysTable, 'ends_on' | 'updated_at'>): Promise<boolean> {
  return updateIfVersion(db, 'surveys', id, version, changes);
}

export interface SurveyFilter {
  orgId: string;
  scopePath: string | null;
  unitPath?: string;
  cycle?: string;
}

function filtered(db: Executor, f: SurveyFilter) {
  let q = db.selectFrom('surveys').where('org_id', '=', f.orgId);
  if (f.scopePath) q = q.where('unit_path', 'like', `${f.scopePath}%`);
  if (f.unitPath) q = q.where('unit_path', 'like', `${f.unitPath}%`);
  if (f.cycle) q = q.where('cycle', '=', f.cycle);
  return q;
}

export async function findSurveys(db: Executor, f: SurveyFilter & { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    filtered(db, f).selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    filtered(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Surveys of a cycle running at some point between two dates (inclusive). */
export async function findRunningSurveys(db: Executor, f: SurveyFilter & { cycle: string; from: string; to: string }) {
  return filtered(db, f)
    .selectAll()
    .where('starts_on', '<=', f.to)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', f.from)]))
    .orderBy('unit_path')
    .orderBy('id')
    .execute();
}

// Links

export async function insertLink(db: Executor, row: SurveyLinksTable) {
  await db.insertInto('survey_links').values(row).execute();
}

export async function findLinkByHash(db: Executor, hash: string) {
  return db.selectFrom('survey_links').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

/** Compare-and-set: a single-use link answers once, even when two submissions race. */
export async function useLink(db: Executor, id: string, now: number): Promise<boolean> {
  const r = await db.updateTable('survey_links').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// Responses

export async function insertResponse(db: Executor, row: SurveyResponsesTable, answers: SurveyAnswersTable[]) {
  await db.insertInto('survey_responses').values(row).execute();
  if (answers.length) await db.insertInto('survey_answers').values(answers).execute();
}

export async function findResponseByIdempotencyKey(db: Executor, orgId: string, key: string) {
  return db.selectFrom('survey_responses').select(['id', 'survey_id', 'request_hash']).where('org_id', '=', orgId).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function countResponses(db: Executor, surveyIds: string[], from: string, to: string) {
  if (!surveyIds.length) return new Map<string, number>();
  const rows = await db
    .selectFrom('survey_responses')
    .select(['survey_id', sql<number>`count(*)`.as('n')])
    .where('survey_id', 'in', surveyIds)
    .where('submitted_date', '>=', from)
    .where('submitted_date', '<=', to)
    .groupBy('survey_id')
    .execute();
  return new Map(rows.map((r) => [r.survey_id, Number(r.n)]));
}

/** Answers per question and choice in a date range. */
export async function countChoices(db: Executor, surveyId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('survey_answers')
    .select(['question_id', 'choice', sql<number>`count(*)`.as('n')])
    .where('survey_id', '=', surveyId)
    .where('answered_date', '>=', from)
    .where('answered_date', '<=', to)
    .where('choice', 'is not', null)
    .groupBy(['question_id', 'choice'])
    .execute();
  return rows.map((r) => ({ questionId: r.question_id, choice: r.choice as string, n: Number(r.n) }));
}

/** Respondents per question (a multiple-choice answer counts its respondent once). */
export async function countAnswered(db: Executor, surveyId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('survey_answers')
    .select(['question_id', sql<number>`count(distinct response_id)`.as('n')])
    .where('survey_id', '=', surveyId)
    .where('answered_date', '>=', from)
    .where('answered_date', '<=', to)
    .groupBy('question_id')
    .execute();
  return new Map(rows.map((r) => [r.question_id, Number(r.n)]));
}

/** The latest free-text answers to one question, newest first. */
export async function latestTexts(db: Executor, surveyId: string, questionId: string, from: string, to: string, limit: number, offset: number) {
  return db
    .selectFrom('survey_answers')
    .select(['answer_text', 'answered_at', 'answered_date'])
    .where('survey_id', '=', surveyId)
    .where('question_id', '=', questionId)
    .where('answered_date', '>=', from)
    .where('answered_date', '<=', to)
    .where('answer_text', 'is not', null)
    .orderBy('answered_at', 'desc')
    .orderBy('response_id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}
