import { decodeSignedCode, encodeSignedCode } from '../../shared/signed-codes.js';

/**
 * The standing (anonymous, reusable) link and QR code of a survey, `/s/<code>`: the code carries
 * the organisation and survey ids, signed with the installation secret like the rating codes
 * (shared/signed-codes.ts), under its own domain so a rating code is never a valid survey code.
 */
export interface SurveyCodeTarget {
  orgId: string;
  surveyId: string;
}

const domain = 'survey-code';

export function encodeSurveyCode(secret: string, target: SurveyCodeTarget): string {
  return encodeSignedCode(secret, domain, [target.orgId, target.surveyId]);
}

export function decodeSurveyCode(secret: string, code: string): SurveyCodeTarget | null {
  const [orgId, surveyId] = decodeSignedCode(secret, domain, code) ?? [];
  if (typeof orgId !== 'string' || typeof surveyId !== 'string') return null;
  return { orgId, surveyId };
}
