/**
 * 挂星上岗 (000:L115): the star of a person's latest approved appraisal sheet shows on the staff
 * list and record and, where the pack shows stars publicly (the hall's does, a hospital's does not
 * by default), beside their name on the public rating page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { seedDemoAppraisals } from '../../src/demo/appraisals.js';

const now = Date.parse('2026-12-04T10:00:00+08:00');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock: fakeClock(now), sessionHours: 24 * 30 });
  await seedDemoAppraisals(t.ctx, 'demo-hall', now, 480);
  await seedDemoAppraisals(t.ctx, 'demo-hospital', now, 480);
});
afterAll(async () => t?.close());

type Sheet = { state: string; star: { stars: number; label: { zh: string } } | null; staff: { id: string; unitId: string } };

async function starred(user: string) {
  const s = await t.login(user);
  const sheets = (await s.get('/api/v1/appraisals/sheets?state=approved&pageSize=500')).json().items as Sheet[];
  const sheet = sheets.find((x) => x.star);
  expect(sheet, `${user}: an approved sheet with a star`).toBeDefined();
  return { s, sheet: sheet! };
}

describe('stars of the latest approved sheet', () => {
  it('show on the staff list and the staff record; a person without an approved sheet has none', async () => {
    const { s, sheet } = await starred('hall-quality-office');
    const list = (await s.get('/api/v1/staff?pageSize=500')).json().items as { id: string; star: { stars: number; period: string } | null }[];
    expect(list.find((x) => x.id === sheet.staff.id)?.star).toMatchObject({ stars: sheet.star!.stars, period: '2026-11' });
    expect(list.some((x) => x.star === null)).toBe(true);
    expect((await s.get(`/api/v1/staff/${sheet.staff.id}`)).json().star).toMatchObject({ stars: sheet.star!.stars, label: sheet.star!.label });
  });

  it('show on the public rating page where the pack allows (the hall), not in a hospital by default', async () => {
    for (const [user, shown] of [['hall-quality-office', true], ['hosp-quality-office', false]] as const) {
      const { s, sheet } = await starred(user);
      const code = (await s.get(`/api/v1/rating-codes?unitId=${sheet.staff.unitId}&staffId=${sheet.staff.id}`)).json();
      const page = await t.app.inject({ method: 'GET', url: code.url });
      expect(page.statusCode).toBe(200);
      expect(page.body.includes(`data-stars="${sheet.star!.stars}"`), user).toBe(shown);
      if (shown) expect(page.body).toContain(`aria-label="${sheet.star!.label.zh}"`);
    }
  });
});
