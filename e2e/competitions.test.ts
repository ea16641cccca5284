/**
 * End-to-end: indicator competitions (竞赛评分, issue 18 items 3–5) for the demo bank's abc-qingdao
 * competition — opened from the menu, the ranking with the API's totals, a row expanded to each
 * indicator's score and formula (92, 88, 95, 85 → 18.00; r = 1.6 → 12.00 capped, 001:L933,
 * L955), the not-eligible sub-branch, the chart with its target lines, the ranking xlsx and the
 * PDF bulletin; a figure edited in the grid changes the total; an xlsx with bad rows shows each
 * row's error and stores nothing; a new competition from the dialog; English. Skipped (with a
 * message) without Chromium, except on CI (CI=true).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, pickOption, screenshot } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';
import { seedDemoCompetition } from '../src/demo/competitions.js';

chromiumPrerequisite('e2e competitions');

interface Scores {
  units: { unitCode: string; total: string; rank: number; eligible: boolean }[];
}

describe.skipIf(!haveChromium)('competition screens (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  let competitionId: string;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

  async function scores(page: Page): Promise<Scores> {
    const res = await page.request.get(`${server.baseUrl}/api/v1/competitions/${competitionId}/scores`);
    expect(res.status()).toBe(200);
    return (await res.json()) as Scores;
  }

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    await seedDemoCompetition(server.ctx, 'demo-bank', server.ctx.clock.now(), 480);
    const row = await server.ctx.db.kysely.selectFrom('competitions').select('id').executeTakeFirstOrThrow();
    competitionId = row.id;
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('the office opens the ranking from the menu: totals, breakdown with formulas, eligibility, chart, xlsx, bulletin', async () => {
    const { context, page } = await newPage(browser, watch, 'competitions-office', { acceptDownloads: true });
    contexts.push(context);
    await logIn(page, server.baseUrl, 'abc-quality-office', server.password);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '竞赛评分' }).click();
    await page.waitForURL(/\/competitions$/);
    await page.getByTestId('competitions').getByRole('link').first().click();
    await page.waitForURL(/\/competitions\/.+/);
    const api = await scores(page);
    expect(api.units).toHaveLength(5);
    for (const u of api.units) await poll(() => page.getByTestId(`total-${u.unitCode}`).textContent()).toBe(u.total);
    // Ranked rows in the API's order.
    const rows = page.getByTestId('competition-ranking').locator('tr.ant-table-row');
    await poll(() => rows.first().textContent()).toContain(api.units[0].unitCode);
    // 崂山支行: two major complaints and a media report → not eligible (001:L939).
    await poll(() => page.getByTestId('ineligible-B-S3').count()).toBe(1);
    expect(api.units.find((u) => u.unitCode === 'B-S3')!.eligible).toBe(false);
    // 市南支行's breakdown: the acceptance examples with their formulas.
    await rows.filter({ hasText: 'B-S1' }).click();
    await poll(() => page.getByTestId('score-B-S1-mystery_shopper').textContent()).toBe('18.00');
    expect(await page.getByTestId('score-B-S1-vip_increment').textContent()).toBe('12.00');
    const breakdown = page.getByTestId('breakdown-B-S1');
    expect(await breakdown.textContent()).toContain('90 ÷ 100 × 20');
    expect(await breakdown.textContent()).toContain('已封顶');
    // The chart is drawn (a canvas inside the figure).
    await poll(() => page.getByTestId('competition-chart').locator('canvas').count()).toBeGreaterThan(0);
    await screenshot(page, 'competitions-01-ranking');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('competition-export').click()]);
    expect(xlsx.suggestedFilename()).toBe('竞赛排名_2026.xlsx');
    const file = path.join(os.tmpdir(), `yz-ranking-${process.pid}.xlsx`);
    await xlsx.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets[0].getRow(2).getCell(2).value).toBe(api.units[0].unitCode);
    fs.rmSync(file, { force: true });
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('competition-bulletin').click()]);
    expect(pdf.suggestedFilename()).toBe('竞赛通报_2026.pdf');

    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByRole('tab', { name: 'Ranking' }).count()).toBe(1);
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByRole('tab', { name: '排名' }).count()).toBe(1);
    expect(watch.problems).toEqual([]);
  });

  it('a figure edited in the grid changes the total; an xlsx with bad rows names each row and stores nothing', async () => {
    const { context, page } = await newPage(browser, watch, 'competitions-figures');
    contexts.push(context);
    await logIn(page, server.baseUrl, 'abc-quality-office', server.password);
    await page.goto(`${server.baseUrl}/competitions/${competitionId}`);
    await page.getByRole('tab', { name: '原始数据' }).click();
    await page.getByTestId('figures-indicator').click();
    await pickOption(page, '客户满意度调查');
    const cell = page.getByTestId('value-B-S2-satisfaction-survey');
    await poll(() => cell.inputValue()).toBe('88');
    const before = (await scores(page)).units.find((u) => u.unitCode === 'B-S2')!.total;
    await cell.fill('98');
    await page.getByTestId('figures-save').click();
    // 10 more survey points are worth 2 more points (÷ 100 × 20, 001:L937).
    await poll(async () => (await scores(page)).units.find((u) => u.unitCode === 'B-S2')!.total).toBe((Number(before) + 2).toFixed(2));
    await poll(() => page.getByTestId('value-B-S2-satisfaction-survey').inputValue()).toBe('98');

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['单位编码', '指标编码', '数据项编码', '数值']);
    ws.addRow(['B-S1', 'satisfaction', 'survey', 50]);
    ws.addRow(['B-XX', 'satisfaction', 'survey', 50]);
    ws.addRow(['B-S2', 'satisfaction', 'survey', 'abc']);
    const file = path.join(os.tmpdir(), `yz-figures-${process.pid}.xlsx`);
    await wb.xlsx.writeFile(file);
    const totals = JSON.stringify((await scores(page)).units);
    watch.expectFailedRequest(400, `/api/v1/competitions/${competitionId}/values.xlsx`);
    await page.locator('input[type=file]').setInputFiles(file);
    const errors = page.getByTestId('import-errors');
    await poll(() => errors.locator('li').count()).toBe(2);
    expect(await errors.locator('li').first().textContent()).toContain('第 3 行');
    expect(await errors.locator('li').nth(1).textContent()).toContain('第 4 行');
    expect(JSON.stringify((await scores(page)).units)).toBe(totals);
    fs.rmSync(file, { force: true });
    await screenshot(page, 'competitions-02-import-errors');
    expect(watch.problems).toEqual([]);
    expect(watch.unusedExpectations()).toEqual([]);
  });

  it('the office creates a competition from a preset; the sub-branches are proposed', async () => {
    const { context, page } = await newPage(browser, watch, 'competitions-create');
    contexts.push(context);
    await logIn(page, server.baseUrl, 'abc-quality-office', server.password);
    await page.goto(`${server.baseUrl}/competitions`);
    await page.getByTestId('competition-new').click();
    await page.getByTestId('competition-preset').click();
    await pickOption(page, '九项指标');
    await poll(() => page.getByTestId('competition-units').locator('.ant-select-selection-item').count()).toBe(5);
    await page.getByTestId('competition-period').fill('2026-Q4');
    await page.getByTestId('competition-create-ok').click();
    await page.waitForURL(/\/competitions\/.+/);
    await poll(() => page.getByTestId('competition-ranking').locator('tr.ant-table-row').count()).toBe(5);
    await poll(() => page.getByTestId('competition-state').textContent()).toBe('进行中');
    expect(watch.problems).toEqual([]);
  });
});
