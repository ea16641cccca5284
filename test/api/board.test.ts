import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { withPolicyOverrides } from '../support/policy.js';

/**
 * The public transparency board (RULES §9 服务公开): published commitments with the measured figure
 * of the last full month (000:L5), the service guide with materials, statutory and committed limits
 * and fees (002:L69), complaint channels and supervision phones, monthly complaint statistics
 * (003:L630) and satisfaction. Plain HTML without script, under 30 KB gzipped, Chinese and English;
 * counts only — no staff, complainant or rater appears on it.
 *
 * Data (demo hall, measured on 2026-10-15 → last full month 2026-09):
 *   complaints  Aug: 1 received, replied next day (1 of 1 on time);
 *               Sep: 2 received on 综合受理区 1号窗口, one replied the next day, one two days late → 1 of 2 = 50.00 %;
 *               Oct: one filed online by the public (current month: not in the statistics).
 *   ratings     Aug: 5 → 100.00 %; Sep: 5, 5, 5, 4, 2 → 4 of 5 = 80.00 % (非常满意 + 满意).
 */
const at = (iso: string) => Date.parse(iso);
const clock = fakeClock(at('2026-08-10T09:00:00+08:00'));
let t: TestApp;
let admin: Session;
let quality: Session;
const ids: Record<string, string> = {};
let draftId = '';
const personal = ['钱多多', '13912345678', '孙悟空', '13800001111', '唐僧', '13700002222', '态度很好', 'hall-admin', 'hall-quality-office'];
const staffNames: string[] = [];

const get = (url: string) => t.app.inject({ method: 'GET', url, remoteAddress: '127.0.3.1' });

async function register(when: string) {
  clock.set(at(when));
  const res = await admin.post('/api/v1/complaints', { channel: 'window', content: '窗口人员办理缓慢', unitId: ids['G-A-01'], staffId: ids.G2003, complainant: { name: '钱多多', phone: '13912345678' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; replyDueDate: string };
}

async function reply(c: { id: string; version: number }, when: string) {
  clock.set(at(when));
  let v = c.version;
  for (const [action, body] of [
    ['assign', { assigneeId: ids['hall-quality-office'] }],
    ['verify', { verdict: 'substantiated', findings: '属实' }],
    ['record_cause', { causes: ['attitude'] }],
    ['record_measure', { measure: '批评教育。' }],
    ['reply', { channel: 'phone', content: '已答复' }],
  ] as const) {
    const res = await admin.post(`/api/v1/complaints/${c.id}/${action}`, { version: v, ...body });
    expect(res.statusCode, res.body).toBe(200);
    v = res.json().version;
  }
}

const item = (n: number, extra: Record<string, unknown> = {}) => ({
  code: `SX-${String(n).padStart(3, '0')}`,
  name: `政务服务事项第${n}项`,
  responsibleBody: '示范县行政审批局',
  legalBasis: '《优化营商环境条例》第三十五条',
  conditions: '申请人为本县登记的企业或个人，材料齐全、符合法定形式。',
  procedure: '申请—受理—审查—决定—送达',
  materials: [
    { code: 'sqb', name: '申请表', required: true },
    { code: 'sfz', name: '身份证明', required: true },
    { code: 'wts', name: '授权委托书', required: false },
  ],
  statutoryLimitDays: 20,
  committedLimitDays: 5,
  fees: '不收费',
  complaintChannels: ['12345 政务服务便民热线'],
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hall-admin');
  quality = await t.login('hall-quality-office');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const u of (await admin.get('/api/v1/users?pageSize=100')).json().items) ids[u.username] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) {
    ids[s.badgeNo] = s.id;
    staffNames.push(s.name);
  }

  const items = [
    item(1, {
      code: 'QY-KB',
      name: '企业开办登记',
      responsibleBody: '示范县市场监督管理局',
      materials: [
        { code: 'sqs', name: '公司登记（备案）申请书', required: true },
        { code: 'zc', name: '公司章程', required: true },
      ],
      statutoryLimitDays: 15,
      committedLimitDays: 1,
      complaintChannels: ['12345 政务服务便民热线', '窗口意见箱'],
    }),
    item(2, { code: 'BDC-ZY', name: '不动产转移登记', statutoryLimitDays: 30, committedLimitDays: 5, fees: '住宅 80 元/件', feeBasis: '发改价格规〔2016〕2559号' }),
    ...Array.from({ length: 58 }, (_, i) => item(i + 3)),
    item(99, { code: 'OLD-1', name: '已停办事项', active: false }),
  ];
  for (const body of items) expect((await admin.post('/api/v1/service-items', body)).statusCode).toBe(201);

  const a = await register('2026-08-10T10:00:00+08:00');
  await reply(a, '2026-08-11T10:00:00+08:00');
  const c1 = await register('2026-09-01T10:00:00+08:00');
  const c2 = await register('2026-09-01T11:00:00+08:00');
  expect(c2.replyDueDate.slice(0, 7)).toBe('2026-09');
  await reply(c1, '2026-09-02T10:00:00+08:00');
  await reply(c2, new Date(at(`${c2.replyDueDate}T10:00:00+08:00`) + 2 * 86_400_000).toISOString());
  clock.set(at('2026-10-09T10:00:00+08:00'));
  const online = await t.app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: { orgCode: 'demo-hall', content: '网上投诉：等候太久，无人引导', unitCode: 'G-A-01', contactName: '孙悟空', contactPhone: '13800001111' } });
  expect(online.statusCode, online.body).toBe(201);

  const code = (await admin.get(`/api/v1/rating-codes?unitId=${ids['G-A-01']}`)).json().code;
  const rate = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code, ...body }, remoteAddress: '127.0.3.9' });
  clock.set(at('2026-08-12T10:00:00+08:00'));
  expect((await rate({ level: 5 })).statusCode).toBe(201);
  clock.set(at('2026-09-15T10:00:00+08:00'));
  for (const level of [5, 5, 4, 2]) expect((await rate({ level })).statusCode).toBe(201);
  expect((await rate({ level: 5, comment: '朱红态度很好', contactName: '唐僧', contactPhone: '13700002222' })).statusCode).toBe(201);

  const commit = async (body: Record<string, unknown>) => {
    const res = await quality.post('/api/v1/commitments', { supervisionPhone: '0571-12345', published: true, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  await commit({ text: '首问负责，不推诿', promise: '首位接待人员负责到底', sortOrder: 2 });
  await commit({ text: '一次告知、限时办结', textEn: 'Tell once, finish on time', promise: '投诉 5 个工作日内答复', promiseEn: 'Complaints answered within 5 working days', unitId: ids['G-A'], measure: 'complaint_reply_on_time_rate', target: 90, sortOrder: 1 });
  await commit({ text: '好差评满意率不低于 90%', promise: '每月公开满意率', supervisionPhone: '0571-99999', measure: 'rating_satisfaction_rate', target: 90, sortOrder: 3 });
  draftId = await commit({ text: '草稿承诺：尚未公开', promise: '草稿', published: false, sortOrder: 0 });
  clock.set(at('2026-10-15T10:00:00+08:00'));
});
afterAll(async () => t?.close());

const cells = (body: string, month: string) => {
  const row = new RegExp(`<tr><td>${month}</td>(.*?)</tr>`).exec(body)?.[1] ?? '';
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
};

describe('the public board /public/{orgCode} (RULES §9)', () => {
  let zh = '';
  beforeAll(async () => {
    const res = await get('/public/demo-hall');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['x-ratelimit-limit']).toBeDefined();
    zh = res.body;
  });

  it('is a plain page without script, for anyone, under 30 KB gzipped even with 60 service items', () => {
    expect(zh).not.toMatch(/<script/i);
    expect(zh).toContain('<h1>示范县政务服务中心</h1>');
    expect(zlib.gzipSync(zh).length).toBeLessThan(30 * 1024);
  });

  it('shows the published commitments in their order, never a draft (000:L5)', () => {
    expect(zh).not.toContain('草稿承诺');
    const order = ['一次告知、限时办结', '首问负责，不推诿', '好差评满意率不低于 90%'].map((s) => zh.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(zh).toContain('责任单位：综合受理区');
    expect(zh).toContain('监督电话：<a href="tel:057112345">0571-12345</a>');
  });

  it('shows the measured figures of September with met / not met: on-time replies 1 of 2 = 50.00 % (< 90 %), satisfaction 4 of 5 = 80.00 % (< 90 %)', () => {
    expect(zh).toContain('投诉按时答复率 · 2026年9月实测：<b>50.00%</b>（目标：不低于 90%）<b class="err">✗ 未达标</b>');
    expect(zh).toContain('好差评满意率 · 2026年9月实测：<b>80.00%</b>（目标：不低于 90%）<b class="err">✗ 未达标</b>');
  });

  it('shows the service guide: materials, statutory and committed limits, fees and fee basis (002:L69); no inactive item; 50 of 60 on the page', () => {
    for (const s of ['企业开办登记', '公司登记（备案）申请书', '公司章程（必需）', '承诺 1 个工作日（法定 15 个工作日）', '示范县市场监督管理局', '不动产转移登记', '住宅 80 元/件', '发改价格规〔2016〕2559号', '授权委托书（可选）']) expect(zh).toContain(s);
    expect(zh).not.toContain('已停办事项');
    expect(zh.match(/<details>/g)).toHaveLength(50);
    expect(zh).toContain('共 60 项，此处显示前 50 项。');
  });

  it('shows the complaint channels, the supervision phones, and links to the complaint form and the status look-up', () => {
    expect(zh).toContain('<li>12345 政务服务便民热线</li>');
    expect(zh).toContain('<li>窗口意见箱</li>');
    expect(zh).toContain('<a href="tel:057199999">0571-99999</a>');
    expect(zh).toContain('href="/public/demo-hall/complaint?lang=zh"');
    expect(zh).toContain('href="/public/complaints/status?lang=zh"');
    expect(zh).toContain('扫描“好差评”二维码');
  });

  it('shows six months of complaint and satisfaction statistics (003:L630): received, due, on time %, ratings, satisfied %', () => {
    for (const m of ['4', '5', '6', '7', '8', '9']) expect(zh).toContain(`<tr><td>2026年${m}月</td>`);
    expect(zh).not.toContain('<tr><td>2026年10月</td>');
    expect(cells(zh, '2026年9月')).toEqual(['2', '2', '50.00%', '5', '80.00%']);
    expect(cells(zh, '2026年8月')).toEqual(['1', '1', '100.00%', '1', '100.00%']);
    expect(cells(zh, '2026年5月')).toEqual(['0', '0', '—', '0', '—']);
  });

  it('carries no staff names and no personal data of complainants or raters', () => {
    expect(staffNames.length).toBeGreaterThan(5);
    for (const s of [...staffNames, ...personal]) expect(zh, s).not.toContain(s);
  });

  it('switches to English with ?lang=en (untranslated text falls back to Chinese)', async () => {
    const en = (await get('/public/demo-hall?lang=en')).body;
    expect(en).toContain('lang="en"');
    expect(en).toContain('Our service commitments');
    expect(en).toContain('<b>Tell once, finish on time</b><br>Complaints answered within 5 working days');
    expect(en).toContain('<b>首问负责，不推诿</b>');
    expect(en).toContain('Complaints replied to on time · measured in 2026-09: <b>50.00%</b> (target: at least 90%) <b class="err">✗ not met</b>');
    expect(en).toContain('href="/public/demo-hall/complaint?lang=en"');
    expect(en).toContain('href="/public/demo-hall?lang=zh">中文</a>');
    expect(cells(en, '2026-09')).toEqual(['2', '2', '50.00%', '5', '80.00%']);
    expect(zh).toContain('href="/public/demo-hall?lang=en">English</a>');
  });

  it('answers an unknown organisation with a 404 page', async () => {
    const res = await get('/public/nowhere');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('未找到该单位');
    expect((await get('/public/nowhere?lang=en')).body).toContain('No such organisation.');
  });

  it('shows another organisation nothing of this one', async () => {
    const hospital = (await get('/public/demo-hospital')).body;
    expect(hospital).toContain('示范县人民医院');
    expect(hospital).not.toContain('一次告知、限时办结');
    expect(hospital).not.toContain('企业开办登记');
    expect(hospital).toContain('暂无公开的服务承诺');
  });

  it('reflects a publication at once (no stale cache on the server)', async () => {
    const v = (await quality.get(`/api/v1/commitments/${draftId}`)).json().version;
    expect((await quality.patch(`/api/v1/commitments/${draftId}`, { version: v, published: true })).statusCode).toBe(200);
    expect((await get('/public/demo-hall')).body).toContain('草稿承诺：尚未公开');
    expect((await quality.patch(`/api/v1/commitments/${draftId}`, { version: v + 1, published: false })).statusCode).toBe(200);
    expect((await get('/public/demo-hall')).body).not.toContain('草稿承诺：尚未公开');
  });
});

describe('the board as JSON: GET /api/v1/public/organisations/{orgCode}/board', () => {
  it('returns the same data without login', async () => {
    const res = await get('/api/v1/public/organisations/demo-hall/board');
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.organisation).toEqual({ code: 'demo-hall', name: '示范县政务服务中心' });
    expect(b.measuredMonth).toBe('2026-09');
    expect(b.commitments.map((c: { text: { zh: string } }) => c.text.zh)).toEqual(['一次告知、限时办结', '首问负责，不推诿', '好差评满意率不低于 90%']);
    expect(b.commitments[0]).toMatchObject({ unit: '综合受理区', supervisionPhone: '0571-12345', measured: { code: 'complaint_reply_on_time_rate', month: '2026-09', value: 50, numerator: 1, denominator: 2, met: false } });
    expect(b.commitments[1].measured).toBeNull();
    expect(b.commitments[2].measured).toMatchObject({ value: 80, numerator: 4, denominator: 5, met: false });
    expect(b.supervisionPhones).toEqual(['0571-12345', '0571-99999']);
    expect(b.complaintChannels).toEqual(['12345 政务服务便民热线', '窗口意见箱']);
    expect(b.serviceItems).toHaveLength(60);
    expect(b.serviceItems.find((i: { code: string }) => i.code === 'QY-KB')).toMatchObject({ statutoryLimitDays: 15, committedLimitDays: 1, fees: '不收费' });
    expect(b.statistics.map((s: { month: string }) => s.month)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    expect(b.statistics[5]).toEqual({ month: '2026-09', complaints: { received: 2, replyDue: 2, repliedOnTime: 1, onTimeRate: 50 }, ratings: { ratings: 5, satisfactionRate: 80, ratingRate: null } });
    expect(b.links).toEqual({ board: '/public/demo-hall', complaintForm: '/public/demo-hall/complaint', complaintStatus: '/public/complaints/status', serviceGuide: '/public/demo-hall/services' });
    const text = res.body;
    for (const s of [...staffNames, ...personal]) expect(text, s).not.toContain(s);
    expect(text).not.toContain(ids.G2003);
  });

  it('the number of months is a pack value (horizons.boardMonths): three months, in the JSON and on the page', async () => {
    await withPolicyOverrides(admin, { horizons: { boardMonths: { value: 3, decision: '公开最近三个月' } } }, async () => {
      const b = (await get('/api/v1/public/organisations/demo-hall/board')).json();
      expect(b.statistics.map((s: { month: string }) => s.month)).toEqual(['2026-07', '2026-08', '2026-09']);
      expect(b.statistics[2].complaints).toEqual({ received: 2, replyDue: 2, repliedOnTime: 1, onTimeRate: 50 });
      const page = (await get('/public/demo-hall')).body;
      expect(page).toContain('近三个月投诉与满意度');
      expect(page).not.toContain('<tr><td>2026年6月</td>');
      expect((await get('/public/demo-hall?lang=en')).body).toContain('Complaints and satisfaction, last three months');
    });
    const page = (await get('/public/demo-hall')).body;
    expect(page).toContain('近六个月投诉与满意度');
    expect(page).toContain('<tr><td>2026年4月</td>');
  });

  it('answers 404 not_found for an unknown organisation', async () => {
    const res = await get('/api/v1/public/organisations/nowhere/board');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});

describe('the demo organisations publish a board worth reading (seed --demo)', () => {
  let demo: TestApp;
  beforeAll(async () => {
    demo = await createTestApp({ demoContent: true });
  });
  afterAll(async () => demo?.close());

  it('the service hall shows its service guide, commitments with measures, supervision phone and complaint channels', async () => {
    const res = await demo.app.inject({ method: 'GET', url: '/public/demo-hall', remoteAddress: '127.0.3.9' });
    expect(res.statusCode).toBe(200);
    for (const text of ['企业开办（设立登记）', '不动产转移登记（二手房）', '公司章程', '投诉件件有回音', '0510-80001234', '12345 政务服务便民热线']) expect(res.body).toContain(text);
    expect(res.body).not.toContain('暂无公开');
    const json = (await demo.app.inject({ method: 'GET', url: '/api/v1/public/organisations/demo-hall/board', remoteAddress: '127.0.3.9' })).json();
    expect(json.commitments.filter((c: { measured: unknown }) => c.measured).length).toBeGreaterThanOrEqual(2);
    // 002:L188: committed limits may be shorter than statutory ones, never longer.
    for (const i of json.serviceItems) expect(i.committedLimitDays).toBeLessThanOrEqual(i.statutoryLimitDays);
  });

  it('links each window to its rating page (the same signed code as the QR at the window)', async () => {
    const res = await demo.app.inject({ method: 'GET', url: '/public/demo-hall', remoteAddress: '127.0.3.9' });
    const link = /<a href="(\/r\/c\/[^"?]+)\?lang=zh">1号窗口（企业开办）<\/a>/.exec(res.body)?.[1];
    expect(link).toBeTruthy();
    const page = await demo.app.inject({ method: 'GET', url: link!, remoteAddress: '127.0.3.9' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1号窗口（企业开办）');
    const rated = await demo.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code: link!.slice('/r/c/'.length), level: 5 }, remoteAddress: '127.0.3.9' });
    expect(rated.statusCode, rated.body).toBe(201);
  });

  it('publishes the whole service guide on its own page: search and pages (002:L69)', async () => {
    const get = (url: string) => demo.app.inject({ method: 'GET', url, remoteAddress: '127.0.3.9' });
    const all = await get('/public/demo-hall/services');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('共 3 项');
    for (const name of ['企业开办（设立登记）', '不动产转移登记（二手房）', '城乡居民基本养老保险参保登记']) expect(all.body).toContain(name);
    expect(all.body).toContain('12345 政务服务便民热线'); // each item names its complaint channels
    const found = await get(`/public/demo-hall/services?q=${encodeURIComponent('不动产')}`);
    expect(found.body).toContain('共 1 项');
    expect(found.body).toContain('不动产转移登记（二手房）');
    expect(found.body).not.toContain('企业开办（设立登记）');
    expect((await get(`/public/demo-hall/services?q=${encodeURIComponent('没有这种事项')}`)).body).toContain('没有找到相关事项。');
    expect((await get('/public/demo-hall/services?page=abc')).statusCode).toBe(200);
    expect((await get('/public/nope-org/services')).statusCode).toBe(404);
    expect((await get('/public/demo-hall')).body).toContain('href="/public/demo-hall/services?lang=zh"');
  });

  it('the hospital too, in English where the commitment has English text', async () => {
    const res = await demo.app.inject({ method: 'GET', url: '/public/demo-hospital?lang=en', remoteAddress: '127.0.3.9' });
    for (const text of ['Timely replies to complaints', '病历复印', '0510-80005678']) expect(res.body).toContain(text);
  });
});
