import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { SECTORS, presetFor } from '../../src/policy/index.js';
import { suggestedMeasures } from '../../src/modules/reports/measures.js';

/**
 * Issue 13 item 2: 差评 reasons, complaint categories and survey templates come from the sector's
 * pack — a hospital reads 候诊时间长, not a service hall's 多次跑腿 — and codes stored under an
 * earlier list still show their words.
 */
const clock = fakeClock(Date.parse('2026-11-16T10:00:00+08:00'));
let t: TestApp;
let hospital: Session;
let hall: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock });
  hospital = await t.login('hosp-admin');
  hall = await t.login('hall-admin');
  for (const u of (await hospital.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
});
afterAll(async () => t?.close());

const codes = (items: { code: string }[]) => items.map((i) => i.code);

describe('the sector lists in the pack', () => {
  it('a hospital offers its own 差评 reasons, a hall keeps GB/T 39734’s', async () => {
    const h = (await hospital.get('/api/v1/ratings/reasons')).json();
    const zh = h.items.map((i: { zh: string }) => i.zh);
    for (const words of ['候诊时间长', '医患沟通不足', '服务态度差', '收费有疑问', '环境不整洁', '隐私保护不到位']) expect(zh).toContain(words);
    expect(zh).not.toContain('多次跑腿');
    expect(zh).not.toContain('办事指南不清楚');
    const g = (await hall.get('/api/v1/ratings/reasons')).json();
    expect(codes(g.items)).toEqual(['slow', 'attitude', 'not_told_once', 'repeat_visits', 'guide_unclear', 'fees', 'environment', 'other']);
    expect(g.items.find((i: { code: string }) => i.code === 'repeat_visits').source).toBe('GB/T 39734');
  });

  it('complaint categories differ by sector: the public form of a hospital offers 诊疗质量 and 隐私保护', async () => {
    const h = (await t.anonymous.get('/api/v1/public/organisations/demo-hospital/complaint-categories')).json();
    expect(codes(h.categories)).toEqual(presetFor('hospital').wording.complaintCategories.value.map((i) => i.code));
    expect(codes(h.categories)).toEqual(expect.arrayContaining(['medical_quality', 'privacy', 'medication']));
    const g = (await hall.get('/api/v1/complaints/taxonomies/categories')).json();
    expect(codes(g.items)).not.toContain('medical_quality');
    expect(codes(g.items)).toEqual(['attitude', 'efficiency', 'competence', 'fees', 'environment', 'discipline', 'other']);
  });

  it('built-in survey templates per sector; a window survey asks about the sector’s reasons', async () => {
    const h = (await hospital.get('/api/v1/survey-templates')).json().items.filter((x: { builtIn: boolean }) => x.builtIn);
    expect(codes(h)).toEqual(['outpatient', 'inpatient', 'discharge_followup', 'window', 'canteen_quarterly']);
    const g = (await hall.get('/api/v1/survey-templates')).json().items.filter((x: { builtIn: boolean }) => x.builtIn);
    expect(codes(g)).toEqual(['window']);
    const problems = (tpl: { definition: { questions: { id: string; options?: { zh: string }[] }[] } }) => tpl.definition.questions.find((q) => q.id === 'problems')!.options!.map((o) => o.zh);
    expect(problems(h.find((x: { code: string }) => x.code === 'window'))).toContain('候诊时间长');
    expect(problems(g[0])).toContain('多次跑腿');
    expect(problems(h.find((x: { code: string }) => x.code === 'window'))).not.toContain('多次跑腿');
  });

  it('a rating with a reason of another list is refused; a reason retired later still shows its words', async () => {
    const code = (await hospital.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json().code as string;
    const rate = (reasons: string[]) => t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code, level: 1, reasons }, remoteAddress: `10.9.0.${Math.floor(Math.random() * 200)}` });
    const refused = await rate(['repeat_visits']);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toEqual(['body.reasons']);
    // The office once used the hall's list (its own edit), rated under it, then went back to the hospital's.
    const before = (await hospital.get('/api/v1/ratings/reasons')).json();
    const hallSlow = { code: 'slow', zh: '办事效率低、等候时间长', en: 'Slow service, long wait', active: true };
    const edited = (await hospital.put('/api/v1/ratings/reasons', { version: before.version, items: [...before.items, hallSlow] })).json();
    clock.advance(60_000);
    expect((await rate(['slow'])).statusCode).toBe(201);
    const items = edited.items.filter((i: { code: string }) => i.code !== 'slow');
    expect((await hospital.put('/api/v1/ratings/reasons', { version: edited.version, items })).statusCode).toBe(200);
    const listed = (await hospital.get('/api/v1/ratings?from=2026-11-16&to=2026-11-16&negative=true')).json();
    expect(listed.items[0].reasons).toEqual([{ code: 'slow', zh: '办事效率低、等候时间长', en: 'Slow service, long wait' }]);
    const reasons = (await hospital.get('/api/v1/ratings/reasons')).json();
    expect(codes(reasons.items)).not.toContain('slow');
    expect(reasons.labels.slow.zh).toBe('办事效率低、等候时间长');
    const stats = (await hospital.get('/api/v1/stats/ratings?from=2026-11-16&to=2026-11-16')).json();
    expect(stats.groups[0].reasons).toContainEqual(expect.objectContaining({ code: 'slow', zh: '办事效率低、等候时间长' }));
  });
});

describe('suggested measures for every sector’s reasons', () => {
  it('each reason but 其他 has a measure of its own, worded for the sector', () => {
    const fallback = '逐条核实原因，制定整改措施并回访评价人';
    for (const sector of SECTORS) {
      for (const r of presetFor(sector).wording.ratingReasons.value.filter((x) => x.code !== 'other')) {
        const [measure] = suggestedMeasures({ breaches: [], overdue: { total: 0, severe: 0 }, talks: [], reasons: [{ code: r.code, label: r.zh, count: 3 }], sector });
        expect(measure, `${sector}.${r.code}`).toContain(`“${r.zh}”（3 条）`);
        expect(measure, `${sector}.${r.code}`).not.toContain(fallback);
      }
    }
    const bankPrivacy = suggestedMeasures({ breaches: [], overdue: { total: 0, severe: 0 }, talks: [], reasons: [{ code: 'privacy', label: '个人信息保护不到位', count: 1 }], sector: 'bank' })[0];
    expect(bankPrivacy).not.toContain('一人一诊一室');
  });
});
