/**
 * The appraisal template editor over HTTP (个人考核 issue #21): the pack's templates as version 1,
 * an edit saved as the next version, checked (400 naming the field), from the newest only (409),
 * audited, and resolveAppraisalTemplate giving any version back unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { resolveAppraisalTemplate } from '../../src/modules/appraisal-templates/index.js';

let t: TestApp;
let office: Session;
let hospOffice: Session;
let orgId: string;

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login('hall-quality-office');
  hospOffice = await t.login('hosp-quality-office');
  orgId = (await t.ctx.db.kysely.selectFrom('users').select('org_id').where('username', '=', 'hall-quality-office').executeTakeFirstOrThrow()).org_id;
});
afterAll(async () => t?.close());

const code = (r: { statusCode: number; json: () => { error?: { code: string } } }) => [r.statusCode, r.json().error?.code];

describe('appraisal templates', () => {
  it("lists the pack's templates per sector as version 1 (window staff in the hall; nurse and doctor in the hospital)", async () => {
    const hall = (await office.get('/api/v1/appraisal-templates')).json();
    expect(hall.items.map((i: { code: string; version: number; origin: string }) => [i.code, i.version, i.origin])).toEqual([['window_staff', 1, 'pack']]);
    expect((await hospOffice.get('/api/v1/appraisal-templates')).json().items.map((i: { code: string }) => i.code)).toEqual(['nurse', 'doctor']);
  });

  it('shows a template with each citation in words, never a raw seed line (000:L115 德能勤绩)', async () => {
    const res = await office.get('/api/v1/appraisal-templates/window_staff');
    expect(res.statusCode).toBe(200);
    const tpl = res.json();
    expect(tpl).toMatchObject({ code: 'window_staff', version: 1, latestVersion: 1, period: 'monthly', versions: [{ version: 1, origin: 'pack' }] });
    const de = tpl.items.find((i: { code: string }) => i.code === 'de');
    expect(de).toMatchObject({ kind: 'judged', range: { min: '0', max: '5' } });
    expect(de.citation.inWords[0].zh).toContain('急诊科开展优质服务举措');
    expect(JSON.stringify(tpl.items.map((i: { citation: unknown }) => i.citation))).not.toMatch(/\d{3}:L\d+/);
    expect(code(await office.get('/api/v1/appraisal-templates/nurse'))).toEqual([404, 'not_found']);
  });

  it('saves an edit as version 2 from version 1, audited; a second save from version 1 is a 409', async () => {
    const v1 = (await office.get('/api/v1/appraisal-templates/window_staff')).json();
    const definition = editable(v1);
    definition.items[0].max = '35';
    definition.items[0].decision = { zh: '本中心将满意率调为 35 分', en: 'Satisfaction weighs 35 here' };
    definition.items.find((i: { code: string }) => i.code === 'complaints').max = '10';
    const res = await office.post('/api/v1/appraisal-templates/window_staff/versions', { basedOnVersion: 1, definition });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: 'window_staff', version: 2, origin: 'organisation', basedOnVersion: 1 });
    expect(res.json().items[0]).toMatchObject({ max: '35', citation: { decision: { en: 'Satisfaction weighs 35 here' } } });
    const audit = await t.ctx.db.kysely.selectFrom('audit_log').selectAll().where('entity', '=', 'appraisal_template').execute();
    expect(audit.map((a) => a.entity_id)).toEqual(['window_staff@2']);

    expect(code(await office.post('/api/v1/appraisal-templates/window_staff/versions', { basedOnVersion: 1, definition }))).toEqual([409, 'version_conflict']);
    const list = (await office.get('/api/v1/appraisal-templates')).json().items;
    expect(list[0]).toMatchObject({ version: 2, origin: 'organisation' });
    const got = (await office.get('/api/v1/appraisal-templates/window_staff')).json();
    expect(got.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await office.get('/api/v1/appraisal-templates/window_staff?version=1')).json().items[0].max).toBe('30');
    expect(code(await office.get('/api/v1/appraisal-templates/window_staff?version=9'))).toEqual([404, 'not_found']);
  });

  it('refuses a template the engine refuses, naming the field, and stores nothing', async () => {
    const latest = (await office.get('/api/v1/appraisal-templates/window_staff')).json();
    const cases: [(d: any) => void, string, string][] = [
      [(d) => (d.items[1].code = d.items[0].code), 'body.definition.items.1.code', 'appraisal_template_duplicate_code'],
      [(d) => (d.items[0].min = '50'), 'body.definition.items.0.min', 'appraisal_template_min_above_max'],
      [(d) => (d.items.find((i: { kind: string }) => i.kind === 'judged').range.max = '9'), 'body.definition.items.7.range', 'appraisal_template_range_outside'],
      [(d) => (d.stars[1].atLeast = '99'), 'body.definition.stars.1', 'appraisal_template_stars_not_descending'],
      [(d) => (d.stars[0].payCoefficient = '-1'), 'body.definition.stars.0.payCoefficient', 'appraisal_template_negative'],
    ];
    for (const [edit, path, issue] of cases) {
      const d = editable(latest);
      edit(d);
      const res = await office.post('/api/v1/appraisal-templates/window_staff/versions', { basedOnVersion: latest.version, definition: d });
      expect([res.statusCode, res.json().error.code], path).toEqual([400, 'appraisal_template_invalid']);
      expect(res.json().error.details[0]).toMatchObject({ path, code: issue });
    }
    // An item without a citation or a decision fails the pack schema (every number says why).
    const bare = editable(latest);
    delete bare.items[0].source;
    delete bare.items[0].decision;
    const res = await office.post('/api/v1/appraisal-templates/window_staff/versions', { basedOnVersion: latest.version, definition: bare });
    expect(code(res)).toEqual([400, 'validation_failed']);
    expect(JSON.stringify(res.json().error.details)).toContain('body.definition.items.0');
    expect((await office.get('/api/v1/appraisal-templates/window_staff')).json().latestVersion).toBe(latest.version);
  });

  it('resolveAppraisalTemplate gives the newest, the pack (1) or a given version; undefined for what does not exist', async () => {
    expect((await resolveAppraisalTemplate(t.ctx, orgId, 'window_staff'))?.version).toBe(2);
    expect((await resolveAppraisalTemplate(t.ctx, orgId, 'window_staff', 1))?.items[0].max).toBe('30');
    expect((await resolveAppraisalTemplate(t.ctx, orgId, 'window_staff', 2))?.items[0].max).toBe('35');
    expect(await resolveAppraisalTemplate(t.ctx, orgId, 'window_staff', 3)).toBeUndefined();
    expect(await resolveAppraisalTemplate(t.ctx, orgId, 'nurse')).toBeUndefined();
  });
});

describe("a template with the office's own items", () => {
  it('a version without one item and with a judged item of its own: the next sheets carry it and the head scores it in range', async () => {
    const head = await t.login('hall-unit-head');
    const latest = (await office.get('/api/v1/appraisal-templates/window_staff')).json();
    const definition = editable(latest);
    const decision = { zh: '本中心以窗口礼仪代替查实投诉', en: 'Window etiquette replaces verified complaints here' };
    definition.items = definition.items.filter((i: { code: string }) => i.code !== 'complaints');
    definition.items.push({ code: 'local_1', label: { zh: '窗口礼仪', en: 'Window etiquette' }, group: 'de', kind: 'judged', max: '10', min: '0', range: { min: '0', max: '10' }, decision });
    const saved = await office.post('/api/v1/appraisal-templates/window_staff/versions', { basedOnVersion: latest.version, definition: { ...definition, decision } });
    expect(saved.statusCode, saved.body).toBe(201);

    const period = await office.post('/api/v1/appraisals/periods', { template: 'window_staff', period: '2026-06' });
    expect(period.statusCode, period.body).toBe(201);
    const [sheet] = (await head.get(`/api/v1/appraisals/sheets?periodId=${period.json().id}&pageSize=5`)).json().items as { id: string; version: number }[];
    const items = (s: { items: { code: string }[] }) => s.items.map((i) => i.code);
    const before = (await head.get(`/api/v1/appraisals/sheets/${sheet.id}`)).json();
    expect(items(before)).toContain('local_1');
    expect(items(before)).not.toContain('complaints');
    const judged = { de: '5', neng: '5', qin: '5', ji: '5' };
    // Out of its range: refused naming the item.
    const over = await head.put(`/api/v1/appraisals/sheets/${sheet.id}/judged`, { version: before.version, items: { ...judged, local_1: '10.5' } });
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain('local_1');
    const scored = await head.put(`/api/v1/appraisals/sheets/${sheet.id}/judged`, { version: before.version, items: { ...judged, local_1: '8' } });
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json().items.find((i: { code: string }) => i.code === 'local_1')).toMatchObject({ kind: 'judged', points: '8' });
  });
});

/** The definition as the editor sends it back: the template without what the server presents. */
function editable(tpl: any) {
  const strip = ({ citation: _c, ...rest }: any) => structuredClone(rest);
  return {
    label: tpl.label,
    post: tpl.post,
    period: tpl.period,
    items: tpl.items.map(strip),
    stars: tpl.stars.map(strip),
    ...(tpl.bottom ? { bottom: strip(tpl.bottom) } : {}),
    ...(tpl.source ? { source: tpl.source } : {}),
    ...(tpl.decision ? { decision: tpl.decision } : {}),
  };
}
