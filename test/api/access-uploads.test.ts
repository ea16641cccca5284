import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { multipartFile } from '../support/multipart.js';

/**
 * Access first on every upload: a caller who may not use a route learns nothing from the file
 * they send. The answer is the same status, code and body whether the file names units and
 * badges that exist or not, and whether it is a readable file at all — the file is not parsed
 * (a garbage workbook, which an administrator is told is unreadable, gets the same 403).
 */
let t: TestApp;
let admin: Session;
let head: Session;
let staff: Session;
let otherCase = '';

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('hosp-admin');
  head = await t.login('hosp-unit-head');
  staff = await t.login('hosp-staff');
  const units = (await admin.get('/api/v1/units?pageSize=100')).json().items as { id: string; code: string }[];
  otherCase = (await admin.post('/api/v1/complaints', { channel: 'phone', content: '内科病区夜间无人应答', unitId: units.find((u) => u.code === 'H-IM-W1')!.id })).json().id;
});
afterAll(async () => t?.close());

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const garbage = Buffer.from('PK\u0003\u0004 this is not a workbook \u0000\u0001\u0002');

function upload(s: Session, url: string, name: string, content: Buffer | string) {
  const body = multipartFile('file', name, Buffer.from(content));
  return t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...body.headers }, payload: body.payload });
}

/** Every answer is the same one: status, code and body (the details included). */
function sameAnswer(answers: { statusCode: number; body: string; json(): any }[], status: number, codes: string[]) {
  for (const a of answers) {
    expect(a.statusCode, a.body).toBe(status);
    expect(codes).toContain(a.json().error.code);
  }
  expect(new Set(answers.map((a) => a.body)).size, answers.map((a) => a.body).join('\n')).toBe(1);
}

describe('served-count import (POST /api/v1/served-counts/import)', () => {
  const url = '/api/v1/served-counts/import';

  it('a caller without the role gets one 403 whatever the file says, and the file is not parsed', async () => {
    const answers = [
      await upload(staff, url, 'served.csv', `单位编码,工号,日期,服务人次\nH-OPD-REG,H1003,${today()},5\n`),
      await upload(staff, url, 'served.csv', `单位编码,工号,日期,服务人次\nNO-SUCH-UNIT,NO-SUCH-BADGE,${today()},5\n`),
      await upload(staff, url, 'served.csv', 'not,a,served,sheet\n\u0000\n'),
      await upload(staff, url, 'served.xlsx', garbage),
      await upload(staff, url, 'served.exe', garbage),
      await staff.post(url, { not: 'multipart' }),
    ];
    sameAnswer(answers, 403, ['forbidden']);
    // The same garbage from someone who may import is read, and refused as unreadable.
    const parsed = await upload(admin, url, 'served.xlsx', garbage);
    expect([parsed.statusCode, parsed.json().error.code]).toEqual([400, 'file_invalid']);
  });

  it('a unit head naming a unit outside their subtree gets one 403, whether that unit exists or not', async () => {
    const answers = [
      await upload(head, url, 's.csv', `单位编码,日期,服务人次\nH-IM,${today()},5\n`),
      await upload(head, url, 's.csv', `单位编码,日期,服务人次\nNO-SUCH-UNIT,${today()},5\n`),
      // Other rows being right or wrong changes nothing.
      await upload(head, url, 's.csv', `单位编码,日期,服务人次\nH-OPD-REG,${today()},5\nH-IM,2026/13/40,-1\n`),
      await upload(head, url, 's.csv', `单位编码,日期,服务人次\nH-OPD-REG,${today()},5\nNO-SUCH-UNIT,2026/13/40,-1\n`),
    ];
    sameAnswer(answers, 403, ['out_of_scope']);
    expect(await t.ctx.db.kysely.selectFrom('served_counts').selectAll().execute()).toEqual([]);
  });

  it('a unit head is told the same about a badge of another unit as about one that does not exist', async () => {
    const errorsOf = async (badge: string) => {
      const res = await upload(head, url, 's.csv', `单位编码,工号,日期,服务人次\nH-OPD-REG,${badge},${today()},5\n`);
      expect(res.statusCode).toBe(400);
      return res.json().error.details.errors.map((e: { field: string; message: { en: string } }) => [e.field, e.message.en.replace(badge, 'X')]);
    };
    // H1008 works in 内科 (H-IM), outside the unit head's 门诊部.
    expect(await errorsOf('H1008')).toEqual(await errorsOf('NO-SUCH-BADGE'));
    // Their own staff are found.
    expect((await upload(head, url, 's.csv', `单位编码,工号,日期,服务人次\nH-OPD-REG,H1003,${today()},5\n`)).json()).toEqual({ recorded: 1 });
  });
});

describe('roster import (POST /api/v1/staff/import)', () => {
  const url = '/api/v1/staff/import';

  it('a caller without the role gets one 403 whatever the file says, and the file is not parsed', async () => {
    const answers = [
      await upload(staff, url, 'roster.csv', '单位编码,工号,姓名\nH-OPD-REG,X1,某人\n'),
      await upload(staff, url, 'roster.csv', '单位编码,工号,姓名\nNO-SUCH-UNIT,X1,某人\n'),
      await upload(staff, url, 'roster.csv', ''),
      await upload(staff, url, 'roster.xlsx', garbage),
      await upload(staff, url, 'roster.exe', garbage),
      await staff.post(url, { not: 'multipart' }),
    ];
    sameAnswer(answers, 403, ['forbidden']);
    const parsed = await upload(admin, url, 'roster.xlsx', garbage);
    expect([parsed.statusCode, parsed.json().error.code]).toEqual([400, 'file_invalid']);
  });

  it('a unit head naming a unit outside their subtree is refused before any row is judged', async () => {
    const answers = [
      await upload(head, url, 'roster.csv', '单位编码,工号,姓名\nH-IM,X1,某人\n'),
      await upload(head, url, 'roster.csv', '单位编码,工号,姓名\nH-OPD-REG,X1,\nH-IM,X2,某人\n'),
    ];
    sameAnswer(answers, 403, ['out_of_scope']);
  });
});

describe('attachments (POST /api/v1/cases/:id/attachments)', () => {
  it('a caller who cannot see the case gets one answer whatever the file, and it is not read', async () => {
    const url = `/api/v1/cases/${otherCase}/attachments`;
    const answers = [
      await upload(head, url, 'scan.pdf', '%PDF-1.4\n%%EOF\n'),
      await upload(head, url, 'empty.pdf', ''),
      await upload(head, url, 'program.jpg', Buffer.from('MZ\u0090\u0000 program')),
      await head.post(url, { not: 'multipart' }),
    ];
    sameAnswer(answers, 403, ['out_of_scope']);
    // The same empty file from someone who sees the case is read and refused for what it is.
    const empty = await upload(admin, url, 'empty.pdf', '');
    expect([empty.statusCode, empty.json().error.code, empty.json().error.details[0].path]).toEqual([400, 'validation_failed', 'body.file']);
  });
});
