/**
 * End-to-end tests of the web app: the real server in-process, Debian's Chromium driven by
 * playwright-core. Skipped (with a message) where no Chromium is installed, except on CI
 * (CI=true), where a missing browser fails the run.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, screenshot, phoneContext } from './support/browser.js';
import { artifacts, ensureWebBuild, startServer, type E2eServer } from './support/server.js';

chromiumPrerequisite('e2e');

describe.skipIf(!haveChromium)('web app (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  let admin: Page;

  /** A GET through the page's own cookies, answering the status and JSON body. */
  async function apiGet(page: Page, url: string): Promise<{ status: number; body: any }> {
    const res = await page.request.get(`${server.baseUrl}${url}`);
    return { status: res.status(), body: await res.json() };
  }

  beforeAll(async () => {
    ensureWebBuild();
    // The server lives in late November 2026 (e2eClock): next year's holiday schedule is due and not loaded yet.
    server = await startServer();
    browser = await launchBrowser();
    const { context, page } = await newPage(browser, watch, 'admin');
    contexts.push(context);
    admin = page;
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('logs in as the demo admin with the keyboard, in Chinese by default, with the full menu', async () => {
    await admin.goto(`${server.baseUrl}/units`);
    await admin.waitForURL(/\/login$/); // no session: the app goes to the login page
    // The labelled username field has the focus; Tab reaches the password, Enter submits.
    const username = admin.getByLabel('用户名');
    await username.waitFor();
    const usernameId = await username.getAttribute('id');
    expect(usernameId).toBeTruthy();
    await expect.poll(() => admin.evaluate('document.activeElement && document.activeElement.id')).toBe(usernameId);
    await admin.keyboard.type('hosp-admin');
    await admin.keyboard.press('Tab');
    expect(await admin.evaluate('document.activeElement.id')).toBe(await admin.getByLabel('密码', { exact: true }).getAttribute('id'));
    await admin.keyboard.type(server.password);
    await admin.keyboard.press('Enter');
    await admin.waitForURL(/\/units$/); // back where the user wanted to go
    await admin.getByRole('heading', { name: '单位管理' }).waitFor();
    expect(await admin.title()).toBe('优质 · 服务质量管理平台');
    await admin.getByRole('menuitem', { name: '首页' }).click();
    await admin.getByRole('heading', { name: /您好/ }).waitFor();
    const menu = admin.getByRole('navigation', { name: '主菜单' });
    for (const item of ['首页', '单位管理', '人员管理', '用户与角色', '工作日历', '政策配置', '审计日志', 'API 令牌']) {
      await menu.getByRole('menuitem', { name: item }).waitFor();
    }
    expect(await admin.evaluate('document.documentElement.lang')).toBe('zh-CN');
    // The home page shows the menu's groups as cards: the quality office's screens under 质量管理.
    await admin.getByRole('heading', { name: '质量管理', level: 2 }).waitFor();
    const quality = admin.getByTestId('home-quality');
    for (const card of ['质量看板', '好差评统计', '满意度调查', '服务承诺']) await quality.getByText(card, { exact: true }).waitFor();
    await quality.getByText('质量看板', { exact: true }).click();
    await admin.waitForURL(/\/dashboard$/);
    await admin.getByRole('menuitem', { name: '首页' }).click();
    await admin.getByRole('heading', { name: /您好/ }).waitFor();
    await screenshot(admin, '01-admin-home');
  });

  it('adds a unit under 门诊部 and moves it by dragging it onto 内科', async () => {
    await admin.getByRole('menuitem', { name: '单位管理' }).click();
    await admin.getByRole('button', { name: '新增单位' }).click();
    const dialog = admin.getByRole('dialog', { name: '新增单位' });
    await dialog.getByLabel('单位编码').fill('H-E2E');
    await dialog.getByLabel('单位名称').fill('E2E 测试窗口');
    await dialog.getByLabel('单位类型').click();
    await admin.locator('.ant-select-item-option').filter({ hasText: /^窗口$/ }).click();
    await dialog.getByLabel('上级单位').click();
    await admin.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '门诊部（H-OPD）' }).click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    const tree = admin.getByRole('tree');
    const node = tree.locator('.ant-tree-node-content-wrapper').filter({ hasText: 'E2E 测试窗口（H-E2E）' });
    await node.waitFor();
    const units = (await apiGet(admin, '/api/v1/units?pageSize=100')).body.items as { id: string; code: string; parentId: string | null }[];
    const byCode = new Map(units.map((u) => [u.code, u]));
    expect(byCode.get('H-E2E')?.parentId).toBe(byCode.get('H-OPD')?.id);

    await node.dragTo(tree.locator('.ant-tree-node-content-wrapper').filter({ hasText: /^内科（H-IM）$/ }));
    await admin.getByRole('dialog').filter({ hasText: '移动到' }).getByRole('button', { name: /确\s*定/ }).click();
    await expect
      .poll(async () => ((await apiGet(admin, '/api/v1/units?q=H-E2E')).body.items as { parentId: string }[])[0]?.parentId)
      .toBe(byCode.get('H-IM')?.id);
    await screenshot(admin, '02-units');
  });

  it('refuses to delete a unit that still has staff: the toast says why, and nothing is thrown', async () => {
    const units = (await apiGet(admin, '/api/v1/units?q=H-OPD&pageSize=100')).body.items as { id: string; code: string }[];
    const opd = units.find((u) => u.code === 'H-OPD')!;
    await admin.getByPlaceholder('按编码或名称搜索').fill('H-OPD');
    await admin.getByPlaceholder('按编码或名称搜索').press('Enter');
    const row = admin.locator('tr.ant-table-row').filter({ has: admin.locator('td', { hasText: /^H-OPD$/ }) });
    await row.getByRole('button', { name: /删\s*除/ }).click();
    watch.expectFailedRequest(409, `/api/v1/units/${opd.id}`); // the server refuses: that is the point
    await admin.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click();
    await admin.locator('.ant-message').getByText('单位下仍有下级单位或人员，不能删除').waitFor();
    // The refusal is handled: no unhandled rejection reaches the page (ConsoleWatch records page errors).
    await admin.waitForTimeout(300);
    expect(watch.problems).toEqual([]);
    expect((await apiGet(admin, `/api/v1/units/${opd.id}`)).status).toBe(200);
  });

  it('shows a duplicate code under the field that holds it', async () => {
    await admin.getByRole('button', { name: '新增单位' }).click();
    const dialog = admin.getByRole('dialog', { name: '新增单位' });
    await dialog.getByLabel('单位编码').fill('H-OPD');
    await dialog.getByLabel('单位名称').fill('重复编码');
    watch.expectFailedRequest(409, '/api/v1/units');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const codeItem = dialog.locator('.ant-form-item').filter({ has: admin.getByLabel('单位编码') });
    await expect.poll(() => codeItem.locator('.ant-form-item-explain-error').allTextContents()).toEqual(['单位编码已存在']);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('adds a staff member to the new unit, finds them and exports the view to xlsx', async () => {
    await admin.getByRole('menuitem', { name: '人员管理' }).click();
    await admin.getByRole('button', { name: '新增人员' }).click();
    const dialog = admin.getByRole('dialog', { name: '新增人员' });
    await dialog.getByLabel('工号').fill('E2E001');
    await dialog.getByLabel('姓名').fill('测试员');
    await dialog.getByLabel('所属单位').click();
    await admin.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: 'E2E 测试窗口（H-E2E）' }).click();
    await dialog.getByLabel('岗位').fill('导医');
    await dialog.getByLabel('岗位').press('Enter');
    await dialog.getByLabel('人员类别').click();
    await dialog.getByLabel('人员类别').fill('窗口');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await admin.getByPlaceholder('按工号或姓名搜索').fill('E2E001');
    await admin.getByPlaceholder('按工号或姓名搜索').press('Enter');
    // The new member is on the unfiltered first page too: wait until the search has narrowed the table.
    await expect.poll(() => admin.locator('tr.ant-table-row').count()).toBe(1);
    const row = admin.locator('tr.ant-table-row').filter({ hasText: 'E2E001' });
    await row.waitFor();
    expect(await row.textContent()).toContain('测试员');
    expect(await row.textContent()).toContain('E2E 测试窗口');

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^人员花名册_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(artifacts, 'staff-export.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['工号', '姓名', '所属单位', '岗位']));
    expect(sheet.rowCount).toBe(2); // the header and the one row of the searched view
    expect(sheet.getRow(2).getCell(1).value).toBe('E2E001');
    await screenshot(admin, '03-staff');
  });

  it('imports a roster from xlsx: lists each bad row, then imports a good file', async () => {
    const roster = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('花名册');
      sheet.addRow(['单位编码', '单位名称', '单位类型', '上级单位编码', '工号', '姓名', '岗位']);
      for (const r of rows) sheet.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const good = ['H-E2E-B', 'E2E 导入窗口', 'window', 'H-OPD', 'E2E002', '导入员甲', '导医、收费员'];
    await admin.getByRole('button', { name: /导\s*入/ }).first().click();
    const dialog = admin.getByRole('dialog', { name: '导入人员花名册' });

    const [template] = await Promise.all([admin.waitForEvent('download'), dialog.getByRole('button', { name: '下载模板' }).click()]);
    const templateFile = path.join(artifacts, 'roster-template.xlsx');
    await template.saveAs(templateFile);
    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.readFile(templateFile);
    expect((tpl.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(['单位编码', '单位名称', '单位类型', '上级单位编码', '工号', '姓名', '岗位', '类别', '党支部', '电话', '中层干部']);

    await dialog.locator('input[type=file]').setInputFiles({ name: 'roster-bad.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await roster([good, ['H-E2E-B', '', '', '', 'bad badge!', '', '']]) });
    watch.expectFailedRequest(400, '/api/v1/staff/import'); // the server refuses the bad file: that is the point
    await dialog.getByRole('button', { name: '校验（不写入）' }).click();
    const errorRows = dialog.locator('tr.ant-table-row');
    await errorRows.first().waitFor();
    const errors = await errorRows.allTextContents();
    expect(errors.some((r) => r.startsWith('3') && r.includes('工号'))).toBe(true);
    expect(errors.some((r) => r.startsWith('3') && r.includes('姓名'))).toBe(true);
    expect(await dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await screenshot(admin, '04-staff-import-errors');

    await dialog.locator('input[type=file]').setInputFiles({ name: 'roster-good.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await roster([good]) });
    await dialog.getByRole('button', { name: '校验（不写入）' }).click();
    await dialog.getByText('校验通过，可以导入').waitFor();
    expect((await apiGet(admin, '/api/v1/staff?q=E2E002')).body.total).toBe(0); // a dry run writes nothing
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await dialog.getByText('导入完成').waitFor();
    await dialog.getByRole('button', { name: /关\s*闭/ }).first().click();
    const imported = (await apiGet(admin, '/api/v1/staff?q=E2E002')).body.items as { name: string; posts: string[]; units: { code: string }[] }[];
    expect(imported.map((s) => [s.name, s.posts, s.units.map((u) => u.code)])).toEqual([['导入员甲', ['导医', '收费员'], ['H-E2E-B']]]);
    await admin.getByPlaceholder('按工号或姓名搜索').fill('E2E002');
    await admin.getByPlaceholder('按工号或姓名搜索').press('Enter');
    await admin.locator('tr.ant-table-row').filter({ hasText: '导入员甲' }).waitFor();
  });

  it('adds a closure day and the deadline calculator moves', async () => {
    await admin.goto(`${server.baseUrl}/calendar?month=2026-10`);
    const received = admin.getByLabel('受理时间');
    await received.click();
    await received.fill('2026-09-30 10:00');
    await received.press('Enter');
    const days = admin.getByLabel('工作日数');
    await days.fill('5');
    const due = admin.getByTestId('due-date');
    // 2026-09-30 + 5 working days: 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13.
    await expect.poll(() => due.textContent()).toContain('2026-10-13');
    expect(await admin.locator('[data-date="2026-10-01"]').getAttribute('data-reason')).toBe('statutory_holiday');
    expect(await admin.locator('[data-date="2026-10-10"]').getAttribute('data-reason')).toBe('makeup_workday');

    await admin.getByRole('button', { name: '新增单位例外' }).click();
    const dialog = admin.getByRole('dialog', { name: '新增单位例外' });
    const date = dialog.getByLabel('日期');
    await date.click();
    await date.fill('2026-10-09');
    await date.press('Enter');
    await dialog.getByLabel('说明').fill('系统升级停办');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => admin.locator('[data-date="2026-10-09"]').getAttribute('data-reason')).toBe('closure');
    await expect.poll(() => due.textContent()).toContain('2026-10-14');
    expect(await admin.locator('.ant-table-row').filter({ hasText: '2026-10-09' }).textContent()).toContain('系统升级停办');
    await screenshot(admin, '05-calendar-closure');
  });

  it("reminds the admin of next year's holiday schedule and imports it from the calendar page", async () => {
    await admin.getByRole('menuitem', { name: '首页' }).click();
    // The calendar page shows the same reminder: wait for the home page, or the click may land on the page being left.
    await admin.getByRole('heading', { name: /您好/ }).waitFor();
    const banner = admin.getByTestId('next-year-alert');
    await banner.getByText('尚未导入 2027 年法定节假日安排').waitFor();
    await banner.getByRole('link', { name: '导入节假日安排' }).click();
    await admin.waitForURL(/\/calendar#schedule-import$/);
    const card = admin.locator('#schedule-import');
    await card.getByTestId('schedule-years').getByText(/2004–2026/).waitFor();

    // A file that is not a schedule: the error is shown in place, nothing is imported.
    await card.locator('input[type=file]').setInputFiles({ name: '2027.json', mimeType: 'application/json', buffer: Buffer.from('{"year": "明年"}') });
    watch.expectFailedRequest(400, '/api/v1/calendar/import');
    await card.getByRole('button', { name: /导\s*入/ }).click();
    await card.getByTestId('schedule-import-error').getByText('日历文件格式错误').waitFor();

    const schedule = {
      year: 2027,
      papers: [],
      days: [
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '春节', date: '2027-02-06', isOffDay: true },
        { name: '春节', date: '2027-02-07', isOffDay: false },
      ],
    };
    await card.locator('input[type=file]').setInputFiles({ name: '2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(schedule)) });
    await card.getByRole('button', { name: /导\s*入/ }).click();
    await card.getByTestId('schedule-import-result').getByText('已导入 2027 年的节假日安排').waitFor();
    await expect.poll(() => admin.getByTestId('next-year-alert').count()).toBe(0);
    await card.getByTestId('schedule-years').getByText(/2004–2027.*最近导入：2027 年（2027\.json）/).waitFor();
    await admin.goto(`${server.baseUrl}/calendar?month=2027-01`);
    await expect.poll(() => admin.locator('[data-date="2027-01-01"]').getAttribute('data-reason')).toBe('statutory_holiday');
    await admin.getByRole('menuitem', { name: '首页' }).click();
    await admin.getByRole('heading', { name: /您好/ }).waitFor();
    expect(await admin.getByTestId('next-year-alert').count()).toBe(0);
    await screenshot(admin, '05b-calendar-import');
  });

  it('shows validation errors in place when a policy override is invalid', async () => {
    await admin.getByRole('menuitem', { name: '政策配置' }).click();
    // Decisions, sources and escalation levels read as Chinese words, not ids and file names.
    const row = (label: string) => admin.locator('tr.ant-table-row').filter({ has: admin.locator('td', { hasText: new RegExp(`^${label}`) }) });
    const hours = row('营业时间');
    expect(await hours.getByTestId('policy-decision').textContent()).toContain('门诊窗口上午、下午两个时段');
    expect(await hours.textContent()).not.toMatch(/seeds give none|ANCHORS|RULES\.md/);
    await admin.getByRole('tab', { name: '办理时限' }).click();
    const reply = row('投诉 · 答复投诉人 · 时限');
    expect(await reply.textContent()).toContain('《窗口服务典型案例》第5篇'); // 002:L103 reply within 5 working days, in the title and part
    expect(await reply.textContent()).toContain('5 个工作日');
    const ladder = row('投诉 · 答复投诉人 · 升级提醒');
    const ladderText = (await ladder.textContent()) ?? '';
    expect(ladderText).toContain('到期前 1 个工作日：通知承办人');
    expect(ladderText).toContain('严重超期时：通知科室负责人、质控办，提高优先级');
    expect(ladderText).toContain('本系统默认设置（可按本单位调整）');
    expect(ladderText).not.toMatch(/remind_assignee|overdue_unit_head|severe_quality_office|GLPI|ANCHORS/);
    await admin.getByRole('tab', { name: '日历与营业时间' }).click();
    await admin.getByRole('button', { name: '覆盖 营业时间' }).click();
    const dialog = admin.getByRole('dialog', { name: '覆盖政策取值' });
    await dialog.getByLabel('取值').fill('[{"start":"08:00","end":"12:00"},{"start":"11:00","end":"17:30"}]');
    await dialog.getByLabel('出处').fill('not-a-citation');
    watch.expectFailedRequest(400, '/api/v1/policy/overrides'); // the server rejects it: that is the point
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const valueItem = dialog.locator('.ant-form-item').filter({ has: admin.getByLabel('取值') });
    const sourceItem = dialog.locator('.ant-form-item').filter({ has: admin.getByLabel('出处') });
    await expect.poll(() => valueItem.locator('.ant-form-item-explain-error').allTextContents()).toEqual([expect.stringContaining('营业时段必须按时间顺序排列且不得重叠')]);
    await expect.poll(() => sourceItem.locator('.ant-form-item-explain-error').allTextContents()).toEqual([expect.stringContaining('不是有效出处')]);
    await screenshot(admin, '06-policy-invalid');
    expect((await apiGet(admin, '/api/v1/policy')).body.overrides).toEqual({});
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('sorts users on the server by a clicked column: names in pinyin order', async () => {
    await admin.getByRole('menuitem', { name: '用户与角色' }).click();
    await admin.locator('tr.ant-table-row').first().waitFor();
    const [request] = await Promise.all([
      admin.waitForRequest((r) => r.url().includes('/api/v1/users?') && r.url().includes('sort=displayName')),
      admin.locator('th').filter({ hasText: '显示名称' }).click(),
    ]);
    expect(new URL(request.url()).searchParams.get('order')).toBe('asc');
    const listed = (await apiGet(admin, '/api/v1/users?sort=displayName&pageSize=100')).body.items.map((u: { displayName: string }) => u.displayName);
    await expect.poll(async () => (await admin.locator('tr.ant-table-row td:nth-child(2)').allTextContents()).slice(0, 5)).toEqual(listed.slice(0, 5));
    expect(listed).toEqual([...listed].sort(new Intl.Collator('zh-CN-u-co-pinyin', { numeric: true }).compare));
  });

  it('verifies the audit chain, which records what the test did', async () => {
    await admin.getByRole('menuitem', { name: '审计日志' }).click();
    await admin.locator('tr.ant-table-row').filter({ hasText: '日历例外' }).first().waitFor();
    // Records by name where the entry has one, not by id.
    await admin.getByTestId('audit-record').filter({ hasText: 'E2E 测试窗口（H-E2E）' }).first().waitFor();
    await admin.getByRole('button', { name: '校验日志链' }).click();
    await expect.poll(() => admin.getByTestId('chain-report').textContent()).toMatch(/日志链完整：已校验 \d+ 条记录（本单位）.*已核对 \d+ 个已发布的审计校验点/);
  });

  it('switches to English (antd and dayjs too), remembers it, and switches back', async () => {
    await admin.goto(`${server.baseUrl}/calendar?month=2026-10`);
    await admin.getByTestId('lang-switch').click();
    const menu = admin.getByRole('navigation', { name: 'Main menu' });
    await menu.getByRole('menuitem', { name: 'Units' }).waitFor();
    await admin.getByRole('heading', { name: 'Calendar' }).waitFor();
    // dayjs: English weeks start on Sunday; antd: its own English texts.
    await expect.poll(() => admin.locator('.ant-picker-calendar thead th').first().textContent()).toBe('Su');
    expect(await admin.evaluate("localStorage.getItem('youzhi.lang')")).toBe('en');

    await admin.reload();
    await admin.getByRole('navigation', { name: 'Main menu' }).getByRole('menuitem', { name: 'Staff' }).click();
    await admin.getByRole('heading', { name: 'Staff' }).waitFor();
    await expect.poll(() => admin.locator('.ant-pagination-options').first().textContent()).toContain('/ page');
    expect(await admin.evaluate('document.documentElement.lang')).toBe('en');
    await screenshot(admin, '07-english-staff');

    await admin.getByTestId('lang-switch').click();
    await admin.getByRole('heading', { name: '人员管理' }).waitFor();
    await expect.poll(() => admin.locator('.ant-pagination-options').first().textContent()).toContain('条/页');
    expect(await admin.evaluate("localStorage.getItem('youzhi.lang')")).toBe('zh-CN');
  });

  it('hides administration from a staff user, who gets 403 on their URLs', async () => {
    const { context, page } = await newPage(browser, watch, 'staff');
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-staff', server.password);
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await menu.getByRole('menuitem', { name: '工作日历' }).waitFor();
    const items = (await menu.getByRole('menuitem').allTextContents()).map((s) => s.trim());
    // Grouped: 日常办理, 质量管理, 系统管理 (the group titles are headings, not menu items).
    expect(items).toEqual(['首页', '案件/工单', '登记投诉', '登记咨询', '受理申请', '我的随访', '评价二维码', '服务承诺', '我的差错档案', '办事指南', '我的奖惩', '我的奖惩明细', '评选投票', '我的荣誉', '我的考核表', '工作日历', 'API 令牌', '修改密码']);
    expect(await menu.getByText('日常办理').count()).toBe(1);

    for (const url of ['/units', '/staff', '/users', '/policy', '/audit']) {
      await page.goto(`${server.baseUrl}${url}`);
      await page.getByText('抱歉，您无权访问此页面').waitFor();
    }
    await screenshot(page, '08-staff-403');
    for (const url of ['/api/v1/users', '/api/v1/staff', '/api/v1/audit']) {
      const res = await apiGet(page, url);
      expect([url, res.status, res.body.error?.code]).toEqual([url, 403, 'forbidden']);
    }
    // What staff may use still works: an API token of their own, shown once, usable at once…
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: 'API 令牌' }).click();
    await page.getByRole('button', { name: '新建令牌' }).click();
    await page.getByRole('dialog', { name: '新建令牌' }).getByLabel('名称').fill('排队叫号系统');
    await page.getByRole('dialog', { name: '新建令牌' }).getByRole('button', { name: '新建令牌' }).click();
    const token = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
    expect(token).toMatch(/^yz_/);
    const me = await page.request.get(`${server.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}`, cookie: '' } });
    expect([me.status(), (await me.json()).username, (await me.json()).via]).toEqual([200, 'hosp-staff', 'token']);
    await page.getByRole('button', { name: '我已保存' }).click();
    // …read-only unless asked otherwise, with an expiry, and revocable from the list (issue 12 §5).
    const row = page.locator('tr.ant-table-row').filter({ hasText: '排队叫号系统' });
    await row.getByText('只读').waitFor();
    const write = await page.request.post(`${server.baseUrl}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}`, cookie: '' }, data: { name: '令牌再造令牌' } });
    expect([write.status(), (await write.json()).error.code]).toEqual([403, 'token_scope']);
    await row.getByRole('button', { name: '撤销' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /撤\s*销/ }).click();
    await row.getByText(/^已于 .+ 撤销$/).waitFor();
    expect((await page.request.get(`${server.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}`, cookie: '' } })).status()).toBe(401);
    // …and the calendar with its calculator.
    await page.goto(`${server.baseUrl}/calendar?month=2026-10`);
    await expect.poll(() => page.locator('[data-date="2026-10-09"]').getAttribute('data-reason')).toBe('closure');
    expect(await page.getByRole('button', { name: '新增单位例外' }).count()).toBe(0);
  });

  it('is usable on a phone: a unit head sees their staff at 390×844 without sideways scrolling', async () => {
    const { context, page } = await newPage(browser, watch, 'phone', phoneContext);
    contexts.push(context);
    await logIn(page, server.baseUrl, 'hosp-unit-head', server.password);
    await page.getByTestId('menu-toggle').click();
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '人员管理' }).click();
    await page.getByRole('heading', { name: '人员管理' }).waitFor();
    const rows = page.locator('tr.ant-table-row');
    await rows.filter({ hasText: '张丽' }).waitFor();
    const text = (await rows.allTextContents()).join('\n');
    expect(text).toContain('挂号收费窗口'); // in 门诊部, the unit head's subtree
    expect(text).not.toContain('赵敏'); // 内科: outside it
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    const button = await page.getByRole('button', { name: '新增人员' }).boundingBox();
    expect(button && button.x >= 0 && button.x + button.width <= 390).toBe(true);
    await screenshot(page, '09-phone-staff');
  });

  it('logged no console errors in any page', () => {
    expect(watch.problems).toEqual([]);
    expect(watch.unusedExpectations()).toEqual([]);
  });
});
