/**
 * End-to-end (issue 13 §7): the home page is a desk — a unit head's home lists their own open
 * cases soonest deadline first (overdue in red) with the overdue and due-soon counts, before the
 * menu cards. The real server in-process, Debian's Chromium, console errors watched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, screenshot } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';

chromiumPrerequisite('desk');

describe.skipIf(!haveChromium)('home desk (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  let head: Page;
  const cases = { overdue: '', recent: '' };

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    // Two complaints assigned to the hospital's unit head (门诊部): one received 2026-11-09, due
    // 2026-11-16 and overdue on the server's 2026-11-18; one received that morning.
    const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => server.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hosp-admin', password: server.password } });
    const headers = { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': login.json().csrfToken as string };
    const units = (await inject('GET', '/api/v1/units?pageSize=100', headers)).json().items as { id: string; code: string }[];
    const users = (await inject('GET', '/api/v1/users?pageSize=100', headers)).json().items as { id: string; username: string }[];
    const unitId = units.find((u) => u.code === 'H-OPD-REG')!.id;
    const headId = users.find((u) => u.username === 'hosp-unit-head')!.id;
    for (const [key, receivedAt, content] of [
      ['recent', '2026-11-18T09:00:00+08:00', '今晨挂号窗口排队时工作人员离岗。'],
      ['overdue', '2026-11-09T09:00:00+08:00', '收费窗口多收挂号费，至今未退。'],
    ] as const) {
      const c = await inject('POST', '/api/v1/complaints', headers, { channel: 'phone', content, unitId, receivedAt });
      expect(c.statusCode, c.body).toBe(201);
      const assigned = await inject('POST', `/api/v1/complaints/${c.json().id}/assign`, headers, { version: c.json().version, assigneeId: headId });
      expect(assigned.statusCode, assigned.body).toBe(200);
      cases[key] = c.json().trackingNo;
    }
    const { context, page } = await newPage(browser, watch, 'unit-head', { reducedMotion: 'reduce' });
    contexts.push(context);
    head = page;
    await logIn(head, server.baseUrl, 'hosp-unit-head', server.password);
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it("a unit head's home lists their open cases soonest deadline first, the overdue one in red, with the counts, before the menu", async () => {
    const desk = head.getByTestId('home-desk');
    await desk.getByRole('heading', { name: '我的工作台' }).waitFor();
    const rows = desk.getByTestId('desk-case');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    expect(await rows.nth(0).textContent()).toContain(cases.overdue);
    expect(await rows.nth(1).textContent()).toContain(cases.recent);
    expect(await rows.nth(0).getAttribute('data-overdue')).toBe('true');
    expect(await rows.nth(1).getAttribute('data-overdue')).toBe('false');
    const link = rows.nth(0).getByRole('link', { name: cases.overdue });
    expect(await link.evaluate((a) => getComputedStyle(a).color)).toBe('rgb(207, 19, 34)');
    expect(await rows.nth(0).locator('[data-badge]').first().getAttribute('data-badge')).toBe('overdue');
    // Counts: two of mine, one overdue among what the unit head sees, the 差评 call-back queue.
    await expect.poll(() => desk.getByTestId('desk-count-mine').textContent()).toContain('2');
    expect(await desk.getByTestId('desk-count-overdue').textContent()).toMatch(/超期\s*1/);
    expect(await desk.getByTestId('desk-count-dueSoon').textContent()).toContain('临期');
    expect(await desk.getByTestId('desk-count-awaiting_callback').textContent()).toContain('差评待回访');
    // The work comes before the menu cards.
    const deskTop = (await desk.boundingBox())!.y;
    const menuTop = (await head.getByTestId('home-work').boundingBox())!.y;
    expect(deskTop).toBeLessThan(menuTop);
    await screenshot(head, 'desk-home');
    // A case opens from the desk.
    await link.click();
    await head.waitForURL(/\/cases\/[\w-]+$/);
    await head.getByTestId('case-tracking-no').filter({ hasText: cases.overdue }).waitFor();
    expect(watch.problems).toEqual([]);
  });

  it('the English desk has its own words', async () => {
    await head.goto(`${server.baseUrl}/`);
    await head.getByTestId('home-desk').waitFor();
    await head.getByTestId('lang-switch').click();
    await expect.poll(() => head.getByTestId('home-desk').textContent(), { timeout: 10_000 }).toContain('My desk');
    expect(await head.getByTestId('home-desk').textContent()).toContain('Overdue');
    expect(watch.problems).toEqual([]);
  });
});
