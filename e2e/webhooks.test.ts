/**
 * The 接口推送 screen in Chromium (issue 19 item 7): the hospital's administrator subscribes a
 * receiver to events, copies the secret shown once, sends a test, and resends a delivery from the
 * log. The receiver is a local HTTP server (allowed through the allow-list, as YOUZHI_WEBHOOK_ALLOW
 * would); its first answer is 500, so the test shows as failed and the resend as delivered.
 */
import http from 'node:http';
import net from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage, screenshot } from './support/browser.js';
import { ensureWebBuild, startServer, type E2eServer } from './support/server.js';

chromiumPrerequisite('webhooks');

describe.skipIf(!haveChromium)('接口推送 (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let receiver: http.Server;
  let receiverUrl = '';
  const answers = [500];
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    server.ctx.config.webhookAllowList = ['127.0.0.1'];
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = answers.shift() ?? 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}/youzhi`;
    browser = await launchBrowser();
    page = (await newPage(browser, watch, 'webhooks')).page;
    await logIn(page, server.baseUrl, 'hosp-admin', server.password);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => receiver?.close(resolve));
    await server?.close();
  });

  it('subscribes, shows the secret once, tests, and resends from the delivery log', async () => {
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '接口推送' }).click();
    await page.getByRole('heading', { name: '接口推送' }).waitFor();
    await page.getByRole('button', { name: '新建订阅' }).click();
    const dialog = page.getByRole('dialog', { name: '新建订阅' });
    await dialog.getByLabel('接收地址').fill(receiverUrl);
    await dialog.getByLabel('说明').fill('院内信息平台');
    await dialog.getByRole('checkbox', { name: /事项办结/ }).check();
    await dialog.getByRole('checkbox', { name: /差评/ }).check();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const secret = (await page.getByTestId('new-webhook-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, 'webhooks-secret');
    await page.getByRole('button', { name: '我已复制' }).click();

    const row = page.locator('tr.ant-table-row').filter({ hasText: receiverUrl });
    await row.waitFor();
    expect(await row.innerText()).toContain('事项办结');
    expect(await row.innerText()).not.toContain(secret.slice(6));

    // The receiver answers the test with 500: the screen says so.
    await row.getByRole('button', { name: '发送测试' }).click();
    await page.getByText(/未送达：HTTP 500/).waitFor();
    expect(received).toHaveLength(1);
    expect(received[0].headers['x-youzhi-event']).toBe('ping');

    await row.getByRole('button', { name: '推送记录' }).click();
    const log = page.locator('.ant-drawer');
    const failed = log.locator('tr.ant-table-row').filter({ hasText: '500' });
    await failed.waitFor();
    expect(await failed.innerText()).toContain('待推送');
    await failed.getByRole('button', { name: '重新推送' }).click();
    await page.getByText('已重新推送并送达').waitFor();
    await log.locator('tr.ant-table-row').filter({ hasText: '已送达' }).first().waitFor();
    await screenshot(page, 'webhooks-log');

    const resent = received.at(-1)!;
    const expected = `sha256=${createHmac('sha256', secret).update(`${resent.headers['x-youzhi-timestamp']}.${resent.body}`).digest('hex')}`;
    expect(resent.headers['x-youzhi-signature']).toBe(expected);
    expect(resent.headers['x-youzhi-delivery']).not.toBe(received[0].headers['x-youzhi-delivery']);
    expect(watch.problems).toEqual([]);
  });
});
