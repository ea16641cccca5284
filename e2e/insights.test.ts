/**
 * End-to-end: the quality office's morning screens — 质量看板 (KPI cards, ECharts, links into the
 * case inbox, the monthly PDF), the survey builder with a condition and its preview, a survey
 * answered through the public page and its results, and a commitment on the public board.
 * Skipped (with a message) without Chromium, except on CI (CI=true), where it fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, pickOption, screenshot } from './support/browser.js';
import { artifacts, ensureWebBuild, startServer, type E2eServer } from './support/server.js';

chromiumPrerequisite('e2e insights');

describe.skipIf(!haveChromium)('quality office insights (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  let qc: Page;
  const templateCode = 'e2e_window';
  let templateId = '';
  let surveyUrl = '';
  let surveyId = '';

  async function apiGet(page: Page, url: string): Promise<{ status: number; body: any }> {
    const res = await page.request.get(`${server.baseUrl}${url}`);
    return { status: res.status(), body: await res.json() };
  }

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    const { context, page } = await newPage(browser, watch, 'quality-office');
    contexts.push(context);
    qc = page;
    await logIn(qc, server.baseUrl, 'hall-quality-office', server.password);
    // Two complaints this month, so the dashboard's figures have records behind them.
    const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hall-admin', password: server.password } });
    const headers = { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': login.json().csrfToken as string };
    for (const content of ['窗口工作人员离岗无人', '叫号系统故障未告知'])
      expect((await server.app.inject({ method: 'POST', url: '/api/v1/complaints', headers, payload: { channel: 'window', content } })).statusCode).toBe(201);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('opens the dashboard: KPI cards match the API, a chart is drawn, the complaints card opens the records behind it', async () => {
    await qc.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '质量看板' }).click();
    await qc.waitForURL(/\/dashboard$/);
    await qc.getByRole('heading', { name: '质量看板' }).waitFor();
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(server.ctx.clock.now())).slice(0, 7);
    const api = (await apiGet(qc, `/api/v1/dashboard?month=${month}`)).body;
    expect(api.month).toBe(month);
    for (const id of ['kpi-complaints', 'kpi-reply-on-time', 'kpi-overdue', 'kpi-rating-rate', 'kpi-satisfaction', 'kpi-negative', 'kpi-rectifications']) {
      await qc.getByTestId(id).waitFor();
    }
    const complaints = qc.getByTestId('kpi-complaints');
    expect(await complaints.locator('.ant-statistic-content-value').innerText()).toBe(String(api.complaints.received.value));
    expect(await complaints.innerText()).toContain('投诉受理量');
    // The 12-month trend is drawn by ECharts on a canvas with something painted on it.
    const canvas = qc.getByTestId('chart-trend').locator('canvas');
    await canvas.first().waitFor();
    await expect
      .poll(() => canvas.first().evaluate((c: HTMLCanvasElement) => c.width > 0 && c.toDataURL().length > 2000))
      .toBe(true);
    expect(await qc.getByTestId('ranking').locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot(qc, 'insights-01-dashboard');
    // English switch: the added strings are merged into the same namespace.
    await qc.getByTestId('lang-switch').click();
    await qc.getByRole('heading', { name: 'Quality dashboard' }).waitFor();
    expect(await complaints.innerText()).toContain('Complaints received');
    await qc.getByTestId('lang-switch').click();
    await qc.getByRole('heading', { name: '质量看板' }).waitFor();

    // The figure opens the records behind it: the same conditions, so the total is the figure.
    await complaints.getByTestId('kpi-complaints-link').click();
    await qc.waitForURL((u) => u.pathname === '/dashboard/records');
    const params = new URL(qc.url()).searchParams;
    expect(params.get('month')).toBe(month);
    expect(params.get('metric')).toBe('complaints_received');
    await expect.poll(() => qc.getByTestId('records-total').innerText()).toBe(String(api.complaints.received.value));
    const rows = qc.getByTestId('records-table').locator('tr.ant-table-row');
    expect(api.complaints.received.value).toBeGreaterThanOrEqual(2);
    expect(await rows.count()).toBe(Math.min(20, api.complaints.received.value));
    await screenshot(qc, 'insights-02-records-from-dashboard');
    await qc.getByTestId('record-link').first().click();
    await qc.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  });

  it('downloads the monthly PDF report and shows the daily bulletin', async () => {
    await qc.goto(`${server.baseUrl}/dashboard`);
    await qc.getByTestId('kpi-complaints').waitFor();
    // The last closed month unless one was picked, named by the server (issue 13 §3, §6).
    const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(server.ctx.clock.now())).split('-').map(Number);
    const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    expect(await qc.getByTestId('monthly-pdf').innerText()).toContain(lastMonth);
    const [download] = await Promise.all([qc.waitForEvent('download'), qc.getByTestId('monthly-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`服务质量月报_${lastMonth}.pdf`);
    const file = path.join(artifacts, 'insights-monthly.pdf');
    fs.mkdirSync(artifacts, { recursive: true });
    await download.saveAs(file);
    const head = fs.readFileSync(file).subarray(0, 5).toString('latin1');
    expect(head).toBe('%PDF-');

    await qc.getByTestId('daily-bulletin').click();
    const dialog = qc.getByRole('dialog', { name: '每日来访投诉通报' });
    await dialog.getByTestId('daily-figures').waitFor();
    expect(await dialog.getByTestId('daily-figures').innerText()).toContain('受理投诉');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('builds a template with two questions and a condition, with server errors in place and a live preview', async () => {
    await qc.goto(`${server.baseUrl}/`);
    await qc.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '满意度调查' }).click();
    await qc.getByRole('tab', { name: '问卷模板' }).click();
    await qc.getByTestId('template-new').click();
    await qc.waitForURL(/\/surveys\/templates\/new$/);
    await qc.getByTestId('tpl-code').fill(templateCode);
    await qc.getByTestId('tpl-title-zh').fill('窗口服务满意度（E2E）');
    await qc.getByTestId('tpl-title-en').fill('Window service (E2E)');
    await qc.getByTestId('add-question').click();
    await qc.getByTestId('q-0-title-zh').fill('您对本次办事服务是否满意？');
    await qc.getByTestId('q-0-title-en').fill('How satisfied are you with the service?');
    await qc.getByTestId('add-question').click();
    await qc.getByTestId('q-1-type').click();
    await pickOption(qc, /^文字$/);
    await qc.getByTestId('q-1-title-zh').fill('请说明不满意的原因');
    // English title left empty: the server refuses it and the message shows under that field.
    await qc.getByTestId('q-1-condition-question').click();
    await pickOption(qc, /^q1 ·/);
    await qc.getByTestId('q-1-condition-values').click();
    await pickOption(qc, /^2 不满意$/);
    await pickOption(qc, /^1 非常不满意$/);
    await qc.keyboard.press('Escape');

    watch.expectFailedRequest(400, '/api/v1/survey-templates');
    await qc.getByTestId('tpl-save').click();
    const inPlace = qc.getByTestId('question-1').locator('.ant-form-item-explain-error');
    await inPlace.first().waitFor();
    expect(await inPlace.first().innerText()).toBe('此项为必填项');
    expect(qc.url()).toMatch(/\/surveys\/templates\/new$/);
    await screenshot(qc, 'insights-03-template-error');
    await qc.getByTestId('q-1-title-en').fill('Why were you dissatisfied?');

    // The preview shows the condition working before anything is saved.
    const preview = qc.getByTestId('survey-preview');
    await preview.getByText('您对本次办事服务是否满意？').waitFor();
    expect(await preview.getByTestId('preview-q-q2').count()).toBe(0);
    await preview.getByTestId('preview-q-q1').getByText('不满意', { exact: true }).click();
    await preview.getByTestId('preview-q-q2').waitFor();
    await preview.getByTestId('preview-q-q1').getByText('满意', { exact: true }).click();
    await preview.getByTestId('preview-q-q2').waitFor({ state: 'detached' });

    await qc.getByTestId('tpl-save').click();
    await qc.waitForURL(/\/surveys\/templates\/[0-9a-f-]{36}$/);
    templateId = qc.url().split('/').pop()!;
    const saved = (await apiGet(qc, `/api/v1/survey-templates/${templateId}`)).body;
    expect(saved.code).toBe(templateCode);
    expect(saved.definition.questions.map((q: { id: string; type: string }) => `${q.id}:${q.type}`)).toEqual(['q1:five_level', 'q2:text']);
    expect(saved.definition.questions[1].conditions).toEqual([{ question: 'q1', in: [2, 1] }]);
    await screenshot(qc, 'insights-04-template-saved');
  });

  it('creates a survey for a window, answers it on the public page and sees the result', async () => {
    await qc.goto(`${server.baseUrl}/surveys`);
    await qc.getByTestId('survey-create').click();
    const dialog = qc.getByRole('dialog', { name: '发起调查' });
    await dialog.getByLabel('问卷模板').click();
    await pickOption(qc, '窗口服务满意度（E2E）');
    await dialog.getByLabel('单位').click();
    await pickOption(qc, '1号窗口（企业开办）');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = qc.locator('tr').filter({ hasText: '窗口服务满意度（E2E）' });
    await row.waitFor();
    await row.getByTestId('survey-links').click();
    const link = qc.getByTestId('survey-public-link');
    surveyUrl = (await link.getAttribute('href'))!;
    expect(surveyUrl).toMatch(/^\/s\/.+/);
    await expect.poll(() => qc.getByTestId('survey-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await qc.getByTestId('single-link').click();
    expect(await qc.getByTestId('single-link-url').innerText()).toMatch(/\/s\/t\//);
    await screenshot(qc, 'insights-05-survey-links');
    await qc.keyboard.press('Escape');
    surveyId = (await apiGet(qc, '/api/v1/surveys?q=E2E')).body.items.find((s: { url: string }) => s.url === surveyUrl)?.id;
    expect(surveyId).toBeTruthy();

    // A member of the public answers (no login): dissatisfied, so the follow-up question applies.
    const { context, page } = await newPage(browser, watch, 'public', { viewport: { width: 390, height: 800 } });
    contexts.push(context);
    await page.goto(`${server.baseUrl}${surveyUrl}`);
    await page.getByRole('heading', { name: '窗口服务满意度（E2E）' }).waitFor();
    await page.locator('input[name="q_q1"][value="2"]').check({ force: true });
    await page.locator('textarea[name="q_q2"]').fill('排队时间太长');
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByRole('heading', { name: '感谢您的参与！' }).waitFor();
    await screenshot(page, 'insights-06-public-survey-done');

    await qc.locator('tr').filter({ hasText: '窗口服务满意度（E2E）' }).getByRole('button', { name: /结\s*果/ }).click();
    await qc.waitForURL(new RegExp(`/surveys/${surveyId}$`));
    await expect.poll(() => qc.getByTestId('results-responses').innerText()).toBe('1');
    const q1 = qc.getByTestId('result-q1');
    await q1.getByText('100.0%').first().waitFor(); // negative share: the one answer was 不满意
    await qc.getByTestId('result-q2').getByText('排队时间太长').waitFor();
    await screenshot(qc, 'insights-07-survey-results');
  });

  it('creates a commitment linked to the on-time reply measure and finds it on the public board', async () => {
    await qc.goto(`${server.baseUrl}/`);
    await qc.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '服务承诺' }).click();
    await qc.getByTestId('commitment-new').click();
    const dialog = qc.getByRole('dialog', { name: '新增承诺' });
    await dialog.getByLabel('承诺内容', { exact: true }).fill('投诉件在规定时限内答复（E2E）');
    await dialog.getByLabel('可衡量的承诺', { exact: true }).fill('按时答复率不低于 95%');
    await dialog.getByLabel('监督电话').fill('0571-12345');
    await dialog.getByLabel('关联指标').click();
    await pickOption(qc, '投诉按时答复率');
    await dialog.getByLabel('目标值').fill('95');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = qc.locator('tr').filter({ hasText: '投诉件在规定时限内答复（E2E）' });
    await row.waitFor();
    const listed = (await apiGet(qc, '/api/v1/commitments?q=E2E')).body.items[0];
    expect(listed).toMatchObject({ measure: 'complaint_reply_on_time_rate', targetOp: 'gte', target: 95, published: true });
    expect(await row.innerText()).toMatch(/不低于 95%/);
    await screenshot(qc, 'insights-08-commitments');

    expect(await qc.getByTestId('public-board-link').getAttribute('href')).toBe('/public/demo-hall');
    const { context, page } = await newPage(browser, watch, 'board');
    contexts.push(context);
    await page.goto(`${server.baseUrl}/public/demo-hall`);
    await page.getByText('投诉件在规定时限内答复（E2E）').first().waitFor();
    await screenshot(page, 'insights-09-public-board');
  });

  it('logged no console errors and used every announced failure', () => {
    expect(watch.problems).toEqual([]);
    expect(watch.unusedExpectations()).toEqual([]);
  });
});
