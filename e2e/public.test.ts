/**
 * The public's pages on a phone (390×844): the complaint form, the status look-up and the
 * 好差评 rating page — plain HTML, driven in Debian's Chromium. Skips only without Chromium
 * and not on CI (web.test.ts fails CI when Chromium is missing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, newPage, screenshot } from './support/browser.js';
import { startServer, type E2eServer } from './support/server.js';
import { encodeStandingCode } from '../src/modules/ratings/codes.js';
import { findOrganisationByCode } from '../src/modules/organisations/service.js';
import { findUnitByCode } from '../src/modules/units/service.js';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

chromiumPrerequisite('public');

describe.skipIf(!haveChromium)('public pages on a phone (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('files a complaint and looks up its progress', async () => {
    const { context, page } = await newPage(browser, watch, 'complaint', phone);
    await page.goto(`${server.baseUrl}/public/demo-hall/complaint`);
    expect(await page.locator('h1').textContent()).toContain('示范县政务服务中心');
    await page.getByLabel('投诉内容').fill('1号窗口工作人员离岗半小时，群众排长队。');
    await page.getByLabel('投诉类别').selectOption('discipline');
    await page.getByLabel('涉及窗口/科室（可不选）').selectOption('G-A-01');
    await page.getByLabel('联系电话（用于答复，可不填）').fill('13800001111');
    const noSideways = await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
    expect(noSideways).toBe(true);
    await screenshot(page, 'public-complaint-form-phone');
    await page.getByRole('button', { name: '提交投诉' }).click();
    await page.waitForSelector('text=我们已收到您的投诉');
    const big = await page.locator('.big').allTextContents();
    expect(big[0]).toMatch(/^TS\d{12}$/);
    expect(big[1].length).toBeGreaterThan(4);
    await screenshot(page, 'public-complaint-received-phone');
    await page.getByRole('link', { name: '查询办理进度' }).click();
    await page.waitForSelector('text=办理状态');
    expect(await page.locator('body').textContent()).toContain('已登记');
    await context.close();
  });

  it('rates a window with the standing QR code', async () => {
    const org = (await findOrganisationByCode(server.ctx, 'demo-hospital'))!;
    const unit = (await findUnitByCode(server.ctx, org.id, 'H-OPD-REG'))!;
    const code = encodeStandingCode(server.ctx.config.secret!, { orgId: org.id, unitId: unit.id, staffId: null });
    const { context, page } = await newPage(browser, watch, 'rating', phone);
    await page.goto(`${server.baseUrl}/r/c/${code}`);
    expect(await page.locator('body').textContent()).toContain('挂号收费窗口');
    await page.getByRole('radio', { name: '不满意', exact: true }).check();
    await page.getByLabel('服务态度差').check();
    await page.getByLabel('联系电话（留下电话，我们会回访您）').fill('13900002222');
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await screenshot(page, 'public-rating-phone');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.waitForSelector('text=感谢您的评价');
    const rows = await server.ctx.db.kysely.selectFrom('ratings').select(['level', 'reasons', 'case_id']).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].level).toBe(2);
    expect(rows[0].case_id).toBeTruthy();
    await context.close();
  });

  it('logged no console errors', () => {
    expect(watch.problems).toEqual([]);
  });
});
