import zlib from 'node:zlib';
import QRCode from 'qrcode';
import { loadConfig } from '../../src/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { havePdftotext, pdfText } from '../support/pdf.js';

let t: TestApp;
let admin: Session;
let quality: Session;
let head: Session;
const ids: Record<string, string> = {};
const month = { from: '2026-11-01', to: '2026-11-30' };
// The ratings land in that month whatever day the suite runs: Monday 2026-11-16, 10:00 Beijing time.
const clock = fakeClock(Date.parse('2026-11-16T10:00:00+08:00'));
let code = '';

beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = await t.login('hosp-admin');
  quality = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  code = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json().code;
});
afterAll(async () => t?.close());

const rate = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: body, headers, remoteAddress: `127.0.1.${Math.floor(Math.random() * 200)}` });

const stats = async (query: string) => (await quality.get(`/api/v1/stats/ratings?from=${month.from}&to=${month.to}&${query}`)).json();

describe('好差评 acceptance (RULES §3)', () => {
  it('seven ratings 5,5,5,4,4,3,1 on one window and 8 served: satisfaction 71.43 %, rating rate 87.5 % fails ≥ 90 % (001:L155)', async () => {
    expect((await rate({ code, level: 5, indicators: { overall: 5, efficiency: 4 } })).statusCode).toBe(201);
    for (const level of [5, 5, 4, 4, 3]) expect((await rate({ code, level })).statusCode).toBe(201);
    const negative = await rate({ code, level: 1, indicators: { overall: 1, attitude: 1 }, reasons: ['attitude'], comment: '收费员不耐烦', contactName: '李女士', contactPhone: '13600000001' });
    expect(negative.statusCode).toBe(201);
    const today = new Date(t.ctx.clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await admin.post('/api/v1/served-counts', { counts: [{ unitId: ids['H-OPD-REG'], date: today, served: 8 }] })).statusCode).toBe(200);
    const s = await stats(`unitId=${ids['H-OPD-REG']}&groupBy=unit`);
    const g = s.groups.find((x: { key: string }) => x.key === ids['H-OPD-REG']);
    expect(g.counts).toEqual({ 1: 1, 2: 0, 3: 1, 4: 2, 5: 3 });
    expect(g.ratings).toBe(7);
    expect(g.satisfactionRate).toBe(71.43);
    expect(g.served).toBe(8);
    expect(g.ratingRate).toBe(87.5);
    const ratingRateRule = g.thresholds.find((x: { metric: string }) => x.metric === 'ratingRate');
    expect(ratingRateRule).toMatchObject({ op: 'gte', value: 0.9, pass: false, source: '001:L155' });
    expect(g.thresholds.find((x: { metric: string }) => x.metric === 'satisfactionRate').pass).toBe(false);
    expect(g.negative).toBe(1);
  });

  it('reports the GB/T 39734 indicators and the 差评 reasons from the rollups, with the organisation\'s labels', async () => {
    const g = (await stats(`unitId=${ids['H-OPD-REG']}&groupBy=unit`)).groups[0];
    // Two ratings gave 整体满意度 (5 and 1): mean 3; one gave 服务效率 4, one 服务态度 1; nobody rated 服务水平.
    expect(g.indicators.overall).toEqual({ counts: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 1 }, answered: 2, average: 3 });
    expect(g.indicators.efficiency).toMatchObject({ answered: 1, average: 4 });
    expect(g.indicators.attitude).toMatchObject({ counts: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 0 }, answered: 1, average: 1 });
    expect(g.indicators.competence).toEqual({ counts: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, answered: 0, average: null });
    expect(g.reasons).toEqual([{ code: 'attitude', zh: '服务态度差', en: 'Poor attitude', count: 1 }]);
    // The same figures for the whole range and per month.
    expect((await stats(`unitId=${ids['H-OPD-REG']}`)).groups[0].reasons).toEqual(g.reasons);
    expect((await stats(`unitId=${ids['H-OPD-REG']}&groupBy=month`)).groups[0].indicators.overall.answered).toBe(2);
    // A trend chart may leave them out; the counts stay the same.
    const lean = (await stats(`unitId=${ids['H-OPD-REG']}&groupBy=month&details=false`)).groups[0];
    expect(lean).toMatchObject({ ratings: 7, counts: g.counts });
    expect(lean).not.toHaveProperty('indicators');
    expect(lean).not.toHaveProperty('reasons');
    // Kept as the ratings arrive, in a daily rollup of their own (statistics never scan the ratings).
    const rows = await t.ctx.db.kysely.selectFrom('rating_reason_rollups').selectAll().execute();
    expect(rows.map((r) => [r.reason, Number(r.n)])).toEqual([['attitude', 1]]);
  });

  it('flags a group under the pack\'s minimum sample (30 by default): 7 ratings are a small sample', async () => {
    const s = await stats(`unitId=${ids['H-OPD-REG']}&groupBy=unit`);
    expect(s.minSampleSize).toBe(30);
    expect(s.groups[0]).toMatchObject({ ratings: 7, smallSample: true });
    const policy = (await admin.get('/api/v1/policy')).json();
    const overrides = { ratings: { minSampleSize: { value: 7, decision: '窗口评价7条即可判断' } } };
    expect((await admin.put('/api/v1/policy/overrides', { version: policy.version, overrides })).statusCode).toBe(200);
    // n < minimum: exactly 7 is no longer small.
    expect((await stats(`unitId=${ids['H-OPD-REG']}&groupBy=unit`)).groups[0].smallSample).toBe(false);
    const again = (await admin.get('/api/v1/policy')).json();
    await admin.put('/api/v1/policy/overrides', { version: again.version, overrides: {} });
  });

  it('groupBy=none gives one group for the whole range', async () => {
    const s = await stats(`unitId=${ids['H-OPD-REG']}`);
    expect(s.groups).toHaveLength(1);
    expect(s.groups[0]).toMatchObject({ key: 'all', ratings: 7, satisfactionRate: 71.43 });
  });

  it('counts 基本满意 when the pack says so: 6/7', async () => {
    const policy = (await admin.get('/api/v1/policy')).json();
    const overrides = { ratings: { basicSatisfiedCountsAsSatisfied: { value: true, decision: '本院满意率含基本满意' } } };
    expect((await admin.put('/api/v1/policy/overrides', { version: policy.version, overrides })).statusCode).toBe(200);
    const g = (await stats('groupBy=unit')).groups.find((x: { key: string }) => x.key === ids['H-OPD-REG']);
    expect(g.satisfactionRate).toBe(85.71);
    const again = (await admin.get('/api/v1/policy')).json();
    await admin.put('/api/v1/policy/overrides', { version: again.version, overrides: {} });
  });

  it('the level-1 rating opened a rectification case with a callback and a feedback deadline', async () => {
    const cases = (await quality.get('/api/v1/cases?type=rectification')).json();
    expect(cases.total).toBe(1);
    const c = (await quality.get(`/api/v1/cases/${cases.items[0].id}`)).json();
    expect(c.trackingNo).toMatch(/^ZG\d{12}$/);
    expect(c.clocks.map((x: { clockId: string }) => x.clockId).sort()).toEqual(['callback', 'feedback']);
    for (const clock of c.clocks) expect(clock.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(c.data).toMatchObject({ source: 'rating', level: 1, reasons: ['attitude'] });
    expect(c.contact.phone).toBe('13600000001');
    // The title reads as the organisation words its reasons, not as codes.
    expect(c.title).toBe('差评整改：非常不满意（服务态度差）');
  });

  it('an upheld appeal (申诉复核) takes the 差评 out of the statistics, audited', async () => {
    const id = (await quality.get('/api/v1/cases?type=rectification')).json().items[0].id;
    const v = (await head.get(`/api/v1/cases/${id}`)).json().version;
    const appealed = await head.post(`/api/v1/cases/${id}/actions/appeal`, { version: v, reason: '监控显示收费员已耐心解释，差评与事实不符。' });
    expect(appealed.json().status).toBe('appealed');
    expect((await head.post(`/api/v1/cases/${id}/actions/uphold_appeal`, { version: v + 1, decision: '同意' })).statusCode).toBe(403);
    const upheld = await quality.post(`/api/v1/cases/${id}/actions/uphold_appeal`, { version: v + 1, decision: '经复核，申诉成立，该差评不计入统计。' });
    expect(upheld.json().status).toBe('closed');
    const g = (await stats('groupBy=unit')).groups.find((x: { key: string }) => x.key === ids['H-OPD-REG']);
    expect(g.ratings).toBe(6);
    expect(g.excluded).toBe(1);
    expect(g.counts[1]).toBe(0);
    expect(g.satisfactionRate).toBe(83.33);
    // The excluded 差评 leaves the indicators and the reasons too.
    expect(g.indicators.overall).toEqual({ counts: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 }, answered: 1, average: 5 });
    expect(g.indicators.attitude.answered).toBe(0);
    expect(g.reasons).toEqual([]);
    const audit = (await admin.get('/api/v1/audit?entity=rating')).json().items[0];
    expect(audit).toMatchObject({ action: 'exclude', actor: 'hosp-quality-office', after: { excluded: true } });
  });
});

describe('rating tokens and codes', () => {
  it('a token rates once: the second attempt answers 409 already_rated', async () => {
    const token = await admin.post('/api/v1/rating-tokens', { unitId: ids['H-OPD-PHA'], staffId: ids.H1005, transactionRef: 'RX-0001' });
    expect(token.statusCode).toBe(201);
    // An absolute link (the request's origin here, YOUZHI_PUBLIC_URL when set) and its path.
    expect(token.json().url).toBe(`http://localhost:80/r/${token.json().token}`);
    expect(token.json().path).toBe(`/r/${token.json().token}`);
    expect((await rate({ token: token.json().token, level: 5 })).statusCode).toBe(201);
    const again = await rate({ token: token.json().token, level: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_rated');
    const byStaff = (await stats(`staffId=${ids.H1005}&groupBy=staff`)).groups;
    expect(byStaff).toHaveLength(1);
    expect(byStaff[0]).toMatchObject({ key: ids.H1005, ratings: 1 });
  });

  it('a retried request with the same Idempotency-Key stores one rating', async () => {
    const key = { 'idempotency-key': 'retry-0001-abcdef' };
    const first = await rate({ code, level: 4 }, key);
    const second = await rate({ code, level: 4 }, key);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
  });

  it('the same Idempotency-Key with a different request answers 422 idempotency_key_reused and stores nothing', async () => {
    const key = { 'idempotency-key': 'retry-0002-abcdef' };
    const count = async () => Number((await t.ctx.db.kysely.selectFrom('ratings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect((await rate({ code, level: 5, reasons: ['long_wait', 'fee_question'] }, key)).statusCode).toBe(201);
    const before = await count();
    // The same request, reasons in another order: a retry.
    expect((await rate({ code, level: 5, reasons: ['fee_question', 'long_wait'] }, key)).statusCode).toBe(200);
    for (const changed of [{ code, level: 1 }, { code, level: 5, reasons: ['long_wait'] }, { code, level: 5, reasons: ['long_wait', 'fee_question'], comment: '另一条' }]) {
      const res = await rate(changed, key);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'idempotency_key_reused', messages: { zh: expect.stringContaining('幂等键') } });
    }
    expect(await count()).toBe(before);
  });

  it('YOUZHI_PUBLIC_URL is read at start: trailing slashes dropped, a path prefix kept, anything but http(s) refused', () => {
    expect(loadConfig({ YOUZHI_PUBLIC_URL: 'https://pj.example.cn/' }).publicUrl).toBe('https://pj.example.cn');
    expect(loadConfig({ YOUZHI_PUBLIC_URL: 'https://example.cn/youzhi/' }).publicUrl).toBe('https://example.cn/youzhi');
    expect(loadConfig({}).publicUrl).toBeNull();
    expect(() => loadConfig({ YOUZHI_PUBLIC_URL: 'ftp://example.cn' })).toThrow(/http/);
    expect(() => loadConfig({ YOUZHI_PUBLIC_URL: 'pj.example.cn' })).toThrow();
  });

  it('YOUZHI_PUBLIC_URL makes every public link: tokens, standing codes and their QR codes', async () => {
    const plain = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json();
    expect(plain.publicUrl).toBe(`http://localhost:80/r/c/${code}`);
    t.ctx.config.publicUrl = 'https://pj.example.cn';
    try {
      const token = (await admin.post('/api/v1/rating-tokens', { unitId: ids['H-OPD-PHA'] })).json();
      expect(token.url).toBe(`https://pj.example.cn/r/${token.token}`);
      const standing = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json();
      expect(standing).toMatchObject({ url: `/r/c/${code}`, publicUrl: `https://pj.example.cn/r/c/${code}` });
      // The QR code encodes the public address; a screen asking for its own (intranet) origin is refused (issue 12 item 7).
      const svg = (await admin.get(`/api/v1/rating-codes/qr.svg?unitId=${ids['H-OPD-REG']}`)).body;
      expect(svg).toBe(await QRCode.toString(`https://pj.example.cn/r/c/${code}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
      expect((await admin.get(`/api/v1/rating-codes/qr.svg?unitId=${ids['H-OPD-REG']}&base=${encodeURIComponent('http://10.1.2.3:3000')}`)).json().error.code).toBe('public_url_not_allowed');
    } finally {
      t.ctx.config.publicUrl = null;
    }
    // Unset: the request's origin (public-url.test.ts: only when it is one of the installation's).
    const own = (await admin.get(`/api/v1/rating-codes/qr.svg?unitId=${ids['H-OPD-REG']}`)).body;
    expect(own).toBe(await QRCode.toString(`http://localhost:80/r/c/${code}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
  });

  it('a forged or altered code is refused', async () => {
    const [payload] = code.split('.');
    expect((await rate({ code: `${payload}.AAAAAAAAAAAAAAAAAAAAAA`, level: 5 })).statusCode).toBe(404);
    expect((await rate({ code: `x${code}`, level: 5 })).statusCode).toBe(404);
  });

  it('validates the body: level 1–5, known reasons, exactly one of token or code', async () => {
    expect((await rate({ code, level: 6 })).statusCode).toBe(400);
    expect((await rate({ code, level: 2, reasons: ['made_up'] })).statusCode).toBe(400);
    expect((await rate({ level: 3 })).statusCode).toBe(400);
  });

  it('a unit head may not issue codes for another unit', async () => {
    expect((await head.get(`/api/v1/rating-codes?unitId=${ids['H-IM']}`)).statusCode).toBe(403);
    expect((await head.post('/api/v1/rating-tokens', { unitId: ids['H-IM'] })).statusCode).toBe(403);
  });

  it('serves the QR code as SVG', async () => {
    const res = await admin.get(`/api/v1/rating-codes/qr.svg?unitId=${ids['H-OPD-REG']}`);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.body).toContain('<svg');
  });
});


describe.skipIf(!havePdftotext)('printable QR sheet (needs poppler-utils)', () => {
  it('has one labelled QR code per window, in Chinese, and only the caller\'s windows', async () => {
    const text = async (s: Session) => {
      const res = await s.get('/api/v1/rating-codes/sheet.pdf');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/pdf');
      return pdfText(res.rawPayload);
    };
    const all = await text(admin);
    expect(all).toContain('请扫码评价我的服务');
    for (const name of ['挂号收费窗口', '门诊药房窗口', '导医服务台']) expect(all).toContain(name);
    expect(all).toContain('示范县人民医院');
    const mine = await text(head);
    expect(mine).toContain('挂号收费窗口');
    const other = await text(await t.login('hosp-admin'));
    expect(other).toContain('挂号收费窗口');
  });
});

describe('served counts', () => {
  it('imports a served-count sheet all-or-nothing, reporting each bad row', async () => {
    const upload = (csv: string) => {
      const boundary = 'yz-served';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="served.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
      return t.app.inject({ method: 'POST', url: '/api/v1/served-counts/import', headers: { ...admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    };
    const bad = await upload('单位编码,工号,日期,服务人次\nH-OPD-PHA,,2026-11-03,40\nNOPE,,2026-11-03,5\nH-OPD-PHA,H9999,2026/11/03,-1\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['3:unitCode', '4:badgeNo', '4:date', '4:served']);
    expect(await t.ctx.db.kysely.selectFrom('served_counts').selectAll().where('date', '=', '2026-11-03').execute()).toEqual([]);
    const ok = await upload('单位编码,工号,日期,服务人次\nH-OPD-PHA,,2026-11-03,40\nH-OPD-PHA,H1005,2026-11-03,38\n');
    expect(ok.json()).toEqual({ recorded: 2 });
  });

  it('a later count for the same unit and day replaces the earlier one', async () => {
    const day = '2026-11-02';
    await admin.post('/api/v1/served-counts', { counts: [{ unitId: ids['H-OPD-PHA'], date: day, served: 10 }] });
    await admin.post('/api/v1/served-counts', { counts: [{ unitId: ids['H-OPD-PHA'], date: day, served: 12 }] });
    const row = await t.ctx.db.kysely.selectFrom('served_counts').select('served').where('unit_id', '=', ids['H-OPD-PHA']).where('date', '=', day).execute();
    expect(row).toEqual([{ served: 12 }]);
  });
});

describe('the public rating page', () => {
  it('is plain HTML under 30 KB compressed, with no assets to load', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/r/c/${code}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('非常满意');
    expect(res.body).toContain('挂号收费窗口');
    // Every asset the page loads: none (no scripts, stylesheets or images by URL; the empty data: icon loads nothing).
    expect(res.body).not.toMatch(/<script|<link[^>]+href="(?!data:)|<img[^>]+src="(?!data:)/);
    expect(zlib.gzipSync(res.body).length).toBeLessThan(30 * 1024);
  });

  it('accepts the form post once per token and thanks the rater', async () => {
    const token = (await admin.post('/api/v1/rating-tokens', { unitId: ids['H-OPD-INF'] })).json().token;
    const form = new URLSearchParams({ level: '2', reasons: 'long_wait', comment: '等了很久', contactPhone: '13500000002', idem: 'form-test-0001' });
    form.append('reasons', 'attitude');
    const post = (body: string) => t.app.inject({ method: 'POST', url: `/r/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
    const res = await post(form.toString());
    expect(res.statusCode).toBe(201);
    expect(res.body).toContain('感谢您的评价');
    expect(res.body).toContain('回访');
    // A double tap resubmits the same form: one rating, not an error page.
    expect((await post(form.toString())).statusCode).toBe(201);
    const stored = await t.ctx.db.kysely.selectFrom('ratings').select(['level', 'reasons']).where('unit_id', '=', ids['H-OPD-INF']).execute();
    expect(stored).toEqual([{ level: 2, reasons: JSON.stringify(['long_wait', 'attitude']) }]);
    expect((await t.app.inject({ method: 'GET', url: `/r/${token}` })).statusCode).toBe(409);
  });
});
