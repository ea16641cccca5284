import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The standing (anonymous, reusable) link and QR code of a survey, `/s/<code>`: the code carries
 * the organisation and survey ids, signed with the installation secret like the rating codes,
 * under its own domain label so a rating code is never a valid survey code.
 */
export interface SurveyCodeTarget {
  orgId: string;
  surveyId: string;
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`survey-code:${payload}`).digest('base64url').slice(0, 22);
}

export function encodeSurveyCode(secret: string, target: SurveyCodeTarget): string {
  const payload = Buffer.from(JSON.stringify([target.orgId, target.surveyId])).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export function decodeSurveyCode(secret: string, code: string): SurveyCodeTarget | null {
  const [payload, mac, extra] = code.split('.');
  if (!payload || !mac || extra !== undefined || payload.length > 200) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [orgId, surveyId] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    if (typeof orgId !== 'string' || typeof surveyId !== 'string') return null;
    return { orgId, surveyId };
  } catch {
    return null;
  }
}
