import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { multipartFile, multipartFiles } from '../support/multipart.js';

/**
 * 附件: evidence on a case of any type — the photo of a dirty counter, the recording of the hotline
 * call, a scan of the signed service contact card. The kind is read from the bytes.
 */
let t: TestApp;
let admin: Session;
let head: Session;
let office: Session;
const ids: Record<string, string> = {};
// A 1×1 PNG.
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc00000030101009a5e1ae40000000049454e44ae426082', 'hex');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const upload = (s: Session, caseId: string, name: string, content: Buffer) => {
  const body = multipartFile('file', name, content);
  return t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/attachments`, headers: { ...s.headers, ...body.headers }, payload: body.payload });
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('hosp-admin');
  head = await t.login('hosp-unit-head');
  office = await t.login('hosp-quality-office');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  ids.opd = (await admin.post('/api/v1/complaints', { channel: 'window', content: '挂号窗口台面脏乱', unitId: ids['H-OPD-REG'] })).json().id;
  ids.im = (await admin.post('/api/v1/complaints', { channel: 'phone', content: '内科病区夜间无人应答', unitId: ids['H-IM-W1'] })).json().id;
});
afterAll(async () => t?.close());

describe('case attachments', () => {
  it('stores a photo with its name, kind, size and hash; lists it; downloads the same bytes under the Chinese name', async () => {
    const res = await upload(head, ids.opd, '台面照片.png', png);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ name: '台面照片.png', mime: 'image/png', size: png.length, uploadedBy: 'hosp-unit-head' });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    ids.photo = a.id;
    expect((await head.get(`/api/v1/cases/${ids.opd}/attachments`)).json().items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const file = await head.get(`/api/v1/cases/${ids.opd}/attachments/${a.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('台面照片.png')}`);
    expect(file.rawPayload.equals(png)).toBe(true);
  });

  it('names the file on the timeline (internal) and in the audit log', async () => {
    const c = (await admin.get(`/api/v1/cases/${ids.opd}`)).json();
    const e = c.timeline.find((x: { action: string }) => x.action === 'attach');
    expect(e).toMatchObject({ note: '台面照片.png', public: false });
    const audit = (await admin.get('/api/v1/audit?entity=case:complaint&pageSize=100')).json().items;
    expect(audit.some((x: { action: string; entityId: string }) => x.action === 'attach' && x.entityId === ids.opd)).toBe(true);
  });

  it('judges the kind by the bytes: a program named .jpg, an HTML page and an empty file are refused; nothing is stored', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]);
    const refused = await upload(head, ids.opd, 'photo.jpg', exe);
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error.code).toBe('file_type_not_allowed');
    expect(refused.json().error.messages.zh).toContain('不支持该类型的附件');
    expect((await upload(head, ids.opd, 'page.html', Buffer.from('<html><script>alert(1)</script></html>'))).statusCode).toBe(415);
    expect((await upload(head, ids.opd, 'empty.pdf', Buffer.alloc(0))).statusCode).toBe(400);
    expect((await head.get(`/api/v1/cases/${ids.opd}/attachments`)).json().items).toHaveLength(1);
  });

  // Issue 12 item 6: the download keeps the user's name, so a page named .html that starts like a GIF would open as a page.
  it('refuses a file whose extension disagrees with its bytes (400 file_type_mismatch); nothing is stored', async () => {
    const before = (await head.get(`/api/v1/cases/${ids.opd}/attachments`)).json().items.length;
    for (const [name, content] of [
      ['page.html', Buffer.from('GIF89a<html><script>alert(1)</script></html>')],
      ['setup.exe', pdf],
      ['scan.pdf', png],
      ['photo.png.html', png],
    ] as const) {
      const res = await upload(head, ids.opd, name, content);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.code).toBe('file_type_mismatch');
      expect(res.json().error.messages.zh).toContain('扩展名');
    }
    // The extension's case and its synonyms agree with the bytes.
    expect((await upload(head, ids.opd, 'SCAN.PDF', pdf)).statusCode).toBe(201);
    expect((await head.get(`/api/v1/cases/${ids.opd}/attachments`)).json().items).toHaveLength(before + 1);
  });

  it('refuses a second file in one request (400 too_many_files) rather than dropping it; nothing is stored', async () => {
    const before = (await head.get(`/api/v1/cases/${ids.opd}/attachments`)).json().items.length;
    const body = multipartFiles('file', [{ filename: 'a.pdf', content: pdf }, { filename: 'b.png', content: png }]);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${ids.opd}/attachments`, headers: { ...head.headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('too_many_files');
    expect((await head.get(`/api/v1/cases/${ids.opd}/attachments`)).json().items).toHaveLength(before);
  });

  it('the roster import refuses a second file and a workbook whose name disagrees with its bytes', async () => {
    const csv = Buffer.from('单位编码,单位名称,工号,姓名\nH-OPD-REG,挂号收费窗口,H1099,测试\n');
    const send = (body: { payload: Buffer; headers: Record<string, string> }) => t.app.inject({ method: 'POST', url: '/api/v1/staff/import?dryRun=true', headers: { ...admin.headers, ...body.headers }, payload: body.payload });
    const two = await send(multipartFiles('file', [{ filename: 'a.csv', content: csv }, { filename: 'b.csv', content: csv }]));
    expect(two.statusCode).toBe(400);
    expect(two.json().error.code).toBe('too_many_files');
    const renamed = await send(multipartFile('file', 'roster.xlsx', pdf));
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.code).toBe('file_type_mismatch');
  });

  it('accepts a PDF scan, and text only when it is text', async () => {
    expect((await upload(office, ids.opd, '服务联系卡.pdf', pdf)).json().mime).toBe('application/pdf');
    expect((await upload(office, ids.opd, '情况说明.txt', Buffer.from('投诉人当面说明情况。'))).json().mime).toBe('text/plain; charset=utf-8');
    expect((await upload(office, ids.opd, 'binary.txt', Buffer.from([0, 1, 2, 3]))).statusCode).toBe(415);
  });

  it('refuses a body that is not multipart (415) and a file over the upload limit (413)', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${ids.opd}/attachments`, headers: { ...head.headers, 'content-type': 'application/json' }, payload: '{}' });
    expect(res.statusCode).toBe(415);
    const big = Buffer.concat([pdf, Buffer.alloc(11 * 1024 * 1024)]);
    const tooBig = await upload(head, ids.opd, 'big.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('payload_too_large');
  });

  it('only the uploader, an administrator or the quality office deletes; the bytes are gone, the audit keeps the name', async () => {
    const byOffice = (await upload(office, ids.opd, '现场.png', png)).json();
    const refused = await head.delete(`/api/v1/cases/${ids.opd}/attachments/${byOffice.id}`);
    expect(refused.statusCode).toBe(403);
    expect((await head.delete(`/api/v1/cases/${ids.opd}/attachments/${ids.photo}`)).statusCode).toBe(204);
    expect((await head.get(`/api/v1/cases/${ids.opd}/attachments/${ids.photo}`)).statusCode).toBe(404);
    expect((await head.delete(`/api/v1/cases/${ids.opd}/attachments/${ids.photo}`)).statusCode).toBe(404);
    expect(await t.ctx.db.kysely.selectFrom('case_attachment_contents').select('attachment_id').where('attachment_id', '=', ids.photo).execute()).toEqual([]);
    const timeline = (await admin.get(`/api/v1/cases/${ids.opd}`)).json().timeline.map((e: { action: string }) => e.action);
    expect(timeline).toContain('detach');
    const audit = (await admin.get('/api/v1/audit?entity=case_attachment&pageSize=100')).json().items;
    expect(audit.find((x: { entityId: string }) => x.entityId === ids.photo).before.name).toBe('台面照片.png');
  });

  it('a file of one case is not reachable through another', async () => {
    const onIm = (await upload(admin, ids.im, 'im.png', png)).json();
    expect((await admin.get(`/api/v1/cases/${ids.opd}/attachments/${onIm.id}`)).statusCode).toBe(404);
  });
});
