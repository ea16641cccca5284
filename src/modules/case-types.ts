import { onCaseClosed, registerCaseType, type CaseTypeDefinition } from './cases/index.js';
import { applicationType } from './applications/type.js';
import { complaintType } from './complaints/type.js';
import { inquiryType } from './inquiries/type.js';
import { rectificationType } from './rectifications/type.js';
import { repairType } from './repairs/type.js';
import { followUpType } from './followups/type.js';
import { followUpAfterClosing } from './followups/index.js';
import { onIncidentWithdrawn } from './incidents/service.js';
import { readLatestStars, reopenSheetsForFact } from './appraisals/index.js';
import { provideStaffStars } from '../shared/stars.js';

/**
 * The case types, in one list. The cases module never names a type: it looks them up in its
 * registry, which this list fills — from openContext (src/bootstrap.ts, which every entry point
 * opens: server, CLI, jobs, tests, benchmarks) and from the app factory (src/server/app.ts).
 * A new case type is added here.
 */
export const caseTypes: readonly CaseTypeDefinition[] = [complaintType, inquiryType, applicationType, rectificationType, repairType, followUpType];

/** Registers every case type; calling it again changes nothing. */
export function registerCaseTypes(): void {
  for (const type of caseTypes) registerCaseType(type);
  // 回访: a closed complaint (or repair) is followed up where the pack says so.
  onCaseClosed(followUpAfterClosing);
  // 个人考核: a verified complaint found unfounded (不属实) reopens the appraisal sheets filled from it, with the reason.
  onIncidentWithdrawn(reopenAfterWithdrawal);
  // 挂星上岗: the staff list and the public rating page show the star of the latest approved sheet.
  provideStaffStars(async (db, opts) => {
    const stars = await readLatestStars(db, opts);
    return new Map([...stars].map(([id, s]) => [id, { stars: s.stars, label: s.label, period: s.period }]));
  });
}

async function reopenAfterWithdrawal(...[ctx, trx, actor, incident, reason]: Parameters<Parameters<typeof onIncidentWithdrawn>[0]>) {
  await reopenSheetsForFact(ctx, trx, actor, { orgId: incident.orgId, kind: 'incident', id: incident.id, note: `${incident.summary}：经复核不属实（${reason}）` });
}
