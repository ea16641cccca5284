import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * Issue 13 item 5: the public complaint form takes up to three photos — JPEG or PNG by their
 * bytes, within the pack's size — through the JSON API and the plain HTML form; a fourth photo or
 * a bad one refuses the complaint with a 400 naming `photos` and stores nothing; the office sees
 * the photos on the case.
 */
const clock = fakeClock(Date.parse('2026-11-16T10:00:00+08:00'));
let t: TestApp;
let office: Session;
let ip = 0;

const jpeg = (n = 200) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(n, 7)]);
const png = () => Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(100, 1)]);
const b64 = (b: Buffer) => b.toString('base64');
const content = '门诊二楼候诊区地面湿滑，没有警示牌，老人差点滑倒。';

const postJson = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: { orgCode: 'demo-hospital', content, ...body }, remoteAddress: `10.8.0.${ip++}` });

/** The HTML form as a phone sends it: text fields and the chosen photos under `photos`. */
function formPost(fields: Record<string, string>, photos: { filename: string; content: Buffer; type?: string }[]) {
  const boundary = `----form${Math.random().toString(16).slice(2)}`;
  const parts = [
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    ...photos.map((f) => Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? 'image/jpeg'}\r\n\r\n`), f.content, Buffer.from('\r\n')])),
  ];
  return t.app.inject({ method: 'POST', url: '/public/demo-hospital/complaint?lang=zh', payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, remoteAddress: `10.8.1.${ip++}` });
}

const countCases = async () => Number((await t.ctx.db.kysely.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const countFiles = async () => Number((await t.ctx.db.kysely.selectFrom('case_attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const caseOf = async (trackingNo: string) => (await office.get(`/api/v1/cases?q=${trackingNo}`)).json().items[0].id as string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  office = await t.login('hosp-quality-office');
});
afterAll(async () => t?.close());

describe('photos with a public complaint (JSON API)', () => {
  it('three photos are stored on the case, named and typed from their bytes; the office downloads them', async () => {
    const res = await postJson({ photos: [{ name: '地面.jpg', data: b64(jpeg()) }, { name: '警示牌.png', data: b64(png()) }, { name: 'IMG_0001.JPG', data: b64(jpeg(300)) }] });
    expect(res.statusCode, res.body).toBe(201);
    const id = await caseOf(res.json().trackingNo);
    const files = (await office.get(`/api/v1/cases/${id}/attachments`)).json().items;
    expect(files.map((f: { name: string; mime: string; uploadedBy: string }) => [f.name, f.mime, f.uploadedBy])).toEqual([
      ['地面.jpg', 'image/jpeg', '投诉人'],
      ['警示牌.png', 'image/png', '投诉人'],
      ['IMG_0001.JPG', 'image/jpeg', '投诉人'],
    ]);
    const download = await office.get(`/api/v1/cases/${id}/attachments/${files[1].id}`);
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, png())).toBe(0);
  });

  it('a fourth photo, a PDF, a GIF, a renamed file or one over the pack’s size: 400 naming photos, nothing stored', async () => {
    const cases = await countCases();
    const files = await countFiles();
    const big = jpeg(5 * 1024 * 1024);
    for (const photos of [
      [1, 2, 3, 4].map((i) => ({ name: `${i}.jpg`, data: b64(jpeg()) })),
      [{ name: 'a.jpg', data: b64(jpeg()) }, { name: 'scan.pdf', data: b64(Buffer.from('%PDF-1.4 x')) }],
      [{ name: 'a.gif', data: b64(Buffer.from('GIF89a......')) }],
      [{ name: 'photo.png', data: b64(jpeg()) }],
      [{ name: 'big.jpg', data: b64(big) }],
    ]) {
      const res = await postJson({ photos });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path.replace(/\.\d+.*$/, ''))).toEqual(['body.photos']);
    }
    expect(await countCases()).toBe(cases);
    expect(await countFiles()).toBe(files);
  });
});

describe('photos with a public complaint (the HTML form a phone uses)', () => {
  it('the form is multipart, offers a photo field for JPEG and PNG, and fits a 390 px phone', async () => {
    const page = (await t.app.inject({ method: 'GET', url: '/public/demo-hospital/complaint' })).body;
    expect(page).toContain('enctype="multipart/form-data"');
    expect(page).toMatch(/<input id="photos" name="photos" type="file" accept="image\/jpeg,image\/png" multiple/);
    expect(page).toContain('最多 3 张');
    expect(page).toContain('width=device-width');
  });

  it('takes two photos with the form (an empty file input is skipped) and answers with the tracking number', async () => {
    const res = await formPost({ content, category: 'environment' }, [{ filename: '现场.jpg', content: jpeg() }, { filename: '', content: Buffer.alloc(0), type: 'application/octet-stream' }, { filename: '现场2.png', content: png(), type: 'image/png' }]);
    expect(res.statusCode, res.body).toBe(201);
    const no = res.body.match(/class="big">([^<]+)<\/p>/)![1];
    const id = await caseOf(no);
    expect((await office.get(`/api/v1/cases/${id}/attachments`)).json().items.map((f: { name: string }) => f.name)).toEqual(['现场.jpg', '现场2.png']);
  });

  it('a fourth photo or a bad one comes back on the form, explained next to the photo field; nothing stored', async () => {
    const cases = await countCases();
    const four = await formPost({ content }, [1, 2, 3, 4].map((i) => ({ filename: `${i}.jpg`, content: jpeg() })));
    expect(four.statusCode).toBe(400);
    expect(four.body).toMatch(/<p class="err" id="e-photos">最多只能附 3 张照片/);
    expect(four.body).toContain(content);
    const bad = await formPost({ content }, [{ filename: 'x.jpg', content: Buffer.from('not an image at all') }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/id="e-photos">第 1 张不是 JPEG 或 PNG 照片/);
    expect(await countCases()).toBe(cases);
  });
});
