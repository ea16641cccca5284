import { describe, expect, it } from 'vitest';
import { resolveSchedule, activePhases, dueDateOf } from '../engines/campaigns/index.js';
import { campaignTemplateSchema, findCampaignTemplate, listCampaignTemplates } from './campaigns.js';
import { campaignTemplates } from './presets/campaigns.js';

describe('campaign templates (RULES §8)', () => {
  it('every preset passes the schema, with the codes the issue names', () => {
    for (const t of campaignTemplates) expect(campaignTemplateSchema.safeParse(t).error?.issues ?? []).toEqual([]);
    expect(listCampaignTemplates().map((t) => t.code)).toEqual(expect.arrayContaining(['taixing-2013', 'fumin', 'abc-service', 'hefei', 'hospital-quality-year']));
  });

  it('Taixing 2013: mobilise 21 Feb – 10 Mar, commitments due 31 March (001:L51, L59)', () => {
    const t = findCampaignTemplate('taixing-2013')!;
    const r = resolveSchedule(2013, t.phases);
    if (!r.ok) throw new Error('resolves');
    expect(r.phases[0]).toEqual({ code: 'mobilise', from: '2013-02-21', to: '2013-03-10' });
    expect(dueDateOf(2013, t.tasks.find((x) => x.code === 'commitments')!.due)).toBe('2013-03-31');
  });

  it('Fumin: the leaders’ article is due 6 May, outside its April phase (001:L751, L757)', () => {
    const t = findCampaignTemplate('fumin')!;
    const task = t.tasks.find((x) => x.code === 'leaders_article')!;
    const r = resolveSchedule(2011, t.phases);
    if (!r.ok) throw new Error('resolves');
    const phase = r.phases.find((p) => p.code === task.phase)!;
    const due = dueDateOf(2011, task.due);
    expect(due).toBe('2011-05-06');
    expect(due > phase.to).toBe(true);
    expect(t.tasks.map((x) => dueDateOf(2011, x.due))).toEqual(['2011-05-06', '2011-05-13', '2011-05-20', '2011-11-25', '2011-12-25']);
  });

  it('Hefei crosses the year and is accepted by 暗访 (002:L76–82)', () => {
    const t = findCampaignTemplate('hefei')!;
    const r = resolveSchedule(2013, t.phases);
    if (!r.ok) throw new Error('resolves');
    expect(r.phases.map((p) => [p.from, p.to])).toEqual([
      ['2013-12-31', '2014-01-30'],
      ['2014-01-31', '2014-02-28'],
      ['2014-03-01', '2014-03-31'],
    ]);
    expect(t.acceptanceByInspection.value).toBe(true);
  });

  it('hospital quality year: overlapping phases 3/17–4/1, 4/1–12/31, 6/1–12/31, 12/1–12/31 (003:L137–144)', () => {
    const t = findCampaignTemplate('hospital-quality-year')!;
    const r = resolveSchedule(2026, t.phases);
    if (!r.ok) throw new Error('resolves');
    expect(activePhases(r.phases, '2026-12-10').map((p) => p.code)).toEqual(['self_check', 'supervise', 'summarise']);
    // 次年1月10日前 (001:L687)
    expect(dueDateOf(2026, t.annualReport!.value)).toBe('2027-01-10');
  });

  it('refuses a template without a citation, with a task in no phase, or with an impossible date', () => {
    const t = structuredClone(findCampaignTemplate('fumin')!);
    delete (t.phases[0] as { source?: string }).source;
    t.tasks[0].phase = 'nope';
    t.phases[1].timing = { from: { month: 2, day: 30 }, to: { month: 3, day: 1 } };
    const paths = campaignTemplateSchema.safeParse(t).error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['phases.0', 'tasks.0.phase', 'phases.1.timing.from']));
  });
});
