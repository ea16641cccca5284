/**
 * Issue 13 items 2 and 5 in Chromium: a hospital's rating page offers a hospital's 差评 reasons
 * (候诊时间长, not a hall's 多次跑腿); the ratings page says "no data" for the 分项评价 of a month
 * without any; the public complaint form on a 390 px phone sends photos with the complaint.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';
import { encodeStandingCode } from '../src/modules/ratings/codes.js';
import { findOrganisationByCode } from '../src/modules/organisations/service.js';
import { findUnitByCode } from '../src/modules/units/service.js';

chromiumPrerequisite('sector wording');

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe.skipIf(!haveChromium)('sector wording and photos (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a hospital’s rating page offers the hospital’s 差评 reasons', async () => {
    const org = (await findOrganisationByCode(server.ctx, 'demo-hospital'))!;
    const unit = (await findUnitByCode(server.ctx, org.id, 'H-OPD-REG'))!;
    const { context, page } = await newPage(browser, watch, 'hospital-rating', phone);
    await page.goto(`${server.baseUrl}/r/c/${encodeStandingCode(server.ctx.config.secret!, { orgId: org.id, unitId: unit.id, staffId: null })}`);
    await page.locator('.levels input[value="1"]').check();
    const reasons = page.locator('.reasons');
    await reasons.waitFor({ state: 'visible' });
    const text = await reasons.innerText();
    for (const words of ['候诊时间长', '医患沟通不足', '收费有疑问', '隐私保护不到位']) expect(text).toContain(words);
    expect(text).not.toContain('多次跑腿');
    expect(text).not.toContain('办事指南不清楚');
    await context.close();
  });

  it('the 分项评价 panel of a month without ratings says there is no data', async () => {
    const { context, page } = await newPage(browser, watch, 'office-ratings');
    await logIn(page, server.baseUrl, 'hosp-quality-office', server.password);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '好差评统计' }).click();
    await page.getByTestId('ratings-indicators-empty').waitFor();
    expect(await page.getByTestId('ratings-indicators-empty').innerText()).toContain('暂无数据');
    expect(await page.getByTestId('ratings-indicators').count()).toBe(0);
    expect(await page.getByTestId('negative-queue').innerText()).toMatch(/\d{4}-\d{2} 差评整改/);
    await context.close();
  });

  it('the complaint form on a 390 px phone sends two photos, and the office sees them on the case', async () => {
    const dir = tmpdir();
    const jpeg = path.join(dir, `yz-photo-${process.pid}.jpg`);
    const png = path.join(dir, `yz-photo-${process.pid}.png`);
    writeFileSync(jpeg, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 3)]));
    writeFileSync(png, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(500, 1)]));
    const { context, page } = await newPage(browser, watch, 'complaint-photos', phone);
    await page.goto(`${server.baseUrl}/public/demo-hospital/complaint`);
    await page.locator('#content').fill('门诊二楼候诊区地面湿滑，没有警示牌，老人差点滑倒。');
    await page.locator('#photos').setInputFiles([jpeg, png]);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await Promise.all([page.waitForURL(/\/complaint/), page.locator('button[type="submit"]').click()]);
    const no = (await page.locator('p.big').first().innerText()).trim();
    expect(no.length).toBeGreaterThan(4);
    await context.close();
    const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hosp-quality-office', password: server.password }) });
    const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const list = await (await fetch(`${server.baseUrl}/api/v1/cases?q=${encodeURIComponent(no)}`, { headers: { cookie } })).json();
    const files = await (await fetch(`${server.baseUrl}/api/v1/cases/${list.items[0].id}/attachments`, { headers: { cookie } })).json();
    expect(files.items.map((f: { mime: string }) => f.mime)).toEqual(['image/jpeg', 'image/png']);
  });

  it('logged no console errors', () => {
    expect(watch.problems).toEqual([]);
  });
});
