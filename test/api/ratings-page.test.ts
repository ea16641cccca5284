import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { withPolicyOverrides } from '../support/policy.js';

/**
 * The public rating page (/r/c/<code>, /r/<token>): what the rater sees and what they are told
 * when something is wrong. The clock stands at Monday 2026-11-16, 10:00 Beijing time.
 */
let t: TestApp;
let admin: Session;
const ids: Record<string, string> = {};
const versions: Record<string, number> = {};
let windowCode = '';
let ip = 0;

beforeAll(async () => {
  t = await createTestApp({ clock: fakeClock(Date.parse('2026-11-16T10:00:00+08:00')) });
  admin = await t.login('hosp-admin');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) {
    ids[s.badgeNo] = s.id;
    versions[s.badgeNo] = s.version;
  }
  windowCode = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json().code;
});
afterAll(async () => t?.close());

const post = (url: string, fields: [string, string][]) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(), remoteAddress: `10.7.0.${ip++ % 200}` });
const stored = () => t.ctx.db.kysely.selectFrom('ratings').select(['level', 'comment', 'contact_phone']).execute();

describe('a form with mistakes comes back filled in, saying what is wrong with each field', () => {
  const longComment = '挂号窗口排队一个多小时，'.repeat(100); // 1 200 characters, over the 1 000 allowed
  const phone = '138-0013-8000 转 2';

  it('level 1 with a long comment and a phone with an extension: 400, both fields named, everything kept, nothing stored', async () => {
    const res = await post(`/r/c/${windowCode}`, [['level', '1'], ['reasons', 'long_wait'], ['reasons', 'attitude'], ['i_overall', '2'], ['comment', longComment], ['contactName', '王先生'], ['contactPhone', phone], ['idem', 'form-page-0001']]);
    expect(res.statusCode).toBe(400);
    const body = res.body;
    expect(body).toContain('请修改标注的内容后再提交');
    expect(body).toContain('电话格式不正确');
    expect(body).toContain('意见建议最多 1000 字，您填写了 1200 字');
    // The level was given: no "please choose a level".
    expect(body).not.toContain('请选择满意程度');
    // Every field as entered.
    expect(body).toMatch(/<input type="radio" name="level" value="1" required checked/);
    expect(body).not.toMatch(/value="5" required checked/);
    expect(body).toMatch(/value="long_wait" checked/);
    expect(body).toMatch(/value="attitude" checked/);
    expect(body).not.toMatch(/value="fees" checked/);
    expect(body).toContain('<option value="2" selected>');
    expect(body).toContain(`>${longComment}</textarea>`);
    expect(body).toContain('value="王先生"');
    expect(body).toContain(`value="${phone}"`);
    expect(body).toMatch(/id="contactPhone"[^>]*aria-invalid="true" aria-describedby="e-contactPhone"/);
    // The same submission key, so a corrected form still counts once.
    expect(body).toContain('name="idem" value="form-page-0001"');
    expect(await stored()).toEqual([]);
    // Still within the page budget, even carrying the long comment back.
    expect(zlib.gzipSync(body).length).toBeLessThan(30 * 1024);
  });

  it('in English too', async () => {
    const res = await post(`/r/c/${windowCode}?lang=en`, [['comment', longComment], ['contactPhone', phone]]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Please choose a level.');
    expect(res.body).toContain('The phone number is not valid');
    expect(res.body).toContain('Comments can be at most 1000 characters; yours has 1200');
  });

  it('no level: only the level is named, the comment and contact are kept', async () => {
    const res = await post(`/r/c/${windowCode}`, [['comment', '态度很好'], ['contactPhone', '13800138000']]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('请选择满意程度');
    expect(res.body).not.toContain('电话格式不正确');
    expect(res.body).toContain('>态度很好</textarea>');
    expect(res.body).toContain('value="13800138000"');
  });

  it('a reason that is not on the list is named as such', async () => {
    const res = await post(`/r/c/${windowCode}`, [['level', '2'], ['reasons', 'made_up'], ['comment', '不满意']]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('请从列表中选择不满意的原因');
    expect(res.body).toContain('>不满意</textarea>');
  });

  it('corrected, the same form is stored once', async () => {
    const fields: [string, string][] = [['level', '1'], ['comment', '排队太久'], ['contactPhone', '138-0013-8000'], ['idem', 'form-page-0001']];
    expect((await post(`/r/c/${windowCode}`, fields)).statusCode).toBe(201);
    expect((await post(`/r/c/${windowCode}`, fields)).statusCode).toBe(201);
    expect(await stored()).toEqual([{ level: 1, comment: '排队太久', contact_phone: '138-0013-8000' }]);
    // The same submission key with another rating is not a double tap: refused politely, nothing stored.
    const changed = await post(`/r/c/${windowCode}`, [['level', '5'], ['idem', 'form-page-0001']]);
    expect(changed.statusCode).toBe(422);
    expect(changed.body).toContain('您已提交过本次评价');
    expect(await stored()).toHaveLength(1);
  });
});

describe('who is rated', () => {
  it('a window code names the organisation and the window', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/r/c/${windowCode}` });
    expect(res.body).toContain('示范县人民医院');
    expect(res.body).toContain('挂号收费窗口');
    expect(res.body).not.toContain('工号');
  });

  it('a personal code names the staff member and badge number, nothing else about them', async () => {
    const patched = await admin.patch(`/api/v1/staff/${ids.H1004}`, { version: versions.H1004, phone: '13912345678' });
    expect(patched.statusCode).toBe(200);
    versions.H1004 = patched.json().version;
    const personal = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}&staffId=${ids.H1004}`)).json();
    expect(personal.staff).toEqual({ id: ids.H1004, name: '刘洋', badgeNo: 'H1004' });
    const res = await t.app.inject({ method: 'GET', url: `/r/c/${personal.code}` });
    expect(res.body).toContain('工作人员：刘洋（工号 H1004）');
    expect(res.body).toContain('示范县人民医院');
    expect(res.body).not.toContain('13912345678');
    expect((await t.app.inject({ method: 'GET', url: `/r/c/${personal.code}?lang=en` })).body).toContain('Staff member: 刘洋 (badge H1004)');
  });

  it('a one-time link for a staff member names them too', async () => {
    const token = (await admin.post('/api/v1/rating-tokens', { unitId: ids['H-OPD-PHA'], staffId: ids.H1005 })).json().token;
    const res = await t.app.inject({ method: 'GET', url: `/r/${token}` });
    expect(res.body).toContain('门诊药房窗口');
    expect(res.body).toContain('陈静（工号 H1005）');
  });

  it('the personal code of a staff member who has left collects no ratings: a polite page, and staff_inactive from the API', async () => {
    const code = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}&staffId=${ids.H1003}`)).json().code;
    // Used once while they serve (the code's target is cached from here on).
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code, level: 5 } })).statusCode).toBe(201);
    expect((await admin.delete(`/api/v1/staff/${ids.H1003}?version=${versions.H1003}`)).statusCode).toBe(200);
    const page = await t.app.inject({ method: 'GET', url: `/r/c/${code}` });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('已不在此岗位服务');
    expect(page.body).not.toContain('<form');
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code, level: 5 } });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('staff_inactive');
    expect((await post(`/r/c/${code}`, [['level', '5']])).statusCode).toBe(404);
    // No new code or link is issued for them; the window's own code still works.
    expect((await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}&staffId=${ids.H1003}`)).json().error.code).toBe('staff_inactive');
    expect((await admin.post('/api/v1/rating-tokens', { unitId: ids['H-OPD-REG'], staffId: ids.H1003 })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code: windowCode, level: 5 } })).statusCode).toBe(201);
  });
});

describe('the thank-you page promises only what will happen', () => {
  const thanks = async (fields: [string, string][]) => {
    const res = await post(`/r/c/${windowCode}`, fields);
    expect(res.statusCode).toBe(201);
    expect(res.body).toContain('感谢您的评价');
    return res.body;
  };

  it('a 差评 with a phone number: a callback', async () => {
    expect(await thanks([['level', '2'], ['reasons', 'long_wait'], ['contactPhone', '13500000009']])).toContain('我们会尽快核实整改并回访您');
  });

  it('a 差评 without one: no callback promised', async () => {
    const body = await thanks([['level', '2'], ['reasons', 'long_wait'], ['contactName', '匿名']]);
    expect(body).toContain('我们会尽快核实整改。');
    expect(body).not.toContain('回访');
  });

  it('a good rating: just thanks', async () => {
    const body = await thanks([['level', '5'], ['contactPhone', '13500000009']]);
    expect(body).not.toContain('整改');
    expect(body).not.toContain('回访');
  });
});

describe('the reasons block follows the pack', () => {
  // The reasons are hidden until one of these levels is picked (where the browser has :has()).
  const shownFor = (body: string) => [...body.matchAll(/form:has\(\.levels input\[value="(\d+)"\]:checked\) \.reasons/g)].map((m) => Number(m[1])).sort();

  it('shows for the pack\'s negative levels only (ratings.negativeLevels): 1 and 2 by default, 1 alone when the pack says so', async () => {
    expect(shownFor((await t.app.inject({ method: 'GET', url: `/r/c/${windowCode}` })).body)).toEqual([1, 2]);
    await withPolicyOverrides(admin, { ratings: { negativeLevels: { value: [1], decision: '本院只把非常不满意算作差评' } } }, async () => {
      expect(shownFor((await t.app.inject({ method: 'GET', url: `/r/c/${windowCode}` })).body)).toEqual([1]);
    });
  });
});
