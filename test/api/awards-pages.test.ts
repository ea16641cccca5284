/**
 * The award pages outside the JSON API (issue 16 items 5 and 6): the public 公示 page with its
 * objection form (plain HTML, no login; an objection found true cancels the candidacy, 001:L315),
 * the 光荣榜 on the public board, and the winners' 荣誉证书 (Chinese PDF, audited): only for a
 * winner of an announced round, to the office or the winner themself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { havePdftotext, pdfText } from '../support/pdf.js';

const clock = fakeClock(Date.parse('2026-11-02T12:00:00+08:00'));
let t: TestApp;
let office: Session;
let staffUser: Session;
let head: Session;
const ids: Record<string, string> = {};
let roundId: string;
const nominations: Record<string, string> = {};

const form = (body: Record<string, string>) => new URLSearchParams(body).toString();
const postForm = (url: string, body: Record<string, string>) => t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(body) });

async function step(action: string, body: Record<string, unknown> = {}) {
  const version = (await office.get(`/api/v1/award-rounds/${roundId}`)).json().version;
  const res = await office.post(`/api/v1/award-rounds/${roundId}/${action}`, { version, ...body });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  office = await t.login('hosp-quality-office');
  staffUser = await t.login('hosp-staff');
  head = await t.login('hosp-unit-head');
  for (const s of (await office.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  // 优质服务标兵 (quarterly, the leadership decides): 张丽 (the demo window clerk), 刘洋, 周婷.
  roundId = (await office.post('/api/v1/award-rounds', { awardType: 'taixing.star', period: '2026-Q4' })).json().id;
  for (const badge of ['H1003', 'H1004', 'H1009']) {
    const res = await office.post(`/api/v1/award-rounds/${roundId}/nominations`, { staffId: ids[badge], reason: '服务热情，群众好评' });
    expect(res.statusCode, res.body).toBe(201);
    nominations[badge] = res.json().id;
  }
}, 120_000);
afterAll(async () => t?.close());

describe('评选公示 page (no login)', () => {
  it('is not there before the publicity', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/public/awards/${roundId}` });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('未找到该评选公示');
  });

  it('shows the candidates with their units and takes an objection from the form', async () => {
    await step('review');
    await step('publish');
    const page = await t.app.inject({ method: 'GET', url: `/public/awards/${roundId}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('示范县人民医院 · 评选公示');
    expect(page.body).toContain('<b>张丽</b> · 挂号收费窗口');
    expect(page.body).toContain('2026年第四季度');
    expect(page.body).toContain(`<option value="${nominations.H1004}">刘洋（挂号收费窗口）</option>`);
    const en = await t.app.inject({ method: 'GET', url: `/public/awards/${roundId}?lang=en` });
    expect(en.body).toContain('Raise an objection');

    const received = await postForm(`/public/awards/${roundId}/objection`, { nominationId: nominations.H1004, text: '该同志曾对患者态度生硬', contact: '13800000000' });
    expect(received.statusCode, received.body).toBe(201);
    expect(received.body).toContain('已收到您的异议');
    const objections = (await office.get(`/api/v1/award-rounds/${roundId}/objections`)).json();
    expect(objections).toEqual([expect.objectContaining({ nominationId: nominations.H1004, text: '该同志曾对患者态度生硬', contact: '13800000000', state: 'open' })]);
    const audit = await t.ctx.db.kysely.selectFrom('audit_log').selectAll().where('entity', '=', 'award_objection').execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses an incomplete form with the fields named, a stranger as the candidate, and junk — never a 500', async () => {
    const empty = await postForm(`/public/awards/${roundId}/objection`, { nominationId: '', text: 'abc' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="e-nominationId"');
    expect(empty.body).toContain('请填写异议内容（至少 5 个字）');
    expect(empty.body).toContain('>abc</textarea>');
    const stranger = await postForm(`/public/awards/${roundId}/objection`, { nominationId: roundId, text: '这个人不在名单上' });
    expect(stranger.statusCode).toBe(400);
    const junk = await t.app.inject({ method: 'POST', url: `/public/awards/${roundId}/objection`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'text=%E0%A4%A&&&nominationId[]=x' });
    expect(junk.statusCode).toBeLessThan(500);
    const unknown = await postForm('/public/awards/nope/objection', { nominationId: 'x', text: '12345' });
    expect(unknown.statusCode).toBe(404);
    expect((await office.get(`/api/v1/award-rounds/${roundId}/objections`)).json()).toHaveLength(1);
  });

  it('links the round from the public board while the publicity runs', async () => {
    const board = await t.app.inject({ method: 'GET', url: '/public/demo-hospital' });
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain(`href="/public/awards/${roundId}?lang=zh"`);
    expect(board.body).toContain('优质服务标兵（2026年第四季度）候选人公示');
  });

  it('001:L315 an objection found true cancels the candidacy; after the publicity the page takes no more objections', async () => {
    const [objection] = (await office.get(`/api/v1/award-rounds/${roundId}/objections`)).json();
    expect((await office.post(`/api/v1/award-rounds/${roundId}/objections/${objection.id}/decide`, { founded: true, reason: '经核实属实' })).statusCode).toBe(200);
    const page = await t.app.inject({ method: 'GET', url: `/public/awards/${roundId}` });
    expect(page.body).not.toContain('刘洋');
    clock.set(Date.parse('2026-11-10T09:00:00+08:00'));
    const closed = await t.app.inject({ method: 'GET', url: `/public/awards/${roundId}` });
    expect(closed.body).not.toContain('<form');
    expect(closed.body).toContain('不再受理异议');
    const late = await postForm(`/public/awards/${roundId}/objection`, { nominationId: nominations.H1003, text: '公示期已过的异议' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('不在公示期内');
  });
});

describe('荣誉证书 and 光荣榜', () => {
  const certificate = (who: Session, badge: string) => who.get(`/api/v1/award-rounds/${roundId}/nominations/${nominations[badge]}/certificate.pdf`);

  it('there is no certificate before the announcement (409)', async () => {
    await step('open-voting');
    const res = await certificate(office, 'H1003');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('round_state');
  });

  it.skipIf(!havePdftotext)('prints the winner\'s certificate in Chinese for the office and the winner, audited; none for a loser or another person', async () => {
    await step('announce', { winners: [nominations.H1003] });
    const res = await certificate(office, 'H1003');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('荣誉证书_张丽_2026-Q4.pdf');
    const text = pdfText(res.rawPayload).replace(/\s+/g, '');
    expect(text).toContain('荣誉证书');
    expect(text).toContain('挂号收费窗口张丽同志');
    expect(text).toContain('在示范县人民医院2026年第四季度评选中');
    expect(text).toContain('“优质服务标兵”称号');
    expect(text).toContain('二〇二六年十一月十日');
    // The winner downloads their own; a loser has none; a head does not print certificates.
    expect((await certificate(staffUser, 'H1003')).statusCode).toBe(200);
    expect((await certificate(office, 'H1009')).statusCode).toBe(404);
    expect((await certificate(head, 'H1003')).statusCode).toBe(403);
    const audit = await t.ctx.db.kysely.selectFrom('audit_log').selectAll().where('entity', '=', 'award_certificate').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0].entity_id).toBe(nominations.H1003);
  });

  it('puts the winner on the board\'s 光荣榜 and off the publicity links', async () => {
    const board = await t.app.inject({ method: 'GET', url: '/public/demo-hospital' });
    expect(board.body).toContain('光荣榜');
    expect(board.body).toContain('张丽<span class="muted">（挂号收费窗口）</span>');
    expect(board.body).not.toContain(`/public/awards/${roundId}`);
    const json = await t.app.inject({ method: 'GET', url: '/api/v1/public/organisations/demo-hospital/board' });
    expect(json.json().awards.honourRoll).toEqual([expect.objectContaining({ period: '2026-Q4', winners: [{ name: '张丽', unitName: '挂号收费窗口' }] })]);
  });
});
