import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { composeContent, formatInstant, splitContent } from '../../src/modules/open311/mapping.js';
import { parseInstant } from '../../src/modules/open311/service.js';
import { escapeXml } from '../../src/modules/open311/xml.js';
import { multipartForm } from '../support/multipart.js';

/**
 * An Open311 GeoReport v2 client against /open311/v2: discovery, services, posting complaints
 * with an API key (form-encoded and JSON), reading them back in JSON and XML, and what the open
 * feed must not show.
 */
const start = Date.parse('2026-09-30T10:00:00+08:00');
const clock = fakeClock(start);
let t: TestApp;
let admin: Session;
const keys: Record<string, string> = {};
const ids: Record<string, string> = {};
const hall = 'demo-hall';

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hall-admin');
  for (const username of ['hall-admin', 'hall-staff', 'hosp-admin']) {
    const res = await (await t.login(username)).post('/api/v1/tokens', { name: 'open311 client' });
    expect(res.statusCode, res.body).toBe(201);
    keys[username] = res.json().token;
  }
  for (const u of (await admin.get('/api/v1/users?pageSize=100')).json().items) ids[u.username] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
});
afterAll(async () => t?.close());
beforeEach(() => clock.set(start));

// ---------------------------------------------------------------------------------------------
// Client helpers

function call(method: 'GET' | 'POST', path: string, options: { query?: Record<string, string>; payload?: unknown; headers?: Record<string, string>; remoteAddress?: string } = {}) {
  const qs = options.query ? `?${new URLSearchParams(options.query)}` : '';
  const inject: InjectOptions = { method, url: `/open311/v2/${path}${qs}`, headers: options.headers ?? {} };
  if (options.payload !== undefined) inject.payload = options.payload as InjectOptions['payload'];
  if (options.remoteAddress) inject.remoteAddress = options.remoteAddress;
  return t.app.inject(inject);
}

const get = (path: string, query: Record<string, string> = {}) => call('GET', path, { query });

function postForm(format: 'json' | 'xml', fields: Record<string, string>) {
  return call('POST', `requests.${format}`, { payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

function postJson(format: 'json' | 'xml', body: Record<string, unknown>, key?: string) {
  return call('POST', `requests.${format}`, { payload: body, headers: key ? { authorization: `Bearer ${key}` } : {} });
}

/** Files a complaint over Open311 as the hall admin's key; returns the tracking number. */
async function file(fields: Record<string, string> = {}) {
  const res = await postForm('json', { api_key: keys['hall-admin'], jurisdiction_id: hall, service_code: 'efficiency', description: '3号窗口排队两小时无人叫号。', ...fields });
  expect(res.statusCode, res.body).toBe(201);
  return res.json()[0].service_request_id as string;
}

async function caseIdOf(trackingNo: string): Promise<string> {
  const items = (await admin.get(`/api/v1/cases?q=${trackingNo}`)).json().items as { id: string; trackingNo: string }[];
  const hit = items.find((c) => c.trackingNo === trackingNo);
  expect(hit, trackingNo).toBeTruthy();
  return hit!.id;
}

async function act(caseId: string, action: string, body: Record<string, unknown> = {}) {
  const current = (await admin.get(`/api/v1/cases/${caseId}`)).json();
  const res = await admin.post(`/api/v1/complaints/${caseId}/${action}`, { version: current.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Inner text of every <tag>…</tag> (or '' for <tag/>), in document order. */
function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>|<${tag}/>`, 'g'))].map((m) => m[1] ?? '');
}

/** A DOM-less well-formedness check: one root, balanced tags, no raw < or stray & in text. */
function expectWellFormed(xml: string, root: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  const body = xml.slice(xml.indexOf('\n') + 1).trim();
  const stack: string[] = [];
  let roots = 0;
  let rest = body;
  while (rest.length) {
    const tag = /^<(\/?)([A-Za-z_][\w.-]*)(\/?)>/.exec(rest);
    if (tag) {
      const [whole, close, name, selfClosing] = tag;
      if (stack.length === 0) roots++;
      if (close) expect(stack.pop(), `closing </${name}>`).toBe(name);
      else if (!selfClosing) stack.push(name);
      rest = rest.slice(whole.length);
      continue;
    }
    const textEnd = rest.indexOf('<');
    const text = textEnd === -1 ? rest : rest.slice(0, textEnd);
    expect(text.length, `unexpected markup at: ${rest.slice(0, 40)}`).toBeGreaterThan(0);
    expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    expect(text).not.toMatch(/>/);
    expect(stack.length, 'text outside the root').toBeGreaterThan(0);
    rest = rest.slice(text.length);
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  expect(body.startsWith(`<${root}>`) || body === `<${root}/>`).toBe(true);
}

function expectJson(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return res.json();
}

function expectXml(res: LightMyRequestResponse, root: string, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expectWellFormed(res.body, root);
  return res.body;
}

function expectOpen311Error(res: LightMyRequestResponse, status: number) {
  const body = expectJson(res, status);
  expect(body).toHaveLength(1);
  expect(body[0].code).toBe(status);
  expect(typeof body[0].description).toBe('string');
  expect(body[0].description.length).toBeGreaterThan(0);
  return body[0].description as string;
}

// ---------------------------------------------------------------------------------------------

describe('discovery', () => {
  it('describes the GeoReport v2 endpoint in JSON and XML', async () => {
    const doc = expectJson(await get('discovery.json'));
    expect(doc.changeset).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(doc.contact).toBeTruthy();
    expect(doc.key_service).toContain('token');
    expect(doc.endpoints).toHaveLength(1);
    expect(doc.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production' });
    expect(doc.endpoints[0].url).toMatch(/^http:\/\/[^/]+\/open311\/v2$/);
    expect(doc.endpoints[0].formats.sort()).toEqual(['application/json', 'text/xml']);

    const xml = expectXml(await get('discovery.xml'), 'discovery');
    expect(xmlValues(xml, 'specification')).toEqual(['http://wiki.open311.org/GeoReport_v2']);
    expect(xmlValues(xml, 'format').sort()).toEqual(['application/json', 'text/xml']);
  });
});

describe('services', () => {
  it('lists the organisation\'s active complaint categories as services', async () => {
    const services = expectJson(await get('services.json', { jurisdiction_id: hall }));
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual(['attitude', 'efficiency', 'competence', 'fees', 'environment', 'discipline', 'other']);
    expect(services[0]).toEqual({ service_code: 'attitude', service_name: '服务态度', description: 'Staff attitude', metadata: true, type: 'realtime', keywords: expect.stringContaining('服务态度'), group: '投诉' });

    const xml = expectXml(await get('services.xml', { jurisdiction_id: hall }), 'services');
    expect(xmlValues(xml, 'service')).toHaveLength(services.length);
    expect(xmlValues(xml, 'service_code')).toEqual(services.map((s: { service_code: string }) => s.service_code));
    expect(xmlValues(xml, 'metadata')).toEqual(services.map(() => 'true'));
  });

  it('leaves out categories the organisation switched off', async () => {
    const hospAdmin = await t.login('hosp-admin');
    const taxonomy = (await hospAdmin.get('/api/v1/complaints/taxonomies/categories')).json();
    const items = taxonomy.items.map((i: { code: string }) => (i.code === 'fees' ? { ...i, active: false } : i));
    expect((await hospAdmin.put('/api/v1/complaints/taxonomies/categories', { version: taxonomy.version, items })).statusCode).toBe(200);
    const codes = expectJson(await get('services.json', { jurisdiction_id: 'demo-hospital' })).map((s: { service_code: string }) => s.service_code);
    expect(codes).toContain('attitude');
    expect(codes).not.toContain('fees');
    expectOpen311Error(await get('services/fees.json', { jurisdiction_id: 'demo-hospital' }), 404);
    expect(expectJson(await get('services/fees.json', { jurisdiction_id: hall })).service_code).toBe('fees');
  });

  it('gives a service definition with a window/department picker from the unit tree and a call-back flag (issue 19 item 6)', async () => {
    const definition = expectJson(await get('services/attitude.json', { jurisdiction_id: hall }));
    expect(definition.service_code).toBe('attitude');
    expect(definition.attributes.map((a: { code: string }) => a.code)).toEqual(['unit', 'callback']);
    const picker = definition.attributes[0];
    expect(picker).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: false, order: 1 });
    const units = (await admin.get('/api/v1/units?pageSize=100')).json().items as { code: string; name: string }[];
    expect(picker.values.map((v: { key: string }) => v.key).sort()).toEqual(units.map((u) => u.code).sort());
    // Named by their place in the tree: a child's name starts with its parent's.
    expect(picker.values.some((v: { name: string }) => v.name.includes(' / '))).toBe(true);
    const xml = expectXml(await get('services/attitude.xml', { jurisdiction_id: hall }), 'service_definition');
    expect(xmlValues(xml, 'code')).toEqual(['unit', 'callback']);
    expect(xml).toContain('<value><key>yes</key>');
  });

  it('files a request against the picked window and asks for a call back', async () => {
    const key = keys['hall-admin'];
    const base = { jurisdiction_id: hall, service_code: 'attitude', description: '窗口态度不好，请回电。' };
    const [created] = expectJson(await postJson('json', { ...base, phone: '13900000001', attribute: { unit: 'G-A-01', callback: 'yes' } }, key), 201);
    const kase = (await admin.get(`/api/v1/cases/${await caseIdOf(created.service_request_id)}`)).json();
    expect(kase.unitId).toBe(ids['G-A-01']);
    expect(kase.contact).toMatchObject({ phone: '13900000001', replyChannel: 'phone' });
    expect(expectOpen311Error(await postJson('json', { ...base, attribute: { unit: 'NOWHERE' } }, key), 400)).toContain('attribute[unit]');
    expect(expectOpen311Error(await postJson('json', { ...base, attribute: { callback: 'yes' } }, key), 400)).toContain('phone');
    expectOpen311Error(await postJson('json', { ...base, attribute: { callback: 'maybe' } }, key), 400);
  });

  it('404 for an unknown jurisdiction or service, 400 without jurisdiction_id, in Open311 format', async () => {
    expect(expectOpen311Error(await get('services.json', { jurisdiction_id: 'nowhere' }), 404)).toContain('nowhere');
    expectOpen311Error(await get('services/pigeons.json', { jurisdiction_id: hall }), 404);
    expect(expectOpen311Error(await get('services.json'), 400)).toContain('jurisdiction_id');
    const xml = expectXml(await get('services.xml', { jurisdiction_id: 'nowhere' }), 'errors', 404);
    expect(xmlValues(xml, 'code')).toEqual(['404']);
    expect(xmlValues(xml, 'description')[0]).toContain('nowhere');
  });
});

describe('POST requests', () => {
  it('files a form-encoded request as a complaint and reads it back with the key', async () => {
    const res = await postForm('json', {
      api_key: keys['hall-admin'],
      jurisdiction_id: hall,
      service_code: 'efficiency',
      description: '3号窗口排队两小时无人叫号。',
      address_string: '示范县政务服务中心一楼',
      lat: '30.5',
      long: '114.25',
      first_name: '先生',
      last_name: '王',
      phone: '13900000009',
      device_id: 'ignored-extra-field',
    });
    const [created] = expectJson(res, 201);
    expect(created.service_request_id).toMatch(/^TS20260930\d{4}$/);
    expect(created.service_notice).toContain('查询码');
    expect(created.service_notice).toContain('2026-10-13');
    expect(created.account_id).toBeNull();

    // It is an ordinary complaint: channel online, the category, the complainant, the location kept in the text.
    const view = (await admin.get(`/api/v1/cases/${await caseIdOf(created.service_request_id)}`)).json();
    expect(view).toMatchObject({ type: 'complaint', channel: 'online', category: 'efficiency', status: 'registered', contact: { name: '王先生', phone: '13900000009', replyChannel: 'sms' } });
    expect(view.content).toContain('3号窗口排队两小时无人叫号。');
    expect(view.content).toContain('示范县政务服务中心一楼');
    expect(view.clocks[0].dueDate).toBe('2026-10-13');

    const [request] = expectJson(await get(`requests/${created.service_request_id}.json`, { jurisdiction_id: hall, api_key: keys['hall-admin'] }));
    expect(request).toMatchObject({
      service_request_id: created.service_request_id,
      status: 'open',
      service_code: 'efficiency',
      service_name: '办事效率',
      description: '3号窗口排队两小时无人叫号。',
      agency_responsible: '示范县政务服务中心',
      requested_datetime: '2026-09-30T10:00:00+08:00',
      updated_datetime: '2026-09-30T10:00:00+08:00',
      address: '示范县政务服务中心一楼',
      lat: 30.5,
      long: 114.25,
      media_url: null,
    });
    expect(request.expected_datetime).toMatch(/^2026-10-13T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(request.service_notice).toContain('2026-10-13');

    const listed = expectJson(await get('requests.json', { jurisdiction_id: hall, service_request_id: created.service_request_id, api_key: keys['hall-admin'] }));
    expect(listed).toEqual([request]);
  });

  it('accepts JSON with a bearer key and answers in XML', async () => {
    const xml = expectXml(await postJson('xml', { jurisdiction_id: hall, service_code: 'attitude', description: '导办员不耐烦。', email: 'citizen@example.com', media_url: 'https://example.com/p.jpg' }, keys['hall-admin']), 'service_requests', 201);
    const [id] = xmlValues(xml, 'service_request_id');
    expect(id).toMatch(/^TS\d{12}$/);
    expect(xmlValues(xml, 'request')).toHaveLength(1);

    const read = expectXml(await get(`requests.xml`, { jurisdiction_id: hall, service_request_id: id, api_key: keys['hall-admin'] }), 'service_requests');
    expect(xmlValues(read, 'request')).toHaveLength(1);
    expect(xmlValues(read, 'service_request_id')).toEqual([id]);
    expect(xmlValues(read, 'status')).toEqual(['open']);
    expect(xmlValues(read, 'description')).toEqual(['导办员不耐烦。']);
    expect(xmlValues(read, 'media_url')).toEqual(['https://example.com/p.jpg']);
    expect(xmlValues(read, 'lat')).toEqual(['']);
    expect(xmlValues(read, 'requested_datetime')).toEqual(['2026-09-30T10:00:00+08:00']);
  });

  it('403 in Open311 format without a key, with a bad key, or with a key of another organisation', async () => {
    const body = { jurisdiction_id: hall, service_code: 'attitude', description: '无密钥' };
    expect(expectOpen311Error(await postJson('json', body), 403)).toContain('api_key');
    expectOpen311Error(await postJson('json', {}), 403); // the key is checked before the body
    expectOpen311Error(await postJson('json', body, 'yz_not-a-real-token-0000000000000'), 403);
    expectOpen311Error(await postForm('json', { ...body, api_key: 'garbage' }), 403);
    expectOpen311Error(await postJson('json', body, keys['hosp-admin']), 403);
    const xml = expectXml(await postForm('xml', body), 'errors', 403);
    expect(xmlValues(xml, 'code')).toEqual(['403']);
    // Nothing was filed.
    expect((await admin.get('/api/v1/cases?q=无密钥')).json().total).toBe(0);
  });

  it('400 for an unknown service, a missing or too long description, a bad phone or half a coordinate', async () => {
    const key = keys['hall-admin'];
    const base = { jurisdiction_id: hall, service_code: 'attitude', description: '内容' };
    expect(expectOpen311Error(await postJson('json', { ...base, service_code: 'pigeons' }, key), 400)).toContain('pigeons');
    expect(expectOpen311Error(await postJson('json', { ...base, description: undefined }, key), 400)).toContain('description is required');
    // Issue 19 item 4: an over-long description says so, instead of "description is required".
    const tooLong = expectOpen311Error(await postJson('json', { ...base, description: '长'.repeat(4001) }, key), 400);
    expect(tooLong).toContain('too long');
    expect(tooLong).not.toContain('required');
    expect(expectOpen311Error(await postJson('json', { ...base, phone: 'call me' }, key), 400)).toContain('phone');
    expectOpen311Error(await postJson('json', { ...base, lat: 30.1 }, key), 400);
    expectOpen311Error(await postJson('json', { ...base, lat: 'north', long: 114 }, key), 400);
    expect(expectJson(await postJson('json', { ...base, description: '长'.repeat(4000) }, key), 201)).toHaveLength(1);
  });

  it('takes multipart/form-data with the api_key among its fields; the photo is on the case (issue 19 item 1)', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7)]);
    const fields: [string, string][] = [['api_key', keys['hall-admin']], ['jurisdiction_id', hall], ['service_code', 'efficiency'], ['description', '3号窗口地面湿滑，见照片。'], ['attribute[window]', '3']];
    const form = multipartForm(fields, [{ field: 'media', filename: 'floor.jpg', content: jpeg, type: 'image/jpeg' }]);
    const res = await call('POST', 'requests.xml', { payload: form.payload, headers: form.headers });
    const xml = expectXml(res, 'service_requests', 201);
    const [trackingNo] = xmlValues(xml, 'service_request_id');
    const caseId = await caseIdOf(trackingNo);
    const attachments = (await admin.get(`/api/v1/cases/${caseId}/attachments`)).json().items as { name: string; mime: string; size: number }[];
    expect(attachments).toEqual([expect.objectContaining({ name: 'floor.jpg', mime: 'image/jpeg', size: jpeg.length })]);
    expect((await admin.get(`/api/v1/cases/${caseId}`)).json().content).toContain('window=3');

    // Without a key the multipart body is read too: 403 api_key, not a parse error; a file that is not a photo is refused whole.
    const keyless = multipartForm(fields.filter(([n]) => n !== 'api_key'), [{ field: 'media', filename: 'floor.jpg', content: jpeg }]);
    expect(expectOpen311Error(await call('POST', 'requests.json', { payload: keyless.payload, headers: keyless.headers }), 403)).toContain('api_key');
    const before = (await admin.get('/api/v1/cases?type=complaint&pageSize=1')).json().total;
    const notPhoto = multipartForm(fields, [{ field: 'media', filename: 'floor.jpg', content: Buffer.from('%PDF-1.4 not a photo') }]);
    expect(expectOpen311Error(await call('POST', 'requests.json', { payload: notPhoto.payload, headers: notPhoto.headers }), 400)).toContain('media');
    expect((await admin.get('/api/v1/cases?type=complaint&pageSize=1')).json().total).toBe(before);
  });

  it('accepts 4,000 characters with a location: the limit is on the client\'s text, not on the lines Youzhi appends', async () => {
    const res = await postJson('json', { jurisdiction_id: hall, service_code: 'attitude', description: '长'.repeat(4000), address_string: '一楼大厅', lat: 30.1, long: 114.2 }, keys['hall-admin']);
    const [{ service_request_id: trackingNo }] = expectJson(res, 201);
    const read = expectJson(await get(`requests/${trackingNo}.json`, { jurisdiction_id: hall, api_key: keys['hall-admin'] }))[0];
    expect(read.description).toBe('长'.repeat(4000));
    expect(read).toMatchObject({ address: '一楼大厅', lat: 30.1, long: 114.2 });
  });

  it('keeps attribute[…], account_id, address_id and several media_url values on the case; CRLF becomes LF', async () => {
    const fields = new URLSearchParams([
      ['api_key', keys['hall-admin']],
      ['jurisdiction_id', hall],
      ['service_code', 'efficiency'],
      ['description', '第一行\r\n第二行'],
      ['attribute[window]', '3号窗口'],
      ['attribute[callback]', 'no'],
      ['attribute[floor]', '2F'],
      ['media_url', 'https://fms.example/photo/1.jpeg'],
      ['media_url', 'https://fms.example/photo/2.jpeg'],
      ['account_id', 'fms-user-42'],
      ['address_id', 'UPRN-1001'],
      ['device_id', 'ios-abc'],
    ]);
    const res = await call('POST', 'requests.json', { payload: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const [created] = expectJson(res, 201);
    expect(created.account_id).toBe('fms-user-42');
    const kase = (await admin.get(`/api/v1/cases/${await caseIdOf(created.service_request_id)}`)).json();
    expect(kase.content).toContain('第一行\n第二行');
    expect(kase.content).not.toContain('\r');
    for (const kept of ['window=3号窗口', 'callback=no', 'floor=2F', 'https://fms.example/photo/1.jpeg https://fms.example/photo/2.jpeg', 'fms-user-42', 'UPRN-1001']) expect(kase.content).toContain(kept);
    const read = expectJson(await get(`requests/${created.service_request_id}.json`, { jurisdiction_id: hall, api_key: keys['hall-admin'] }))[0];
    expect(read).toMatchObject({ description: '第一行\n第二行', media_url: 'https://fms.example/photo/1.jpeg' });
    expectOpen311Error(await postJson('json', { jurisdiction_id: hall, service_code: 'efficiency', description: '图片', media_url: ['https://a/1.jpg', 'ftp://a/2.jpg'] }, keys['hall-admin']), 400);
  });
});

describe('GET servicerequestupdates (GeoReport v2 extension)', () => {
  it('POST adds the citizen\'s comment to an open request; it shows in the updates and the case timeline; closed requests refuse', async () => {
    clock.set(Date.parse('2026-11-03T09:00:00+08:00'));
    const trackingNo = await file({ description: '补充测试：窗口无人。' });
    clock.set(Date.parse('2026-11-03T09:20:00+08:00'));
    const form = (fields: Record<string, string>) => call('POST', 'servicerequestupdates.json', { payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const [created] = expectJson(await form({ api_key: keys['hall-admin'], jurisdiction_id: hall, service_request_id: trackingNo, description: '补充：当时是下午三点。\r\n谢谢。' }), 201);
    expect(created.service_request_id).toBe(trackingNo);
    expect(created.update_id).toMatch(new RegExp(`^${trackingNo}-\\d+$`));
    const timeline = (await admin.get(`/api/v1/cases/${await caseIdOf(trackingNo)}`)).json().timeline as { action: string; publicNote: string | null; public: boolean }[];
    expect(timeline.at(-1)).toMatchObject({ action: 'complainant_comment', publicNote: '补充：当时是下午三点。\n谢谢。', public: true });
    const updates = expectJson(await get('servicerequestupdates.json', { jurisdiction_id: hall, start_date: '2026-11-03T09:10:00+08:00', end_date: '2026-11-03T09:30:00+08:00', api_key: keys['hall-admin'] }));
    expect(updates.map((u: { update_id: string }) => u.update_id)).toEqual([created.update_id]);

    expectOpen311Error(await form({ jurisdiction_id: hall, service_request_id: trackingNo, description: '无密钥' }), 403);
    expectOpen311Error(await form({ api_key: keys['hall-admin'], jurisdiction_id: hall, service_request_id: 'TS209901019999', description: '不存在' }), 404);
    expect(expectOpen311Error(await form({ api_key: keys['hall-admin'], jurisdiction_id: hall, service_request_id: trackingNo }), 400)).toContain('description is required');
    // A closed request takes no more comments.
    const caseId = await caseIdOf(trackingNo);
    await act(caseId, 'assign', { assigneeId: ids['hall-unit-head'] });
    await act(caseId, 'verify', { verdict: 'unsubstantiated', findings: '不属实。' });
    await act(caseId, 'reply', { channel: 'phone', content: '经核实不属实。' });
    await act(caseId, 'close');
    const closed = await form({ api_key: keys['hall-admin'], jurisdiction_id: hall, service_request_id: trackingNo, description: '再补充' });
    expect(closed.statusCode).toBeGreaterThanOrEqual(400);
    expect(closed.statusCode).toBeLessThan(500);
  });

  it('lists the hour\'s status changes and replies in XML and JSON; the reply text only for the office\'s key', async () => {
    clock.set(Date.parse('2026-11-02T09:00:00+08:00'));
    const trackingNo = await file({ description: '更新测试：叫号系统故障。' });
    const caseId = await caseIdOf(trackingNo);
    clock.set(Date.parse('2026-11-02T10:05:00+08:00'));
    await act(caseId, 'assign', { assigneeId: ids['hall-unit-head'] });
    await act(caseId, 'verify', { verdict: 'substantiated', findings: '属实。' });
    await act(caseId, 'record_cause', { causes: ['attitude'] });
    await act(caseId, 'record_measure', { measure: '维修叫号机。' });
    clock.set(Date.parse('2026-11-02T10:30:00+08:00'));
    await act(caseId, 'reply', { channel: 'phone', content: '叫号机已修好，感谢反映。' });
    clock.set(Date.parse('2026-11-02T10:45:00+08:00'));
    await act(caseId, 'close');

    const window = { jurisdiction_id: hall, start_date: '2026-11-02T10:00:00+08:00', end_date: '2026-11-02T11:00:00+08:00' };
    const xml = expectXml(await get('servicerequestupdates.xml', window), 'service_request_updates');
    expect(xmlValues(xml, 'service_request_id').every((id) => id === trackingNo)).toBe(true);
    const statuses = xmlValues(xml, 'status');
    expect(statuses.at(-1)).toBe('closed');
    expect(statuses).toContain('open');
    expect(xmlValues(xml, 'updated_datetime')).toContain('2026-11-02T10:30:00+08:00');
    // Registration at 09:00 is outside the hour.
    expect(xmlValues(xml, 'updated_datetime').every((d) => d >= '2026-11-02T10:00:00+08:00')).toBe(true);
    expect(xml).not.toContain('叫号机已修好');

    const withKey = expectJson(await get('servicerequestupdates.json', { ...window, api_key: keys['hall-admin'] }));
    expect(withKey.some((u: { description: string }) => u.description.includes('叫号机已修好，感谢反映。'))).toBe(true);
    expect(new Set(withKey.map((u: { update_id: string }) => u.update_id)).size).toBe(withKey.length);
    // A window clerk's key reads labels only.
    const staffView = expectJson(await get('servicerequestupdates.json', { ...window, api_key: keys['hall-staff'] }));
    expect(staffView.some((u: { description: string }) => u.description.includes('叫号机已修好'))).toBe(false);
    expectOpen311Error(await get('servicerequestupdates.json', { ...window, end_date: '2027-06-30' }), 400);
  });
});

describe('GET requests', () => {
  it('maps the workflow to open/closed: replied is still open, closed is closed', async () => {
    const trackingNo = await file({ description: '窗口人员态度生硬。' });
    const caseId = await caseIdOf(trackingNo);
    const read = async (key?: string) => expectJson(await get(`requests/${trackingNo}.json`, { jurisdiction_id: hall, ...(key ? { api_key: key } : {}) }))[0];

    clock.set(Date.parse('2026-09-30T11:00:00+08:00'));
    await act(caseId, 'assign', { assigneeId: ids['hall-unit-head'] });
    await act(caseId, 'verify', { verdict: 'substantiated', findings: '经调取监控，情况属实。' });
    await act(caseId, 'record_cause', { causes: ['attitude'] });
    await act(caseId, 'record_measure', { measure: '当事人批评教育。' });
    clock.set(Date.parse('2026-10-08T09:30:00+08:00'));
    await act(caseId, 'reply', { channel: 'phone', content: '经核实情况属实，已整改，感谢监督。' });
    let withKey = await read(keys['hall-admin']);
    expect(withKey).toMatchObject({ status: 'open', status_notes: '经核实情况属实，已整改，感谢监督。', updated_datetime: '2026-10-08T09:30:00+08:00' });
    expect((await read()).status_notes).toBe('已答复 / Replied');

    clock.set(Date.parse('2026-10-09T16:00:00+08:00'));
    await act(caseId, 'close');
    withKey = await read(keys['hall-admin']);
    expect(withKey).toMatchObject({ status: 'closed', requested_datetime: '2026-09-30T10:00:00+08:00', updated_datetime: '2026-10-09T16:00:00+08:00', service_notice: null });
    const anonymous = await read();
    expect(anonymous.status).toBe('closed');
    expect(anonymous.status_notes).toBe('已办结 / Closed');

    const closed = expectJson(await get('requests.json', { jurisdiction_id: hall, status: 'closed' })).map((r: { service_request_id: string }) => r.service_request_id);
    const open = expectJson(await get('requests.json', { jurisdiction_id: hall, status: 'open' })).map((r: { service_request_id: string }) => r.service_request_id);
    expect(closed).toContain(trackingNo);
    expect(open).not.toContain(trackingNo);
    expect(open.length).toBeGreaterThan(0);
    expectOpen311Error(await get('requests.json', { jurisdiction_id: hall, status: 'pending' }), 400);

    // Reopened: open again, and the key holder reads why.
    await act(caseId, 'reopen', { reason: '问题再次出现。' });
    expect(await read(keys['hall-admin'])).toMatchObject({ status: 'open', status_notes: '问题再次出现。' });
  });

  it('lists the last 90 days by default, filters by service_code and date range, refuses more than 90 days', async () => {
    const recent = await file({ service_code: 'fees', description: '收费标准不清。' });
    const staffSession = await t.login('hall-staff');
    const old = await staffSession.post('/api/v1/complaints', { channel: 'window', content: '五月份的投诉。', category: 'fees', receivedAt: '2026-05-01T09:00:00+08:00' });
    expect(old.statusCode, old.body).toBe(201);
    const list = async (query: Record<string, string>) => expectJson(await get('requests.json', { jurisdiction_id: hall, ...query })).map((r: { service_request_id: string }) => r.service_request_id);

    const byDefault = await list({});
    expect(byDefault).toContain(recent);
    expect(byDefault).not.toContain(old.json().trackingNo);
    expect(await list({ start_date: '2026-04-20', end_date: '2026-05-10' })).toEqual([old.json().trackingNo]);
    expect(await list({ start_date: '2026-05-01T09:00:00+08:00', end_date: '2026-05-01T01:00:00Z' })).toEqual([old.json().trackingNo]);
    expect(await list({ start_date: '2026-05-01T09:00:01+08:00', end_date: '2026-05-10' })).toEqual([]);
    expect(await list({ end_date: '2026-07-01' })).toEqual([old.json().trackingNo]); // start defaults to 90 days before

    const fees = await list({ service_code: 'fees' });
    expect(fees).toContain(recent);
    const efficiency = await list({ service_code: 'efficiency,attitude' });
    expect(efficiency).not.toContain(recent);
    expect(efficiency.length).toBeGreaterThan(0);

    expect(expectOpen311Error(await get('requests.json', { jurisdiction_id: hall, start_date: '2026-01-01', end_date: '2026-09-30' }), 400)).toContain('90');
    expectOpen311Error(await get('requests.json', { jurisdiction_id: hall, start_date: '2026-09-30', end_date: '2026-09-01' }), 400);
    expectOpen311Error(await get('requests.json', { jurisdiction_id: hall, start_date: '2026-02-30' }), 400);
    expectOpen311Error(await get('requests.json', { jurisdiction_id: hall, start_date: 'yesterday' }), 400);
    const xml = expectXml(await get('requests.xml', { jurisdiction_id: hall, start_date: '2026-01-01', end_date: '2026-12-31' }), 'errors', 400);
    expect(xmlValues(xml, 'code')).toEqual(['400']);
  });

  it('404 for an unknown request, a request of another organisation, and a path without a format', async () => {
    expectOpen311Error(await get('requests/TS209901010001.json', { jurisdiction_id: hall }), 404);
    expectXml(await get('requests/TS209901010001.xml', { jurisdiction_id: hall }), 'errors', 404);
    const hospAdmin = await t.login('hosp-admin');
    // Numbers count per organisation (issue 12): on a day the hall received nothing, the hospital's number is the hospital's alone.
    const other = (await hospAdmin.post('/api/v1/complaints', { channel: 'phone', content: '医院的投诉。', receivedAt: '2026-09-01T10:00:00+08:00' })).json().trackingNo;
    expect(expectJson(await get(`requests/${other}.json`, { jurisdiction_id: 'demo-hospital' }))).toHaveLength(1);
    expectOpen311Error(await get(`requests/${other}.json`, { jurisdiction_id: hall }), 404);
    expect(expectJson(await get('requests.json', { jurisdiction_id: hall, service_request_id: other }))).toEqual([]);
    expectOpen311Error(await get(`requests/${other}`), 404);
    expectOpen311Error(await get('requests.json', { jurisdiction_id: 'nowhere' }), 404);
    expectOpen311Error(await get('tokens/abc.json'), 404);
    // An unknown path with a proper ending is not told it lacks one (issue 19 item 2).
    const unknown = expectOpen311Error(await get('servicerequestupdates/extra.json', { jurisdiction_id: hall }), 404);
    expect(unknown).toContain('servicerequestupdates');
    expect(unknown).not.toMatch(/须以|must end/);
    expectOpen311Error(await get('services.csv', { jurisdiction_id: hall }), 400);
  });

  it('shows the complaint in full only to a key whose user may see the case; the open feed gets what the pack publishes', async () => {
    const text = '3号窗口排队太久，请回电13912345678或 li@example.com。';
    const trackingNo = await file({ description: text, address_string: '二楼', lat: '30.123456', long: '114.987654', first_name: '丽', last_name: '李' });
    const read = async (query: Record<string, string> = {}) => expectJson(await get(`requests/${trackingNo}.json`, { jurisdiction_id: hall, ...query }))[0];
    expect(await read({ api_key: keys['hall-admin'] })).toMatchObject({ description: text, address: '二楼', lat: 30.123456, long: 114.987654 });
    const others: Record<string, string>[] = [{}, { api_key: keys['hall-staff'] } /* front-line: only own cases */, { api_key: keys['hosp-admin'] } /* another organisation */];
    for (const query of others) {
      const request = await read(query);
      // Issue 19 item 3, the default: the text without contact details, coordinates to ~100 m, no address.
      expect(request.description).toBe('3号窗口排队太久，请回电***或 ***。');
      expect(request).toMatchObject({ lat: 30.123, long: 114.988, address: null, media_url: null, service_code: 'efficiency' });
    }
    const res = await call('GET', `requests/${trackingNo}.json`, { query: { jurisdiction_id: hall }, headers: { authorization: `Bearer ${keys['hall-admin']}` } });
    expect(expectJson(res)[0].description).toBe(text);

    // The organisation may publish less (or more); the pack's publication section decides.
    const policy = (await admin.get('/api/v1/policy')).json();
    const decided = { decision: '本院信息公开制度：公开接口不公开投诉内容和坐标' };
    const put = await admin.put('/api/v1/policy/overrides', { version: policy.version, overrides: { publication: { openFeedDescription: { value: 'omit', ...decided }, openFeedLocation: { value: 'omit', ...decided } } } });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const hidden = await read();
      expect(hidden).not.toHaveProperty('description');
      expect(hidden).toMatchObject({ lat: null, long: null });
      expect((await read({ api_key: keys['hall-admin'] })).description).toBe(text);
    } finally {
      const now = (await admin.get('/api/v1/policy')).json();
      expect((await admin.put('/api/v1/policy/overrides', { version: now.version, overrides: {} })).statusCode).toBe(200);
    }
    expectOpen311Error(await get(`requests/${trackingNo}.json`, { jurisdiction_id: hall, api_key: 'yz_revoked-or-invented-00000000000' }), 403);
  });

  it('public output carries no staff names, usernames, ids or phone numbers', async () => {
    const staffSession = await t.login('hall-staff');
    const registered = await staffSession.post('/api/v1/complaints', {
      channel: 'window',
      content: '1号窗口朱红态度差，我的电话13800000001。',
      unitId: ids['G-A-01'],
      staffId: ids.G2003,
      category: 'attitude',
      complainant: { name: '张先生', phone: '13800000001' },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const caseId = registered.json().id;
    await act(caseId, 'assign', { assigneeId: ids['hall-unit-head'] });
    await act(caseId, 'verify', { verdict: 'substantiated', findings: '朱红态度问题属实。', staffId: ids.G2003 });
    await act(caseId, 'record_cause', { causes: ['attitude'] });
    await act(caseId, 'record_measure', { measure: '朱红已作检讨。' });
    await act(caseId, 'reply', { channel: 'phone', content: '已对窗口人员朱红批评教育，张先生请放心。' });
    await file({ first_name: '丽', last_name: '李', phone: '13700000007', description: '李丽投诉：请回电13700000007。' });

    const json = (await get('requests.json', { jurisdiction_id: hall })).body;
    const xml = (await get('requests.xml', { jurisdiction_id: hall })).body;
    const one = (await get(`requests/${registered.json().trackingNo}.json`, { jurisdiction_id: hall })).body;
    expect(json).toContain(registered.json().trackingNo);
    const staff = (await admin.get('/api/v1/staff?pageSize=100')).json().items as { name: string; id: string }[];
    const users = (await admin.get('/api/v1/users?pageSize=100')).json().items as { username: string; displayName: string; id: string }[];
    const secrets = [...staff.flatMap((s) => [s.name, s.id]), ...users.flatMap((u) => [u.username, u.id]), '张先生', '李丽', caseId];
    for (const body of [json, xml, one]) {
      for (const secret of secrets) expect(body, secret).not.toContain(secret);
      expect(body).not.toMatch(/1[3-9]\d{9}/);
    }
  });

  it('escapes <, &, >, quotes in XML and drops characters XML cannot carry', async () => {
    const description = `价格<贵> & "不合理" 'x'\u0001 ]]> end`;
    const trackingNo = await file({ description });
    const xml = expectXml(await get(`requests/${trackingNo}.xml`, { jurisdiction_id: hall, api_key: keys['hall-admin'] }), 'service_requests');
    expect(xmlValues(xml, 'description')).toEqual(['价格&lt;贵&gt; &amp; &quot;不合理&quot; &apos;x&apos; ]]&gt; end']);
    expect(xml).not.toContain('\u0001');
    expect(expectJson(await get(`requests/${trackingNo}.json`, { jurisdiction_id: hall, api_key: keys['hall-admin'] }))[0].description).toBe(description);
  });
});

describe('mapping helpers', () => {
  it('formats instants with the organisation offset and parses ISO 8601 back', () => {
    expect(formatInstant(Date.parse('2026-09-30T02:00:00Z'), 480)).toBe('2026-09-30T10:00:00+08:00');
    expect(formatInstant(Date.parse('2026-09-30T02:00:00Z'), -330)).toBe('2026-09-29T20:30:00-05:30');
    expect(parseInstant('d', '2026-09-30T10:00:00+08:00', 0, false)).toBe(Date.parse('2026-09-30T02:00:00Z'));
    expect(parseInstant('d', '2026-09-30T10:00:00', 480, false)).toBe(Date.parse('2026-09-30T02:00:00Z'));
    expect(parseInstant('d', '2026-09-30', 480, true)).toBe(Date.parse('2026-10-01T00:00:00+08:00') - 1);
    expect(() => parseInstant('d', '2026-13-01', 480, false)).toThrow();
    expect(() => parseInstant('d', '2026-09-30T24:00:00Z', 480, false)).toThrow();
  });

  it('keeps location and media in the complaint text and reads them back', () => {
    const content = composeContent('正文\n第二行', { address: '一楼', lat: 30.5, long: -114.25, mediaUrls: ['https://x/y.jpg', 'https://x/z.jpg'], accountId: 'fms-42', addressId: 'A-7', attributes: { window: ['3'], callback: ['yes'] } });
    expect(content).toContain('【附加信息 Attributes】window=3; callback=yes');
    expect(content).toContain('https://x/y.jpg https://x/z.jpg');
    expect(splitContent(content)).toEqual({ description: '正文\n第二行', address: '一楼', lat: 30.5, long: -114.25, mediaUrl: 'https://x/y.jpg' });
    expect(splitContent('正文')).toEqual({ description: '正文' });
    // Without the blank line the lines are the complainant's own words.
    expect(splitContent('正文\n【地点 Address】一楼')).toEqual({ description: '正文\n【地点 Address】一楼' });
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });
});

describe('limits and documentation', () => {
  it('documents the endpoints under the open311 tag', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/open311/v2/'));
    expect(paths.length).toBeGreaterThanOrEqual(6);
    expect(doc.paths[paths[0]].get?.tags ?? doc.paths[paths[0]].post?.tags).toEqual(['open311']);
  });

  it('rate-limits POST per client address, answering 429 in Open311 format', async () => {
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 61; i++) last = await call('POST', 'requests.json', { payload: {}, remoteAddress: '203.0.113.9' });
    expectOpen311Error(last!, 429);
    // Another client is not affected.
    expectOpen311Error(await call('POST', 'requests.json', { payload: {}, remoteAddress: '203.0.113.10' }), 403);
  });

  it('gives an integrator\'s key its own budget: a batch of 80 posts from one address goes through', async () => {
    const headers = { authorization: `Bearer ${keys['hall-admin']}` };
    for (let i = 0; i < 80; i++) {
      const res = await call('POST', 'requests.json', { payload: { jurisdiction_id: hall, service_code: 'efficiency', description: `批量导入第 ${i} 条` }, headers, remoteAddress: '203.0.113.50' });
      expect(res.statusCode, `post ${i}: ${res.body}`).toBe(201);
    }
    // Callers without a key from that address are still counted per address.
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 61; i++) last = await call('POST', 'requests.json', { payload: {}, remoteAddress: '203.0.113.50' });
    expectOpen311Error(last!, 429);
  });
});
