import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { withPolicyOverrides } from '../support/policy.js';
import { presetFor } from '../../src/policy/index.js';
import { rawBuiltinDefinitions } from '../../src/modules/surveys/builtins.js';
import { surveyDefinitionSchema } from '../../src/modules/surveys/schema.js';

/**
 * 满意度调查 (RULES §3): the monthly nursing satisfaction survey (000:L89, 003:L116), the quarterly
 * canteen survey with "< 60 % → rectification" (003:L248); ANCHORS.md "Surveys and ratings":
 * SurveyJS-style JSON, Formbricks single-use links, NHS FFT % positive / % negative, NPS with
 * samples under 30 flagged. The clock stands at 2026-11-10 10:00 Beijing time.
 */
const clock = fakeClock(Date.parse('2026-11-10T02:00:00Z'));
let t: TestApp;
let admin: Session;
let quality: Session;
let head: Session;
const ids: Record<string, string> = {};
let ip = 0;

const t2 = (zh: string, en = zh) => ({ zh, en });
/** A small template exercising every question type and a condition. */
const testDefinition = {
  title: t2('测试问卷', 'Test survey'),
  questions: [
    { id: 'overall', type: 'five_level', required: true, title: t2('总体满意度', 'Overall') },
    {
      id: 'why',
      type: 'multiple',
      required: true,
      title: t2('不满意的原因', 'Why'),
      conditions: [{ question: 'overall', in: [2, 1] }],
      options: [
        { code: 'slow', ...t2('慢', 'Slow') },
        { code: 'rude', ...t2('态度差', 'Rude') },
        { code: 'other', ...t2('其他', 'Other') },
      ],
    },
    { id: 'visit', type: 'single', title: t2('就诊类型', 'Visit'), options: [{ code: 'first', ...t2('初诊', 'First') }, { code: 'repeat', ...t2('复诊', 'Repeat') }] },
    { id: 'recommend', type: 'nps', title: t2('推荐意愿', 'Recommend') },
    { id: 'comment', type: 'text', title: t2('意见建议', 'Comments') },
  ],
};

const answer = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/survey-responses', payload: body, headers, remoteAddress: `10.9.${Math.floor(ip / 200)}.${ip++ % 200}` });
const form = (url: string, fields: [string, string][]) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(), remoteAddress: `10.8.0.${ip++ % 200}` });

async function newSurvey(session: Session, body: Record<string, unknown>) {
  const res = await session.post('/api/v1/surveys', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

let customId = '';
let regSurvey: { id: string; code: string; url: string; version: number };

beforeAll(async () => {
  // Sessions outlast the coverage test’s move to December and January.
  t = await createTestApp({ clock, sessionHours: 24 * 90 });
  admin = await t.login('hosp-admin');
  quality = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
});
afterAll(async () => t?.close());

describe('templates as JSON (SurveyJS-style, ANCHORS.md)', () => {
  it('the seven built-ins parse, each with a five-level and (but the utility follow-up: customers cannot go elsewhere) an NPS question; the canteen one is about `canteen` (003:L248)', async () => {
    expect(Object.keys(rawBuiltinDefinitions).sort()).toEqual(['bank_branch', 'canteen_quarterly', 'discharge_followup', 'inpatient', 'outpatient', 'utility_followup', 'window']);
    for (const [code, def] of Object.entries(rawBuiltinDefinitions)) {
      const parsed = surveyDefinitionSchema.safeParse(def);
      expect(parsed.success, `${code}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      const types = parsed.data!.questions.map((q) => q.type);
      expect(types, code).toContain('five_level');
      if (code !== 'utility_followup') expect(types, code).toContain('nps');
    }
    const list = (await head.get('/api/v1/survey-templates')).json();
    expect(list.items.filter((x: { builtIn: boolean }) => x.builtIn).map((x: { id: string }) => x.id)).toEqual(['outpatient', 'inpatient', 'discharge_followup', 'window', 'canteen_quarterly']);
    const canteen = (await head.get('/api/v1/survey-templates/canteen_quarterly')).json();
    expect(canteen).toMatchObject({ builtIn: true, version: 0, title: { zh: '食堂季度满意度调查' }, definition: { subject: 'canteen', satisfactionQuestion: 'overall' } });
  });

  it('refuses bad definitions: conditions on later, unknown or text questions, values that are not answers, duplicate ids, empty options', async () => {
    const q = testDefinition.questions;
    const bad: [string, unknown[]][] = [
      ['condition on a later question', [{ ...q[1], conditions: [{ question: 'visit', equals: 'first' }] }, q[2]]],
      ['condition on an unknown question', [q[0], { ...q[1], conditions: [{ question: 'nope', equals: 1 }] }]],
      ['condition on a text question', [q[4], { ...q[2], conditions: [{ question: 'comment', equals: 'x' }] }]],
      ['condition value not an answer', [q[0], { ...q[1], conditions: [{ question: 'overall', in: [6] }] }]],
      ['condition value not an option', [q[2], { ...q[0], conditions: [{ question: 'visit', equals: 'third' }] }]],
      ['both equals and in', [q[0], { ...q[2], conditions: [{ question: 'overall', equals: 1, in: [1] }] }]],
      ['duplicate ids', [q[0], { ...q[3], id: 'overall' }]],
      ['empty options', [{ ...q[2], options: [] }]],
      ['options on an nps question', [{ ...q[3], options: [{ code: 'a', zh: 'a', en: 'a' }] }]],
      ['duplicate option codes', [{ ...q[2], options: [{ code: 'a', zh: 'a', en: 'a' }, { code: 'a', zh: 'b', en: 'b' }] }]],
    ];
    for (const [why, questions] of bad) {
      const res = await admin.post('/api/v1/survey-templates', { code: 'bad_one', definition: { title: t2('坏'), questions } });
      expect(res.statusCode, why).toBe(400);
      expect(res.json().error.code, why).toBe('validation_failed');
    }
    const res = await admin.post('/api/v1/survey-templates', { code: 'bad_one', definition: { title: t2('坏'), questions: [q[0], { ...q[1], conditions: [{ question: 'visit', equals: 'first' }] }, q[2]] } });
    expect(JSON.stringify(res.json().error.details)).toContain('earlier question');
    expect((await admin.get('/api/v1/survey-templates')).json().items.some((x: { code: string }) => x.code === 'bad_one')).toBe(false);
  });

  it('creates a template from scratch and as a copy of a built-in, audited; built-ins cannot be edited; a stale version is refused', async () => {
    const created = await quality.post('/api/v1/survey-templates', { code: 'opd_custom', definition: testDefinition });
    expect(created.statusCode, created.body).toBe(201);
    customId = created.json().id;
    expect(created.json()).toMatchObject({ builtIn: false, version: 1, code: 'opd_custom' });
    const copy = await admin.post('/api/v1/survey-templates', { code: 'nursing_monthly', copyOf: 'inpatient' });
    expect(copy.statusCode).toBe(201);
    expect(copy.json()).toMatchObject({ basedOn: 'inpatient', definition: { title: { zh: '住院患者满意度调查' } } });
    expect((await admin.post('/api/v1/survey-templates', { code: 'nursing_monthly', copyOf: 'inpatient' })).statusCode).toBe(409);
    expect((await admin.post('/api/v1/survey-templates', { code: 'outpatient', copyOf: 'inpatient' })).statusCode).toBe(409);
    expect((await head.post('/api/v1/survey-templates', { code: 'by_head', copyOf: 'inpatient' })).statusCode).toBe(403);

    const edited = { ...copy.json().definition, title: t2('护理满意度月度调查', 'Monthly nursing satisfaction') };
    const ok = await admin.patch(`/api/v1/survey-templates/${copy.json().id}`, { version: 1, definition: edited });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, title: { zh: '护理满意度月度调查' } });
    const stale = await admin.patch(`/api/v1/survey-templates/${copy.json().id}`, { version: 1, definition: edited });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const builtin = await admin.patch('/api/v1/survey-templates/inpatient', { version: 0 + 1, definition: edited });
    expect(builtin.json().error.code).toBe('builtin_template_readonly');
    const audit = (await admin.get('/api/v1/audit?entity=survey_template')).json().items;
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'create', 'update']);
  });
});

describe('surveys and public answering', () => {
  it('creates a monthly survey for a unit with a signed standing link; the form renders both languages', async () => {
    regSurvey = await newSurvey(quality, { templateId: customId, unitId: ids['H-OPD-REG'], cycle: 'monthly', startsOn: '2026-11-01' });
    expect(regSurvey.url).toBe(`/s/${regSurvey.code}`);
    const page = await t.app.inject({ method: 'GET', url: regSurvey.url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('测试问卷');
    expect(page.body).toContain('非常不满意');
    expect(page.body).toContain('仅当第 1 题选择');
    expect(page.body).not.toMatch(/<script/);
    expect((await t.app.inject({ method: 'GET', url: `${regSurvey.url}?lang=en` })).body).toContain('Very dissatisfied');
    const [payload] = regSurvey.code.split('.');
    expect((await t.app.inject({ method: 'GET', url: `/s/${payload}.AAAAAAAAAAAAAAAAAAAAAA` })).statusCode).toBe(404);
    const audit = (await admin.get('/api/v1/audit?entity=survey')).json().items[0];
    expect(audit).toMatchObject({ action: 'create', entityId: regSurvey.id, actor: 'hosp-quality-office' });
  });

  it('keeps the definition it was created with when the template changes later', async () => {
    const tpl = (await admin.get(`/api/v1/survey-templates/${customId}`)).json();
    await admin.patch(`/api/v1/survey-templates/${customId}`, { version: tpl.version, definition: { ...testDefinition, title: t2('改过的标题') } });
    expect((await admin.get(`/api/v1/surveys/${regSurvey.id}`)).json().title.zh).toBe('测试问卷');
  });

  it('JSON answers: a required question missing → 400; a hidden conditional question is not required and its answer is dropped', async () => {
    const missing = await answer({ code: regSurvey.code, answers: { visit: 'first' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ path: 'body.answers.overall', reason: 'required' })]);
    // 'why' shows only for 不满意 / 非常不满意: required then, not otherwise.
    const unhappy = await answer({ code: regSurvey.code, answers: { overall: 1 } });
    expect(unhappy.statusCode).toBe(400);
    expect(unhappy.json().error.details[0]).toMatchObject({ question: 'why', reason: 'required' });
    const happy = await answer({ code: regSurvey.code, answers: { overall: 5, why: ['slow'], recommend: 10 } });
    expect(happy.statusCode).toBe(201);
    const stored = await t.ctx.db.kysely.selectFrom('survey_responses').select('answers').where('id', '=', happy.json().id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.answers)).toEqual({ overall: 5, recommend: 10 });
    for (const bad of [{ overall: 6 }, { overall: 5, visit: 'third' }, { overall: 5, recommend: 11 }, { overall: 5, nope: 1 }, { overall: 2, why: ['slow', 'made_up'] }]) {
      expect((await answer({ code: regSurvey.code, answers: bad })).statusCode, JSON.stringify(bad)).toBe(400);
    }
  });

  it('a retried request with the same Idempotency-Key stores one response', async () => {
    const key = { 'idempotency-key': 'survey-retry-0001' };
    const first = await answer({ code: regSurvey.code, answers: { overall: 4 } }, key);
    const second = await answer({ code: regSurvey.code, answers: { overall: 4 } }, key);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect((await admin.get(`/api/v1/surveys/${regSurvey.id}`)).json().responses).toBe(2);
    // The same key with different answers is not a retry: refused, nothing stored, the first answer kept.
    const reused = await answer({ code: regSurvey.code, answers: { overall: 1 } }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
    expect((await admin.get(`/api/v1/surveys/${regSurvey.id}`)).json().responses).toBe(2);
  });

  it('links are absolute: YOUZHI_PUBLIC_URL when set, else the request origin', async () => {
    const own = (await admin.get(`/api/v1/surveys/${regSurvey.id}`)).json();
    expect(own.publicUrl).toBe(`http://localhost:80${regSurvey.url}`);
    t.ctx.config.publicUrl = 'https://pj.example.cn/youzhi';
    try {
      expect((await admin.get(`/api/v1/surveys/${regSurvey.id}`)).json().publicUrl).toBe(`https://pj.example.cn/youzhi${regSurvey.url}`);
      const listed = (await admin.get('/api/v1/surveys?pageSize=100')).json().items.find((x: { id: string }) => x.id === regSurvey.id);
      expect(listed.publicUrl).toBe(`https://pj.example.cn/youzhi${regSurvey.url}`);
      const link = (await admin.post(`/api/v1/surveys/${regSurvey.id}/links`, { expiresInDays: 3 })).json();
      expect(link.publicUrl).toBe(`https://pj.example.cn/youzhi${link.url}`);
      const qr = await admin.get(`/api/v1/surveys/${regSurvey.id}/qr.svg`);
      expect(qr.headers['content-type']).toContain('image/svg+xml');
      // Issue 12 item 7: ?base= may only name the public address.
      expect((await admin.get(`/api/v1/surveys/${regSurvey.id}/qr.svg?base=${encodeURIComponent('http://10.0.0.5:3000')}`)).json().error.code).toBe('public_url_not_allowed');
    } finally {
      t.ctx.config.publicUrl = null;
    }
  });

  it('the plain-HTML form: a missing required answer re-shows the form with the answers kept; a complete one thanks', async () => {
    const incomplete = await form(regSurvey.url, [['q_overall', '2'], ['q_comment', '排队太久'], ['idem', 'form-survey-0001']]);
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain('此题为必答题');
    expect(incomplete.body).toContain('排队太久');
    expect(incomplete.body).toMatch(/id="o-overall-2"[^>]*checked/);
    const done = await form(regSurvey.url, [['q_overall', '2'], ['q_why', 'slow'], ['q_why', 'rude'], ['q_comment', '排队太久'], ['idem', 'form-survey-0002']]);
    expect(done.statusCode).toBe(201);
    expect(done.body).toContain('感谢您的参与');
    const rows = await t.ctx.db.kysely.selectFrom('survey_answers').select(['question_id', 'choice']).where('question_id', '=', 'why').orderBy('seq').execute();
    expect(rows.map((r) => r.choice)).toEqual(['slow', 'rude']);
  });

  it('a rating code is not a survey code (signed under another domain): invalid code, nothing stored', async () => {
    const ratingCode = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json().code as string;
    const res = await answer({ code: ratingCode, answers: { overall: 5 } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.details).toMatchObject({ reason: 'invalid code' });
    expect((await t.app.inject({ method: 'GET', url: `/r/c/${regSurvey.code}` })).statusCode).toBe(404);
  });

  it('a single-use link answers once: the second attempt is 409 already_answered (Formbricks single-use links)', async () => {
    const link = await head.post(`/api/v1/surveys/${regSurvey.id}/links`, {});
    expect(link.statusCode).toBe(201);
    const { token, url } = link.json();
    expect(url).toBe(`/s/t/${token}`);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    expect((await answer({ token, answers: { overall: 5 } })).statusCode).toBe(201);
    const again = await answer({ token, answers: { overall: 1, why: ['rude'] } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_answered');
    const page = await t.app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('已使用过');
    // The HTML form spends its link once too; a double tap with the same form is not an error.
    const other = (await head.post(`/api/v1/surveys/${regSurvey.id}/links`)).json();
    const fields: [string, string][] = [['q_overall', '4'], ['idem', 'form-link-0001']];
    expect((await form(other.url, fields)).statusCode).toBe(201);
    expect((await form(other.url, fields)).statusCode).toBe(201);
    expect((await form(other.url, [['q_overall', '4'], ['idem', 'form-link-0002']])).statusCode).toBe(409);
    expect((await admin.get(`/api/v1/surveys/${regSurvey.id}`)).json().responses).toBe(5);
  });

  it('refuses answers outside the survey dates and a stale edit of the end date', async () => {
    const later = await newSurvey(admin, { templateId: 'window', unitId: ids['H-OPD-INF'], cycle: 'once', startsOn: '2026-12-01' });
    const res = await answer({ code: later.code, answers: { overall: 5 } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('survey_not_open');
    const ended = await admin.patch(`/api/v1/surveys/${later.id}`, { version: 1, endsOn: '2026-12-31' });
    expect(ended.json()).toMatchObject({ endsOn: '2026-12-31', version: 2 });
    expect((await admin.patch(`/api/v1/surveys/${later.id}`, { version: 1, endsOn: null })).statusCode).toBe(409);
    expect((await admin.patch(`/api/v1/surveys/${later.id}`, { version: 2, endsOn: '2026-11-30' })).statusCode).toBe(400);
  });
});

describe('results', () => {
  let survey: { id: string; code: string };

  it('five-level counts with % positive and % negative (NHS FFT), options, NPS with the small-sample flag, latest text paged', async () => {
    survey = await newSurvey(admin, { templateId: customId, unitId: ids['H-OPD-PHA'], cycle: 'monthly', startsOn: '2026-11-01' });
    const plan: [number, number, string, string[]?, string?][] = [
      [5, 10, 'first'],
      [5, 9, 'first'],
      [5, 9, 'first', undefined, '很好'],
      [5, 10, 'first'],
      [4, 8, 'first'],
      [4, 7, 'repeat'],
      [3, 6, 'repeat'],
      [2, 5, 'repeat', ['slow', 'rude'], '取药慢'],
      [1, 0, 'first', ['slow']],
      [1, 9, 'first', ['other'], '窗口没人'],
    ];
    for (const [overall, recommend, visit, why, comment] of plan) {
      clock.advance(60_000);
      const res = await answer({ code: survey.code, answers: { overall, recommend, visit, ...(why ? { why } : {}), ...(comment ? { comment } : {}) } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const r = (await quality.get(`/api/v1/surveys/${survey.id}/results?from=2026-11-01&to=2026-11-30&textPageSize=2`)).json();
    expect(r.responses).toBe(10);
    const q = Object.fromEntries(r.questions.map((x: { id: string }) => [x.id, x]));
    expect(q.overall.answered).toBe(10);
    expect(q.overall.levels.map((l: { value: number; count: number }) => [l.value, l.count])).toEqual([[5, 4], [4, 2], [3, 1], [2, 1], [1, 2]]);
    expect(q.overall.positive).toEqual({ count: 6, percent: 60 });
    expect(q.overall.negative).toEqual({ count: 3, percent: 30 });
    expect(q.visit.options).toEqual([expect.objectContaining({ code: 'first', count: 7, percent: 70 }), expect.objectContaining({ code: 'repeat', count: 3, percent: 30 })]);
    // Multiple choice: shares of the 3 who answered it.
    expect(q.why.answered).toBe(3);
    expect(q.why.options.map((o: { code: string; count: number; percent: number }) => [o.code, o.count, o.percent])).toEqual([['slow', 2, 66.67], ['rude', 1, 33.33], ['other', 1, 33.33]]);
    // NPS: promoters 9–10 = 5, passives 7–8 = 2, detractors 0–6 = 3 → (5 − 3) / 10 = +20, flagged under 30.
    expect(q.recommend.nps).toMatchObject({ responses: 10, promoters: 5, passives: 2, detractors: 3, score: 20, smallSample: true, promotersPercent: 50 });
    // Ten answers are under the pack's minimum sample (30): every percentage is flagged, not only NPS.
    expect(r.minSampleSize).toBe(30);
    expect(q.overall.smallSample).toBe(true);
    expect(q.visit.smallSample).toBe(true);
    expect(q.why.smallSample).toBe(true);
    expect(q.comment.latest).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(q.comment.latest.items.map((i: { text: string }) => i.text)).toEqual(['窗口没人', '取药慢']);
    const page2 = (await quality.get(`/api/v1/surveys/${survey.id}/results?textPage=2&textPageSize=2`)).json();
    expect(page2.questions.find((x: { id: string }) => x.id === 'comment').latest.items.map((i: { text: string }) => i.text)).toEqual(['很好']);
    // No subject: no pack threshold applies, satisfaction still reported (非常满意 + 满意).
    expect(r.thresholds).toEqual([]);
    expect(r.satisfaction).toMatchObject({ questionId: 'overall', satisfied: 6, answered: 10, percent: 60, smallSample: true });
    // A range without answers.
    const empty = (await quality.get(`/api/v1/surveys/${survey.id}/results?from=2026-10-01&to=2026-10-31`)).json();
    expect(empty.responses).toBe(0);
    expect(empty.questions[0].positive).toEqual({ count: 0, percent: null });
    expect((await quality.get(`/api/v1/surveys/${survey.id}/results?from=2026-11-30&to=2026-11-01`)).statusCode).toBe(400);
  });

  it('% positive and the satisfaction rate count the pack\'s positive levels (ratings.positiveLevels): only 非常满意 → 4 of 10', async () => {
    const url = `/api/v1/surveys/${survey.id}/results?from=2026-11-01&to=2026-11-30`;
    const overall = (r: { questions: { id: string }[] }) => r.questions.find((x) => x.id === 'overall') as Record<string, any>;
    await withPolicyOverrides(admin, { ratings: { positiveLevels: { value: [5], decision: '本院只把非常满意算作好评' } } }, async () => {
      const r = (await quality.get(url)).json();
      expect(overall(r).positive).toEqual({ count: 4, percent: 40 });
      expect(overall(r).negative).toEqual({ count: 3, percent: 30 });
      expect(r.satisfaction).toMatchObject({ satisfied: 4, answered: 10, percent: 40 });
    });
    expect(overall((await quality.get(url)).json()).positive).toEqual({ count: 6, percent: 60 });
  });

  it('% negative counts the pack\'s negative levels (ratings.negativeLevels): only 非常不满意 → 2 of 10', async () => {
    const url = `/api/v1/surveys/${survey.id}/results?from=2026-11-01&to=2026-11-30`;
    const overall = (r: { questions: { id: string }[] }) => r.questions.find((x) => x.id === 'overall') as Record<string, any>;
    await withPolicyOverrides(admin, { ratings: { negativeLevels: { value: [1], decision: '本院只把非常不满意算作差评' } } }, async () => {
      expect(overall((await quality.get(url)).json()).negative).toEqual({ count: 2, percent: 20 });
    });
    expect(overall((await quality.get(url)).json()).negative).toEqual({ count: 3, percent: 30 });
  });

  it('the built-ins ask "what were you unhappy with?" below the pack\'s positive levels', async () => {
    const unhappyIf = async () => {
      const def = (await head.get('/api/v1/survey-templates/outpatient')).json().definition as { questions: { id: string; conditions?: { in: number[] }[] }[] };
      return def.questions.find((q) => q.id === 'problems')!.conditions![0].in;
    };
    expect(await unhappyIf()).toEqual([3, 2, 1]);
    await withPolicyOverrides(admin, { ratings: { positiveLevels: { value: [5], decision: '本院只把非常满意算作好评' } } }, async () => {
      expect(await unhappyIf()).toEqual([4, 3, 2, 1]);
      const listed = (await head.get('/api/v1/survey-templates')).json().items.find((x: { id: string }) => x.id === 'window');
      expect(listed.definition.questions.find((q: { id: string }) => q.id === 'problems').conditions[0].in).toEqual([4, 3, 2, 1]);
    });
    expect(await unhappyIf()).toEqual([3, 2, 1]);
  });

  it('NPS: 29 answers are flagged as a small sample, exactly 30 are not (ANCHORS.md)', async () => {
    const nps = await newSurvey(admin, { templateId: customId, unitId: ids['H-OPD-INF'], cycle: 'monthly', startsOn: '2026-11-01' });
    for (let i = 0; i < 29; i++) expect((await answer({ code: nps.code, answers: { overall: 5, recommend: i % 11 } })).statusCode).toBe(201);
    const results29 = (await admin.get(`/api/v1/surveys/${nps.id}/results`)).json();
    const question = (r: { questions: { id: string }[] }, id: string) => r.questions.find((x) => x.id === id) as Record<string, any>;
    expect(question(results29, 'recommend').nps).toMatchObject({ responses: 29, smallSample: true });
    // The same minimum for the five-level question and the satisfaction rate.
    expect(question(results29, 'overall')).toMatchObject({ answered: 29, smallSample: true });
    expect(results29.satisfaction).toMatchObject({ answered: 29, smallSample: true });
    expect((await answer({ code: nps.code, answers: { overall: 5, recommend: 10 } })).statusCode).toBe(201);
    const results30 = (await admin.get(`/api/v1/surveys/${nps.id}/results`)).json();
    expect(question(results30, 'recommend').nps).toMatchObject({ responses: 30, smallSample: false });
    expect(question(results30, 'overall')).toMatchObject({ answered: 30, smallSample: false });
    expect(results30.satisfaction.smallSample).toBe(false);
    // The minimum is a pack value: an organisation that wants 50 sees 30 answers flagged again.
    const policy = (await admin.get('/api/v1/policy')).json();
    expect((await admin.put('/api/v1/policy/overrides', { version: policy.version, overrides: { ratings: { minSampleSize: { value: 50, decision: '本院按50份判断小样本' } } } })).statusCode).toBe(200);
    const strict = (await admin.get(`/api/v1/surveys/${nps.id}/results`)).json();
    expect(strict.minSampleSize).toBe(50);
    expect(question(strict, 'recommend').nps.smallSample).toBe(true);
    expect(strict.satisfaction.smallSample).toBe(true);
    const again = (await admin.get('/api/v1/policy')).json();
    expect((await admin.put('/api/v1/policy/overrides', { version: again.version, overrides: {} })).statusCode).toBe(200);
  });

  it('the quarterly canteen survey is judged against the pack threshold "< 60 %" (003:L248): 50 % → rectification, exactly 60 % passes', async () => {
    const canteenUnit = (await admin.post('/api/v1/units', { code: 'H-CANTEEN', name: '职工食堂', kind: 'office', parentId: ids.H })).json();
    ids['H-CANTEEN'] = canteenUnit.id;
    const canteen = await newSurvey(admin, { templateId: 'canteen_quarterly', unitId: canteenUnit.id, cycle: 'quarterly', startsOn: '2026-10-01' });
    for (const overall of [5, 4, 2, 1]) expect((await answer({ code: canteen.code, answers: { overall } })).statusCode).toBe(201);
    const url = `/api/v1/surveys/${canteen.id}/results?from=2026-10-01&to=2026-12-31`;
    const half = (await quality.get(url)).json();
    expect(half.satisfaction).toMatchObject({ satisfied: 2, answered: 4, percent: 50 });
    expect(half.thresholds).toEqual([expect.objectContaining({ id: 'canteen_satisfaction', op: 'lt', value: 0.6, subject: 'canteen', source: '003:L248', met: true, pass: false, rectificationRequired: true })]);
    expect((await answer({ code: canteen.code, answers: { overall: 4 } })).statusCode).toBe(201);
    const sixty = (await quality.get(url)).json();
    expect(sixty.satisfaction.percent).toBe(60);
    expect(sixty.thresholds[0]).toMatchObject({ met: false, pass: true, rectificationRequired: false });
    // Nothing hard-coded: a pack that sets the canteen line at 70 % fails the same 60 %.
    const policy = (await admin.get('/api/v1/policy')).json();
    const rule = presetFor('hospital').ratings.thresholds.canteen_satisfaction.value;
    const overrides = { ratings: { thresholds: { canteen_satisfaction: { value: { ...rule, value: 0.7 }, decision: '本院食堂满意度低于70%即整改' } } } };
    expect((await admin.put('/api/v1/policy/overrides', { version: policy.version, overrides })).statusCode).toBe(200);
    expect((await quality.get(url)).json().thresholds[0]).toMatchObject({ value: 0.7, pass: false, rectificationRequired: true });
    const again = (await admin.get('/api/v1/policy')).json();
    expect((await admin.put('/api/v1/policy/overrides', { version: again.version, overrides: {} })).statusCode).toBe(200);
  });
});

describe('missing surveys (coverage)', () => {
  it('per unit and period: monthly surveys in the month, quarterly ones in its quarter; no response → pending while the period runs, missing after', async () => {
    const idle = await newSurvey(admin, { templateId: 'inpatient', unitId: ids['H-IM-W1'], cycle: 'monthly', startsOn: '2026-11-01' });
    await newSurvey(admin, { templateId: 'inpatient', unitId: ids['H-SUR-W1'], cycle: 'monthly', startsOn: '2026-09-01', endsOn: '2026-10-31' });
    // 10 November: November is still running, so a survey without a response yet is pending, not missing.
    const nov = (await quality.get('/api/v1/surveys/coverage?period=2026-11')).json();
    const byCode = Object.fromEntries(nov.items.map((i: { unitCode: string }) => [i.unitCode, i]));
    expect(nov.today).toBe('2026-11-10');
    expect(byCode['H-OPD-REG']).toMatchObject({ state: 'done', missing: false, surveys: [expect.objectContaining({ cycle: 'monthly', period: '2026-11', state: 'done', missing: false })] });
    expect(byCode['H-IM-W1']).toMatchObject({ state: 'pending', missing: false, surveys: [expect.objectContaining({ surveyId: idle.id, responses: 0, state: 'pending', missing: false })] });
    expect(byCode['H-CANTEEN']).toMatchObject({ state: 'done', missing: false, surveys: [expect.objectContaining({ cycle: 'quarterly', period: '2026-Q4', responses: 5 })] });
    // The surgical ward's survey ended in October; the once-only survey is never "missing".
    expect(byCode['H-SUR-W1']).toBeUndefined();
    expect(nov.items.flatMap((i: { surveys: { cycle: string }[] }) => i.surveys).some((s: { cycle: string }) => s.cycle === 'once')).toBe(false);
    expect(nov).toMatchObject({ missingUnits: 0, pendingUnits: 1 });
    const oct = (await quality.get('/api/v1/surveys/coverage?period=2026-10')).json();
    expect(oct.items.find((i: { unitCode: string }) => i.unitCode === 'H-SUR-W1')).toMatchObject({ state: 'missing', missing: true });
    expect((await quality.get('/api/v1/surveys/coverage?period=2026-13')).statusCode).toBe(400);

    const now = clock.now();
    try {
      // 1 December, 10:00 Beijing time: November has ended — the idle ward is missing; December has only begun.
      clock.set(Date.parse('2026-12-01T02:00:00Z'));
      const novAfter = (await quality.get('/api/v1/surveys/coverage?period=2026-11')).json();
      expect(novAfter.items.find((i: { unitCode: string }) => i.unitCode === 'H-IM-W1')).toMatchObject({ state: 'missing', missing: true });
      expect(novAfter).toMatchObject({ missingUnits: 1, pendingUnits: 0 });
      const dec = (await quality.get('/api/v1/surveys/coverage?period=2026-12')).json();
      expect(dec.items.find((i: { unitCode: string }) => i.unitCode === 'H-OPD-REG')).toMatchObject({ state: 'pending', missing: false });
      // The quarter (Q4) has responses: done, whatever the month.
      expect(dec.items.find((i: { unitCode: string }) => i.unitCode === 'H-CANTEEN')).toMatchObject({ state: 'done', missing: false });
      expect(dec.missingUnits).toBe(0);
      // 31 December is still December; on 1 January the month is over.
      clock.set(Date.parse('2026-12-31T15:59:00Z'));
      expect((await quality.get('/api/v1/surveys/coverage?period=2026-12')).json().items.find((i: { unitCode: string }) => i.unitCode === 'H-OPD-REG').state).toBe('pending');
      clock.set(Date.parse('2026-12-31T16:00:00Z'));
      expect((await quality.get('/api/v1/surveys/coverage?period=2026-12')).json().items.find((i: { unitCode: string }) => i.unitCode === 'H-OPD-REG')).toMatchObject({ state: 'missing', missing: true });
    } finally {
      clock.set(now);
    }
    const q4 = (await quality.get('/api/v1/surveys/coverage?period=2026-Q4')).json();
    expect(q4.items.map((i: { unitCode: string }) => i.unitCode)).toEqual(['H-CANTEEN']);
  });

  it('front-line staff hand out single-use links for their unit but do not read results or coverage', async () => {
    const staff = await t.login('hosp-staff');
    expect((await staff.post(`/api/v1/surveys/${regSurvey.id}/links`, { expiresInDays: 3 })).statusCode).toBe(201);
    expect((await staff.get(`/api/v1/surveys/${regSurvey.id}/results`)).statusCode).toBe(403);
    expect((await staff.get('/api/v1/surveys/coverage?period=2026-11')).statusCode).toBe(403);
    expect((await staff.post('/api/v1/surveys', { templateId: 'window', unitId: ids['H-OPD-REG'], cycle: 'monthly', startsOn: '2026-11-01' })).statusCode).toBe(403);
  });

  it('a unit head sees only their subtree', async () => {
    const mine = (await head.get('/api/v1/surveys/coverage?period=2026-11')).json();
    expect(mine.items.map((i: { unitCode: string }) => i.unitCode).sort()).toEqual(['H-OPD-INF', 'H-OPD-PHA', 'H-OPD-REG']);
    expect((await head.get(`/api/v1/surveys/coverage?period=2026-11&unitId=${ids['H-IM']}`)).statusCode).toBe(403);
    expect((await head.post('/api/v1/surveys', { templateId: 'inpatient', unitId: ids['H-IM-W1'], cycle: 'monthly', startsOn: '2026-11-01' })).statusCode).toBe(403);
  });
});
