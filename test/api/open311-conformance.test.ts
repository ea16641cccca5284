import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { multipartForm } from '../support/multipart.js';

/**
 * Open311 GeoReport v2 conformance (issue 19 item 8): a client over a real socket (fetch, as an
 * integrator's would), in XML and in JSON, through one whole conversation — discovery, the service
 * list and a definition, posting a request form-encoded, as JSON and as multipart with a photo,
 * reading it back by id and by date window, following its updates, and the errors, each in the
 * format asked for. The XML is read with a parser of this file's own, and every XML answer must
 * say what the JSON answer to the same question says.
 */
const clock = fakeClock(Date.parse('2026-12-01T09:00:00+08:00'));
let t: TestApp;
let admin: Session;
let base = '';
let key = '';
const jurisdiction = 'demo-hall';

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365, demoOrgs: ['demo-hall'] });
  admin = await t.login('hall-admin');
  const token = await admin.post('/api/v1/tokens', { name: 'conformance client', scope: 'open311' });
  expect(token.statusCode, token.body).toBe(201);
  key = token.json().token;
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}/open311/v2`;
});
afterAll(async () => t?.close());

// ---------------------------------------------------------------------------------------------
// A minimal XML reader: elements, text and the five entities (Open311 XML has no attributes).

interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

function parseXml(xml: string): XmlElement {
  const decl = /^<\?xml[^?]*\?>\s*/.exec(xml);
  expect(decl, 'XML declaration').toBeTruthy();
  const top: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [top];
  const decode = (s: string) =>
    s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e],
    );
  const tokens = /<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>|([^<]+)/g;
  let at = decl![0].length;
  for (let m = tokens.exec(xml.slice(at)); m; m = tokens.exec(xml.slice(at))) {
    expect(m.index, `unexpected markup at ${xml.slice(at, at + 40)}`).toBe(0);
    at += m[0].length;
    tokens.lastIndex = 0;
    const [, close, name, selfClosing, text] = m;
    const current = stack.at(-1)!;
    if (text !== undefined) {
      expect(text.includes('&') ? /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text) : false, 'a bare & in text').toBe(false);
      current.text += decode(text);
    } else if (close) {
      expect(current.name, `</${name}> closes <${current.name}>`).toBe(name);
      stack.pop();
    } else {
      const el: XmlElement = { name, children: [], text: '' };
      current.children.push(el);
      if (!selfClosing) stack.push(el);
    }
  }
  expect(at).toBe(xml.length);
  expect(stack).toHaveLength(1);
  expect(top.children, 'one root element').toHaveLength(1);
  return top.children[0];
}

/** An element as JSON would carry it: leaves are their text, repeated names become arrays. */
function asValue(el: XmlElement): unknown {
  if (el.children.length === 0) return el.text.trim();
  const out: Record<string, unknown> = {};
  for (const child of el.children) {
    const v = asValue(child);
    if (child.name in out) out[child.name] = ([] as unknown[]).concat(out[child.name], v);
    else out[child.name] = v;
  }
  return out;
}

/** The records of a list document (<service_requests><request>…</request>…</service_requests>). */
function recordsOf(root: XmlElement, item: string): Record<string, unknown>[] {
  expect(root.children.every((c) => c.name === item), `<${root.name}> holds <${item}> elements only`).toBe(true);
  return root.children.map((c) => asValue(c) as Record<string, unknown>);
}

/** A JSON record with its values as XML writes them: text, booleans as true/false, nulls empty. */
function asXmlText(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === null || v === undefined ? '' : typeof v === 'object' ? v : String(v)]));
}

/** XML and JSON answers agree: the same records with the same fields (an empty or absent XML element for a JSON null). */
function expectSameRecords(xmlRecords: Record<string, unknown>[], jsonRecords: Record<string, unknown>[]) {
  expect(xmlRecords).toHaveLength(jsonRecords.length);
  let compared = 0;
  jsonRecords.forEach((json, i) => {
    const xml = xmlRecords[i];
    for (const [k, v] of Object.entries(asXmlText(json))) {
      if (typeof v === 'object') continue;
      expect([k, xml[k] ?? '']).toEqual([k, v]);
      if (v !== '') compared++;
    }
  });
  // Not vacuous: each record brings several filled fields.
  expect(compared).toBeGreaterThanOrEqual(3 * jsonRecords.length);
}

// ---------------------------------------------------------------------------------------------
// The client.

async function send(method: 'GET' | 'POST', path: string, options: { query?: Record<string, string>; body?: BodyInit; headers?: Record<string, string> } = {}) {
  const qs = options.query ? `?${new URLSearchParams(options.query)}` : '';
  const res = await fetch(`${base}/${path}${qs}`, { method, body: options.body, headers: options.headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

async function json(path: string, query: Record<string, string> = {}, status = 200) {
  const res = await send('GET', `${path}.json`, { query });
  expect([path, res.status], res.text).toEqual([path, status]);
  expect(res.type).toMatch(/^application\/json/);
  return JSON.parse(res.text);
}

async function xml(path: string, query: Record<string, string> = {}, status = 200) {
  const res = await send('GET', `${path}.xml`, { query });
  expect([path, res.status], res.text).toEqual([path, status]);
  expect(res.type).toMatch(/^text\/xml/);
  return parseXml(res.text);
}

function expectJsonError(res: { status: number; type: string; text: string }, status: number) {
  expect(res.status, res.text).toBe(status);
  expect(res.type).toMatch(/^application\/json/);
  const body = JSON.parse(res.text);
  expect(body).toEqual([{ code: status, description: expect.any(String) }]);
  return body[0].description as string;
}

function expectXmlError(res: { status: number; type: string; text: string }, status: number) {
  expect(res.status, res.text).toBe(status);
  expect(res.type).toMatch(/^text\/xml/);
  const root = parseXml(res.text);
  expect(root.name).toBe('errors');
  const [error] = recordsOf(root, 'error');
  expect(error.code).toBe(String(status));
  expect(String(error.description).length).toBeGreaterThan(0);
  return String(error.description);
}

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(400, 9), Buffer.from([0xff, 0xd9])]);
const filed: { trackingNo: string; via: string }[] = [];

describe('an Open311 client in XML and JSON', () => {
  it('discovers the endpoint', async () => {
    const doc = await json('discovery');
    const x = asValue(await xml('discovery')) as Record<string, any>;
    expect(doc.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production' });
    expect(x.endpoints.endpoint.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(x.endpoints.endpoint.url).toBe(doc.endpoints[0].url);
    expect([x.endpoints.endpoint.formats.format].flat().sort()).toEqual(['application/json', 'text/xml']);
  });

  it('lists services and reads a definition; both formats agree', async () => {
    const services = await json('services', { jurisdiction_id: jurisdiction });
    expect(services.length).toBeGreaterThan(3);
    const root = await xml('services', { jurisdiction_id: jurisdiction });
    expect(root.name).toBe('services');
    expectSameRecords(recordsOf(root, 'service'), services);
    const withMetadata = services.find((s: { metadata: boolean }) => s.metadata);
    expect(withMetadata).toBeTruthy();
    const definition = await json(`services/${withMetadata.service_code}`, { jurisdiction_id: jurisdiction });
    const xmlDefinition = asValue(await xml(`services/${withMetadata.service_code}`, { jurisdiction_id: jurisdiction })) as Record<string, any>;
    expect(xmlDefinition.service_code).toBe(definition.service_code);
    const attributes = [xmlDefinition.attributes.attribute].flat();
    expect(attributes.map((a: { code: string }) => a.code)).toEqual(definition.attributes.map((a: { code: string }) => a.code));
    for (const [i, a] of definition.attributes.entries()) {
      expect(attributes[i]).toMatchObject({ variable: String(a.variable), datatype: a.datatype, required: String(a.required), order: String(a.order) });
      if (a.values?.length) expect([attributes[i].values.value].flat().map((v: { key: string }) => v.key)).toEqual(a.values.map((v: { key: string }) => v.key));
    }
  });

  it('posts a request form-encoded (XML answer), as JSON (JSON answer) and as multipart with a photo', async () => {
    clock.set(Date.parse('2026-12-01T09:10:00+08:00'));
    const form = new URLSearchParams({ api_key: key, jurisdiction_id: jurisdiction, service_code: 'efficiency', description: '一致性测试：2号窗口无人值守 <半小时> & 无告示', lat: '30.5928', long: '114.3055', address_string: '办事大厅二楼' });
    const posted = await send('POST', 'requests.xml', { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(posted.status, posted.text).toBe(201);
    const [fromXml] = recordsOf(parseXml(posted.text), 'request');
    expect(String(fromXml.service_request_id)).toMatch(/^TS/);
    filed.push({ trackingNo: String(fromXml.service_request_id), via: 'form' });

    clock.set(Date.parse('2026-12-01T09:20:00+08:00'));
    const asJson = await send('POST', 'requests.json', { body: JSON.stringify({ jurisdiction_id: jurisdiction, service_code: 'attitude', description: '一致性测试：窗口工作人员不耐烦', account_id: 'client-7' }), headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } });
    expect(asJson.status, asJson.text).toBe(201);
    const [created] = JSON.parse(asJson.text);
    expect(created.service_request_id).toMatch(/^TS/);
    filed.push({ trackingNo: created.service_request_id, via: 'json' });

    clock.set(Date.parse('2026-12-01T09:30:00+08:00'));
    const multipart = multipartForm(
      [['api_key', key], ['jurisdiction_id', jurisdiction], ['service_code', 'environment'], ['description', '一致性测试：地面湿滑，见照片']],
      [{ field: 'media', filename: 'floor.jpg', content: jpeg, type: 'image/jpeg' }],
    );
    const withPhoto = await send('POST', 'requests.json', { body: multipart.payload, headers: multipart.headers });
    expect(withPhoto.status, withPhoto.text).toBe(201);
    const trackingNo = JSON.parse(withPhoto.text)[0].service_request_id as string;
    filed.push({ trackingNo, via: 'multipart' });
    const cases = (await admin.get(`/api/v1/cases?q=${trackingNo}`)).json().items as { id: string; trackingNo: string }[];
    const attachments = (await admin.get(`/api/v1/cases/${cases.find((c) => c.trackingNo === trackingNo)!.id}/attachments`)).json().items;
    expect(attachments).toEqual([expect.objectContaining({ name: 'floor.jpg', mime: 'image/jpeg', size: jpeg.length })]);
  });

  it('reads each request back by id, in both formats alike', async () => {
    for (const { trackingNo, via } of filed) {
      const [one] = await json(`requests/${trackingNo}`, { jurisdiction_id: jurisdiction, api_key: key });
      expect([via, one.service_request_id, one.status]).toEqual([via, trackingNo, 'open']);
      expectSameRecords(recordsOf(await xml(`requests/${trackingNo}`, { jurisdiction_id: jurisdiction, api_key: key }), 'request'), [one]);
    }
    const [first] = await json(`requests/${filed[0].trackingNo}`, { jurisdiction_id: jurisdiction, api_key: key });
    expect(first.description).toContain('<半小时> & 无告示');
    expect(first).toMatchObject({ service_code: 'efficiency', lat: 30.5928, long: 114.3055 });
  });

  it('lists requests in a date window, in both formats alike', async () => {
    const window = { jurisdiction_id: jurisdiction, api_key: key, start_date: '2026-12-01T09:15:00+08:00', end_date: '2026-12-01T09:45:00+08:00' };
    const listed = await json('requests', window);
    expect(listed.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([filed[1].trackingNo, filed[2].trackingNo].sort());
    expectSameRecords(recordsOf(await xml('requests', window), 'request'), listed);
    const byService = await json('requests', { ...window, service_code: 'environment' });
    expect(byService.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([filed[2].trackingNo]);
  });

  it('follows the updates of a request the office handles, in both formats alike', async () => {
    const trackingNo = filed[0].trackingNo;
    const caseId = ((await admin.get(`/api/v1/cases?q=${trackingNo}`)).json().items as { id: string; trackingNo: string }[]).find((c) => c.trackingNo === trackingNo)!.id;
    const me = (await admin.get('/api/v1/auth/me')).json();
    clock.set(Date.parse('2026-12-01T10:00:00+08:00'));
    for (const [action, body] of [
      ['assign', { assigneeId: me.id }],
      ['verify', { verdict: 'unsubstantiated', findings: '经核实，当时在岗。' }],
      ['reply', { channel: 'phone', content: '经核实，工作人员当时在岗，已电话说明。' }],
      ['close', {}],
    ] as const) {
      const current = (await admin.get(`/api/v1/cases/${caseId}`)).json();
      const res = await admin.post(`/api/v1/complaints/${caseId}/${action}`, { version: current.version, ...body });
      expect([action, res.statusCode], res.body).toEqual([action, 200]);
    }
    const window = { jurisdiction_id: jurisdiction, api_key: key, start_date: '2026-12-01T09:55:00+08:00', end_date: '2026-12-01T10:05:00+08:00' };
    const updates = await json('servicerequestupdates', window);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates.every((u: { service_request_id: string }) => u.service_request_id === trackingNo)).toBe(true);
    expect(updates.at(-1).status).toBe('closed');
    expectSameRecords(recordsOf(await xml('servicerequestupdates', window), 'request_update'), updates);
    const [closed] = await json(`requests/${trackingNo}`, { jurisdiction_id: jurisdiction, api_key: key });
    expect(closed.status).toBe('closed');
  });

  it('answers errors in the format asked for', async () => {
    for (const [path, query, status] of [
      ['services', {}, 400],
      ['services', { jurisdiction_id: 'nowhere' }, 404],
      ['services/pigeons', { jurisdiction_id: jurisdiction }, 404],
      ['requests/TS000000000000', { jurisdiction_id: jurisdiction }, 404],
      ['requests', { jurisdiction_id: jurisdiction, start_date: '2026-01-01T00:00:00+08:00', end_date: '2026-12-01T00:00:00+08:00' }, 400],
    ] as const) {
      expectJsonError(await send('GET', `${path}.json`, { query }), status);
      expectXmlError(await send('GET', `${path}.xml`, { query }), status);
    }
    const noKey = new URLSearchParams({ jurisdiction_id: jurisdiction, service_code: 'efficiency', description: '没有密钥' }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    expect(expectJsonError(await send('POST', 'requests.json', { body: noKey, headers }), 403)).toContain('api_key');
    expect(expectXmlError(await send('POST', 'requests.xml', { body: noKey, headers }), 403)).toContain('api_key');
    const badKey = `${noKey}&api_key=yz_not_a_key`;
    expectXmlError(await send('POST', 'requests.xml', { body: badKey, headers }), 403);
    const unknownService = new URLSearchParams({ api_key: key, jurisdiction_id: jurisdiction, service_code: 'pigeons', description: '未知服务' }).toString();
    expectJsonError(await send('POST', 'requests.json', { body: unknownService, headers }), 400);
    expectXmlError(await send('POST', 'requests.xml', { body: unknownService, headers }), 400);
  });
});
