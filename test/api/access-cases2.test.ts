import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';

/**
 * Access checks for the inquiry (首问负责) and application (受理) routes and the service guide, in
 * the style of access.test.ts: the hospital's unit head (门诊部, H-OPD) aimed at records of another
 * unit (内科, H-IM) or at organisation-level administration gets 403, or — for lists — only their
 * subtree. access.test.ts counts the route keys below towards its coverage rule.
 */
let t: TestApp;
let head: Session;
let admin: Session;
const ids: Record<string, string> = {};
const versions: Record<string, number> = {};

type Check = { kind: 'forbidden' | 'filtered' | 'self'; run: () => Promise<void> };

async function expect403(res: { statusCode: number; json(): any }) {
  expect(res.statusCode, JSON.stringify(res.json?.() ?? {})).toBe(403);
  expect(['forbidden', 'out_of_scope']).toContain(res.json().error.code);
}

const guide = {
  name: '出生医学证明补发',
  responsibleBody: '示范县人民医院',
  legalBasis: '《出生医学证明管理办法》',
  conditions: '在本院出生的新生儿',
  procedure: '申请 → 核对 → 补发',
  materials: [
    { code: 'form', name: '补发申请表', required: true },
    { code: 'id', name: '父母身份证', required: true },
  ],
  statutoryLimitDays: 20,
  committedLimitDays: 10,
  fees: '不收费',
  complaintChannels: ['医院投诉电话 0000-120'],
};

beforeAll(async () => {
  t = await createTestApp();
  head = await t.login('hosp-unit-head');
  admin = await t.login('hosp-admin');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  // Another unit's records: an inquiry first taken by 内科's director, an application handled by 内科.
  const inquiry = (await admin.post('/api/v1/inquiries', { channel: 'phone', question: '内科专家门诊哪天出诊？', firstResponderId: ids.H1007 })).json();
  ids.inquiry = inquiry.id;
  versions.inquiry = inquiry.version;
  const ownInquiry = (await admin.post('/api/v1/inquiries', { channel: 'window', question: '挂号窗口几点开？', firstResponderId: ids.H1003 })).json();
  ids.ownInquiry = ownInquiry.id;
  const item = (await admin.post('/api/v1/service-items', { ...guide, code: 'IM-001', unitId: ids['H-IM'] })).json();
  ids.item = item.id;
  versions.item = item.version;
  const ownItem = (await admin.post('/api/v1/service-items', { ...guide, code: 'OPD-001', name: '门诊病历复印', unitId: ids['H-OPD'] })).json();
  ids.ownItem = ownItem.id;
  const application = (await admin.post('/api/v1/applications', { serviceItemId: ids.item, applicant: { name: '陈女士' }, materials: ['form', 'id'] })).json();
  ids.application = application.id;
  versions.application = application.version;
  const ownApplication = (await admin.post('/api/v1/applications', { serviceItemId: ids.ownItem, applicant: { name: '刘先生' }, materials: ['form'] })).json();
  ids.ownApplication = ownApplication.id;
});
afterAll(async () => t?.close());

const checks: Record<string, Check> = {
  'POST /api/v1/inquiries': {
    kind: 'self',
    // Anyone asked first may record it for any unit (首问负责), but that gives no access to the unit's records.
    run: async () => {
      const res = await head.post('/api/v1/inquiries', { channel: 'phone', question: '代内科登记的咨询', unitId: ids['H-IM'] });
      expect(res.statusCode).toBe(201);
      expect(res.json().firstResponderId).toBe(ids.H1002);
      await expect403(await head.get(`/api/v1/cases/${res.json().id}`));
      // The case list shows inquiries of the caller's subtree only.
      const listed = (await head.get('/api/v1/cases?type=inquiry&pageSize=100')).json().items.map((c: { id: string }) => c.id);
      expect(listed).toContain(ids.ownInquiry);
      expect(listed).not.toContain(ids.inquiry);
      expect(listed).not.toContain(res.json().id);
      // A unit head cannot stamp another person as first responder.
      expect((await head.post('/api/v1/inquiries', { channel: 'phone', question: '？', firstResponderId: ids.H1007 })).statusCode).toBe(400);
    },
  },
  'POST /api/v1/inquiries/:id/:action': {
    kind: 'forbidden',
    run: async () => {
      await expect403(await head.post(`/api/v1/inquiries/${ids.inquiry}/answer`, { version: versions.inquiry, answer: '越权答复' }));
      await expect403(await head.post(`/api/v1/inquiries/${ids.inquiry}/transfer`, { version: versions.inquiry, unitId: ids['H-OPD'], contact: { phone: '0000-1' } }));
    },
  },
  'GET /api/v1/service-items': {
    kind: 'self',
    // The service guide is published to everyone (also without login): no unit scope applies.
    run: async () => {
      const codes = (await head.get('/api/v1/service-items?pageSize=100')).json().items.map((i: { code: string }) => i.code);
      expect(codes).toEqual(expect.arrayContaining(['IM-001', 'OPD-001']));
    },
  },
  'GET /api/v1/service-items/:id': { kind: 'self', run: async () => expect((await head.get(`/api/v1/service-items/${ids.item}`)).json().code).toBe('IM-001') },
  'POST /api/v1/service-items': {
    kind: 'forbidden',
    run: async () => {
      await expect403(await head.post('/api/v1/service-items', { ...guide, code: 'X-1', unitId: ids['H-IM'] }));
      await expect403(await head.post('/api/v1/service-items', { ...guide, code: 'X-2', unitId: ids['H-OPD'] }));
    },
  },
  'PATCH /api/v1/service-items/:id': {
    kind: 'forbidden',
    run: async () => {
      await expect403(await head.patch(`/api/v1/service-items/${ids.item}`, { version: versions.item, name: '改名' }));
      await expect403(await head.patch(`/api/v1/service-items/${ids.ownItem}`, { version: 1, committedLimitDays: 1 }));
    },
  },
  'POST /api/v1/applications': {
    kind: 'self',
    run: async () => {
      const res = await head.post('/api/v1/applications', { serviceItemId: ids.item, applicant: { name: '代收件' }, materials: ['form'] });
      expect(res.statusCode).toBe(201);
      await expect403(await head.get(`/api/v1/cases/${res.json().id}`));
      const listed = (await head.get('/api/v1/cases?type=application&pageSize=100')).json().items.map((c: { id: string }) => c.id);
      expect(listed).toContain(ids.ownApplication);
      expect(listed).not.toContain(ids.application);
      await expect403(await head.get(`/api/v1/cases?type=application&unitId=${ids['H-IM']}`));
    },
  },
  'POST /api/v1/applications/:id/:action': {
    kind: 'forbidden',
    run: async () => {
      await expect403(await head.post(`/api/v1/applications/${ids.application}/approve`, { version: versions.application }));
      await expect403(await head.post(`/api/v1/applications/${ids.application}/request_supplement`, { version: versions.application, items: ['id'] }));
    },
  },
};

describe('unit-head scope on the inquiry, application and service-guide routes', () => {
  for (const [route, check] of Object.entries(checks)) {
    it(`${route} (${check.kind})`, async () => {
      expect(t.app.routeList.some((r) => `${r.method} ${r.url}` === route), `${route} is not a route any more`).toBe(true);
      await check.run();
    });
  }

  it('nothing was changed by the refused requests', async () => {
    expect((await admin.get(`/api/v1/cases/${ids.inquiry}`)).json()).toMatchObject({ status: 'open', version: versions.inquiry });
    expect((await admin.get(`/api/v1/cases/${ids.application}`)).json()).toMatchObject({ status: 'accepted', version: versions.application });
    expect((await admin.get(`/api/v1/service-items/${ids.item}`)).json()).toMatchObject({ name: guide.name, version: versions.item });
    expect((await admin.get('/api/v1/service-items?pageSize=100')).json().items.map((i: { code: string }) => i.code)).not.toContain('X-2');
  });
});
