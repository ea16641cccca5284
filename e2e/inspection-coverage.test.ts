/**
 * End-to-end: the plan & coverage screen (issue 14 item 5) and the inspector's assignments (item 3)
 * in the demo service hall as a first start fills it (src/demo/inspection-coverage.ts), on
 * Wednesday 2026-11-18: the quality office sees the three windows without a management check this
 * month (004:L214), the one incomplete CCTV day (004:L116: G-A-03 on 11-17, an afternoon clip short
 * and finished at 15:40) and the quarter's plan with its assignees; the inspector's phone home
 * lists only their own two assignments. Skipped (with a message) without Chromium, except on CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, screenshot, phoneContext as phone } from './support/browser.js';
import { e2eClock, ensureWebBuild, startServer, type E2eServer } from './support/server.js';
import { seedDemoInspections } from '../src/demo/inspections.js';

chromiumPrerequisite('e2e inspection coverage');


describe.skipIf(!haveChromium)('inspections: plan & coverage gaps, and an inspector’s own assignments (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    await seedDemoInspections(server.ctx, 'demo-hall', e2eClock.now());
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('lists the management-check gaps, the incomplete CCTV day and the plan’s assignees', async () => {
    const { context, page } = await newPage(browser, watch, 'coverage-office');
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hall-quality-office', server.password);
    await page.goto(`${server.baseUrl}/inspection-coverage`);

    // 004:L214: G-A-03, G-B-02 and G-HELP have no management check this month.
    await poll(() => page.getByTestId('management-gaps').textContent()).toContain('本月 3 个单位未达到抽查要求');
    const table = page.getByTestId('management-table');
    await poll(() => table.locator('tr', { hasText: '未达要求' }).count()).toBe(3);
    expect(await table.locator('tr', { hasText: '未达要求' }).first().textContent()).toMatch(/3号窗口|5号窗口|帮办代办/);

    // 004:L116: one counter-day incomplete, today (before 15:00) pending.
    await poll(() => page.getByTestId('cctv-summary').textContent()).toContain('缺失 1');
    const gaps = page.getByTestId('cctv-gaps-G-A-03');
    await poll(() => gaps.locator('tr', { hasText: '2026-11-17' }).count()).toBe(1);
    const row = await gaps.locator('tr', { hasText: '2026-11-17' }).textContent();
    expect(row).toContain('下午镜头不足');
    expect(row).toContain('超过规定时间完成');
    expect(row).toContain('15:40');

    // The quarter's plan: three entries, each with its assignee.
    const plan = page.getByTestId('plan-table');
    await poll(() => plan.locator('tbody tr.ant-table-row').count()).toBe(3);
    await poll(() => plan.textContent()).toContain('待检查');
    await screenshot(page, 'inspection-coverage-01-office');
    // No internal codes shown to a Chinese reader.
    expect(await page.locator('main').first().textContent()).not.toMatch(/no_review|video_review|afternoon_clips/);
  });

  it('the hospital’s pack sets none of the requirements: the page says so and asks no report (no 409 or 404, no console error)', async () => {
    const { context, page } = await newPage(browser, watch, 'coverage-hospital');
    contexts.push(context);
    const asked: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/v1/inspection-coverage/') || path.startsWith('/api/v1/inspection-plans')) asked.push(path);
    });
    const before = watch.problems.length;
    await logIn(page, server.baseUrl, 'hosp-quality-office', server.password);
    await page.goto(`${server.baseUrl}/inspection-coverage`);
    await poll(() => page.getByTestId('management-no-rule').textContent()).toContain('本单位的政策包未规定该项要求');
    await poll(() => page.getByTestId('cctv-no-rule').textContent()).toContain('本单位的政策包未规定该项要求');
    await poll(() => page.getByTestId('plan-no-rule').textContent()).toContain('本单位的政策包未规定该项要求');
    expect(asked).toEqual([]);
    expect(watch.problems.slice(before)).toEqual([]);
    await screenshot(page, 'inspection-coverage-03-hospital-no-rule');
  });

  it('the inspector’s phone home shows only their own assignments', async () => {
    const { context, page } = await newPage(browser, watch, 'coverage-inspector', phone);
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hall-inspector', server.password);
    const mine = page.getByTestId('my-assignments');
    await poll(() => mine.getByTestId('my-assignment').count()).toBe(2);
    const text = await mine.textContent();
    expect(text).toContain('3号窗口');
    expect(text).toContain('5号窗口');
    // The supervisor's entry (帮办代办服务台) is not the inspector's.
    expect(text).not.toContain('帮办代办');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'inspection-coverage-02-inspector-home');
    // The coverage screen is the managers': an inspector gets the 403 page.
    await page.goto(`${server.baseUrl}/inspection-coverage`);
    await page.getByTestId('forbidden').waitFor();
    expect(watch.problems).toEqual([]);
  });
});
