/**
 * The sanction rules over HTTP (RULES §5): the rules in force in words with their citations, and
 * the preview of one rule on facts — the seeds' examples, the refusals naming their field, and an
 * organisation's override changing an amount.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type Session, type TestApp } from '../support/app.js';
import { systemActor } from '../../src/shared/access.js';
import { createOrganisation } from '../../src/modules/organisations/service.js';
import { createUser } from '../../src/modules/users/service.js';

let t: TestApp;
let admin: Session;
let inspector: Session;
let staff: Session;

beforeAll(async () => {
  t = await createTestApp();
  const org = await createOrganisation(t.ctx, { code: 'rules-bank', name: '测试银行营业部', sector: 'bank' });
  const sys = systemActor(org.id, 'test');
  for (const [username, role] of [['rules-admin', 'admin'], ['rules-inspector', 'inspector'], ['rules-staff', 'staff']] as const) {
    await createUser(t.ctx, sys, { username, password: testPassword, role });
  }
  admin = await t.login('rules-admin');
  inspector = await t.login('rules-inspector');
  staff = await t.login('rules-staff');
});
afterAll(async () => t?.close());

const preview = (s: Session, rule: string, facts: Record<string, unknown>) => s.post('/api/v1/sanctions/preview', { rule, facts });

describe('GET /api/v1/sanction-rules', () => {
  it('lists the bank rules in words with readable citations and the facts each reads', async () => {
    const res = await staff.get('/api/v1/sanction-rules');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { code: string; words: { zh: string }; citation: string; references: { text: { zh: string } }[]; facts: { name: string }[] }[];
    const stage = items.find((r) => r.code === 'psbc.stage_target')!;
    expect(stage.citation).toBe('003:L426–428');
    expect(stage.words.zh).toContain('1000 元 + 每差 1 分 200 元');
    expect(stage.references[0].text.zh).toContain('医院服务质量提升方案'); // the title of document 003
    expect(stage.facts.map((f) => f.name)).toEqual(['stage', 'target', 'score', 'repeat', 'priority']);
    expect(items.map((r) => r.code)).toEqual(expect.arrayContaining(['feixian.loud_noise', 'abc.score_bands']));
  });

  it('the hall lists its 首问 rule only (004:L188)', async () => {
    const hall = await t.login('hall-staff');
    expect((await hall.get('/api/v1/sanction-rules')).json().items.map((r: { code: string }) => r.code)).toEqual(['hall.first_responsibility']);
  });
});

describe('POST /api/v1/sanctions/preview', () => {
  it('PSBC stage 1, target 92, score 89 → 1000 + 3 × 200 = 1,600 元; at exactly 92 nothing (003:L427–428)', async () => {
    const res = await inspector.post('/api/v1/sanctions/preview', { rule: 'psbc.stage_target', facts: { stage: '1', target: 92, score: 89 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rule: 'psbc.stage_target', amountFen: 160_000, direction: 'fine', shares: [{ target: 'unit', count: 1, amountFenEach: 160_000 }], outcomes: [] });
    expect(res.json().breakdown.map((b: { zh: string }) => b.zh)).toContain('1000 元 + 3 分 × 200 元 = 1600 元');
    expect((await preview(inspector, 'psbc.stage_target', { stage: 1, target: 92, score: 92 })).json()).toMatchObject({ amountFen: 0, shares: [] });
  });

  it('loud noise with 4 present → 100 元 each, 400 元 in all (004:L178 第九条)', async () => {
    const res = await preview(admin, 'feixian.loud_noise', { present: 4 });
    expect(res.json()).toMatchObject({ amountFen: 40_000, shares: [{ target: 'person', count: 4, amountFenEach: 10_000 }], outcomes: ['notice_criticism'] });
  });

  it('a valid complaint marked serious must lie in 500–1,000 元 (004:L178 第十七条)', async () => {
    expect((await preview(admin, 'feixian.valid_complaint', { amountFen: 80_000, serious: true })).json().amountFen).toBe(80_000);
    const low = await preview(admin, 'feixian.valid_complaint', { amountFen: 40_000, serious: true });
    expect(low.statusCode).toBe(400);
    expect(low.json().error).toMatchObject({ code: 'amount_out_of_range', details: { field: 'amountFen', minFen: 50_000, maxFen: 100_000 } });
  });

  it('refusals name the field: a missing fact, a bad fact, a placeholder, an unknown rule', async () => {
    const missing = await preview(admin, 'psbc.stage_target', { stage: 1 });
    expect([missing.statusCode, missing.json().error.code, missing.json().error.details.field]).toEqual([400, 'fact_missing', 'score']);
    const bad = await preview(admin, 'psbc.stage_target', { stage: 1, score: 'eighty' });
    expect([bad.statusCode, bad.json().error.code, bad.json().error.details.field]).toEqual([400, 'fact_invalid', 'score']);
    const unset = await preview(admin, 'psbc.stage3', { rank: 20, score: 95 }); // 003:L429 "20xx"
    expect([unset.statusCode, unset.json().error.code, unset.json().error.details.field]).toEqual([422, 'policy_value_missing', 'psbc.stage3.bands.bottom_100.amountFen']);
    const unknown = await preview(admin, 'psbc.nothing', {});
    expect([unknown.statusCode, unknown.json().error.code, unknown.json().error.details.field]).toEqual([400, 'rule_unknown', 'rule']);
    const malformed = await admin.post('/api/v1/sanctions/preview', { rule: 'DROP TABLE', facts: { score: { nested: 1 } } });
    expect([malformed.statusCode, malformed.json().error.code]).toEqual([400, 'validation_failed']);
  });

  it('staff read the rules but do not compute fines', async () => {
    const res = await preview(staff, 'feixian.loud_noise', { present: 4 });
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'forbidden']);
  });

  it("an organisation's override changes the amount, with its own citation", async () => {
    const policy = (await admin.get('/api/v1/policy')).json();
    const decision = { zh: '本行 2026 年奖惩办法第 9 条：每人 150 元', en: 'Our 2026 rules, article 9: 150 yuan each' };
    const put = await admin.put('/api/v1/policy/overrides', { version: policy.version, overrides: { sanctionRules: { feixian: { loud_noise: { amountFen: { value: 15_000, decision } } } } } });
    expect(put.statusCode, put.body).toBe(200);
    expect((await preview(admin, 'feixian.loud_noise', { present: 4 })).json().amountFen).toBe(60_000);
    const listed = (await admin.get('/api/v1/sanction-rules')).json().items.find((r: { code: string }) => r.code === 'feixian.loud_noise');
    expect(listed.values).toEqual([{ path: 'amountFen', value: 15_000, decision, references: [] }]);
    expect(listed.words.zh).toBe('在场员工每人 150 元');
  });

  it('the OpenAPI document names the facts each rule reads', async () => {
    const doc = JSON.stringify((await t.anonymous.get('/api/openapi.json')).json());
    expect(doc).toContain('`psbc.stage_target`: stage (string, required), target (decimal), score (decimal, required), repeat (boolean), priority (boolean)');
    expect(doc).toContain('`feixian.loud_noise`: present (integer, required)');
    expect(doc).toContain('`feixian.valid_complaint`: amountFen (fen, required), serious (boolean)');
  });
});
