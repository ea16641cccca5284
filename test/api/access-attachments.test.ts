import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { multipartFile } from '../support/multipart.js';

/**
 * Attachment routes as the hospital unit head (门诊部, H-OPD) on a case of 内科 (H-IM): 403 for
 * each, and nothing changes. See access.test.ts for the coverage rule.
 */
let t: TestApp;
let head: Session;
let admin: Session;
let caseId = '';
let fileId = '';
const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp();
  head = await t.login('hosp-unit-head');
  admin = await t.login('hosp-admin');
  const units = (await admin.get('/api/v1/units?pageSize=100')).json().items as { id: string; code: string }[];
  caseId = (await admin.post('/api/v1/complaints', { channel: 'phone', content: '内科病区夜间无人应答', unitId: units.find((u) => u.code === 'H-IM-W1')!.id })).json().id;
  const body = multipartFile('file', 'scan.pdf', pdf);
  fileId = (await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/attachments`, headers: { ...admin.headers, ...body.headers }, payload: body.payload })).json().id;
});
afterAll(async () => t?.close());

async function expect403(res: { statusCode: number; body: string; json(): any }) {
  expect(res.statusCode, res.body).toBe(403);
  expect(['forbidden', 'out_of_scope']).toContain(res.json().error.code);
}

describe('unit-head access on attachment routes (another unit’s case)', () => {
  it("'GET /api/v1/cases/:id/attachments' and 'GET /api/v1/cases/:id/attachments/:attachmentId' are 403", async () => {
    await expect403(await head.get(`/api/v1/cases/${caseId}/attachments`));
    await expect403(await head.get(`/api/v1/cases/${caseId}/attachments/${fileId}`));
  });

  it("'POST /api/v1/cases/:id/attachments' is 403 and stores nothing", async () => {
    const body = multipartFile('file', 'x.pdf', pdf);
    await expect403(await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/attachments`, headers: { ...head.headers, ...body.headers }, payload: body.payload }));
    expect((await admin.get(`/api/v1/cases/${caseId}/attachments`)).json().items).toHaveLength(1);
  });

  it("'DELETE /api/v1/cases/:id/attachments/:attachmentId' is 403 and the file stays", async () => {
    await expect403(await head.delete(`/api/v1/cases/${caseId}/attachments/${fileId}`));
    expect((await admin.get(`/api/v1/cases/${caseId}/attachments/${fileId}`)).statusCode).toBe(200);
  });
});
