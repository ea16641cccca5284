/**
 * End-to-end: an award round (评选, issue 16) from start to finish in Chromium. The office opens a
 * 文明服务标兵 round; the head of 门诊部 (30 people: 3 places, 001:L311) nominates three and the
 * fourth is refused; the office's review disqualifies the one with a verified complaint and shows
 * why (001:L209); the public 公示 page lists the candidates and takes an objection, which the
 * office finds true and so cancels that candidacy (001:L315); after the five working days a middle
 * cadre votes on a phone and the ballot cannot be cast again; the office closes the vote, announces
 * the winner and prints the certificate; the board's 光荣榜 names the winner; one screen in English.
 * Skipped (with a message) without Chromium, except on CI (CI=true).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, phoneContext as phone, pickOption, screenshot } from './support/browser.js';
import { artifacts, e2eClock, ensureWebBuild, startServer, type E2eServer } from './support/server.js';
import { havePdftotext, pdfText } from '../test/support/pdf.js';

chromiumPrerequisite('e2e awards');

/** The server's time: the suites' date, moved on past the publicity when the test says so. */
let shift = 0;
const clock = { now: () => e2eClock.now() + shift };
const DAY = 86_400_000;

describe.skipIf(!haveChromium)('awards: a round from nomination to the honour roll (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });
  const people: Record<string, string> = {};
  let roundId = '';
  const nominationOf: Record<string, string> = {};

  /** The API as a logged-in user, in-process (for the facts a test starts from and for ids). */
  async function session(username: string) {
    const res = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: server.password } });
    const headers = { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': res.json().csrfToken as string };
    return {
      get: (url: string) => server.app.inject({ method: 'GET', url, headers }).then((r) => r.json()),
      post: (url: string, payload: object) => server.app.inject({ method: 'POST', url, headers, payload }),
    };
  }

  async function open(label: string, username: string | null, options = {}): Promise<Page> {
    const { context, page } = await newPage(browser, watch, label, options);
    contexts.push(context);
    if (username) await logIn(page, server.baseUrl, username, server.password);
    return page;
  }

  async function roundPage(page: Page) {
    await page.goto(`${server.baseUrl}/awards/rounds/${roundId}`);
    await page.getByTestId('round-state').waitFor();
  }

  async function step(page: Page, action: string, state: string) {
    await page.getByTestId(`step-${action}`).click();
    await page.getByTestId('step-confirm').click();
    await poll(() => page.getByTestId('round-state').textContent()).toBe(state);
  }

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer({ clock });
    browser = await launchBrowser();
    const admin = await session('hosp-admin');
    const units = (await admin.get('/api/v1/units?pageSize=100')).items as { id: string; code: string }[];
    const opd = units.find((u) => u.code === 'H-OPD')!.id;
    // 门诊部 has five people; twenty-five more make thirty: 1/10 → 3 places (001:L311).
    for (let i = 1; i <= 25; i++) {
      const name = `门诊职工${String(i).padStart(2, '0')}`;
      const res = await admin.post('/api/v1/staff', { badgeNo: `E${String(i).padStart(3, '0')}`, name, unitIds: [opd], category: '窗口', partyBranch: '门诊党支部' });
      expect(res.statusCode, res.body).toBe(201);
      people[name] = res.json().id;
    }
    // 门诊职工02 has a verified complaint this year (001:L209).
    const office = await session('hosp-quality-office');
    const incident = await office.post('/api/v1/incidents', { staffId: people['门诊职工02'], kind: 'verified_complaint', details: { verdict: 'substantiated' }, occurredAt: '2026-10-28', summary: '收费时态度生硬，经调查核实' });
    expect(incident.statusCode, incident.body).toBe(201);
    const verified = await office.post(`/api/v1/incidents/${incident.json().id}/verify`, { version: incident.json().version });
    expect(verified.statusCode, verified.body).toBe(200);
  }, 600_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('the office opens a 文明服务标兵 round for 2026', async () => {
    const page = await open('office-new', 'hosp-quality-office');
    await page.goto(`${server.baseUrl}/awards`);
    await page.getByTestId('new-round').click();
    await page.getByLabel('评选项目').click();
    await pickOption(page, '文明服务标兵');
    await poll(() => page.getByTestId('round-period').inputValue()).toBe('2026');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('link', { name: '文明服务标兵' }).click();
    await page.waitForURL(/\/awards\/rounds\//);
    roundId = page.url().split('/').pop()!;
    await poll(() => page.getByTestId('round-state').textContent()).toBe('推荐中');
    expect(watch.problems).toEqual([]);
  });

  it('the head of 门诊部 nominates three within the quota; the fourth is refused', async () => {
    const page = await open('head-nominate', 'hosp-unit-head');
    await page.goto(`${server.baseUrl}/awards/nominate`);
    await poll(() => page.getByTestId('quota-left').first().textContent()).toMatch(/剩余名额\s*3\s*\/\s*3/);
    for (const name of ['门诊职工01', '门诊职工02', '门诊职工03', '门诊职工04']) {
      await page.locator('#nominate_staffId').click();
      await page.locator('#nominate_staffId').fill(name);
      await pickOption(page, name);
      await page.getByTestId('nominate-reason').fill(`${name}服务热情，全年无差错`);
      if (name === '门诊职工04') watch.expectFailedRequest(409, `/api/v1/award-rounds/${roundId}/nominations`);
      await page.getByTestId('nominate-submit').click();
      if (name !== '门诊职工04') await poll(() => page.getByTestId('nominations').textContent()).toContain(name);
    }
    await poll(() => page.getByTestId('nominate-refused').textContent()).toContain('推荐名额已满');
    expect(await page.getByTestId('nominations').textContent()).not.toContain('门诊职工04');
    await poll(() => page.getByTestId('quota-left').first().textContent()).toMatch(/剩余名额\s*0\s*\/\s*3/);
    await screenshot(page, 'awards-01-nominate');
    expect(watch.unusedExpectations()).toEqual([]);
    expect(watch.problems).toEqual([]);
  });

  it('the review disqualifies the nominee with a verified complaint and shows the reason with its rule; the round goes to publicity', async () => {
    const office = await session('hosp-quality-office');
    for (const n of (await office.get(`/api/v1/award-rounds/${roundId}/nominations`)) as { id: string; name: string }[]) nominationOf[n.name] = n.id;
    const page = await open('office-review', 'hosp-quality-office');
    await roundPage(page);
    await step(page, 'review', '审核中');
    const second = nominationOf['门诊职工02'];
    await poll(() => page.getByTestId(`eligible-${second}`).textContent()).toBe('不合格');
    expect(await page.getByTestId(`reason-${second}`).textContent()).toContain('投诉');
    expect(await page.getByTestId(`eligible-${nominationOf['门诊职工01']}`).textContent()).toBe('合格');
    // The row opens to the reason with its citation and a link to the incident.
    await page.getByRole('row').filter({ hasText: '门诊职工02' }).locator('.ant-table-row-expand-icon').click();
    await poll(() => page.getByTestId(`reasons-${second}`).textContent()).toContain('001:L209');
    expect(await page.getByTestId(`reasons-${second}`).getByRole('link').count()).toBe(1);
    await screenshot(page, 'awards-02-review');
    await step(page, 'publish', '公示中');
    expect(watch.problems).toEqual([]);
  });

  it('the public 公示 page on a phone lists the candidates and takes an objection; the office finds it true and the candidacy is cancelled', async () => {
    const pub = await open('public-phone', null, phone);
    await pub.goto(`${server.baseUrl}/public/awards/${roundId}`);
    const text = await pub.locator('body').textContent();
    expect(text).toContain('门诊职工01');
    expect(text).toContain('门诊职工03');
    expect(text).not.toContain('门诊职工02');
    await pub.locator('#nominationId').selectOption(nominationOf['门诊职工03']);
    await pub.locator('#text').fill('该同志上月在窗口与群众发生争吵');
    await pub.locator('#contact').fill('13800001111');
    await pub.getByRole('button', { name: '提交异议' }).click();
    await pub.getByRole('heading', { name: '已收到您的异议' }).waitFor();
    expect(await pub.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(pub, 'awards-03-objection-phone');

    const page = await open('office-objection', 'hosp-quality-office');
    await roundPage(page);
    await poll(() => page.getByTestId('objections').textContent()).toContain('与群众发生争吵');
    await page.locator('[data-testid^="decide-"]').first().click();
    await page.getByLabel('属实', { exact: true }).check();
    await page.getByLabel('核查说明').fill('经调取监控核实属实');
    await page.getByTestId('decide-save').click();
    await poll(() => page.getByTestId(`nomination-state-${nominationOf['门诊职工03']}`).textContent()).toBe('取消资格');
    expect(watch.problems).toEqual([]);
  });

  it('after the publicity a middle cadre votes on a phone; the ballot is cast once and then only read', async () => {
    // Past the five working days of publicity. The sessions opened so far expire on the way: their
    // pages are closed first, or their inbox polls would log the 401s.
    for (const c of contexts.splice(0)) await c.close();
    shift = 8 * DAY;
    const office = await open('office-open', 'hosp-quality-office');
    await roundPage(office);
    await step(office, 'open-voting', '投票中');

    const page = await open('voter-phone', 'hosp-unit-head', phone);
    await page.goto(`${server.baseUrl}/awards/vote`);
    await page.getByTestId(`vote-round-${roundId}`).click();
    await page.getByTestId('ballot-hint').waitFor();
    expect(await page.getByTestId(`ballot-${nominationOf['门诊职工03']}`).count()).toBe(0); // cancelled
    await page.getByTestId(`ballot-${nominationOf['门诊职工01']}`).click();
    await page.getByTestId('ballot-submit').click();
    await page.getByTestId('ballot-confirm').click();
    await poll(() => page.getByTestId('ballot-cast').textContent()).toContain('已投票');
    await page.reload();
    await poll(() => page.getByTestId('ballot-cast').textContent()).toContain('已投票');
    expect(await page.getByTestId('ballot-submit').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'awards-04-ballot-phone');
    expect(watch.problems).toEqual([]);
  });

  it('the office closes the vote, announces the winner and prints the certificate; the board\'s 光荣榜 names the winner', async () => {
    const page = await open('office-announce', 'hosp-quality-office');
    await roundPage(page);
    await step(page, 'close', '已截止');
    const winner = nominationOf['门诊职工01'];
    await poll(() => page.getByTestId(`votes-${winner}`).textContent()).toBe('1');
    await page.getByTestId('announce').click();
    await page.getByTestId('announce-confirm').click();
    await poll(() => page.getByTestId('round-state').textContent()).toBe('已公布');
    await poll(() => page.getByTestId(`winner-${winner}`).textContent()).toBe('当选');
    await screenshot(page, 'awards-05-announced');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`certificate-${winner}`).first().click()]);
    expect(download.suggestedFilename()).toBe('荣誉证书_门诊职工01_2026.pdf');
    const file = path.join(artifacts, 'awards-certificate.pdf');
    await download.saveAs(file);
    if (havePdftotext) expect(pdfText(file).replace(/\s+/g, '')).toContain('门诊部门诊职工01同志');

    const board = await open('board-phone', null, phone);
    await board.goto(`${server.baseUrl}/public/demo-hospital`);
    const roll = board.locator('#honour-roll');
    await roll.waitFor();
    expect(await roll.textContent()).toContain('文明服务标兵');
    expect(await roll.textContent()).toContain('门诊职工01');
    await screenshot(board, 'awards-06-honour-roll');
    expect(watch.problems).toEqual([]);
  });

  it('in English: the announced round and the winner', async () => {
    const page = await open('office-en', 'hosp-quality-office');
    await page.evaluate(() => localStorage.setItem('youzhi.lang', 'en'));
    await roundPage(page);
    await poll(() => page.getByTestId('round-state').textContent()).toBe('Announced');
    // The results arrive after the round itself: wait for them rather than read the empty table.
    await poll(() => page.getByTestId('results').textContent()).toContain('Winner');
    expect(await page.locator('h1').textContent()).toContain('Civility model');
    expect(watch.problems).toEqual([]);
  });
});
