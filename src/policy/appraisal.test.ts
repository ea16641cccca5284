/**
 * The appraisal section of the presets (个人考核, issue #21): one template per post, each a
 * 100-point sheet whose items, star grades and 末位 rule cite a seed line or carry a decision,
 * validated by the pack schema and the engine's checkTemplate.
 */
import { describe, expect, it } from 'vitest';
import { add, parseDecimal, show, ZERO } from '../engines/indicators/exact.js';
import { checkTemplate, emptyFacts, fillSheet } from '../engines/appraisal/index.js';
import { appraisalSettingsOf, appraisalTemplatesOf, findAppraisalTemplate, listPresetSectors, policyPackSchema, presetFor, resolvePolicy, validatePolicyOverrides } from './index.js';
import { describeSource } from './references.js';

const POSTS = { hall: ['window_staff'], hospital: ['nurse', 'doctor'], bank: ['teller'], utility: ['technician'] } as const;

describe('appraisal presets', () => {
  for (const sector of listPresetSectors()) {
    describe(sector, () => {
      const pack = presetFor(sector);
      const templates = appraisalTemplatesOf(pack);

      it('ships one template per post of the sector, version 1, valid for the schema and the engine', () => {
        expect(policyPackSchema.safeParse(pack).success).toBe(true);
        expect(templates.map((t) => t.code)).toEqual(POSTS[sector]);
        for (const { template } of templates) {
          expect(template.version).toBe(1);
          expect(checkTemplate(template)).toEqual([]);
        }
      });

      it('makes each sheet 100 points, with 德、能、勤、绩 judged by the head (000:L115)', () => {
        for (const { template } of templates) {
          const total = template.items.reduce((acc, i) => add(acc, parseDecimal(i.max)!), ZERO);
          expect(show(total), template.code).toBe('100');
          expect(template.items.filter((i) => i.kind === 'judged').map((i) => i.code)).toEqual(['de', 'neng', 'qin', 'ji']);
        }
      });

      it('grades five stars at 95 and above with a pay coefficient each (星薪挂钩, 000:L115), and 末位 after 3 periods (003:L94)', () => {
        for (const { template } of templates) {
          expect(template.stars.map((s) => [s.stars, s.atLeast])).toEqual([[5, '95'], [4, '85'], [3, '75'], [2, '60'], [1, '0']]);
          expect(template.stars.every((s) => Number(s.payCoefficient) > 0)).toBe(true);
          expect(template.bottom).toMatchObject({ consecutive: 3, action: 'interview', source: '003:L94' });
        }
      });

      it('cites every item, grade and rule with a seed line shown in words, or a decision in both languages', () => {
        for (const { template } of templates) {
          for (const c of [template, ...template.items, ...template.stars, template.bottom!]) {
            expect(c.source !== undefined || c.decision !== undefined).toBe(true);
            if (c.decision) expect(c.decision.zh.length * c.decision.en.length).toBeGreaterThan(0);
            // Decisions are read on screens: no raw seed line in them (e2e/wording.test.ts).
            if (c.decision) expect(`${c.decision.zh} ${c.decision.en}`).not.toMatch(/\d{3}:L\d+/);
            for (const r of describeSource(c.source)) {
              expect(r.text.zh).not.toMatch(/相关条款|\d{3}:L\d+/);
            }
          }
        }
      });

      it('fills a sheet for a person with no facts (full measured points) and no judged scores (incomplete)', () => {
        for (const { template } of templates) {
          const sheet = fillSheet(template, emptyFacts('s', 'u'), {});
          expect(sheet.complete).toBe(false);
          expect(sheet.star).toBeNull();
        }
      });
    });
  }

  it('the acceptance example on the hall window sheet: 96 % satisfaction, 92 % rating rate, one complaint, 0.5 deducted', () => {
    const tpl = findAppraisalTemplate(presetFor('hall'), 'window_staff')!;
    const facts = { ...emptyFacts('s', 'u'), ratings: { rated: 575, satisfied: 552, served: 625 }, verifiedComplaints: [{ kind: 'incident' as const, id: 'c', label: 'c' }], inspectionDeductions: { points: '0.5', records: [] } };
    const sheet = fillSheet(tpl, facts, { de: '5', neng: '5', qin: '4', ji: '4' });
    // 001:L349 95 % → 30 in full; 001:L155 ≥ 90 % → 10; 15 − 5; 10 − 0.5; sanctions base 5; deliverables 5; 德能勤绩 18
    expect(sheet.items.map((i) => [i.code, i.points])).toEqual([
      ['satisfaction', '30'], ['rating_rate', '10'], ['complaints', '10'], ['inspection', '9.5'], ['veto', '0'], ['sanctions', '5'], ['deliverables', '5'],
      ['de', '5'], ['neng', '5'], ['qin', '4'], ['ji', '4'],
    ]);
    expect(sheet.total).toBe('87.5');
    expect(sheet.star?.stars).toBe(4);
  });

  it('settings: stars shown publicly except in hospitals by default; an organisation may switch them with a decision', () => {
    expect(appraisalSettingsOf(presetFor('hall'))).toEqual({ showStarsPublicly: true, bottom: { consecutive: 3, action: 'interview' } });
    expect(appraisalSettingsOf(presetFor('hospital')).showStarsPublicly).toBe(false);
    const decision = { zh: '本院公开星级', en: 'We show stars' };
    const own = resolvePolicy('hospital', { appraisal: { settings: { showStarsPublicly: { value: true, decision } } } });
    expect(appraisalSettingsOf(own).showStarsPublicly).toBe(true);
  });

  it('refuses an overridden template that the engine refuses, naming the field', () => {
    const pack = presetFor('hall');
    const own = structuredClone(pack.appraisal.templates.window_staff);
    own.items[0].min = '40';
    const r = validatePolicyOverrides('hall', { appraisal: { templates: { window_staff: own } } });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toContain('items');
    expect(findAppraisalTemplate(pack, 'nope')).toBeUndefined();
  });
});
