/**
 * End-to-end: the inspector's phone checklist (issue 14 items 4 and 8) on a 390×844 screen — the
 * hospital scorecard's worked example scored live by the server (9.3), signed and submitted, its
 * detail with the deductions and the findings' rectification cases; then the offline case: the
 * browser goes offline, two inspections are filled and queued (待同步 2), the browser comes back
 * online and both are stored exactly once — even when the answer to the first send is lost and
 * the phone sends it again — with the queued photo on its finding's rectification case. Skipped (with a message) without Chromium, except on CI (CI=true).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, pickOption, screenshot, phoneContext as phone } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';

chromiumPrerequisite('e2e inspections');

/** A 1×1 PNG: the server reads a photo's kind from its bytes. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');


/** Chooses the template, the unit and the kind on the phone form. */
async function setUp(page: Page, unit: RegExp, kind: string) {
  await page.getByTestId('inspect-template').click();
  await pickOption(page, '临床科室优质服务考核');
  await page.getByTestId('inspect-unit').click();
  await pickOption(page, unit);
  await page.getByTestId('inspect-kind').click();
  await pickOption(page, kind);
}

/** Types measurements of a case item's metric, one at a time. */
async function addValues(page: Page, item: string, metric: string, values: number[]) {
  const input = page.getByTestId(`metric-${item}-${metric}`);
  for (const v of values) {
    await input.fill(String(v));
    await page.getByTestId(`metric-${item}-${metric}-add`).click();
  }
  await expect.poll(() => page.getByTestId(`metric-${item}-${metric}-values`).locator('.ant-tag').count()).toBe(values.length);
}

async function setCases(page: Page, item: string, n: number) {
  for (let i = 0; i < n; i++) await page.getByTestId(`cases-${item}-plus`).click();
  await expect.poll(() => page.getByTestId(`cases-${item}`).inputValue()).toBe(String(n));
}

async function sign(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 40);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + 40 + (i % 2) * 50);
  await page.mouse.up();
}

interface Row {
  id: string;
  unitName: string | null;
  score: number;
  kind: string;
}

describe.skipIf(!haveChromium)('inspections: the phone checklist, online and offline (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  // Generous: two cores shared by many; a condition that never holds still fails.
  const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) => expect.poll(fn, { timeout: 30_000, ...options });

  /** The hospital's inspections of a unit and kind, as the API lists them. */
  async function listed(page: Page, unitName: string, kind: string): Promise<Row[]> {
    const res = await page.request.get(`${server.baseUrl}/api/v1/inspections`, { params: { template: 'hospital-scorecard', kind, pageSize: 500 } });
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: Row[] }).items.filter((r) => r.unitName === unitName);
  }

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

  it('scores the hospital scorecard live on a phone, submits it signed and shows the detail', async () => {
    const { context, page } = await newPage(browser, watch, 'inspector-phone', phone);
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-inspector', server.password);
    await page.goto(`${server.baseUrl}/inspections/new`);
    await setUp(page, /^外科（/, '例行检查');

    // Every item of the scorecard; item 六 is listed but not scored.
    for (const item of ['lawful', 'service', 'quality', 'fees', 'care', 'relations']) await page.getByTestId(`item-${item}`).waitFor();
    expect(await page.getByTestId('item-relations').getByTestId('unscored-tag').textContent()).toContain('不计分');
    await poll(() => page.getByTestId('live-score-value').textContent()).toBe('10 / 10 分');

    // The worked example (RULES §4): window waits 9, 10 and 13 minutes and three fee cases → 9.3.
    await addValues(page, 'service', 'window_wait', [9, 10, 13]);
    expect(await page.getByTestId('metric-service-window_wait-values').locator('.ant-tag-red').count()).toBe(1);
    await setCases(page, 'fees', 3);
    await poll(() => page.getByTestId('live-score-value').textContent()).toBe('9.3 / 10 分');
    expect(await page.getByTestId('deduction-service').textContent()).toBe('−0.1');
    expect(await page.getByTestId('deduction-fees').textContent()).toBe('−0.6');
    // A quality indicator over its limit: the average stay of 12 days fails (> 10) → −0.5.
    await page.getByTestId('metric-quality-average_stay').fill('12');
    await poll(() => page.getByTestId('live-score-value').textContent()).toBe('8.8 / 10 分');
    expect(await page.getByTestId('item-quality').textContent()).toContain('未达标');
    // Nothing sticks out of the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByTestId('signer-name').fill('吴强');
    await sign(page);
    await screenshot(page, 'inspections-01-phone-form');
    await page.getByTestId('inspect-submit').click();
    await poll(() => page.getByTestId('saved-score').textContent()).toContain('8.8 / 10 分');
    await screenshot(page, 'inspections-02-saved');

    // The detail: deductions, the failed indicator, findings with their rectification cases, the signature.
    await page.getByRole('button', { name: '查看详情' }).click();
    await page.waitForURL(/\/inspections\/[0-9a-f-]{36}$/);
    await poll(() => page.getByTestId('detail-score').textContent()).toBe('8.8 / 10 分');
    expect(await page.getByTestId('detail-deduction-service').textContent()).toBe('−0.1');
    expect(await page.getByTestId('detail-deduction-fees').textContent()).toBe('−0.6');
    expect(await page.getByTestId('detail-deduction-quality').textContent()).toBe('−0.5');
    await poll(() => page.getByTestId('detail-items').textContent()).toContain('平均住院日');
    const caseLinks = page.getByTestId('detail-findings').getByTestId('finding-case');
    await poll(() => caseLinks.count()).toBe(3);
    await page.getByTestId('detail-signature').waitFor();
    await screenshot(page, 'inspections-03-detail');
    await caseLinks.first().click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}/);

    // The list shows it; the server stored it once.
    const rows = await listed(page, '外科', 'scheduled');
    expect(rows.filter((r) => r.score === 8.8)).toHaveLength(1);
    await page.goto(`${server.baseUrl}/inspections?template=hospital-scorecard&kind=scheduled`);
    await poll(() => page.getByTestId('inspections-table').locator('tr.ant-table-row').filter({ hasText: '外科' }).filter({ hasText: '8.8 / 10' }).count()).toBe(1);
    expect(watch.problems).toEqual([]);
  }, 180_000);

  it('fills two inspections offline, queues them, and stores each exactly once back online', async () => {
    const { context, page } = await newPage(browser, watch, 'inspector-offline', phone);
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-inspector', server.password);
    await page.goto(`${server.baseUrl}/inspections/new`);
    // The service worker controls the page and holds the templates and the unit tree.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000 }).toBe(true);
    const offlineReady = () =>
      page.evaluate(async () => {
        const shell = (await (await caches.open('youzhi-shell-v1')).keys()).map((r) => new URL(r.url).pathname);
        const data = (await (await caches.open('youzhi-data-v1')).keys()).map((r) => new URL(r.url).pathname);
        return shell.some((p) => p.startsWith('/assets/InspectPage-')) && ['/api/v1/auth/me', '/api/v1/units/tree', '/api/v1/inspection-templates'].every((p) => data.includes(p));
      });
    await poll(offlineReady, { timeout: 30_000 }).toBe(true);
    const before = (await listed(page, '内科一病区', 'unannounced')).length;

    await context.setOffline(true);
    // Reloaded without a network: the shell and the templates come from the service worker.
    await page.reload();
    await setUp(page, /^内科一病区/, '暗访');
    await poll(() => page.getByTestId('live-score').textContent()).toBe('离线：提交后计分');
    await setCases(page, 'fees', 1);
    // A photo of the fee finding waits with it, for its rectification case.
    await page.getByTestId('photo-input-fees').setInputFiles({ name: 'fees.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('item-fees').getByText('fees.png').waitFor();
    await page.getByTestId('inspect-submit').click();
    await poll(() => page.getByTestId('outbox-badge').textContent()).toBe('待同步 1');

    // The form is empty again, the choices kept: the second one.
    await poll(() => page.getByTestId('cases-fees').inputValue()).toBe('0');
    await addValues(page, 'service', 'window_wait', [25]);
    await setCases(page, 'care', 2);
    await page.getByTestId('inspect-submit').click();
    await poll(() => page.getByTestId('outbox-badge').textContent()).toBe('待同步 2');
    await screenshot(page, 'inspections-04-offline-queued');
    expect((await listed(page, '内科一病区', 'unannounced')).length).toBe(before);

    // Back online, the answer to the first send is lost after the server has stored it: the
    // phone keeps the entry and sends it again with the same key — stored once all the same.
    let cut = 0;
    await page.route('**/api/v1/inspections', async (route) => {
      if (route.request().method() !== 'POST' || cut > 0) return route.fallback();
      cut++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await context.setOffline(false);
    await poll(() => cut, { timeout: 30_000 }).toBe(1);
    // The sync stopped at the lost answer: both still wait.
    await poll(() => page.getByTestId('outbox-badge').getAttribute('data-count')).toBe('2');
    await page.unroute('**/api/v1/inspections');
    // The user sends by hand — unless the phone's own retry (on a busy machine it may come first)
    // has already emptied the outbox; either way each inspection must be stored once (below).
    const badge = page.getByTestId('outbox-badge');
    try {
      await badge.click({ timeout: 15_000 });
      await page.getByTestId('outbox-send').click({ timeout: 15_000 });
    } catch (e) {
      if ((await badge.count()) > 0) throw e;
    }
    await badge.waitFor({ state: 'detached', timeout: 60_000 });

    const rows = await listed(page, '内科一病区', 'unannounced');
    expect(rows.length).toBe(before + 2);
    expect(rows.map((r) => r.score).sort()).toEqual([9.5, 9.8]);
    // The photo went onto the fee finding's rectification case, once.
    const feeInspection = await (await page.request.get(`${server.baseUrl}/api/v1/inspections/${rows.find((r) => r.score === 9.8)!.id}`)).json();
    const feeCase = (feeInspection as { findings: { item: string; caseId: string }[] }).findings.find((f) => f.item === 'fees')!.caseId;
    const attachments = (await (await page.request.get(`${server.baseUrl}/api/v1/cases/${feeCase}/attachments`)).json()) as { items: { name: string }[] };
    expect(attachments.items.map((a) => a.name)).toEqual(['fees.png']);
    // The network failures were the offline ones and the answer cut on purpose, nothing else.
    const unexpected = watch.problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED|net::ERR_CONNECTION_RESET/.test(p));
    expect(unexpected).toEqual([]);
  }, 240_000);

  it('shows the templates in plain words, the list filtered and exported, in Chinese and English; the unit head only reads', async () => {
    const { context, page } = await newPage(browser, watch, 'quality-office', { acceptDownloads: true });
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-quality-office', server.password);
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await menu.getByRole('menuitem', { name: '检查模板' }).click();
    await page.getByTestId('templates-table').getByRole('link', { name: /临床科室优质服务考核/ }).click();
    await page.waitForURL(/\/inspection-templates\/hospital-scorecard$/);
    const service = page.getByTestId('template-item-service');
    await poll(() => service.textContent()).toContain('每例扣 0.1 分');
    expect(await service.textContent()).toContain('标准 ≤ 10 分钟');
    expect(await service.textContent()).toContain('依据：004:L202');
    expect(await page.getByTestId('template-item-relations').textContent()).toContain('不计分');
    await screenshot(page, 'inspections-05-template');

    await menu.getByRole('menuitem', { name: '明察暗访' }).click();
    await page.waitForURL(/\/inspections$/);
    await page.getByTestId('inspections-template').click();
    await pickOption(page, '临床科室优质服务考核');
    await page.waitForURL(/template=hospital-scorecard/);
    const rows = page.getByTestId('inspections-table').locator('tr.ant-table-row');
    await poll(() => rows.filter({ hasText: '内科一病区' }).count()).toBe(2);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    expect((await download).suggestedFilename()).toMatch(/^检查记录_\d{4}-\d{2}-\d{2}\.xlsx$/);
    // One row per finding, from the server, for the month shown.
    const findings = page.waitForEvent('download');
    await page.getByTestId('export-findings').click();
    expect((await findings).suggestedFilename()).toMatch(/^检查发现问题_.+\.xlsx$/);

    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Inspections');
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('检查记录');

    // The unit head reads its units' inspections and does not fill any in.
    const head = await newPage(browser, watch, 'unit-head');
    contexts.push(head.context);
    await logIn(head.page, server.baseUrl, 'hosp-unit-head', server.password);
    const headMenu = head.page.getByRole('navigation', { name: '主菜单' });
    await headMenu.getByRole('menuitem', { name: '明察暗访' }).waitFor();
    expect(await headMenu.getByRole('menuitem', { name: '填写检查表' }).count()).toBe(0);
    await head.page.goto(`${server.baseUrl}/inspections/new`);
    await head.page.getByText('403').first().waitFor();
    expect(watch.problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED|net::ERR_CONNECTION_RESET/.test(p))).toEqual([]);
  }, 180_000);
});
