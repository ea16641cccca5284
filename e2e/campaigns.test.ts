/**
 * End-to-end: campaigns (服务提升年, issue 18 items 1, 2 and 5). The quality office copies the
 * hospital quality year into 2026 for two units and starts it: the Gantt timeline shows the
 * overlapping phases with the ones running on 18 November highlighted, and the progress grid shows
 * the work plan due 1 April missing. The outpatient head sees their own unit only and delivers the
 * satisfaction figure (not yet due → on time) and the late work plan (231 days late). The office
 * publishes the campaign and the public board page shows it; the page reads in English too.
 * Skipped (with a message) without Chromium, except on CI (CI=true).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, pickOption, screenshot } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';

chromiumPrerequisite('e2e campaigns');

describe.skipIf(!haveChromium)('campaigns: plan, timeline, delivery, public page (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });
  let office: Page;
  let campaignUrl = '';

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
  }, 400_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('the office copies the hospital quality year into 2026 and starts it', async () => {
    const opened = await newPage(browser, watch, 'office');
    contexts.push(opened.context);
    office = opened.page;
    await logIn(office, server.baseUrl, 'hosp-quality-office', server.password);
    await office.goto(`${server.baseUrl}/campaigns`);
    await office.getByTestId('campaign-new-open').click();
    await office.getByTestId('campaign-template').click();
    await pickOption(office, 'hospital-quality-year');
    await office.getByTestId('campaign-units').click();
    await pickOption(office, 'H-OPD-REG');
    await pickOption(office, 'H-IM）');
    await office.keyboard.press('Escape');
    await office.getByTestId('campaign-create').click();
    await office.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    campaignUrl = office.url();
    await poll(() => office.getByTestId('campaign-title').textContent()).toBe('2026年医疗服务质量提升年活动');
    // 18 November: 自查提高 (4/1–12/31) and 考核督导 (6/1–12/31) run at once; 总结表彰 starts 1 December.
    await poll(() => office.getByTestId('phase-bar-self_check').getAttribute('data-active')).toBe('true');
    expect(await office.getByTestId('phase-bar-supervise').getAttribute('data-active')).toBe('true');
    expect(await office.getByTestId('phase-bar-summarise').getAttribute('data-active')).toBe('false');
    expect(await office.getByTestId('phase-bar-mobilise').getAttribute('data-active')).toBe('false');
    await office.getByTestId('campaign-activate').click();
    await poll(() => office.getByTestId('campaign-status').textContent()).toBe('进行中');
    await poll(() => office.getByTestId('campaign-progress').textContent()).toContain('未报送');
    await screenshot(office, 'campaigns-01-plan');
  });

  it('the outpatient head sees their unit only and delivers: the figure on time, the work plan 231 days late', async () => {
    const { context, page } = await newPage(browser, watch, 'head');
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-unit-head', server.password);
    await page.goto(campaignUrl);
    const rows = page.locator('[data-testid="campaign-progress"] tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(1);
    const cell = (task: string) => page.locator(`[data-testid^="cell-"][data-testid$="-${task}"]`);
    expect(await cell('satisfaction').getAttribute('data-state')).toBe('pending');
    await page.locator('[data-testid^="deliver-"][data-testid$="-satisfaction"]').click();
    await page.getByTestId('deliver-figure').fill('95.5');
    await page.getByTestId('deliver-ok').click();
    await poll(() => cell('satisfaction').getAttribute('data-state')).toBe('done');
    expect(await cell('work_plan').getAttribute('data-state')).toBe('missing');
    await page.locator('[data-testid^="deliver-"][data-testid$="-work_plan"]').click();
    await page.getByTestId('deliver-text').fill('门诊收费处工作计划：错峰开窗，缩短排队。');
    await page.getByTestId('deliver-ok').click();
    await poll(() => cell('work_plan').getAttribute('data-state')).toBe('late');
    // Due 1 April, received 18 November: 231 days late.
    expect(await cell('work_plan').textContent()).toContain('+231');
    await screenshot(page, 'campaigns-02-unit-head');
    // In English.
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByTestId('campaign-progress').textContent()).toContain('Late');
    expect(await page.locator('body').textContent()).toContain('Progress by unit');
    await page.getByTestId('lang-switch').click();
  });

  it('published, the campaign has its page on the public board', async () => {
    await office.reload();
    await office.getByTestId('campaign-publish').click();
    await office.getByTestId('campaign-public-link').waitFor();
    const href = (await office.getByTestId('campaign-public-link').getAttribute('href'))!;
    const { context, page } = await newPage(browser, watch, 'public');
    contexts.push(context);
    await page.goto(`${server.baseUrl}${href}`);
    await poll(() => page.locator('h1').textContent()).toBe('2026年医疗服务质量提升年活动');
    expect(await page.locator('[data-phase]').count()).toBe(4);
    expect(await page.locator('body').textContent()).toContain('逾期完成 1');
    await screenshot(page, 'campaigns-03-public');
    expect(watch.problems).toEqual([]);
  });
});
