/**
 * End-to-end (issue 17 items 2–3): follow-up calls on the demo hospital — the quality office
 * registers a discharge on the desktop desk (held by the attending physician, here the demo's
 * window clerk's badge H1003) and imports a discharge sheet (a bad row reported, nothing stored;
 * then a good one); the caller, on a 390×844 phone, sees today's follow-ups, calls with the tel:
 * link, records the outcome with one tap, and answers the questionnaire — 不满意 opens a
 * rectification; in English, three failed attempts make another follow-up unreachable, and a
 * home visit (上门随访, 003:L109) reaches the last one, shown on the phone and on the desk. A 差评
 * with a phone opens its follow-up, linked to its rectification; answered on the desk, it records
 * the rectification's callback (RULES §2 Follow-up, §3 差评).
 * Skipped (with a message) without Chromium, except on CI (CI=true).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, pickOption, screenshot, phoneContext as phone } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';
import { encodeStandingCode } from '../src/modules/ratings/codes.js';
import { findOrganisationByCode } from '../src/modules/organisations/service.js';
import { findUnitByCode } from '../src/modules/units/service.js';

chromiumPrerequisite('e2e followups');

describe.skipIf(!haveChromium)('follow-ups: discharges on the desk, the caller\'s phone, zh and en (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) => expect.poll(fn, { timeout: 30_000, ...options });

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('registers and imports discharges, then the caller works them on a phone in Chinese and in English', async () => {
    const desk = await newPage(browser, watch, 'quality-office');
    contexts.push(desk.context);
    const d = desk.page;
    await logIn(d, server.baseUrl, 'hosp-quality-office', server.password);
    await d.goto(`${server.baseUrl}/followups`);
    await d.getByTestId('discharge-new').click();
    await d.getByTestId('discharge-patient').fill('李大爷');
    await d.getByTestId('discharge-phone').fill('13900001234');
    await d.getByTestId('discharge-unit').click();
    await pickOption(d, '内科一病区');
    await d.getByTestId('discharge-physician').fill('H1003');
    await d.getByTestId('discharge-save').click();
    const row = d.getByTestId('followups-table').locator('tr', { hasText: '李大爷' });
    await poll(() => row.count()).toBe(1);
    // Discharged today (2026-11-18): due within 7 calendar days.
    expect(await row.textContent()).toContain('2026-11-25');

    // A sheet with a bad phone: every error listed, nothing stored.
    await d.getByTestId('discharge-import').click();
    const sheet = (lines: string[]) => ({ name: 'discharges.csv', mimeType: 'text/csv', buffer: Buffer.from(`患者姓名,联系电话,科室编码,主治医师工号,出院日期\n${lines.join('\n')}\n`) });
    await d.locator('.ant-modal input[type=file]').setInputFiles(sheet(['王阿姨,13900002222,H-IM-W1,H1003,2026-11-17', '赵叔叔,not-a-phone,H-IM-W1,H1003,2026-11-17']));
    watch.expectFailedRequest(400, '/api/v1/discharges/import');
    await d.getByTestId('import-run').click();
    await poll(() => d.getByTestId('import-errors').textContent()).toContain('第 3 行');
    await screenshot(d, 'followups-01-import-errors');
    await d.locator('.ant-modal input[type=file]').setInputFiles(sheet(['王阿姨,13900002222,H-IM-W1,H1003,2026-11-17', '赵叔叔,13900003333,H-IM-W1,H1003,2026-11-16']));
    await d.getByTestId('import-run').click();
    await poll(() => d.getByTestId('followups-table').locator('tr', { hasText: '赵叔叔' }).count()).toBe(1);
    expect(await d.getByTestId('followups-table').locator('tr', { hasText: '王阿姨' }).count()).toBe(1);
    await screenshot(d, 'followups-02-desk');

    // The caller's phone.
    const caller = await newPage(browser, watch, 'caller-phone', phone);
    contexts.push(caller.context);
    const p = caller.page;
    await logIn(p, server.baseUrl, 'hosp-staff', server.password);
    await p.goto(`${server.baseUrl}/followups/mine`);
    const cards = p.locator('[data-testid^="my-followup-"]');
    await poll(() => cards.count()).toBe(3);
    // Soonest due first: 赵叔叔 (discharged the 16th), 王阿姨 (17th), 李大爷 (today).
    expect(await cards.first().textContent()).toContain('赵叔叔');
    const li = cards.filter({ hasText: '李大爷' });
    expect(await li.getByTestId('tel-link').getAttribute('href')).toBe('tel:13900001234');
    await li.getByTestId('outcome-no_answer').click();
    await poll(() => li.textContent()).toContain('未接通 1/3');
    await li.getByTestId('outcome-reached').click();
    await li.getByTestId('answer-form').waitFor();
    await li.getByTestId('answer-recovery-improving').click();
    await li.getByTestId('answer-satisfaction-2').click();
    await li.getByTestId('answer-comment').fill('出院带药说明不清楚');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(p, 'followups-03-phone-answers');
    await li.getByTestId('answer-submit').click();
    await poll(() => p.locator('.ant-message').textContent()).toContain('整改');
    await poll(() => cards.count()).toBe(2);
    const done = (await (await p.request.get(`${server.baseUrl}/api/v1/followups`, { params: { pageSize: 100 } })).json()).items.find((f: { patientName: string }) => f.patientName === '李大爷');
    expect(done).toMatchObject({ status: 'completed', answers: { satisfaction: 2, recovery: 'improving' } });
    expect(done.rectification.trackingNo).toMatch(/^ZG/);

    // English: three failed attempts make 王阿姨 unreachable.
    await p.evaluate(() => localStorage.setItem('youzhi.lang', 'en'));
    await p.reload();
    await p.getByRole('heading', { name: 'My follow-ups' }).waitFor();
    const wang = cards.filter({ hasText: '王阿姨' });
    await wang.getByTestId('outcome-no_answer').click();
    await poll(() => wang.textContent()).toContain('failed 1/3');
    await wang.getByTestId('outcome-wrong_number').click();
    await poll(() => wang.textContent()).toContain('failed 2/3');
    expect(await wang.getByTestId('outcome-no_answer').textContent()).toBe('No answer');
    await screenshot(p, 'followups-04-phone-en');
    await wang.getByTestId('outcome-no_answer').click();
    await poll(() => cards.count()).toBe(1);
    const unreachable = (await (await p.request.get(`${server.baseUrl}/api/v1/followups`, { params: { state: 'unreachable' } })).json()).items;
    expect(unreachable.map((f: { patientName: string }) => f.patientName)).toEqual(['王阿姨']);

    // A home visit reaches 赵叔叔: address and visitor, then one tap; the card says so and asks for the answers.
    const zhao = cards.filter({ hasText: '赵叔叔' });
    await zhao.getByTestId('home-visit').click();
    expect(await zhao.getByTestId('visit-outcome-reached').isDisabled()).toBe(true);
    await zhao.getByTestId('visit-address').fill('城南街道幸福里 12 栋 301');
    await zhao.getByTestId('visit-visitor').fill('张丽');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await zhao.getByTestId('visit-outcome-reached').click();
    await zhao.getByTestId('answer-form').waitFor();
    await poll(() => zhao.getByTestId('home-visit-line').textContent()).toContain('城南街道幸福里 12 栋 301');
    expect(await zhao.getByTestId('home-visit-line').textContent()).toContain('Met the patient');
    await screenshot(p, 'followups-05-phone-home-visit');
    const visited = (await (await p.request.get(`${server.baseUrl}/api/v1/followups`, { params: { pageSize: 100 } })).json()).items.find((f: { patientName: string }) => f.patientName === '赵叔叔');
    expect(visited).toMatchObject({ status: 'reached', attempts: [{ kind: 'home_visit', outcome: 'reached', address: '城南街道幸福里 12 栋 301', visitor: '张丽' }] });
    // The desk shows the visit beside the attempts.
    await d.reload();
    const zhaoRow = d.getByTestId('followups-table').locator('tr', { hasText: '赵叔叔' });
    await poll(() => zhaoRow.textContent()).toContain('上门随访');
    expect(await zhaoRow.textContent()).toContain('张丽');
    expect(watch.problems).toEqual([]);
    expect(watch.unusedExpectations()).toEqual([]);
  }, 240_000);

  it('a 差评 with a phone is followed up on the desk, and its answers record the rectification\'s callback', async () => {
    const org = (await findOrganisationByCode(server.ctx, 'demo-hospital'))!;
    const unit = (await findUnitByCode(server.ctx, org.id, 'H-OPD-REG'))!;
    const desk = await newPage(browser, watch, 'quality-office-rating');
    contexts.push(desk.context);
    const d = desk.page;
    const code = encodeStandingCode(server.ctx.config.secret!, { orgId: org.id, unitId: unit.id, staffId: null });
    const rated = await d.request.post(`${server.baseUrl}/api/v1/public/ratings`, { data: { code, level: 1, comment: '挂号排队太久', contactName: '钱女士', contactPhone: '13600000051' } });
    expect(rated.status()).toBe(201);
    await logIn(d, server.baseUrl, 'hosp-quality-office', server.password);
    await d.goto(`${server.baseUrl}/followups`);
    const row = d.getByTestId('followups-table').locator('tr', { hasText: '钱女士' });
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('差评回访');
    const rectNo = (await row.locator('a', { hasText: /^ZG/ }).textContent())!;
    await row.getByRole('button', { name: '已接通' }).click();
    await poll(() => row.locator('[data-testid^="answer-SF"]').count()).toBe(1);
    await row.locator('[data-testid^="answer-SF"]').click();
    const form = d.locator('.ant-modal').getByTestId('answer-form');
    await form.getByTestId('answer-satisfaction-4').click();
    await form.getByTestId('answer-comment').fill('已解释排队原因');
    await screenshot(d, 'followups-06-rating-answers');
    await form.getByTestId('answer-submit').click();
    await poll(() => row.count()).toBe(0);
    const cases = (await (await d.request.get(`${server.baseUrl}/api/v1/cases`, { params: { type: 'rectification', pageSize: 100 } })).json()).items;
    const rect = cases.find((c: { trackingNo: string }) => c.trackingNo === rectNo);
    expect(rect).toMatchObject({ status: 'called_back' });
    expect(watch.problems).toEqual([]);
  }, 240_000);
});
