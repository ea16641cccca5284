import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';

// Issue 13 §4: case handling as hospitals run it — 审核办结 by the quality office (a pack setting,
// on for hospitals: 002:L129, 001:L467), the complainant's own rating, window staff reading the
// complaints about their window.
let t: TestApp;
const ids: Record<string, string> = {};
let s: Record<string, Session>;

beforeAll(async () => {
  t = await createTestApp();
  s = {};
  for (const u of ['hosp-admin', 'hosp-quality-office', 'hosp-unit-head', 'hosp-staff', 'hall-admin', 'hall-unit-head', 'hall-staff']) s[u] = await t.login(u);
  for (const admin of [s['hosp-admin'], s['hall-admin']]) {
    for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
    for (const x of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[x.badgeNo] = x.id;
    for (const x of (await admin.get('/api/v1/users?pageSize=100')).json().items) ids[x.username] = x.id;
  }
});
afterAll(async () => t?.close());

async function register(by: Session, body: Record<string, unknown>) {
  const res = await by.post('/api/v1/complaints', { channel: 'window', content: '收费窗口工作人员态度生硬，多次询问才作答。', category: 'attitude', complainant: { name: '李女士', phone: '13800000002' }, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function act(by: Session, id: string, action: string, body: Record<string, unknown> = {}) {
  const current = (await s['hosp-admin'].get(`/api/v1/cases/${id}`)).json();
  const version = current.version ?? (await s['hall-admin'].get(`/api/v1/cases/${id}`)).json().version;
  return by.post(`/api/v1/complaints/${id}/${action}`, { version, ...body });
}

/** assign → verify (不属实: no cause or measure needed) → the unit head's reply. */
async function answered(org: 'hosp' | 'hall', unit: string) {
  const c = await register(s[`${org}-staff`], { unitId: ids[unit] });
  expect((await act(s[`${org}-admin`], c.id, 'assign', { assigneeId: ids[`${org}-unit-head`] })).statusCode).toBe(200);
  expect((await act(s[`${org}-unit-head`], c.id, 'verify', { verdict: 'unsubstantiated', findings: '经调取监控，未见态度问题。' })).statusCode).toBe(200);
  const replied = await act(s[`${org}-unit-head`], c.id, 'reply', { channel: 'phone', content: '经核实，工作人员按规范作答，感谢您的监督。' });
  expect(replied.statusCode, replied.body).toBe(200);
  return { ...c, replied: replied.json() };
}

describe('审核办结 (pack casework.complaintReviewClose)', () => {
  it('the presets: on for hospitals (cited), off for a service hall (a marked decision)', async () => {
    const hosp = (await s['hosp-admin'].get('/api/v1/policy')).json();
    const hall = (await s['hall-admin'].get('/api/v1/policy')).json();
    expect(hosp.pack.casework.complaintReviewClose).toMatchObject({ value: true, source: '002:L129; 001:L467' });
    expect(hall.pack.casework.complaintReviewClose.value).toBe(false);
    expect(hall.pack.casework.complaintReviewClose.decision.zh).toBeTruthy();
  });

  it('on (hospital): the unit head\'s reply waits for review; only the quality office closes or sends back', async () => {
    const c = await answered('hosp', 'H-OPD-REG');
    expect(c.replied.status).toBe('awaiting_review');
    expect(c.replied.statusLabel.zh).toBe('待审核办结');
    expect(c.replied.clocks[0]).toMatchObject({ clockId: 'reply', state: 'stopped' });
    // The unit head can neither close nor sign off.
    expect(c.replied.actions).not.toContain('close');
    expect(c.replied.actions).not.toContain('review_close');
    const close = await act(s['hosp-unit-head'], c.id, 'close');
    expect(close.statusCode).toBe(409);
    expect(close.json().error.code).toBe('review_required');
    expect((await act(s['hosp-unit-head'], c.id, 'review_close')).statusCode).toBe(403);
    // The quality office sees both choices; 退回重办 sends the reply back to be redone.
    const office = (await s['hosp-quality-office'].get(`/api/v1/cases/${c.id}`)).json();
    expect(office.actions).toEqual(expect.arrayContaining(['review_close', 'send_back']));
    expect((await act(s['hosp-quality-office'], c.id, 'send_back', {})).statusCode).toBe(400);
    const back = await act(s['hosp-quality-office'], c.id, 'send_back', { reason: '答复过于简单，请说明核查经过。' });
    expect(back.json()).toMatchObject({ status: 'verified', data: { reply: null } });
    expect(back.json().data.previousReplies).toHaveLength(1);
    const again = await act(s['hosp-unit-head'], c.id, 'reply', { channel: 'phone', content: '经调取监控核查，工作人员按规范作答；已提醒耐心解释。' });
    expect(again.json().status).toBe('awaiting_review');
    const closed = await act(s['hosp-quality-office'], c.id, 'review_close', { note: '答复完整，同意办结。' });
    expect(closed.json()).toMatchObject({ status: 'closed', closed: true });
    expect(closed.json().timeline.map((e: { action: string }) => e.action)).toEqual(['register', 'assign', 'verify', 'reply', 'send_back', 'reply', 'review_close']);
  });

  it('off (service hall): the reply leaves the case replied and the unit head closes it; no review step', async () => {
    const c = await answered('hall', 'G-A-01');
    expect(c.replied.status).toBe('replied');
    expect(c.replied.actions).toContain('close');
    expect(c.replied.actions).not.toContain('review_close');
    const review = await act(s['hall-admin'], c.id, 'review_close');
    expect(review.statusCode).toBe(409);
    expect(review.json().error.code).toBe('review_not_required');
    expect((await act(s['hall-unit-head'], c.id, 'close')).json().status).toBe('closed');
  });

  it('an organisation may turn it off: then the hospital\'s unit head closes after the reply', async () => {
    const admin = s['hosp-admin'];
    const policy = (await admin.get('/api/v1/policy')).json();
    const off = await admin.put('/api/v1/policy/overrides', { version: policy.version, overrides: { ...policy.overrides, casework: { complaintReviewClose: { value: false, decision: { zh: '本院科室答复后直接办结。', en: 'Units close after their reply.' } } } } });
    expect(off.statusCode, off.body).toBe(200);
    try {
      const c = await answered('hosp', 'H-OPD-PHA');
      expect(c.replied.status).toBe('replied');
      expect((await act(s['hosp-unit-head'], c.id, 'close')).json().status).toBe('closed');
    } finally {
      const now = (await admin.get('/api/v1/policy')).json();
      expect((await admin.put('/api/v1/policy/overrides', { version: now.version, overrides: policy.overrides })).statusCode).toBe(200);
    }
  });
});

describe('the complainant rates the handling, not the handler', () => {
  it('the handler cannot type it; the reply SMS carries a signed link; the status page takes one rating', async () => {
    const c = await answered('hosp', 'H-OPD-INF');
    expect(c.replied.actions).not.toContain('record_satisfaction');
    expect((await act(s['hosp-quality-office'], c.id, 'record_satisfaction', { satisfaction: 'satisfied' })).statusCode).toBe(403);
    // Replied by phone: the rating is still asked by SMS, through the outbox, with the link code.
    const sms = await t.ctx.db.kysely.selectFrom('notifications').select(['channel', 'address', 'body']).where('case_id', '=', c.id).where('user_id', 'is', null).execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: 'sms', address: '13800000002' });
    const link = /\/public\/complaints\/status\?no=([^&\s]+)&code=([\w-]+)/.exec(sms[0].body)!;
    expect(link).not.toBeNull();
    expect(link[2]).not.toBe(c.queryCode);
    // The link opens the status page with the rating form.
    const page = await t.anonymous.get(link[0]);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('满意');
    expect(page.body).toContain('name="satisfaction"');
    // A wrong code opens nothing.
    expect((await t.anonymous.get(`/api/v1/public/complaints/${c.trackingNo}?code=wrongcode1`)).statusCode).toBe(404);
    const status = (await t.anonymous.get(`/api/v1/public/complaints/${c.trackingNo}?code=${link[2]}`)).json();
    expect(status.publicActions).toEqual(['record_satisfaction']);
    // The form on the page posts the rating.
    const posted = await t.app.inject({ method: 'POST', url: '/public/complaints/satisfaction', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `no=${c.trackingNo}&code=${link[2]}&satisfaction=basically_satisfied&note=${encodeURIComponent('处理及时')}` });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.body).toContain('基本满意');
    expect(posted.body).not.toContain('name="satisfaction"');
    // Once per reply: the query code given at intake cannot rate it again.
    const twice = await t.anonymous.post(`/api/v1/public/complaints/${c.trackingNo}/satisfaction`, { code: c.queryCode, satisfaction: 'dissatisfied' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('satisfaction_recorded');
    const after = (await s['hosp-quality-office'].get(`/api/v1/cases/${c.id}`)).json();
    expect(after.data.satisfaction).toMatchObject({ value: 'basically_satisfied', note: '处理及时', by: '投诉人' });
    expect(after.timeline.at(-1)).toMatchObject({ action: 'record_satisfaction', actor: '投诉人' });
  });

  it('nothing to rate before the reply; the query code rates it afterwards (JSON)', async () => {
    const c = await register(s['hosp-staff'], { unitId: ids['H-OPD-REG'] });
    const early = await t.anonymous.post(`/api/v1/public/complaints/${c.trackingNo}/satisfaction`, { code: c.queryCode, satisfaction: 'satisfied' });
    expect(early.statusCode).toBe(409);
    expect((await t.anonymous.post(`/api/v1/public/complaints/${c.trackingNo}/satisfaction`, { code: c.queryCode, satisfaction: 'great' })).statusCode).toBe(400);
  });
});

describe('window staff read the complaints about their window before assignment', () => {
  it('lists and shows complaints naming their window or them, without actions; not others', async () => {
    const office = s['hosp-quality-office'];
    const aboutWindow = await register(office, { unitId: ids['H-OPD-REG'], content: '挂号收费窗口排队时工作人员离岗。' });
    const aboutHer = await register(office, { unitId: ids['H-OPD-PHA'], staffId: ids.H1003, content: '张丽在药房窗口帮忙时解释不清。' });
    const elsewhere = await register(office, { unitId: ids['H-OPD-PHA'], content: '药房窗口等候时间长。' });
    const staff = s['hosp-staff'];
    const list = (await staff.get('/api/v1/cases?type=complaint&pageSize=100')).json();
    const seen = list.items.map((c: { id: string }) => c.id);
    expect(seen).toEqual(expect.arrayContaining([aboutWindow.id, aboutHer.id]));
    expect(seen).not.toContain(elsewhere.id);
    const detail = await staff.get(`/api/v1/cases/${aboutWindow.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ readOnly: true, actions: [], status: 'registered' });
    expect((await staff.get(`/api/v1/cases/${elsewhere.id}`)).statusCode).toBe(403);
    // Read-only: a note or a reply is refused.
    const note = await staff.post(`/api/v1/complaints/${aboutWindow.id}/note`, { version: aboutWindow.version, text: '我来处理' });
    expect(note.statusCode).toBe(403);
    // Once assigned to them, it is theirs to handle.
    await act(office, aboutWindow.id, 'assign', { assigneeId: ids['hosp-staff'] });
    const mine = (await staff.get(`/api/v1/cases/${aboutWindow.id}`)).json();
    expect(mine.readOnly).toBe(false);
    expect(mine.actions).toContain('note');
  });
});
