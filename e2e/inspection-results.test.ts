/**
 * End-to-end: the results screen (检查结果, issue 14 item 8) for the demo hospital with its demo
 * inspections — opened from the menu, months by unit with their trend bars, the figures the API
 * gives (average, on-time rate, the most frequent finding by name), the xlsx named like every
 * export, a unit head who sees their units only, a phone 390 px wide, and English. Skipped (with
 * a message) without Chromium, except on CI (CI=true).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, screenshot } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';
import { seedDemoInspections } from '../src/demo/inspections.js';

chromiumPrerequisite('e2e inspection results');

interface Results {
  units: { name: string }[];
  all: { total: { count: number; average: number | null } };
  topFindings: { label: { zh: string; en: string } }[];
  rectification: { rate: { value: number | null } };
}

describe.skipIf(!haveChromium)('inspection results screen (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });
  // The server lives on 2026-11-18 (e2eClock): the demo's inspections run from late September.
  const range = 'from=2026-09&to=2026-11';

  async function results(page: Page, query = range): Promise<Results> {
    const res = await page.request.get(`${server.baseUrl}/api/v1/inspection-results?${query}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as Results;
  }

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    expect(await seedDemoInspections(server.ctx, 'demo-hospital', server.ctx.clock.now())).toBeGreaterThan(0);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('the office opens it from the menu: months by unit, trends, top findings, on-time rate, xlsx', async () => {
    const { context, page } = await newPage(browser, watch, 'results-office', { acceptDownloads: true });
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-quality-office', server.password);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '检查结果' }).click();
    await page.waitForURL(/\/inspection-results/);
    // The default range: the six months up to this one.
    await poll(() => page.getByTestId('results-table').locator('th').allTextContents()).toEqual(expect.arrayContaining(['2026-06', '2026-11']));

    await page.goto(`${server.baseUrl}/inspection-results?${range}`);
    const api = await results(page);
    expect(api.units.length).toBeGreaterThan(2);
    const table = page.getByTestId('results-table');
    await poll(() => table.locator('th').allTextContents()).toEqual(expect.arrayContaining(['2026-09', '2026-10', '2026-11', '走势']));
    for (const u of api.units) await poll(() => table.locator('tr.ant-table-row').filter({ hasText: u.name }).count()).toBe(1);
    // The row of all units: the API's total average and count.
    const all = table.locator('tr.ant-table-row').filter({ hasText: '全部单位' });
    await poll(() => all.getByTestId('results-total').textContent()).toContain(`${api.all.total.average}`);
    expect(await all.getByTestId('results-total').textContent()).toContain(`${api.all.total.count} 次`);
    expect(await table.getByTestId('results-trend').count()).toBe(api.units.length + 1);
    // The most frequent finding by its Chinese name; the on-time rate as the API computes it.
    await poll(() => page.getByTestId('results-findings').locator('li').first().textContent()).toContain(api.topFindings[0].label.zh);
    const rate = api.rectification.rate.value;
    await poll(() => page.getByTestId('results-on-time').textContent()).toContain(rate === null ? '—' : `${Math.round(rate * 10_000) / 100}%`);
    await screenshot(page, 'inspection-results-01-office');

    const download = page.waitForEvent('download');
    await page.getByTestId('export-results').click();
    expect((await download).suggestedFilename()).toBe('检查结果_2026-09_2026-11.xlsx');

    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Inspection results');
    await poll(() => page.getByTestId('results-findings').locator('li').first().textContent()).toContain(api.topFindings[0].label.en);
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('检查结果');
    expect(watch.problems).toEqual([]);
  });

  it('a unit head sees their units only, on a phone 390 px wide', async () => {
    const { context, page } = await newPage(browser, watch, 'results-head', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-unit-head', server.password);
    await page.goto(`${server.baseUrl}/inspection-results?${range}`);
    const api = await results(page);
    expect(api.units.map((u) => u.name).sort()).toEqual(['挂号收费窗口', '门诊药房窗口']);
    const rows = page.getByTestId('results-table').locator('tr.ant-table-row');
    await poll(() => rows.filter({ hasText: '挂号收费窗口' }).count()).toBe(1);
    expect(await rows.filter({ hasText: '内科' }).count()).toBe(0);
    // Nothing sticks out of the phone's width (the table scrolls inside its card).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'inspection-results-02-phone');
    expect(watch.problems).toEqual([]);
  });
});
