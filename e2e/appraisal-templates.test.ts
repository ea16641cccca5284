/**
 * End-to-end: the appraisal template editor (考核表模板, issue #21). The hall's quality office opens
 * the window-staff sheet from the menu: the items with how each is scored and its basis in words
 * (never a raw seed line), 德能勤绩 judged by the head (000:L115), the star grades with pay
 * coefficients; a floor above the cap is refused naming the field and nothing is saved; an edit
 * saved as version 2 with its reason; the pack's version 1 still readable; an item removed and one of
 * the office's own added (judged by the head), the points adding up as it edits; a phone at 390 px.
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

  it('the office removes an item, adds one of its own judged by the head, and the points add up as it edits', async () => {
    const { context, page } = await newPage(browser, watch, 'appraisal-templates-items');
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hall-quality-office', server.password);
    await page.goto(`${server.baseUrl}/appraisal-templates/window_staff`);
    const items = page.getByTestId('template-items');
    await poll(() => items.locator('tr.ant-table-row').count()).toBe(11);
    const before = (await (await page.request.get(`${server.baseUrl}/api/v1/appraisal-templates/window_staff`)).json()) as { version: number; items: { code: string; max: string }[] };
    const complaints = before.items.find((i) => i.code === 'complaints')!;
    const total = (codes: { max: string }[]) => codes.reduce((sum, i) => sum + Math.round(Number(i.max) * 1000), 0) / 1000;

    await page.getByTestId('template-edit').click();
    await poll(() => page.getByTestId('template-total').textContent()).toBe(`满分合计 ${total(before.items)} 分`);
    await page.getByTestId('item-complaints-remove').click();
    await poll(() => items.locator('tr.ant-table-row').count()).toBe(10);
    await poll(() => page.getByTestId('template-total').textContent()).toBe(`满分合计 ${total(before.items) - Number(complaints.max)} 分`);
    // The add button waits for both names and the points.
    await page.getByTestId('new-item-zh').fill('窗口礼仪');
    expect(await page.getByTestId('new-item-add').isDisabled()).toBe(true);
    await page.getByTestId('new-item-en').fill('Window etiquette');
    await page.getByTestId('new-item-max').fill(complaints.max);
    await page.getByTestId('new-item-add').click();
    await poll(() => items.locator('tr.ant-table-row').count()).toBe(11);
    await poll(() => page.getByTestId('template-total').textContent()).toBe(`满分合计 ${total(before.items)} 分`);
    expect(await items.locator('tr.ant-table-row').last().textContent()).toContain(`由科室负责人在 0 至 ${complaints.max} 分内评定`);

    await page.getByTestId('template-note').fill('本中心以窗口礼仪代替查实投诉');
    await page.getByTestId('template-save').click();
    await poll(() => page.getByTestId('template-version').textContent()).toContain(`第 ${before.version + 1} 版`);
    const saved = (await (await page.request.get(`${server.baseUrl}/api/v1/appraisal-templates/window_staff`)).json()) as {
      version: number;
      decision: { zh: string } | null;
      items: { code: string; kind: string; max: string; range?: { min: string; max: string }; label: { zh: string; en: string }; decision?: { zh: string } }[];
    };
    expect(saved.items.map((i) => i.code)).not.toContain('complaints');
    expect(saved.items.at(-1)).toMatchObject({ code: 'local_1', kind: 'judged', max: complaints.max, range: { min: '0', max: complaints.max }, label: { zh: '窗口礼仪', en: 'Window etiquette' }, decision: { zh: '本中心以窗口礼仪代替查实投诉' } });
    // The removal's reason is the template's own decision; the items left unchanged keep theirs.
    expect(saved.decision?.zh).toBe('本中心以窗口礼仪代替查实投诉');
    expect(saved.items.filter((i) => i.decision?.zh === '本中心以窗口礼仪代替查实投诉').map((i) => i.code)).toEqual(['local_1']);
    expect(watch.problems).toEqual([]);
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
