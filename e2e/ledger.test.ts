/**
 * End-to-end: the payroll screen and a person's statement (issue 15 items 7 and 8). Final fines
 * and a reward of October are posted as the sanctions module posts them; the quality office sees
 * November's payroll month with its lines and net, downloads the 工资奖罚 workbook (one row per
 * person, the net in 元) and the criticism bulletin, and closes the month; the staff member opens
 * their own statement on a 390 px phone: their lines only, amounts in 元 with two decimals.
 * Skipped (with a message) without Chromium, except on CI (CI=true).
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, screenshot, phoneContext as phone } from './support/browser.js';
import { artifacts, ensureWebBuild, startServer, type E2eServer } from './support/server.js';
import { systemActor } from '../src/shared/access.js';
import { findOrganisationByCode } from '../src/modules/organisations/service.js';
import { findStaffByBadge } from '../src/modules/staff/service.js';
import { postLedgerEntries } from '../src/modules/ledger/service.js';

chromiumPrerequisite('e2e ledger');

const october = (day: number) => Date.parse(`2026-10-${String(day).padStart(2, '0')}T10:00:00+08:00`);

describe.skipIf(!haveChromium)('ledger: payroll month and statement (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    const { ctx } = server;
    const org = (await findOrganisationByCode(ctx, 'demo-hospital'))!;
    // Looked up before the transaction: SQLite's one connection is the transaction's until it ends.
    const ids: Record<string, string> = {};
    for (const b of ['H1003', 'H1004']) ids[b] = (await findStaffByBadge(ctx, org.id, b))!.id;
    const badge = async (b: string) => ids[b];
    const base = { orgId: org.id, unitId: null, citation: '004:L176–178' };
    await ctx.db.kysely.transaction().execute(async (trx) =>
      postLedgerEntries(ctx, trx, systemActor(org.id, 'sanctions'), [
        { ...base, sanctionId: 'e2e-1', staffId: await badge('H1003'), direction: 'fine', amountFen: 20_000, outcomes: ['notice_criticism'], ruleCode: 'feixian.phone_greeting', summary: '接听电话未使用单位规范用语', finalAt: october(9) },
        { ...base, sanctionId: 'e2e-2', staffId: await badge('H1003'), direction: 'reward', amountFen: 50_000, outcomes: [], ruleCode: 'psbc.reward_quarter', summary: '提前达到98分', finalAt: october(20) },
        { ...base, sanctionId: 'e2e-3', staffId: await badge('H1004'), direction: 'fine', amountFen: 160_000, outcomes: [], ruleCode: 'psbc.stage_target', summary: '阶段目标92分，得分89分', finalAt: october(28) },
      ]),
    );
  }, 400_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('the office sees November\'s payroll, exports it, prints the bulletin and closes the month', async () => {
    const { context, page } = await newPage(browser, watch, 'office');
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-quality-office', server.password);
    await page.goto(`${server.baseUrl}/payroll`);
    await poll(() => page.getByTestId('status-2026-11').textContent()).toBe('未结账');
    // Three lines: −200 + 500 − 1,600 = −1,300.00 元.
    await poll(() => page.getByTestId('payroll-net').textContent()).toBe('-1,300.00');
    await poll(() => page.getByTestId('payroll-month-lines').textContent()).toContain('阶段目标92分，得分89分');
    await screenshot(page, 'ledger-01-payroll');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('payroll-export').click()]);
    expect(download.suggestedFilename()).toBe('工资奖罚_2026-11.xlsx');
    const file = path.join(artifacts, 'ledger-payroll.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1, 7)));
    expect(rows).toEqual([
      ['工号', '姓名', '单位', '罚款（元）', '奖励（元）', '合计（元）'],
      ['H1003', '张丽', '挂号收费窗口', -200, 500, 300],
      ['H1004', '刘洋', '挂号收费窗口', -1600, 0, -1600],
      [undefined, '合计', '2 人（单位）', -1800, 500, -1300],
    ]);

    // October's criticism bulletin (the notices that became final in October: the default month).
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-criticism').click()]);
    expect(pdf.suggestedFilename()).toBe('通报批评_2026-10.pdf');

    await page.getByTestId('close-2026-11').click();
    await page.getByTestId('close-confirm').click();
    await poll(() => page.getByTestId('status-2026-11').textContent()).toBe('已结账');
    await poll(async () => page.getByTestId('close-2026-11').count()).toBe(0);
    await screenshot(page, 'ledger-02-closed');
    expect(watch.problems).toEqual([]);
  });

  it('a staff member reads their own statement on a phone', async () => {
    const { context, page } = await newPage(browser, watch, 'staff-phone', phone);
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-staff', server.password);
    await page.goto(`${server.baseUrl}/ledger/statement`);
    await poll(() => page.getByTestId('statement-line').count()).toBe(2);
    const text = await page.locator('main, body').first().textContent();
    expect(text).toContain('接听电话未使用单位规范用语');
    expect(text).toContain('-200.00');
    expect(text).toContain('500.00');
    expect(text).not.toContain('阶段目标92分'); // someone else's line
    await poll(() => page.getByTestId('statement-net').first().textContent()).toBe('300.00');
    // Nothing sticks out of the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'ledger-03-statement-phone');
    expect(watch.problems).toEqual([]);
  });
});
