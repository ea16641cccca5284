/**
 * The policy screen's 奖惩规则 tab in Chromium (RULES §5): a bank's rules in words with their
 * sources by title, no codes or citations in the text; the "20xx" placeholder of 003:L429 reads
 * 未设定 and, set in 元 through the override dialog, lets the preview compute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, screenshot } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';
import { systemActor } from '../src/shared/access.js';
import { createOrganisation } from '../src/modules/organisations/service.js';
import { createUser } from '../src/modules/users/service.js';

chromiumPrerequisite('sanction-rules');

describe.skipIf(!haveChromium)('奖惩规则 on the policy screen (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    const org = await createOrganisation(server.ctx, { code: 'e2e-bank', name: '测试银行营业部', sector: 'bank' });
    await createUser(server.ctx, systemActor(org.id, 'test'), { username: 'bank-admin', password: server.password, role: 'admin' });
    browser = await launchBrowser();
    page = (await newPage(browser, watch, 'sanction-rules')).page;
    await logIn(page, server.baseUrl, 'bank-admin', server.password);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists each rule in words with its source by title; sets the "20xx" base in 元', async () => {
    await page.goto(`${server.baseUrl}/policy`);
    await page.getByRole('tab', { name: '奖惩规则' }).click();
    const panel = page.getByRole('tabpanel', { name: '奖惩规则' });
    const row = (text: string) => panel.locator('tr.ant-table-row').filter({ hasText: text }).first();
    await row('大声喧哗').waitFor();
    // 004:L178 第九条, 003:L427–428: in words, with the document's title, never a code or a line number.
    expect(await row('大声喧哗').innerText()).toContain('在场员工每人 100 元');
    expect(await row('大声喧哗').innerText()).toContain('通报批评');
    expect(await row('未完成第一、二阶段得分计划').innerText()).toContain('1000 元 + 每差 1 分 200 元');
    const text = await panel.innerText();
    expect(text).toContain('《优质服务规范细则》');
    expect(text).not.toMatch(/\d{3}:L\d+|amountFen|psbc\.|feixian\.|notice_criticism|per_person_present/);
    await screenshot(page, 'sanction-rules-policy');

    // 003:L429: stage 3's bottom-100 base is a placeholder until the organisation sets it.
    const stage3 = row('第三阶段');
    expect(await stage3.innerText()).toContain('金额未设定');
    await stage3.locator('.ant-table-row-expand-icon').click();
    const amount = panel.locator('.ant-table-expanded-row tr.ant-table-row').filter({ hasText: '全省倒数后 100 名' }).first();
    expect(await amount.innerText()).toContain('未设定');
    await amount.getByRole('button', { name: /^覆盖/ }).click();
    const dialog = page.getByRole('dialog', { name: '覆盖政策取值' });
    await dialog.getByLabel('取值').fill('2000');
    await dialog.getByLabel('说明（中文）').fill('本行 2026 年考核办法：倒数后 100 名考核支行 2000 元');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(async () => (await row('第三阶段').innerText()).includes('全省倒数后 100 名 2000 元')).toBe(true);
    const csrf = (await page.context().cookies()).find((c) => c.name === 'yz_csrf')?.value ?? '';
    const res = await page.request.post(`${server.baseUrl}/api/v1/sanctions/preview`, { data: { rule: 'psbc.stage3', facts: { rank: 50, score: 96 } }, headers: { 'x-csrf-token': csrf } });
    expect(await res.json()).toMatchObject({ amountFen: 240_000 }); // 2000 + 2 × 200 元
    expect(watch.problems).toEqual([]);
  });
});
