/**
 * At the counter (窗口): a clerk records a question as its first responder (首问负责) and receives
 * an application with materials missing — one notice lists everything missing (一次性告知,
 * 002:L98); the quality office maintains the service guide the checklist comes from, and the
 * public reads it. Debian's Chromium, the demo service hall.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, pickOption, screenshot } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';

chromiumPrerequisite('counter');

describe.skipIf(!haveChromium)('at the counter (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  let clerk: Page;
  let office: Page;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    for (const [label, user] of [['clerk', 'hall-staff'], ['office', 'hall-quality-office']] as const) {
      const { context, page } = await newPage(browser, watch, label);
      contexts.push(context);
      await logIn(page, server.baseUrl, user, server.password);
      if (label === 'clerk') clerk = page;
      else office = page;
    }
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('records an inquiry from the menu; the clerk is its first responder and answers it', async () => {
    await clerk.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '登记咨询' }).click();
    await clerk.waitForURL(/\/inquiries\/new$/);
    await clerk.getByLabel('咨询内容').fill('请问企业开办需要带哪些材料？');
    await clerk.getByLabel('联系电话（可不填）').fill('13900001111');
    await clerk.getByRole('button', { name: /登\s*记/ }).click();
    const no = await clerk.getByTestId('inquiry-tracking-no').innerText();
    expect(no).toMatch(/^\S+\d{8}\d{4}/);
    await clerk.getByTestId('open-inquiry').click();
    await clerk.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const id = new URL(clerk.url()).pathname.split('/').pop();
    const detail = await (await clerk.request.get(`${server.baseUrl}/api/v1/cases/${id}`)).json();
    expect(detail.type).toBe('inquiry');
    expect(detail.actions).toEqual(expect.arrayContaining(['answer', 'handle', 'transfer']));
    const me = await (await clerk.request.get(`${server.baseUrl}/api/v1/auth/me`)).json();
    expect(detail.firstResponderId).toBe(me.staffId);
    // A scan the inquirer brought goes on the case as an attachment.
    await clerk.getByTestId('attachment-input').setInputFiles({ name: '营业执照样本.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await clerk.getByTestId('case-attachments').getByTestId('attachment-link').filter({ hasText: '营业执照样本.pdf' }).waitFor();
    const href = await clerk.getByTestId('attachment-link').first().getAttribute('href');
    const file = await clerk.request.get(`${server.baseUrl}${href}`);
    expect(file.headers()['content-type']).toBe('application/pdf');
    await clerk.getByTestId('case-timeline').getByText('上传附件').waitFor();
    await screenshot(clerk, 'counter-01-inquiry');
  });

  it('receives an application with a material missing: one notice lists it, and the case waits for it', async () => {
    await clerk.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '受理申请' }).click();
    await clerk.waitForURL(/\/applications\/new$/);
    await clerk.getByLabel('办理事项').click();
    await pickOption(clerk, '企业开办（设立登记）');
    const materials = clerk.getByTestId('materials');
    await materials.getByText('公司登记（备案）申请书').click();
    await materials.getByText('公司章程').click();
    await materials.getByText('股东、法定代表人身份证明').click();
    await clerk.getByText('尚缺 1 项必交材料').waitFor(); // 住所使用证明 is not ticked
    await clerk.getByLabel('申请人', { exact: true }).fill('王建国');
    await clerk.getByRole('button', { name: '核对并受理' }).click();
    await clerk.getByText('材料不全：已出具一次性告知书').waitFor();
    expect(await clerk.getByTestId('notice-items').locator('li').allInnerTexts()).toEqual(['住所使用证明']);
    const no = await clerk.getByTestId('application-tracking-no').innerText();
    // The printable notice is in the page for the applicant to take home.
    expect(await clerk.locator('.yz-print-doc').innerText()).toContain('住所使用证明');
    await screenshot(clerk, 'counter-02-notice');
    const list = await (await clerk.request.get(`${server.baseUrl}/api/v1/cases?q=${no}`)).json();
    expect(list.items[0]).toMatchObject({ type: 'application', status: 'awaiting_materials' });
  });

  it('the quality office adds a service item with its materials; the public guide and the clerk’s checklist show it', async () => {
    await office.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '办事指南' }).click();
    await office.waitForURL(/\/service-items$/);
    await office.getByTestId('service-item-new').click();
    const drawer = office.getByRole('dialog', { name: '新增办事事项' });
    await drawer.getByLabel('事项编码').fill('GJJ-TQ-04');
    await drawer.getByLabel('事项名称').fill('住房公积金提取（购房）');
    await drawer.getByLabel('实施主体').fill('示范县住房公积金管理中心');
    await drawer.getByLabel('设定依据').fill('《住房公积金管理条例》第二十四条');
    await drawer.getByLabel('办理条件').fill('购买自住住房的缴存职工');
    await drawer.getByLabel('办理流程').fill('申请 → 审核 → 到账');
    await drawer.getByRole('button', { name: '添加材料' }).click();
    await drawer.getByLabel('材料编码').fill('contract');
    await drawer.getByLabel('材料名称').fill('购房合同');
    await drawer.getByLabel('收费标准').fill('不收费');
    const channels = drawer.getByLabel('投诉渠道');
    await channels.fill('电话：0510-80001234');
    await channels.press('Enter');
    await office.getByTestId('service-item-save').click();
    await office.locator('tr.ant-table-row').filter({ hasText: '住房公积金提取（购房）' }).waitFor();
    await screenshot(office, 'counter-03-service-items');

    const guide = await office.request.get(`${server.baseUrl}/public/demo-hall/services?q=${encodeURIComponent('公积金')}`);
    expect(await guide.text()).toContain('购房合同');

    await clerk.goto(`${server.baseUrl}/applications/new`);
    await clerk.getByLabel('办理事项').click();
    await pickOption(clerk, '住房公积金提取（购房）');
    await clerk.getByTestId('materials').getByText('购房合同').waitFor();
  });

  it('logged no console errors in any page', () => {
    expect(watch.problems).toEqual([]);
  });
});
