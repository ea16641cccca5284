import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';

let t: TestApp;
let admin: Session;
let head: Session;
const unitId = async (code: string) => (await admin.get(`/api/v1/units?q=${code}`)).json().items.find((u: { code: string }) => u.code === code);

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('hall-admin');
  head = await t.login('hall-unit-head'); // 综合受理区 G-A
});
afterAll(async () => t?.close());

function multipart(fileName: string, content: Buffer | string, type: string) {
  const boundary = 'yz-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(content), tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(s: Session, fileName: string, content: Buffer | string, query = '') {
  const { payload, contentType } = multipart(fileName, content, fileName.endsWith('.csv') ? 'text/csv' : 'application/octet-stream');
  return t.app.inject({ method: 'POST', url: `/api/v1/staff/import${query}`, headers: { ...s.headers, 'content-type': contentType }, payload });
}

describe('units', () => {
  it('creates, renames and lists units with pagination, search and sorting', async () => {
    const parent = await unitId('G-B');
    const created = await admin.post('/api/v1/units', { code: 'G-B-03', name: '6号窗口（医保）', kind: 'window', parentId: parent.id });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'G-B-03', kind: 'window', parentId: parent.id, version: 1 });
    const page = (await admin.get('/api/v1/units?q=G-B&sort=code&order=desc&pageSize=2')).json();
    expect(page.total).toBe(4);
    expect(page.items.map((u: { code: string }) => u.code)).toEqual(['G-B-03', 'G-B-02']);
    const page2 = (await admin.get('/api/v1/units?q=G-B&sort=code&order=desc&pageSize=2&page=2')).json();
    expect(page2.items.map((u: { code: string }) => u.code)).toEqual(['G-B-01', 'G-B']);
    const renamed = await admin.patch(`/api/v1/units/${created.json().id}`, { version: 1, name: '6号窗口（医保服务）' });
    expect(renamed.json()).toMatchObject({ name: '6号窗口（医保服务）', version: 2 });
  });

  it('refuses a duplicate code with 409 duplicate', async () => {
    const res = await admin.post('/api/v1/units', { code: 'G-A-01', name: '重复', kind: 'window' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('duplicate');
  });

  it('a stale edit gets 409 version_conflict and changes nothing', async () => {
    const unit = await unitId('G-HELP');
    expect((await admin.patch(`/api/v1/units/${unit.id}`, { version: unit.version, phone: '0539-1234567' })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/units/${unit.id}`, { version: unit.version, name: '过期修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect((await unitId('G-HELP')).name).toBe('帮办代办服务台');
  });

  it('moves a unit with its subtree, and refuses a move under itself', async () => {
    const gb = await unitId('G-B');
    const ga = await unitId('G-A');
    const moved = await admin.patch(`/api/v1/units/${gb.id}`, { version: gb.version, parentId: ga.id });
    expect(moved.statusCode).toBe(200);
    // The unit head of G-A now sees G-B's windows too: the subtree moved with it.
    const codes = (await head.get('/api/v1/units?pageSize=100')).json().items.map((u: { code: string }) => u.code);
    expect(codes).toEqual(expect.arrayContaining(['G-B', 'G-B-01', 'G-B-02']));
    const child = await unitId('G-B-01');
    const cycle = await admin.patch(`/api/v1/units/${gb.id}`, { version: gb.version + 1, parentId: child.id });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().error.code).toBe('unit_cycle');
  });

  it('deletes only empty units', async () => {
    const busy = await unitId('G-A-01');
    const refused = await admin.delete(`/api/v1/units/${busy.id}?version=${busy.version}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('unit_not_empty');
    const empty = (await admin.post('/api/v1/units', { code: 'TMP', name: '临时', kind: 'team' })).json();
    expect((await admin.delete(`/api/v1/units/${empty.id}?version=1`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/units/${empty.id}`)).statusCode).toBe(404);
  });

  it('a unit still referenced by a case cannot be deleted (409, not 500)', async () => {
    const unit = (await admin.post('/api/v1/units', { code: 'TMP-REF', name: '临时窗口', kind: 'window', parentId: (await unitId('G')).id })).json();
    expect((await admin.post('/api/v1/complaints', { channel: 'phone', content: '临时窗口的投诉', unitId: unit.id })).statusCode).toBe(201);
    const res = await admin.delete(`/api/v1/units/${unit.id}?version=1`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('unit_not_empty');
  });

  it('a unit head creates units inside their subtree', async () => {
    const ga = await unitId('G-A');
    const res = await head.post('/api/v1/units', { code: 'G-A-09', name: '9号窗口', kind: 'window', parentId: ga.id });
    expect(res.statusCode).toBe(201);
  });

  it('returns the tree nested', async () => {
    const tree = (await admin.get('/api/v1/units/tree')).json().items;
    expect(tree).toHaveLength(1);
    expect(tree[0].code).toBe('G');
    expect(tree[0].children.map((c: { code: string }) => c.code)).toContain('G-A');
  });
});

describe('staff', () => {
  it('creates staff with units, posts and flags; searches by name', async () => {
    const window = await unitId('G-A-02');
    const res = await admin.post('/api/v1/staff', { badgeNo: 'G3001', name: '宋雨', unitIds: [window.id], posts: ['受理员'], category: '窗口', partyBranch: '机关党支部', flags: { middleCadre: false } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ badgeNo: 'G3001', code: 'G3001', units: [{ code: 'G-A-02', primary: true }], posts: ['受理员'] });
    const found = (await admin.get(`/api/v1/staff?q=${encodeURIComponent('宋雨')}`)).json();
    expect(found.total).toBe(1);
    expect(found.items[0]).toHaveProperty('id');
  });

  it('deactivation keeps the record, and the list can filter it out', async () => {
    const s = (await admin.get('/api/v1/staff?q=G3001')).json().items[0];
    const res = await admin.delete(`/api/v1/staff/${s.id}?version=${s.version}`);
    expect(res.json().active).toBe(false);
    expect((await admin.get('/api/v1/staff?q=G3001&active=true')).json().total).toBe(0);
    expect((await admin.get('/api/v1/staff?q=G3001&active=false')).json().total).toBe(1);
  });

  it('a unit head sees only staff in their subtree', async () => {
    const badges = (await head.get('/api/v1/staff?pageSize=100')).json().items.map((s: { badgeNo: string }) => s.badgeNo);
    expect(badges).toContain('G2003');
    expect(badges).not.toContain('G2001');
  });

  it('validation errors name the field', async () => {
    const res = await admin.post('/api/v1/staff', { badgeNo: '', name: '无工号', unitIds: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.badgeNo', 'body.unitIds']));
  });
});

describe('roster import (花名册导入)', () => {
  it('imports a CSV: creates new units (parent on a later row) and staff, updates existing staff', async () => {
    const csv = [
      '单位编码,单位名称,单位类型,上级单位编码,工号,姓名,岗位,类别,党支部,电话,中层干部',
      'G-C-01,7号窗口,window,G-C,G4001,钱进,受理员；帮办员,窗口,机关党支部,13800000001,否',
      'G-C,延时服务区,department,G,G4002,孙悦,区负责人,管理,机关党支部,,是',
      'G-A-03,,,,G2005,郭佳（更新）,窗口受理员,窗口,机关党支部,,',
    ].join('\n');
    const res = await upload(admin, 'roster.csv', csv);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, unitsCreated: 2, staffCreated: 2, staffUpdated: 1, dryRun: false });
    const s = (await admin.get('/api/v1/staff?q=G4001')).json().items[0];
    expect(s.posts).toEqual(['受理员', '帮办员']);
    expect(s.units[0].code).toBe('G-C-01');
    expect((await admin.get('/api/v1/staff?q=G4002')).json().items[0].flags.middleCadre).toBe(true);
    expect((await unitId('G-C-01')).parentId).toBe((await unitId('G-C')).id);
  });

  it('is all-or-nothing and reports every bad row', async () => {
    const csv = ['工号,姓名,单位编码,单位名称', 'G5001,好行,G-D,新区', ',缺工号,G-D,新区', 'G5003,,G-D,新区', 'G5004,坏编码,坏 编码,新区'].join('\n');
    const res = await upload(admin, 'bad.csv', csv);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('import_failed');
    const errors = res.json().error.details.errors as { row: number; field: string }[];
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'badgeNo'],
      [4, 'name'],
      [5, 'unitCode'],
    ]);
    // Row 2 was valid, but nothing was written.
    expect((await admin.get('/api/v1/staff?q=G5001')).json().total).toBe(0);
    expect(await unitId('G-D')).toBeUndefined();
  });

  it('reports a badge number repeated in the file at each repeating row', async () => {
    const csv = [
      '单位编码,单位名称,工号,姓名',
      'G-E,新区,G8001,甲',
      'G-E,新区,G8002,乙',
      'G-E,新区,G8001,甲', // same person, same unit again
      'G-A-01,,G8002,丙', // another person under a badge already used
      'G-A-01,,G8001,甲', // the same person in a second unit: allowed
    ].join('\n');
    const res = await upload(admin, 'dupes.csv', csv);
    expect(res.statusCode).toBe(400);
    const errors = res.json().error.details.errors as { row: number; field: string; message: { zh: string; en: string } }[];
    expect(errors.map((e) => [e.row, e.field, e.message.zh])).toEqual([
      [4, 'badgeNo', '第 4 行工号与第 2 行重复'],
      [5, 'badgeNo', '第 5 行工号与第 3 行重复（姓名不同：乙 / 丙）'],
    ]);
    expect(errors[0].message.en).toBe('Row 4 repeats the badge number of row 2');
    expect((await admin.get('/api/v1/staff?q=G8001')).json().total).toBe(0);
  });

  it('checks every row in one pass: field, unit and parent problems come back together, named in both languages', async () => {
    const csv = [
      '单位编码,单位名称,上级单位编码,工号,姓名',
      'G-F,,,G8101,无单位名称', // a new unit without a name
      'G-F-1,子窗口,G-NOWHERE,G8102,上级不存在', // parent neither in the file nor in the database
      'G-X,环一,G-Y,G8103,循环甲', // G-X → G-Y → G-X
      'G-Y,环二,G-X,G8104,循环乙',
      'G-A-01,,,bad badge!,', // two field problems on one row
    ].join('\n');
    const res = await upload(admin, 'many.csv', csv);
    expect(res.statusCode).toBe(400);
    const errors = res.json().error.details.errors as { row: number; field: string; message: { zh: string; en: string } }[];
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'unitName'],
      [3, 'parentUnitCode'],
      [4, 'parentUnitCode'],
      [5, 'parentUnitCode'],
      [6, 'badgeNo'],
      [6, 'name'],
    ]);
    const name = errors.find((e) => e.field === 'name')!.message;
    expect(name).toEqual({ zh: '姓名不能为空', en: 'Name is required' });
    expect(errors.find((e) => e.row === 6 && e.field === 'badgeNo')!.message.zh).toMatch(/^工号只能使用字母、数字/);
    expect(errors.find((e) => e.row === 3)!.message).toEqual({ zh: '上级单位 G-NOWHERE 不存在', en: 'Parent unit G-NOWHERE does not exist' });
    expect(errors.find((e) => e.row === 4)!.message.zh).toContain('上级单位形成循环');
    expect(await unitId('G-F')).toBeUndefined();
  });

  it('a dry run checks and writes nothing', async () => {
    const res = await upload(admin, 'dry.csv', '工号,姓名,单位编码\nG6001,试运行,G-A-01\n', '?dryRun=true');
    expect(res.json()).toMatchObject({ dryRun: true, staffCreated: 1 });
    expect((await admin.get('/api/v1/staff?q=G6001')).json().total).toBe(0);
  });

  it('imports an .xlsx workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['单位编码', '单位名称', '工号', '姓名', '岗位']);
    ws.addRow(['G-A-01', '', 'G7001', '韩梅', '受理员']);
    ws.addRow(['G-A-01', '', 'G7002', '李雷', '受理员']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(admin, '花名册.xlsx', buffer);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().staffCreated).toBe(2);
  });

  it('refuses other file types', async () => {
    const res = await upload(admin, 'roster.txt', 'hello');
    expect(res.statusCode).toBe(415);
  });
});

describe('organisation', () => {
  it('the admin renames the organisation; the change is audited with before and after', async () => {
    const org = (await admin.get('/api/v1/organisation')).json();
    const res = await admin.patch('/api/v1/organisation', { version: org.version, name: '示范县政务服务中心（新）' });
    expect(res.json().name).toBe('示范县政务服务中心（新）');
    const audit = (await admin.get('/api/v1/audit?entity=organisation')).json().items[0];
    expect(audit.before.name).toBe('示范县政务服务中心');
    expect(audit.after.name).toBe('示范县政务服务中心（新）');
    expect(audit.actor).toBe('hall-admin');
  });
});
