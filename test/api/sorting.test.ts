import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * Server-side sorting of the administration lists and the cases list. Chinese names sort by pinyin
 * (阿 a, 陈 chen, 李 li, 王 wang, 张 zhang — in code-point order they would be 张 李 王 阿 陈), digits
 * as numbers; the same on SQLite (JS collator) and PostgreSQL (ICU collation).
 */
const clock = fakeClock(Date.parse('2026-06-15T06:00:00Z')); // a Monday, 14:00 in Beijing
let t: TestApp;
let admin: Session;
let unitId: string;
let staffId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = await t.login('hosp-admin');
  const units = (await admin.get('/api/v1/units?pageSize=100')).json().items as { id: string; code: string }[];
  unitId = units.find((u) => u.code === 'H-OPD')!.id;
  for (const [badgeNo, name] of [['PY01', '张三'], ['PY02', '李四'], ['PY03', '王芳'], ['PY04', '阿明'], ['PY05', '陈晨']]) {
    const res = await admin.post('/api/v1/staff', { badgeNo, name, unitIds: [unitId] });
    expect(res.statusCode).toBe(201);
    staffId = res.json().id;
  }
});
afterAll(async () => t?.close());

const names = (res: { json(): { items: { name?: string; displayName?: string }[] } }) => res.json().items.map((i) => i.name ?? i.displayName);

describe('names sort by pinyin', () => {
  it('staff, both ways, across pages', async () => {
    expect(names(await admin.get('/api/v1/staff?q=PY&sort=name'))).toEqual(['阿明', '陈晨', '李四', '王芳', '张三']);
    expect(names(await admin.get('/api/v1/staff?q=PY&sort=name&order=desc'))).toEqual(['张三', '王芳', '李四', '陈晨', '阿明']);
    const second = await admin.get('/api/v1/staff?q=PY&sort=name&pageSize=2&page=2');
    expect([names(second), second.json().total]).toEqual([['李四', '王芳'], 5]);
  });

  it('units, with numbers in names compared as numbers', async () => {
    for (const [code, name] of [['PY-W10', '10号窗口'], ['PY-W2', '2号窗口'], ['PY-WA', '阿拉窗口']]) {
      expect((await admin.post('/api/v1/units', { code, name, kind: 'window', parentId: unitId })).statusCode).toBe(201);
    }
    expect(names(await admin.get('/api/v1/units?q=PY-W&sort=name'))).toEqual(['2号窗口', '10号窗口', '阿拉窗口']);
  });

  it('users by display name, and by role', async () => {
    for (const [username, displayName] of [['py-zhang', '张主任'], ['py-a', '阿主任'], ['py-li', '李主任']]) {
      expect((await admin.post('/api/v1/users', { username, displayName, password: 'password-123', role: 'staff' })).statusCode).toBe(201);
    }
    expect(names(await admin.get('/api/v1/users?q=py-&sort=displayName'))).toEqual(['阿主任', '李主任', '张主任']);
    expect(names(await admin.get('/api/v1/users?q=py-&sort=displayName&order=desc'))).toEqual(['张主任', '李主任', '阿主任']);
    const byRole = (await admin.get('/api/v1/users?q=hosp-&sort=role&pageSize=100')).json().items.map((u: { role: string }) => u.role);
    expect(byRole).toEqual([...byRole].sort());
    expect(new Set(byRole).size).toBeGreaterThan(3);
  });

  it('refuses an unknown sort field with a 400 naming it', async () => {
    const res = await admin.get('/api/v1/users?sort=password_hash');
    expect([res.statusCode, res.json().error.details[0].path]).toEqual([400, 'querystring.sort']);
  });
});

describe('audit log', () => {
  it('newest first by default; oldest first, or by actor, on request', async () => {
    const newest = (await admin.get('/api/v1/audit?pageSize=50')).json().items.map((e: { seq: number }) => e.seq);
    expect(newest).toEqual([...newest].sort((a, b) => b - a));
    const oldest = (await admin.get('/api/v1/audit?sort=at&order=asc&pageSize=50')).json().items.map((e: { seq: number }) => e.seq);
    expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
    expect(oldest[0]).toBeLessThan(newest[0]);
    const actors = (await admin.get('/api/v1/audit?sort=actor&order=desc&pageSize=100')).json().items.map((e: { actor: string }) => e.actor);
    expect(actors).toEqual([...actors].sort().reverse());
  });

  it('names the record where the entry has a name', async () => {
    const entry = (await admin.get('/api/v1/audit?entity=staff&pageSize=100')).json().items.find((e: { after: { badgeNo?: string } }) => e.after?.badgeNo === 'PY04');
    expect(entry.entityName).toBe('阿明（PY04）');
  });
});

describe('cases list', () => {
  it('sorts by received time or by the first due date', async () => {
    // A complaint (reply within 5 working days, 002:L103) received first, then an inquiry
    // (close the loop within 1 working day, 002:L100) an hour later: the inquiry is due first.
    const complaint = await admin.post('/api/v1/complaints', { channel: 'window', content: '排序测试投诉', title: 'PYSORT 投诉', unitId, receivedAt: '2026-06-15T10:00:00+08:00' });
    expect(complaint.statusCode, complaint.body).toBe(201);
    const inquiry = await admin.post('/api/v1/inquiries', { channel: 'window', question: '排序测试咨询', title: 'PYSORT 咨询', unitId, firstResponderId: staffId, receivedAt: '2026-06-15T11:00:00+08:00' });
    expect(inquiry.statusCode, inquiry.body).toBe(201);
    const titles = async (query: string) => (await admin.get(`/api/v1/cases?q=PYSORT${query}`)).json().items.map((c: { title: string }) => c.title);
    expect(await titles('')).toEqual(['PYSORT 咨询', 'PYSORT 投诉']);
    expect(await titles('&sort=receivedAt&order=asc')).toEqual(['PYSORT 投诉', 'PYSORT 咨询']);
    expect(await titles('&sort=dueDate')).toEqual(['PYSORT 咨询', 'PYSORT 投诉']);
    expect(await titles('&sort=dueDate&order=desc')).toEqual(['PYSORT 投诉', 'PYSORT 咨询']);
  });
});
