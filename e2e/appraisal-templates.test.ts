/**
 * End-to-end: the appraisal template editor (考核表模板, issue #21). The hall's quality office opens
 * the window-staff sheet from the menu: the items with how each is scored and its basis in words
 * (never a raw seed line), 德能勤绩 judged by the head (000:L115), the star grades with pay
 * coefficients; a floor above the cap is refused naming the field and nothing is saved; an edit
 * saved as version 2 with its reason; the pack's version 1 still readable; a phone at 390 px.
 * Skipped (with a message) without Chromium, except on CI (CI=true).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, phoneContext, pickOption, screenshot } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';

chromiumPrerequisite('e2e appraisal templates');

describe.skipIf(!haveChromium)('appraisal template editor (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('the office reads the window-staff sheet with its basis in words, is refused a floor above the cap, and saves version 2', async () => {
    const { context, page } = await newPage(browser, watch, 'appraisal-templates-office');
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hall-quality-office', server.password);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '考核表模板' }).click();
    await page.waitForURL(/\/appraisal-templates$/);
    await page.getByTestId('appraisal-templates').getByRole('link', { name: '窗口工作人员月度考核表' }).click();
    await page.waitForURL(/\/appraisal-templates\/window_staff$/);
    const items = page.getByTestId('template-items');
    await poll(() => items.locator('tr.ant-table-row').count()).toBe(11);
    const text = (await page.locator('main main').textContent()) ?? '';
    expect(text).toContain('由科室负责人在 0 至 5 分内评定');
    expect(text).toContain('《急诊科开展优质服务举措》');
    expect(text).not.toMatch(/\d{3}:L\d+/);
    expect(await page.getByTestId('template-stars').textContent()).toContain('1.2');

    // 保底分 above 封顶分: refused with the field named, nothing saved.
    await page.getByTestId('template-edit').click();
    await page.getByTestId('item-satisfaction-min').fill('40');
    await page.getByTestId('template-note').fill('试算');
    watch.expectFailedRequest(400, '/api/v1/appraisal-templates/window_staff/versions');
    await page.getByTestId('template-save').click();
    await poll(() => page.locator('.ant-alert-error').textContent()).toContain('items.0.min');
    await page.getByTestId('item-satisfaction-min').fill('0');
    await page.getByTestId('item-satisfaction-max').fill('35');
    await page.getByTestId('item-complaints-max').fill('10');
    await page.getByTestId('template-note').fill('本中心将满意率调为 35 分');
    await page.getByTestId('template-save').click();
    await poll(() => page.getByTestId('template-version').textContent()).toContain('第 2 版');
    const res = await page.request.get(`${server.baseUrl}/api/v1/appraisal-templates/window_staff`);
    const saved = (await res.json()) as { version: number; items: { code: string; max: string; decision?: { zh: string } }[] };
    expect(saved.version).toBe(2);
    expect(saved.items[0]).toMatchObject({ max: '35', decision: { zh: '本中心将满意率调为 35 分' } });
    await poll(async () => (await page.locator('main main').textContent()) ?? '').toContain('本中心将满意率调为 35 分');

    // The pack's version 1 stays readable.
    await page.getByTestId('template-version').click();
    await pickOption(page, /第 1 版/);
    await poll(async () => (await page.locator('main main').textContent()) ?? '').toContain('历史版本');
    expect(watch.problems).toEqual([]);
    expect(watch.unusedExpectations()).toEqual([]);
  });

  it('reads on a phone (390 px) in English', async () => {
    const { context, page } = await newPage(browser, watch, 'appraisal-templates-phone', phoneContext);
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hall-quality-office', server.password);
    await page.evaluate(() => localStorage.setItem('youzhi.lang', 'en'));
    await page.goto(`${server.baseUrl}/appraisal-templates/window_staff`);
    await poll(() => page.getByTestId('template-items').locator('tr.ant-table-row').count()).toBeGreaterThan(0);
    await screenshot(page, 'appraisal-template-phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(await page.locator('main main').textContent()).toContain('scored by the unit head from 0 to 5');
    expect(watch.problems).toEqual([]);
  });
});
