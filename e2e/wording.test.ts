/**
 * Issue 13 item 1: no internal codes where people read. Walks, in Chinese, what the public and the
 * quality office read — the public board, the rating page, the monthly PDF (as text), the policy
 * screen, the audit log and a 差评 case's timeline — over a demo with a month and a half of
 * activity, and finds no seed citation (`002:L103`), no internal key or code as an English word
 * (minSampleSize, served_counts, record, export, public, rating, slow, attitude…) and no user id
 * (8 hex characters) where a person's name belongs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, logIn, newPage } from './support/browser.js';
import { e2eClock, ensureWebBuild, startServer, type E2eServer } from './support/server.js';
import { havePdftotext, pdfText } from '../test/support/pdf.js';
import { encodeStandingCode } from '../src/modules/ratings/codes.js';
import { findOrganisationByCode } from '../src/modules/organisations/service.js';
import { findUnitByCode } from '../src/modules/units/service.js';
import { fillDemoActivity } from '../src/demo/seed.js';
import { sweepDueClocks } from '../src/modules/cases/sweep.js';
import { SECTORS, presetFor } from '../src/policy/index.js';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Every key of the hospital pack (minSampleSize, dailyBulletin…), long enough not to be an ordinary word. */
function packKeys(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const v of node) packKeys(v, out);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k.length >= 6 && /[A-Z_]/.test(k)) out.add(k);
      packKeys(v, out);
    }
  return out;
}

/** Internal words a reader must never see: pack keys, audit action and entity codes, 差评 reason codes, system labels. */
const internalWords = [
  ...packKeys(presetFor('hospital')),
  ...SECTORS.flatMap((s) => presetFor(s).wording.ratingReasons.value.map((r) => r.code)),
  ...['minSampleSize', 'served_counts', 'record', 'export', 'public', 'rating', 'slow', 'attitude', 'create', 'update', 'delete', 'login', 'register', 'attach', 'escalate', 'deadline_set', 'overdue', 'severely_overdue'],
  ...['case_clock', 'service_item', 'policy_overrides', 'commitment', 'rectification', 'complaint', 'demo-seed', 'deadline-sweep', 'system', 'ANCHORS', 'RULES', 'decision', 'source'],
];
const internalWord = new RegExp(`(?<![\\w/.-])(${[...new Set(internalWords)].map((w) => w.replace(/[-_]/g, (c) => `\\${c}`)).join('|')})(?![\\w/-])`);
const citation = /\d{3}:L\d+/;
const userIdPrefix = /(?<![0-9a-f-])[0-9a-f]{8}(?![0-9a-f])/;

/** The readable text of a page, without addresses (a URL may spell /public/… and stays legitimate). */
const readable = (text: string) => text.replace(/https?:\/\/\S+/g, '').replace(/\/(public|r|s)\/[\w./-]+/g, '');

function expectPlain(where: string, text: string): void {
  const t = readable(text);
  expect(t.match(citation)?.[0], `${where}: a citation`).toBeUndefined();
  expect(t.match(internalWord)?.[0], `${where}: an internal word`).toBeUndefined();
}

chromiumPrerequisite('wording');

describe.skipIf(!haveChromium)('no internal codes where people read (Chromium, zh-CN)', () => {
  let server: E2eServer;
  let browser: Browser;
  let office: Page;
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    // Last month whole and this month so far: ratings, 差评 with reasons, complaints, served counts.
    await fillDemoActivity(server.ctx, ['demo-hospital'], e2eClock.now());
    browser = await launchBrowser();
    office = (await newPage(browser, watch, 'office')).page;
    await logIn(office, server.baseUrl, 'hosp-quality-office', server.password);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the public board: commitments and targets in plain words', async () => {
    const { context, page } = await newPage(browser, watch, 'board', phone);
    await page.goto(`${server.baseUrl}/public/demo-hospital`);
    const text = await page.locator('body').innerText();
    expect(text).toContain('不低于 90%');
    expectPlain('board', text);
    await context.close();
  });

  it('the rating page: levels and reasons by their labels', async () => {
    const org = (await findOrganisationByCode(server.ctx, 'demo-hospital'))!;
    const unit = (await findUnitByCode(server.ctx, org.id, 'H-OPD-REG'))!;
    const code = encodeStandingCode(server.ctx.config.secret!, { orgId: org.id, unitId: unit.id, staffId: null });
    const { context, page } = await newPage(browser, watch, 'rating', phone);
    await page.goto(`${server.baseUrl}/r/c/${code}`);
    await page.getByRole('radio', { name: '不满意', exact: true }).check();
    expectPlain('rating page', await page.locator('body').innerText());
    await context.close();
  });

  it.skipIf(!havePdftotext)('the monthly PDF: unmet rules as plain statements, sources by title', async () => {
    const month = '2026-10';
    const res = await office.request.get(`${server.baseUrl}/api/v1/reports/monthly.pdf?month=${month}`);
    expect(res.status()).toBe(200);
    const text = pdfText(Buffer.from(await res.body()));
    expect(text).toContain('服务质量月报');
    expectPlain('monthly PDF', text);
    // Any rule not met reads 要求不低于 N% with its basis in words, never ≥ and a code.
    expect(text).not.toMatch(/要求 [≥≤<>]/);
  });

  it('the policy screen: rules and values in words, sources by title, the exact line only in the details', async () => {
    const { context, page } = await newPage(browser, watch, 'policy');
    await logIn(page, server.baseUrl, 'hosp-admin', server.password);
    await page.goto(`${server.baseUrl}/policy`);
    for (const tab of ['日历与营业时间', '办理时限', '好差评', '报表与通报']) {
      await page.getByRole('tab', { name: tab }).click();
      const panel = page.getByRole('tabpanel', { name: tab });
      await panel.locator('tr.ant-table-row').first().waitFor();
      expectPlain(`policy · ${tab}`, await panel.innerText());
    }
    await page.getByRole('tab', { name: '好差评' }).click();
    const panel = page.getByRole('tabpanel', { name: '好差评' });
    expect(await panel.innerText()).toContain('《服务提升年活动实施方案》');
    // The office finds the exact line in the source's details.
    await panel.getByText('《服务提升年活动实施方案》第1篇').first().click();
    await expect.poll(() => page.locator('.ant-popover [data-citation]').first().textContent()).toContain('001:L155');
    await context.close();
  });

  it('the audit log: people by name, actions and records in Chinese', async () => {
    const { context, page } = await newPage(browser, watch, 'audit');
    await logIn(page, server.baseUrl, 'hosp-admin', server.password);
    // The deadline sweep lists a batch's firings a hundred to an entry: such a record reads by its count.
    await sweepDueClocks(server.ctx, { node: 'e2e' });
    await page.request.get(`${server.baseUrl}/api/v1/exports/ratings.xlsx?from=2026-11-01&to=2026-11-18`);
    await page.goto(`${server.baseUrl}/audit`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const headers = await page.locator('.ant-table-thead th').allInnerTexts();
    const column = (title: string) => page.locator(`.ant-table-tbody tr.ant-table-row td:nth-child(${headers.findIndex((h) => h.trim() === title) + 1})`).allInnerTexts();
    const actors = await column('操作人');
    expect(actors.length).toBeGreaterThan(5);
    for (const a of actors) expect(a, 'an actor shown as an id').not.toMatch(userIdPrefix);
    expect(actors).toContain('人民医院 管理员');
    const actions = await column('操作');
    const entities = await column('对象类型');
    expectPlain('audit actions', [...actions, ...entities].join('\n'));
    expect(actions).toContain('导出');
    const records = await column('记录');
    const batches = entities.flatMap((e, i) => (e.trim() === '到期催办（批）' ? [records[i].trim()] : []));
    expect(batches.length).toBeGreaterThan(0);
    for (const r of batches) expect(r).toMatch(/^共 \d+ 条$/);
    await context.close();
  });

  it("a 差评 case's timeline: the public, the system and people by name; reasons by their labels", async () => {
    const org = (await findOrganisationByCode(server.ctx, 'demo-hospital'))!;
    const kase = await server.ctx.db.kysely
      .selectFrom('cases')
      .select(['id'])
      .where('org_id', '=', org.id)
      .where('type', '=', 'rectification')
      .where('data', 'like', '%"reasons":["%')
      .orderBy('received_at', 'desc')
      .executeTakeFirstOrThrow();
    await office.goto(`${server.baseUrl}/cases/${kase.id}`);
    await office.locator('.yz-event').first().waitFor();
    // The reasons' labels arrive with their own request: wait for them (a code that stays fails here).
    const content = office.locator('.yz-content');
    await expect.poll(async () => readable(await content.innerText()).match(internalWord)?.[0]).toBeUndefined();
    const text = await content.innerText();
    expectPlain('case', text);
    expect(text).not.toMatch(userIdPrefix);
    expect(await office.locator('.yz-event').first().innerText()).toContain('公众');
  });

  it('the QR screen says plainly that phones cannot open codes for 127.0.0.1, and how to set the address (item 8)', async () => {
    await office.goto(`${server.baseUrl}/rating-codes`);
    const warning = office.getByTestId('public-url-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('手机无法打开这些二维码');
    expect(await warning.innerText()).toContain('YOUZHI_PUBLIC_URL');
  });

  it('logged no console errors', () => {
    expect(watch.problems).toEqual([]);
  });
});
