import QRCode from 'qrcode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { havePdftotext, pdfText } from '../support/pdf.js';

/**
 * Issue 12 item 7: what a printed QR code or a rating link opens is the installation's public
 * address — never an address the caller chose (`?base=`) or a Host header it forged, or a sheet
 * printed from a poisoned request would send patients to someone else's site.
 */
let t: TestApp;
let admin: Session;
const ids: Record<string, string> = {};
let surveyId = '';

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('hosp-admin');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  surveyId = (await admin.post('/api/v1/surveys', { templateId: 'window', unitId: ids['H-OPD-REG'], cycle: 'monthly', startsOn: '2026-11-01' })).json().id;
});
afterAll(async () => t?.close());
afterEach(() => {
  t.ctx.config.publicUrl = null;
  t.ctx.config.allowedHosts = [];
});

const as = (headers: Record<string, string>, url: string, method: 'GET' | 'POST' = 'GET', payload?: object) =>
  t.app.inject({ method, url, headers: { ...admin.headers, ...headers }, ...(payload ? { payload } : {}) });
const svgOf = (url: string) => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
const refused = (res: { statusCode: number; json(): { error: { code: string } } }) => {
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('public_url_not_allowed');
};
const tokenCount = async () => Number((await t.ctx.db.kysely.selectFrom('rating_tokens').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('with YOUZHI_PUBLIC_URL', () => {
  it('?base= may name only the public address', async () => {
    t.ctx.config.publicUrl = 'https://pj.example.cn';
    const unit = ids['H-OPD-REG'];
    const code = (await admin.get(`/api/v1/rating-codes?unitId=${unit}`)).json().code;
    for (const url of [`/api/v1/rating-codes/qr.svg?unitId=${unit}&base=`, '/api/v1/rating-codes/sheet.pdf?base=', `/api/v1/surveys/${surveyId}/qr.svg?base=`])
      refused(await admin.get(url + encodeURIComponent('https://evil.example')));
    const same = await admin.get(`/api/v1/rating-codes/qr.svg?unitId=${unit}&base=${encodeURIComponent('https://pj.example.cn/')}`);
    expect(same.body).toBe(await svgOf(`https://pj.example.cn/r/c/${code}`));
  });

  it('the Host header does not change it', async () => {
    t.ctx.config.publicUrl = 'https://pj.example.cn';
    const forged = { host: 'evil.example' };
    const token = (await as(forged, '/api/v1/rating-tokens', 'POST', { unitId: ids['H-OPD-REG'] })).json();
    expect(token.url).toBe(`https://pj.example.cn/r/${token.token}`);
    expect((await as(forged, `/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json().publicUrl).toMatch(/^https:\/\/pj\.example\.cn\/r\/c\//);
    expect((await as(forged, `/api/v1/surveys/${surveyId}`)).json().publicUrl).toMatch(/^https:\/\/pj\.example\.cn\/s\//);
  });
});

describe('without YOUZHI_PUBLIC_URL: the request origin, if it is one of the installation', () => {
  it('a forged Host is refused, and no link is created for it', async () => {
    const before = await tokenCount();
    refused(await as({ host: 'evil.example' }, '/api/v1/rating-tokens', 'POST', { unitId: ids['H-OPD-REG'] }));
    expect(await tokenCount()).toBe(before);
    refused(await as({ host: 'evil.example' }, `/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`));
    refused(await as({ host: 'evil.example:3000' }, `/api/v1/surveys/${surveyId}/qr.svg`));
    refused(await as({ host: 'evil.example' }, '/api/v1/rating-codes/sheet.pdf'));
  });

  it('loopback and the hosts in YOUZHI_ALLOWED_HOSTS are accepted; ?base= must be that same origin', async () => {
    const code = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json();
    expect(code.publicUrl).toBe(`http://localhost:80/r/c/${code.code}`);
    expect((await as({ host: '127.0.0.1:3000' }, `/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json().publicUrl).toBe(`http://127.0.0.1:3000/r/c/${code.code}`);
    refused(await admin.get(`/api/v1/rating-codes/qr.svg?unitId=${ids['H-OPD-REG']}&base=${encodeURIComponent('http://10.1.2.3:3000')}`));
    t.ctx.config.allowedHosts = ['pj.intranet'];
    const intranet = await as({ host: 'PJ.intranet:3000' }, `/api/v1/rating-codes/qr.svg?unitId=${ids['H-OPD-REG']}&base=${encodeURIComponent('http://pj.intranet:3000')}`);
    expect(intranet.body).toBe(await svgOf(`http://pj.intranet:3000/r/c/${code.code}`));
  });

  it('codes for a loopback address say phones cannot open them, and how to set the address (issue 13 item 8)', async () => {
    const unit = ids['H-OPD-REG'];
    for (const host of ['localhost', '127.0.0.1:3000', '[::1]:3000']) {
      const check = (await as({ host }, `/api/v1/rating-codes?unitId=${unit}`)).json().publicUrlCheck;
      expect(check.reachableFromPhones).toBe(false);
      expect(check.hint.zh).toContain('YOUZHI_PUBLIC_URL');
      expect(check.hint.zh).toContain('手机');
    }
    expect((await as({ host: '127.0.0.1:3000' }, `/api/v1/surveys/${surveyId}`)).json().publicUrlCheck.reachableFromPhones).toBe(false);
    expect((await as({ host: '127.0.0.1:3000' }, '/api/v1/rating-tokens', 'POST', { unitId: unit })).json().publicUrlCheck.reachableFromPhones).toBe(false);
    // An intranet address phones on the ward's Wi-Fi can reach, or the configured public address: no warning.
    t.ctx.config.allowedHosts = ['pj.intranet'];
    expect((await as({ host: 'pj.intranet:3000' }, `/api/v1/rating-codes?unitId=${unit}`)).json().publicUrlCheck).toEqual({ reachableFromPhones: true, hint: null });
    t.ctx.config.publicUrl = 'https://pj.example.cn';
    expect((await as({ host: '127.0.0.1:3000' }, `/api/v1/rating-codes?unitId=${unit}`)).json().publicUrlCheck).toEqual({ reachableFromPhones: true, hint: null });
  });

  it('YOUZHI_ALLOWED_HOSTS is read from the environment', () => {
    expect(loadConfig({ YOUZHI_ALLOWED_HOSTS: ' pj.intranet, 10.1.2.3:3000 ,,' }).allowedHosts).toEqual(['pj.intranet', '10.1.2.3']);
    expect(loadConfig({}).allowedHosts).toEqual([]);
  });
});


describe.skipIf(!havePdftotext)('the printed sheet (needs poppler-utils)', () => {
  it('prints the address its codes open', async () => {
    t.ctx.config.publicUrl = 'https://pj.example.cn/youzhi';
    const res = await admin.get('/api/v1/rating-codes/sheet.pdf');
    expect(res.statusCode).toBe(200);
    expect(pdfText(res.rawPayload)).toContain('https://pj.example.cn/youzhi/r/c/');
  });
});
