import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * Survey routes (满意度调查, RULES §3) as the hospital unit head (门诊部, H-OPD): another unit's
 * survey (内科, H-IM) is out of scope — 403 — and lists show only the caller's subtree; templates are
 * organisation-level, readable by all and changed only by the administrators and quality office.
 * access.test.ts counts the route keys below towards its coverage rule.
 */
let t: TestApp;
let head: Session;
let admin: Session;
const ids: Record<string, string> = {};
let imSurvey: { id: string; code: string; version: number };
let ownSurvey: { id: string };
let templateId = '';

type Check = { kind: 'forbidden' | 'filtered' | 'self'; run: () => Promise<void> };

async function expect403(res: { statusCode: number; json(): any }) {
  expect(res.statusCode, JSON.stringify(res.json?.() ?? {})).toBe(403);
  expect(['forbidden', 'out_of_scope']).toContain(res.json().error.code);
}

beforeAll(async () => {
  t = await createTestApp({ clock: fakeClock(Date.parse('2026-11-10T02:00:00Z')) });
  head = await t.login('hosp-unit-head');
  admin = await t.login('hosp-admin');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  templateId = (await admin.post('/api/v1/survey-templates', { code: 'nursing_monthly', copyOf: 'inpatient' })).json().id;
  imSurvey = (await admin.post('/api/v1/surveys', { templateId: 'inpatient', unitId: ids['H-IM'], cycle: 'monthly', startsOn: '2026-11-01' })).json();
  ownSurvey = (await admin.post('/api/v1/surveys', { templateId: 'outpatient', unitId: ids['H-OPD-REG'], cycle: 'monthly', startsOn: '2026-11-01' })).json();
  const answer = { overall: 4, nursing: 5 };
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/public/survey-responses', payload: { code: imSurvey.code, answers: answer } })).statusCode).toBe(201);
});
afterAll(async () => t?.close());

const checks: Record<string, Check> = {
  'GET /api/v1/survey-templates': {
    kind: 'self',
    run: async () => expect((await head.get('/api/v1/survey-templates')).json().items.map((x: { code: string }) => x.code)).toContain('nursing_monthly'),
  },
  'POST /api/v1/survey-templates': { kind: 'forbidden', run: async () => expect403(await head.post('/api/v1/survey-templates', { code: 'by_head', copyOf: 'outpatient' })) },
  'GET /api/v1/survey-templates/:id': { kind: 'self', run: async () => expect((await head.get(`/api/v1/survey-templates/${templateId}`)).json().code).toBe('nursing_monthly') },
  'PATCH /api/v1/survey-templates/:id': {
    kind: 'forbidden',
    run: async () => {
      const tpl = (await admin.get(`/api/v1/survey-templates/${templateId}`)).json();
      await expect403(await head.patch(`/api/v1/survey-templates/${templateId}`, { version: tpl.version, definition: tpl.definition }));
    },
  },
  'GET /api/v1/surveys': {
    kind: 'filtered',
    run: async () => {
      const seen = (await head.get('/api/v1/surveys?pageSize=100')).json().items.map((s: { id: string }) => s.id);
      expect(seen).toEqual([ownSurvey.id]);
      await expect403(await head.get(`/api/v1/surveys?unitId=${ids['H-IM']}`));
    },
  },
  'POST /api/v1/surveys': {
    kind: 'forbidden',
    run: async () => expect403(await head.post('/api/v1/surveys', { templateId: 'inpatient', unitId: ids['H-IM-W1'], cycle: 'monthly', startsOn: '2026-11-01' })),
  },
  'GET /api/v1/surveys/coverage': {
    kind: 'filtered',
    run: async () => {
      const units = (await head.get('/api/v1/surveys/coverage?period=2026-11')).json().items.map((i: { unitCode: string }) => i.unitCode);
      expect(units).toEqual(['H-OPD-REG']);
      expect((await admin.get('/api/v1/surveys/coverage?period=2026-11')).json().items.map((i: { unitCode: string }) => i.unitCode)).toContain('H-IM');
      await expect403(await head.get(`/api/v1/surveys/coverage?period=2026-11&unitId=${ids['H-IM']}`));
    },
  },
  'GET /api/v1/surveys/:id': { kind: 'forbidden', run: async () => expect403(await head.get(`/api/v1/surveys/${imSurvey.id}`)) },
  'PATCH /api/v1/surveys/:id': { kind: 'forbidden', run: async () => expect403(await head.patch(`/api/v1/surveys/${imSurvey.id}`, { version: imSurvey.version, endsOn: '2026-11-30' })) },
  'POST /api/v1/surveys/:id/links': { kind: 'forbidden', run: async () => expect403(await head.post(`/api/v1/surveys/${imSurvey.id}/links`, {})) },
  'GET /api/v1/surveys/:id/qr.svg': { kind: 'forbidden', run: async () => expect403(await head.get(`/api/v1/surveys/${imSurvey.id}/qr.svg`)) },
  'GET /api/v1/surveys/:id/results': { kind: 'forbidden', run: async () => expect403(await head.get(`/api/v1/surveys/${imSurvey.id}/results`)) },
};

describe('unit-head scope on survey routes', () => {
  for (const [route, check] of Object.entries(checks)) {
    it(`${route} (${check.kind})`, async () => {
      expect(t.app.routeList.some((r) => `${r.method} ${r.url}` === route), `${route} is not a route any more`).toBe(true);
      await check.run();
    });
  }

  it('every authenticated survey route has a check here', () => {
    const routes = t.app.routeList.filter((r) => /^\/api\/v1\/survey/.test(r.url) && r.auth !== 'public').map((r) => `${r.method} ${r.url}`);
    expect(routes.sort()).toEqual(Object.keys(checks).sort());
  });

  it('the unit head reaches their own unit: the same routes answer for 门诊部', async () => {
    expect((await head.get(`/api/v1/surveys/${ownSurvey.id}`)).statusCode).toBe(200);
    expect((await head.post(`/api/v1/surveys/${ownSurvey.id}/links`, {})).statusCode).toBe(201);
    expect((await head.get(`/api/v1/surveys/${ownSurvey.id}/results`)).statusCode).toBe(200);
    expect((await head.get(`/api/v1/surveys/${ownSurvey.id}/qr.svg`)).body).toContain('<svg');
  });

  it('nothing was changed by the refused requests', async () => {
    const im = (await admin.get(`/api/v1/surveys/${imSurvey.id}`)).json();
    expect(im).toMatchObject({ version: imSurvey.version, endsOn: null, responses: 1 });
    const links = await t.ctx.db.kysely.selectFrom('survey_links').select('survey_id').execute();
    expect(links.map((l) => l.survey_id)).toEqual([ownSurvey.id]);
    expect((await admin.get('/api/v1/survey-templates')).json().items.some((x: { code: string }) => x.code === 'by_head')).toBe(false);
    expect((await admin.get(`/api/v1/surveys?unitId=${ids['H-IM']}`)).json().total).toBe(1);
  });
});
