import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { artifacts, e2eClock } from './server.js';

export const chromiumPath = process.env.YOUZHI_CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = fs.existsSync(chromiumPath);

/** A phone as the pages must serve it: 390 × 844, touch, a dense screen. */
export const phoneContext: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Every console error and uncaught page error of every page, to assert there were none. */
export class ConsoleWatch {
  readonly problems: string[] = [];
  /**
   * Chromium logs every 4xx/5xx fetch as a console error ("Failed to load resource"). A test that
   * deliberately sends an invalid request announces it here; each announcement excuses exactly one
   * such line and must be used (see `unusedExpectations`).
   */
  private readonly expected: { status: number; path: string; seen: boolean }[] = [];

  expectFailedRequest(status: number, path: string): void {
    this.expected.push({ status, path, seen: false });
  }

  unusedExpectations(): string[] {
    return this.expected.filter((e) => !e.seen).map((e) => `${e.status} ${e.path}`);
  }

  watch(page: Page, label: string): Page {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const url = m.location().url;
      const excuse = this.expected.find(
        (e) => !e.seen && m.text().startsWith(`Failed to load resource: the server responded with a status of ${e.status} `) && new URL(url).pathname === e.path,
      );
      if (excuse) excuse.seen = true;
      else this.problems.push(`[${label}] console.error: ${m.text()} (${url})`);
    });
    page.on('pageerror', (e) => this.problems.push(`[${label}] pageerror: ${e.message}`));
    return page;
  }
}

export async function newPage(browser: Browser, watch: ConsoleWatch, label: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  // Reduced motion turns antd's animations off (App.tsx): no waiting for modals to finish moving.
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 }, reducedMotion: 'reduce', ...options });
  // Generous: CI runs two test files at once on two cores; a wait that fails is still a failure.
  context.setDefaultTimeout(30_000);
  // The server's time (e2eClock), running from there: dates on screens match the server's.
  await context.clock.install({ time: e2eClock.now() });
  const page = watch.watch(await context.newPage(), label);
  return { context, page };
}

export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Clicks an option of the antd Select or TreeSelect dropdown that is open now. */
export async function pickOption(page: Page, text: string | RegExp): Promise<void> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await open.locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper').filter({ hasText: text }).first().click();
}

/**
 * Without Chromium a suite is skipped with a message — except on CI (CI=true), where a missing
 * browser is a failing test. Call once at the top of each e2e file.
 */
export function chromiumPrerequisite(label: string): void {
  if (haveChromium) return;
  if (process.env.CI !== 'true') {
    console.warn(`\n[${label}] SKIPPED: no Chromium at ${chromiumPath}. Install it with \`apt-get install chromium fonts-noto-cjk\` (or set YOUZHI_CHROMIUM). With CI=true a missing browser fails.\n`);
    return;
  }
  describe(`${label} prerequisites`, () => {
    it('has Chromium installed (CI=true)', () => {
      expect.fail(`Chromium is not installed at ${chromiumPath}; CI must install chromium and fonts-noto-cjk`);
    });
  });
}
