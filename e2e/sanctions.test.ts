/**
 * End-to-end: the sanctions procedure on screen (奖惩, RULES §5; issue 15 item 8). The quality
 * office proposes a fine by hand under a rule, watching the amount computed live as it enters the
 * facts, accepts it at 初审 and approves it (its tier); the leadership, as the committee, decides;
 * 张丽 finds it on her phone with the appeal deadline and appeals; the committee reduces it and
 * the amount she sees changes. The list shows each sanction's appeal (pending with the window's
 * last day, then the ruling) and filters by it. A reward has no appeal step: final at the
 * decision, no appeal button. In Chinese, then a heading in English. Skipped (with a message)
 * without Chromium, except on CI (CI=true).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, pickOption, screenshot, phoneContext as phone } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';
import { adoptDemoSanctionRules } from '../src/demo/sanctions.js';
import { findUserByUsername } from '../src/modules/users/service.js';
import { findUnitByCode } from '../src/modules/units/service.js';
import { approveSanction, decideSanction, proposeSanction, reviewSanction } from '../src/modules/sanctions/service.js';
import type { Actor, Role } from '../src/shared/access.js';

chromiumPrerequisite('e2e sanctions');

const note = '夜班巡查：收费窗口下班后电脑、打印机未关。';

describe.skipIf(!haveChromium)('sanctions: propose, review, approve, decide, appeal, reduce (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  let sanctionUrl = '';
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });
  const drawer = (page: Page) => page.getByTestId('sanction-drawer');
  const statusIn = async (page: Page) => (await drawer(page).getByTestId('sanction-status').first().textContent())?.trim();

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    // The demo hospital's fines (its preset has rewards only), as its first start adopts them.
    await adoptDemoSanctionRules(server.ctx, 'demo-hospital');
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('the office proposes by rule with a live preview, reviews and approves', async () => {
    const { context, page } = await newPage(browser, watch, 'office');
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-quality-office', server.password);
    await page.goto(`${server.baseUrl}/sanctions`);
    await page.getByRole('heading', { name: '奖惩管理' }).waitFor();
    await page.getByTestId('propose-sanction').click();
    const dialog = page.getByRole('dialog');
    await page.getByTestId('propose-rule').click();
    await page.keyboard.type('下班后');
    await pickOption(page, /下班后电脑/);
    // The rule in words with its citation, and its one fact: the number of items left on.
    await poll(() => dialog.textContent()).toContain('004:L176');
    await dialog.getByLabel('项数').fill('1');
    await poll(() => dialog.getByTestId('sanction-preview-amount').textContent()).toBe('100.00');
    await dialog.getByLabel('项数').fill('2');
    await poll(() => dialog.getByTestId('sanction-preview-amount').textContent()).toBe('200.00');
    await dialog.getByLabel('单位').click();
    await page.keyboard.type('挂号');
    await pickOption(page, '挂号收费窗口');
    await dialog.getByLabel('当事人').fill('张丽');
    await pickOption(page, /张丽/);
    await dialog.getByLabel('说明').fill(note);
    await screenshot(page, 'sanctions-01-propose');
    await page.getByTestId('propose-submit').click();

    // The new proposal opens: fact, rule, amount, who; 初审 is the office's step.
    await page.waitForURL(/\/sanctions\/[^/]+$/);
    sanctionUrl = new URL(page.url()).pathname;
    await poll(() => statusIn(page)).toBe('待初审');
    const text = await drawer(page).textContent();
    expect(text).toContain(note);
    expect(text).toContain('200.00');
    expect(text).toContain('张丽');
    expect(text).toContain('004:L176');
    await drawer(page).getByTestId('step-note').fill('事实清楚。');
    await drawer(page).getByTestId('step-accept').click();
    await poll(() => statusIn(page)).toBe('待审批');
    // 200 元 is within the office's approval tier.
    await drawer(page).getByTestId('step-approve').click();
    await poll(() => statusIn(page)).toBe('待决定');
    // The decision is the committee's: the office has no step now.
    await poll(() => drawer(page).getByTestId('step-decide').count()).toBe(0);
    await poll(() => drawer(page).getByTestId('sanction-timeline').textContent()).toContain('审批通过');
    await screenshot(page, 'sanctions-02-approved');
    expect(watch.problems).toEqual([]);
  });

  it('the committee finds it waiting and decides', async () => {
    const { context, page } = await newPage(browser, watch, 'committee');
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-admin', server.password);
    await page.goto(`${server.baseUrl}/sanctions`);
    const row = page.getByTestId('sanction-row').filter({ hasText: '张丽' });
    await poll(() => row.textContent()).toContain('决定');
    await row.getByTestId('sanction-open').click();
    await drawer(page).getByTestId('step-decide').click();
    await poll(() => statusIn(page)).toBe('已通知');
    await poll(() => drawer(page).textContent()).toContain('（含）前可申诉');
    expect(watch.problems).toEqual([]);
  });

  it('the 门诊部 head sees the sanctions of their units under 全部, filtered by kind', async () => {
    const { context, page } = await newPage(browser, watch, 'unit-head');
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-unit-head', server.password);
    await page.goto(`${server.baseUrl}/sanctions?view=all&direction=fine`);
    await page.getByRole('heading', { name: '本部门奖惩' }).waitFor();
    const row = page.getByTestId('sanction-row').filter({ hasText: '张丽' });
    await poll(async () => (await row.getByTestId('sanction-status').textContent())?.trim()).toBe('已通知');
    // Nothing waits for the head: the decision is the committee's, the appeal the person's.
    await page.getByTestId('tab-queue').click();
    await poll(() => page.getByTestId('sanction-row').count()).toBe(0);
    expect(watch.problems).toEqual([]);
  });

  it('张丽 appeals on her phone', async () => {
    const { context, page } = await newPage(browser, watch, 'staff-phone', phone);
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-staff', server.password);
    // The staff home lists 我的奖惩 among her screens.
    await page.getByRole('link', { name: /我的奖惩/ }).first().click();
    await page.waitForURL(/\/sanctions\/mine$/);
    const card = page.getByTestId('my-sanction').first();
    await poll(() => card.getByTestId('sanction-amount').textContent()).toBe('200.00');
    expect(await card.textContent()).toContain('下班后电脑');
    expect(await card.getByTestId('my-sanction-deadline').textContent()).toContain('前可申诉');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'sanctions-03-mine-phone');
    await card.getByTestId('my-sanction-appeal').click();
    await page.getByTestId('appeal-reason').fill('其中一项为保洁人员下班后打开的电灯，非本人遗留。');
    await page.getByTestId('appeal-send').click();
    await poll(async () => (await card.getByTestId('sanction-status').textContent())?.trim()).toBe('申诉中');
    await poll(() => card.getByTestId('my-sanction-appeal').count()).toBe(0);
    expect(watch.problems).toEqual([]);
  });

  it('the committee reduces it; 张丽 sees the new amount and the ruling, in Chinese and in English', async () => {
    const { context, page } = await newPage(browser, watch, 'committee-appeal');
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-admin', server.password);
    // The list shows the appeal pending with the window's last day, under the 申诉待处理 filter.
    await page.goto(`${server.baseUrl}/sanctions?view=all`);
    await page.getByTestId('sanctions-appeal').click();
    await pickOption(page, '申诉待处理');
    await poll(() => new URL(page.url()).searchParams.get('appeal')).toBe('pending');
    const pendingRow = page.getByTestId('sanction-row').filter({ hasText: '张丽' });
    await poll(() => pendingRow.getByTestId('sanction-appeal').textContent()).toMatch(/^待处理（申诉期至 \d{4}-\d{2}-\d{2}）$/);
    await poll(() => page.getByTestId('sanction-row').count()).toBe(1);
    await page.goto(`${server.baseUrl}${sanctionUrl}`);
    await poll(() => statusIn(page)).toBe('申诉中');
    await drawer(page).getByText('减轻处理').click();
    await drawer(page).getByTestId('appeal-amount').fill('100');
    await drawer(page).getByTestId('appeal-decision-reason').fill('经调取监控，电灯确为保洁人员打开，减为一项。');
    await drawer(page).getByTestId('appeal-decide').click();
    await poll(() => statusIn(page)).toBe('已生效');
    await poll(() => drawer(page).getByTestId('sanction-amount').first().textContent()).toBe('100.00');
    await screenshot(page, 'sanctions-04-reduced');
    // Decided: under 申诉已处理 with the ruling; no longer pending.
    await page.goto(`${server.baseUrl}/sanctions?view=all&appeal=decided`);
    await poll(() => page.getByTestId('sanction-row').filter({ hasText: '张丽' }).getByTestId('sanction-appeal').textContent()).toBe('减轻处理');
    await page.goto(`${server.baseUrl}/sanctions?view=all&appeal=pending`);
    await page.getByTestId('sanctions-appeal').waitFor();
    await poll(() => page.getByTestId('sanction-row').count()).toBe(0);

    const phonePage = await newPage(browser, watch, 'staff-phone-2', phone);
    contexts.push(phonePage.context);
    const p = phonePage.page;
    await logIn(p, server.baseUrl, 'hosp-staff', server.password);
    await p.goto(`${server.baseUrl}/sanctions/mine`);
    const card = p.getByTestId('my-sanction').first();
    await poll(() => card.getByTestId('sanction-amount').textContent()).toBe('100.00');
    await poll(() => card.textContent()).toContain('减轻处理');
    expect(await card.textContent()).toContain('减为一项');
    expect(await p.getByTestId('my-statement-link').getAttribute('href')).toBe('/ledger/statement');
    await p.evaluate(() => localStorage.setItem('youzhi.lang', 'en'));
    await p.reload();
    await p.getByRole('heading', { name: 'My rewards & penalties' }).waitFor();
    await poll(async () => (await card.getByTestId('sanction-status').textContent())?.trim()).toBe('Final');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(p, 'sanctions-05-mine-en');
    expect(watch.problems).toEqual([]);
  });

  it('a reward is final at the decision: 张丽 sees it with no appeal button, the list with no appeal', async () => {
    // The hospital's own reward (优质服务标兵, 001:L195), taken to the decision by the office and the committee.
    const actor = async (username: string): Promise<Actor> => {
      const u = (await findUserByUsername(server.ctx, username))!;
      return { userId: u.id, orgId: u.org_id, role: u.role as Role, username, staffId: u.staff_id ?? null, unitId: u.unit_id ?? null, scopePath: null, via: 'cli' };
    };
    const [office, committee, person] = [await actor('hosp-quality-office'), await actor('hosp-admin'), await actor('hosp-staff')];
    const unit = (await findUnitByCode(server.ctx, office.orgId, 'H-OPD-REG'))!;
    let row: { id: string; version: number; status: string } = (await proposeSanction(server.ctx, office, { rule: 'taixing.model_award', facts: {}, unitId: unit.id, staffId: person.staffId!, note: '当选院优质服务标兵。' })).created[0];
    row = await reviewSanction(server.ctx, office, row.id, { version: row.version, accept: true });
    row = await approveSanction(server.ctx, committee, row.id, { version: row.version });
    row = await decideSanction(server.ctx, committee, row.id, { version: row.version });
    expect(row.status).toBe('final');

    const { context, page } = await newPage(browser, watch, 'staff-phone-reward', phone);
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-staff', server.password);
    await page.goto(`${server.baseUrl}/sanctions/mine`);
    const card = page.locator(`[data-testid="my-sanction"][data-id="${row.id}"]`);
    await poll(async () => (await card.getByTestId('sanction-status').textContent())?.trim()).toBe('已生效');
    expect(await card.textContent()).toContain('500.00');
    expect(await card.getByTestId('my-sanction-appeal').count()).toBe(0);
    expect(await card.getByTestId('my-sanction-deadline').count()).toBe(0);

    // Her file (差错事故个人档案, from the staff list) lists her sanctions with the appeal's outcome.
    const officePage = await newPage(browser, watch, 'office-file');
    contexts.push(officePage.context);
    const o = officePage.page;
    await logIn(o, server.baseUrl, 'hosp-quality-office', server.password);
    await o.goto(`${server.baseUrl}/staff`);
    await o.getByPlaceholder('按工号或姓名搜索').fill('张丽');
    await o.getByPlaceholder('按工号或姓名搜索').press('Enter');
    await o.locator('tr.ant-table-row').filter({ hasText: '张丽' }).first().getByTestId('incidents-button').click();
    const file = o.getByTestId('person-sanctions');
    await poll(() => file.locator('tr.ant-table-row').count()).toBeGreaterThanOrEqual(2);
    await poll(() => file.textContent()).toContain('减轻处理');
    expect(await file.textContent()).toContain('500.00');
    expect(watch.problems).toEqual([]);
  });
});
