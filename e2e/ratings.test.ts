/**
 * End-to-end: the ratings dashboard's details — the GB/T 39734 indicators, the 差评 reasons, the
 * small-sample flag — and its figures opening the rating list (评价明细) filtered; a survey with no
 * answer yet shown as in progress, not missing. Skipped (with a message) without Chromium, except
 * on CI (CI=true), where it fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, screenshot } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';
import { systemActor } from '../src/shared/access.js';
import { encodeStandingCode } from '../src/modules/ratings/codes.js';
import { findOrganisationByCode } from '../src/modules/organisations/service.js';
import { findUnitByCode } from '../src/modules/units/service.js';
import { createSurvey } from '../src/modules/surveys/service.js';

chromiumPrerequisite('e2e ratings');

describe.skipIf(!haveChromium)('ratings dashboard and rating list (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  let qc: Page;
  const poll = expect.poll;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    const { context, page } = await newPage(browser, watch, 'quality-office');
    contexts.push(context);
    qc = page;
    await logIn(qc, server.baseUrl, 'hall-quality-office', server.password);
    // Three ratings of window 1 from phones: one with indicators, two 差评 with reasons.
    const org = (await findOrganisationByCode(server.ctx, 'demo-hall'))!;
    const unit = (await findUnitByCode(server.ctx, org.id, 'G-A-01'))!;
    const code = encodeStandingCode(server.ctx.config.secret!, { orgId: org.id, unitId: unit.id, staffId: null });
    for (const body of [
      { code, level: 5, indicators: { overall: 5, efficiency: 4 } },
      { code, level: 2, reasons: ['slow'], comment: '排队一个多小时' },
      { code, level: 1, reasons: ['slow', 'attitude'], indicators: { overall: 1 }, comment: '工作人员不耐烦' },
    ]) {
      const res = await qc.request.post(`${server.baseUrl}/api/v1/public/ratings`, { data: body });
      expect(res.status()).toBe(201);
    }
    // A monthly survey of window 2 with no answer yet this month.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(server.ctx.clock.now()));
    const window2 = (await findUnitByCode(server.ctx, org.id, 'G-A-02'))!;
    await createSurvey(server.ctx, systemActor(org.id), { templateId: 'window', unitId: window2.id, cycle: 'monthly', startsOn: `${today.slice(0, 7)}-01` });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('shows the indicators, the reasons and the small-sample flag; a level count opens the list filtered', async () => {
    await qc.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '好差评统计' }).click();
    const row = qc.getByTestId('ratings-table').locator('tr.ant-table-row').filter({ hasText: '1号窗口（企业开办）' });
    await row.waitFor();
    // Three ratings are under the pack's minimum sample of 30.
    expect(await row.getByTestId('ratings-small-sample').textContent()).toContain('样本少');
    // 整体满意度: 5 and 1 → 3.00; 服务效率 4.00; 服务水平 not rated.
    await poll(() => qc.getByTestId('indicator-average-overall').textContent()).toBe('3.00');
    expect(await qc.getByTestId('indicator-average-efficiency').textContent()).toBe('4.00');
    expect(await qc.getByTestId('indicator-average-competence').textContent()).toBe('—');
    const reasons = qc.getByTestId('ratings-reasons');
    expect(await reasons.locator('[data-reason="slow"]').textContent()).toContain('办事效率低、等候时间长');
    expect(await reasons.locator('[data-reason="slow"]').textContent()).toContain('2');
    expect(await reasons.locator('[data-reason="attitude"]').textContent()).toContain('服务态度差');
    await screenshot(qc, 'ratings-04-indicators-reasons');

    // The 不满意 count of the window's row: the list of that window's level-2 ratings.
    await row.getByTestId('ratings-count-2').click();
    await qc.waitForURL((u) => u.pathname === '/ratings/list');
    const params = new URL(qc.url()).searchParams;
    expect(params.get('level')).toBe('2');
    expect(params.get('unitId')).toBeTruthy();
    await qc.getByRole('heading', { name: '评价明细' }).waitFor();
    const rows = qc.getByTestId('rating-list').locator('tr.ant-table-row');
    await poll(() => rows.count()).toBe(1);
    const only = (await rows.first().textContent()) ?? '';
    expect(only).toContain('排队一个多小时');
    expect(only).toContain('不满意');
    expect(only).toContain('办事效率低、等候时间长');
    expect(only).toContain('整改工单');
    await screenshot(qc, 'ratings-05-list-level');
  });

  it('the 差评 count opens both 差评, each linked to its rectification case; the list speaks English too', async () => {
    await qc.getByRole('link', { name: '返回好差评统计' }).click();
    const row = qc.getByTestId('ratings-table').locator('tr.ant-table-row').filter({ hasText: '1号窗口（企业开办）' });
    await row.getByTestId('ratings-negative-link').click();
    await qc.waitForURL((u) => u.pathname === '/ratings/list' && u.searchParams.get('negative') === 'true');
    const rows = qc.getByTestId('rating-list').locator('tr.ant-table-row');
    await poll(() => rows.count()).toBe(2);
    // Newest first.
    expect(await rows.first().textContent()).toContain('工作人员不耐烦');
    expect(await rows.first().textContent()).toContain('整体满意度 非常不满意');
    // Clearing the filter shows all three ratings of the month.
    await qc.getByTestId('rating-list-negative').locator('.ant-select-clear').click({ force: true });
    await poll(() => rows.count()).toBe(3);
    await qc.getByTestId('lang-switch').click();
    await qc.getByRole('heading', { name: 'Ratings' }).waitFor();
    await qc.getByTestId('lang-switch').click();
    await qc.getByRole('heading', { name: '评价明细' }).waitFor();
    await rows.filter({ hasText: '工作人员不耐烦' }).getByRole('link', { name: '整改工单' }).click();
    await qc.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await qc.getByTestId('case-tracking-no').filter({ hasText: /^ZG/ }).waitFor();
  });

  it('a unit\'s row opens all of its ratings', async () => {
    await qc.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '好差评统计' }).click();
    const row = qc.getByTestId('ratings-table').locator('tr.ant-table-row').filter({ hasText: '1号窗口（企业开办）' });
    await row.getByTestId('ratings-row-link').click();
    await qc.waitForURL((u) => u.pathname === '/ratings/list' && !u.searchParams.has('level'));
    await poll(() => qc.getByTestId('rating-list').locator('tr.ant-table-row').count()).toBe(3);
  });

  it('a survey without an answer yet is in progress this month, not missing', async () => {
    await qc.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '满意度调查' }).click();
    await qc.getByRole('tab', { name: '覆盖检查' }).click();
    const row = qc.getByTestId('coverage').locator('tr.ant-table-row').filter({ hasText: '2号窗口（不动产登记）' });
    await row.waitFor();
    expect(await row.locator('[data-state]').first().getAttribute('data-state')).toBe('pending');
    expect(await row.textContent()).toContain('进行中');
    expect(await row.textContent()).not.toContain('漏调查');
    await screenshot(qc, 'ratings-06-survey-coverage-pending');
  });

  it('logged no console errors in any page', () => {
    expect(watch.problems).toEqual([]);
    expect(watch.unusedExpectations()).toEqual([]);
  });
});
