/**
 * The pages a patient opens on a phone, at 390 and 320 px (issue 13 item 5): every rating label on
 * one line, the 差评 reasons only after a 差评 level, and a survey numbering only the questions it
 * shows. Plain HTML in Debian's Chromium; skips only without Chromium and not on CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ConsoleWatch, chromiumPrerequisite, haveChromium, launchBrowser, newPage, screenshot } from './support/browser.js';
import { startServer, type E2eServer } from './support/server.js';
import { havePdftotext, pdfText } from '../test/support/pdf.js';
import { systemActor } from '../src/shared/access.js';
import { encodeStandingCode } from '../src/modules/ratings/codes.js';
import { findOrganisationByCode } from '../src/modules/organisations/service.js';
import { findUnitByCode } from '../src/modules/units/service.js';
import { createSurvey, standingSurveyLink } from '../src/modules/surveys/service.js';

chromiumPrerequisite('phone pages');

const widths = [390, 320];

/** Each level label's rendered height against its line height: one line each, nothing wider than the screen. */
async function labelLines(page: Page, selector: string) {
  return page.$$eval(selector, (spans) =>
    spans.map((s) => {
      const text = Array.from(s.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
      const range = document.createRange();
      range.selectNodeContents(s);
      // The text's own line boxes (the face above it is an SVG block).
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
      const tile = s.closest('label')!;
      const lineHeight = parseFloat(getComputedStyle(s).lineHeight) || parseFloat(getComputedStyle(s).fontSize) * 1.5;
      const textTop = new Set(rects.filter((r) => r.height <= lineHeight * 1.2).map((r) => Math.round(r.top)));
      return { text, lines: textTop.size, fits: tile.scrollWidth <= tile.clientWidth };
    }),
  );
}

describe.skipIf(!haveChromium || !havePdftotext)('phone pages at 390 and 320 px (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  const watch = new ConsoleWatch();
  let ratingUrl = '';
  let surveyUrl = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const org = (await findOrganisationByCode(server.ctx, 'demo-hospital'))!;
    const unit = (await findUnitByCode(server.ctx, org.id, 'H-OPD-REG'))!;
    ratingUrl = `${server.baseUrl}/r/c/${encodeStandingCode(server.ctx.config.secret!, { orgId: org.id, unitId: unit.id, staffId: null })}`;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(server.ctx.clock.now()));
    const survey = await createSurvey(server.ctx, systemActor(org.id), { templateId: 'outpatient', unitId: unit.id, cycle: 'monthly', startsOn: `${today.slice(0, 7)}-01` });
    surveyUrl = `${server.baseUrl}${(await standingSurveyLink(server.ctx, systemActor(org.id), survey.id)).url}`;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of widths) {
    for (const lang of ['zh', 'en'] as const) {
      it(`${width} px, ${lang}: every rating label on one line; reasons hidden until a 差评 level is picked`, async () => {
        const { context, page } = await newPage(browser, watch, `rating-${width}-${lang}`, { viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
        await page.goto(`${ratingUrl}?lang=${lang}`);
        const lines = await labelLines(page, '.levels label span');
        expect(lines).toHaveLength(5);
        for (const l of lines) expect(l, l.text).toMatchObject({ lines: 1, fits: true });
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        const reasons = page.locator('.reasons');
        expect(await reasons.isVisible()).toBe(false);
        // A good level: still no reasons.
        await page.locator('.levels input[value="4"]').check();
        expect(await reasons.isVisible()).toBe(false);
        // 不满意 (a 差评 level of the pack): the reasons appear.
        await page.locator('.levels input[value="2"]').check();
        await reasons.waitFor({ state: 'visible' });
        if (width === 390 && lang === 'zh') await screenshot(page, 'phone-rating-390');
        await context.close();
      });
    }

    it(`${width} px: the survey numbers only the questions it shows`, async () => {
      const { context, page } = await newPage(browser, watch, `survey-${width}`, { viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
      await page.goto(surveyUrl);
      // The numbers are CSS generated content (a counter that hidden questions do not advance): read
      // them as rendered, from the page printed by Chromium, in order.
      const printed = async () => {
        const text = pdfText(await page.pdf({ printBackground: false, width: '600px', height: '4000px' }));
        // One tall page (no page break splitting a question); pdftotext may reorder lines: compare the set of numbers.
        return [...text.matchAll(/^(\d+)\.(?: |$)/gm)].map((m) => Number(m[1])).sort((a, b) => a - b);
      };
      const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
      // The conditional question (不满意的主要方面) is hidden: the shown ones run 1…7 without a gap.
      expect(await page.locator('.c-problems').isVisible()).toBe(false);
      expect(await printed()).toEqual(oneTo(7));
      // 总体 不满意 → the conditional question shows and takes a number: 1…8, still without a gap.
      await page.locator('#o-overall-2').check();
      await page.locator('.c-problems').waitFor({ state: 'visible' });
      expect(await printed()).toEqual(oneTo(8));
      const lines = await labelLines(page, '.five label span');
      for (const l of lines) expect(l, l.text).toMatchObject({ lines: 1, fits: true });
      await context.close();
    });
  }

  it('logged no console errors', () => {
    expect(watch.problems).toEqual([]);
  });
});
