import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * The certificate route (荣誉证书, issue 16 item 5) as the people who must not print one: a
 * department head, a window clerk asking for a colleague's, and another organisation. See
 * access.test.ts for the coverage rule.
 */
const clock = fakeClock(Date.parse('2026-11-02T12:00:00+08:00'));
let t: TestApp;
let office: Session;
const ids: Record<string, string> = {};
let roundId: string;
const won: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 30 });
  office = await t.login('hosp-quality-office');
  for (const s of (await office.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  roundId = (await office.post('/api/v1/award-rounds', { awardType: 'taixing.star', period: '2026-Q4' })).json().id;
  for (const badge of ['H1003', 'H1004']) won[badge] = (await office.post(`/api/v1/award-rounds/${roundId}/nominations`, { staffId: ids[badge], reason: '服务热情' })).json().id;
  const step = async (action: string, body: Record<string, unknown> = {}) => {
    const version = (await office.get(`/api/v1/award-rounds/${roundId}`)).json().version;
    const res = await office.post(`/api/v1/award-rounds/${roundId}/${action}`, { version, ...body });
    expect(res.statusCode, res.body).toBe(200);
  };
  await step('review');
  await step('publish');
  clock.set(Date.parse('2026-11-10T09:00:00+08:00'));
  await step('open-voting');
  await step('announce', { winners: [won.H1003, won.H1004] });
}, 120_000);
afterAll(async () => t?.close());

describe('荣誉证书: the office and the winner only', () => {
  const url = (nominationId: string) => `/api/v1/award-rounds/${roundId}/nominations/${nominationId}/certificate.pdf`;

  it("'GET /api/v1/award-rounds/:id/nominations/:nominationId/certificate.pdf' is refused to a head, to a clerk for a colleague's, and to another organisation", async () => {
    const head = await t.login('hosp-unit-head');
    const staff = await t.login('hosp-staff');
    const hall = await t.login('hall-quality-office');
    expect((await head.get(url(won.H1003))).statusCode).toBe(403);
    expect((await staff.get(url(won.H1004))).statusCode).toBe(403);
    expect((await staff.get(url(won.H1003))).statusCode).toBe(200);
    expect((await hall.get(url(won.H1003))).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: url(won.H1003) })).statusCode).toBe(401);
  });
});
