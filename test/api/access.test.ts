import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';

/**
 * Every authenticated route, as the hospital's unit head (门诊部, H-OPD), aimed at records of
 * another unit (内科, H-IM) or at organisation-level administration: 403, or — for lists — only
 * the caller's subtree. A route added without an entry here fails the coverage test.
 */
let t: TestApp;
let head: Session;
let admin: Session;
const ids: Record<string, string> = {};
const versions: Record<string, number> = {};

type Check = { kind: 'forbidden' | 'filtered' | 'self'; run: () => Promise<void> };

async function expect403(res: { statusCode: number; json(): any }) {
  expect(res.statusCode, JSON.stringify(res.json?.() ?? {})).toBe(403);
  expect(['forbidden', 'out_of_scope']).toContain(res.json().error.code);
}

beforeAll(async () => {
  t = await createTestApp();
  head = await t.login('hosp-unit-head');
  admin = await t.login('hosp-admin');
  const units = (await admin.get('/api/v1/units?pageSize=100')).json().items as { id: string; code: string; version: number }[];
  for (const u of units) {
    ids[u.code] = u.id;
    versions[u.code] = u.version;
  }
  const staff = (await admin.get('/api/v1/staff?pageSize=100')).json().items as { id: string; badgeNo: string; version: number }[];
  for (const s of staff) {
    ids[s.badgeNo] = s.id;
    versions[s.badgeNo] = s.version;
  }
  const users = (await admin.get('/api/v1/users?pageSize=100')).json().items as { id: string; username: string }[];
  for (const u of users) ids[u.username] = u.id;
  const token = (await admin.post('/api/v1/tokens', { name: 'admin-only' })).json();
  ids.adminToken = token.id;
  const override = (await admin.post('/api/v1/calendar/overrides', { date: '2026-06-01', kind: 'closure', note: '停电检修' })).json();
  ids.override = override.id;
  const complaint = (await admin.post('/api/v1/complaints', { channel: 'phone', content: '内科病区护士态度差', unitId: ids['H-IM-W1'], staffId: ids.H1008 })).json();
  ids.complaint = complaint.id;
  versions.complaint = complaint.version;
  const own = (await admin.post('/api/v1/complaints', { channel: 'window', content: '挂号窗口排队久', unitId: ids['H-OPD-REG'] })).json();
  ids.ownComplaint = own.id;
});
afterAll(async () => t?.close());

const checks: Record<string, Check> = {
  'GET /api/v1/units': {
    kind: 'filtered',
    run: async () => {
      const codes = (await head.get('/api/v1/units?pageSize=100')).json().items.map((u: { code: string }) => u.code);
      expect(codes).toContain('H-OPD-REG');
      expect(codes).not.toContain('H-IM');
      await expect403(await head.get(`/api/v1/units?parentId=${ids['H-IM']}`));
    },
  },
  'GET /api/v1/units/tree': {
    kind: 'filtered',
    run: async () => {
      const tree = JSON.stringify((await head.get('/api/v1/units/tree')).json());
      expect(tree).toContain('H-OPD-PHA');
      expect(tree).not.toContain('H-IM');
    },
  },
  'GET /api/v1/units/options': {
    kind: 'self',
    // Names only, so that anyone taking a complaint can name the unit; no unit's records.
    run: async () => {
      const items = (await head.get('/api/v1/units/options')).json().items;
      expect(items.map((u: { code: string }) => u.code)).toContain('H-IM');
      expect(Object.keys(items[0]).sort()).toEqual(['code', 'id', 'kind', 'name', 'parentId']);
    },
  },
  'GET /api/v1/units/:id': { kind: 'forbidden', run: async () => expect403(await head.get(`/api/v1/units/${ids['H-IM']}`)) },
  'POST /api/v1/units': {
    kind: 'forbidden',
    run: async () => {
      await expect403(await head.post('/api/v1/units', { code: 'X1', name: '越权科室', kind: 'department', parentId: ids['H-IM'] }));
      await expect403(await head.post('/api/v1/units', { code: 'X2', name: '顶层', kind: 'department' }));
    },
  },
  'PATCH /api/v1/units/:id': {
    kind: 'forbidden',
    run: async () => {
      await expect403(await head.patch(`/api/v1/units/${ids['H-IM']}`, { version: versions['H-IM'], name: '改名' }));
      // Moving one's own window under another department is also out of scope.
      await expect403(await head.patch(`/api/v1/units/${ids['H-OPD-REG']}`, { version: versions['H-OPD-REG'], parentId: ids['H-IM'] }));
      // The root of the head's scope (门诊部 itself) is read-only to them: no rename, recode or move.
      for (const change of [{ name: '改名门诊部' }, { code: 'H-OPD-X' }, { parentId: null }, { sortOrder: 9 }]) {
        await expect403(await head.patch(`/api/v1/units/${ids['H-OPD']}`, { version: versions['H-OPD'], ...change }));
      }
      const root = (await admin.get(`/api/v1/units/${ids['H-OPD']}`)).json();
      expect([root.name, root.code, root.version]).toEqual(['门诊部', 'H-OPD', versions['H-OPD']]);
      // What is under the root stays theirs to manage.
      const own = await head.patch(`/api/v1/units/${ids['H-OPD-REG']}`, { version: versions['H-OPD-REG'], phone: '0000-1234' });
      expect(own.statusCode, own.body).toBe(200);
      versions['H-OPD-REG'] = own.json().version;
    },
  },
  'DELETE /api/v1/units/:id': {
    kind: 'forbidden',
    run: async () => {
      await expect403(await head.delete(`/api/v1/units/${ids['H-IM-W1']}?version=${versions['H-IM-W1']}`));
      await expect403(await head.delete(`/api/v1/units/${ids['H-OPD']}?version=${versions['H-OPD']}`));
    },
  },
  'GET /api/v1/staff': {
    kind: 'filtered',
    run: async () => {
      const badges = (await head.get('/api/v1/staff?pageSize=100')).json().items.map((s: { badgeNo: string }) => s.badgeNo);
      expect(badges).toContain('H1003');
      expect(badges).not.toContain('H1007');
      await expect403(await head.get(`/api/v1/staff?unitId=${ids['H-IM']}`));
    },
  },
  'GET /api/v1/staff/:id': { kind: 'forbidden', run: async () => expect403(await head.get(`/api/v1/staff/${ids.H1007}`)) },
  'POST /api/v1/staff': {
    kind: 'forbidden',
    run: async () => expect403(await head.post('/api/v1/staff', { badgeNo: 'X9', name: '越权', unitIds: [ids['H-IM']] })),
  },
  'PATCH /api/v1/staff/:id': {
    kind: 'forbidden',
    run: async () => {
      await expect403(await head.patch(`/api/v1/staff/${ids.H1007}`, { version: versions.H1007, name: '改名' }));
      await expect403(await head.patch(`/api/v1/staff/${ids.H1003}`, { version: versions.H1003, unitIds: [ids['H-IM']] }));
    },
  },
  'DELETE /api/v1/staff/:id': { kind: 'forbidden', run: async () => expect403(await head.delete(`/api/v1/staff/${ids.H1007}?version=${versions.H1007}`)) },
  'POST /api/v1/staff/import': {
    kind: 'forbidden',
    run: async () => {
      const csv = '单位编码,工号,姓名\nH-IM,X77,越权导入\n';
      const boundary = 'yzboundary';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/staff/import', headers: { ...head.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      await expect403(res);
      expect((await admin.get('/api/v1/staff?q=X77')).json().total).toBe(0);
    },
  },
  'GET /api/v1/users': { kind: 'forbidden', run: async () => expect403(await head.get('/api/v1/users')) },
  'GET /api/v1/users/assignable': {
    kind: 'filtered',
    run: async () => {
      const names = (await head.get('/api/v1/users/assignable')).json().items.map((u: { username: string }) => u.username);
      expect(names).toEqual(expect.arrayContaining(['hosp-unit-head', 'hosp-staff', 'hosp-quality-office']));
      expect((await (await t.login('hosp-staff')).get('/api/v1/users/assignable')).statusCode).toBe(403);
    },
  },
  'GET /api/v1/users/:id': { kind: 'forbidden', run: async () => expect403(await head.get(`/api/v1/users/${ids['hosp-admin']}`)) },
  'POST /api/v1/users': { kind: 'forbidden', run: async () => expect403(await head.post('/api/v1/users', { username: 'sneaky', password: 'password-123', role: 'admin' })) },
  'PATCH /api/v1/users/:id': { kind: 'forbidden', run: async () => expect403(await head.patch(`/api/v1/users/${ids['hosp-staff']}`, { version: 1, role: 'admin' })) },
  'POST /api/v1/auth/password': {
    kind: 'self',
    run: async () => expect((await head.post('/api/v1/auth/password', { currentPassword: 'wrong-password', newPassword: 'whatever-123' })).json().error.code).toBe('wrong_password'),
  },
  'GET /api/v1/tokens': {
    kind: 'filtered',
    run: async () => {
      const tokenIds = (await head.get('/api/v1/tokens')).json().items.map((x: { id: string }) => x.id);
      expect(tokenIds).not.toContain(ids.adminToken);
    },
  },
  'POST /api/v1/tokens': { kind: 'forbidden', run: async () => expect403(await head.post('/api/v1/tokens', { name: 'for-admin', userId: ids['hosp-admin'] })) },
  'DELETE /api/v1/tokens/:id': { kind: 'forbidden', run: async () => expect403(await head.delete(`/api/v1/tokens/${ids.adminToken}`)) },
  'GET /api/v1/organisation': { kind: 'self', run: async () => expect((await head.get('/api/v1/organisation')).json().code).toBe('demo-hospital') },
  'PATCH /api/v1/organisation': { kind: 'forbidden', run: async () => expect403(await head.patch('/api/v1/organisation', { version: 1, name: '改名医院' })) },
  'GET /api/v1/auth/me': { kind: 'self', run: async () => expect((await head.get('/api/v1/auth/me')).json().username).toBe('hosp-unit-head') },
  'POST /api/v1/auth/logout': { kind: 'self', run: async () => {} /* exercised in auth.test.ts; logging out here would end the session the other checks use */ },
  'GET /api/v1/calendar/days': { kind: 'self', run: async () => expect((await head.get('/api/v1/calendar/days?from=2026-06-01&to=2026-06-01')).json().days[0].reason).toBe('closure') },
  'GET /api/v1/calendar/years': { kind: 'self', run: async () => expect((await head.get('/api/v1/calendar/years')).statusCode).toBe(200) },
  'GET /api/v1/calendar/overrides': { kind: 'self', run: async () => expect((await head.get('/api/v1/calendar/overrides')).statusCode).toBe(200) },
  'POST /api/v1/calendar/overrides': { kind: 'forbidden', run: async () => expect403(await head.post('/api/v1/calendar/overrides', { date: '2026-06-02', kind: 'closure' })) },
  'DELETE /api/v1/calendar/overrides/:id': { kind: 'forbidden', run: async () => expect403(await head.delete(`/api/v1/calendar/overrides/${ids.override}?version=1`)) },
  'POST /api/v1/calendar/import': { kind: 'forbidden', run: async () => expect403(await head.post('/api/v1/calendar/import', { format: 'holiday-cn', content: '{}' })) },
  'GET /api/v1/policy': { kind: 'self', run: async () => expect((await head.get('/api/v1/policy')).json().sector).toBe('hospital') },
  'GET /api/v1/policy/presets/:sector': { kind: 'self', run: async () => expect((await head.get('/api/v1/policy/presets/hall')).statusCode).toBe(200) },
  'PUT /api/v1/policy/overrides': { kind: 'forbidden', run: async () => expect403(await head.put('/api/v1/policy/overrides', { version: 1, overrides: {} })) },
  'GET /api/v1/cases': {
    kind: 'filtered',
    run: async () => {
      const caseIds = (await head.get('/api/v1/cases?pageSize=100')).json().items.map((c: { id: string }) => c.id);
      expect(caseIds).toContain(ids.ownComplaint);
      expect(caseIds).not.toContain(ids.complaint);
      await expect403(await head.get(`/api/v1/cases?unitId=${ids['H-IM']}`));
    },
  },
  'GET /api/v1/cases/:id': { kind: 'forbidden', run: async () => expect403(await head.get(`/api/v1/cases/${ids.complaint}`)) },
  'GET /api/v1/complaints/:id/register.pdf': { kind: 'forbidden', run: async () => expect403(await head.get(`/api/v1/complaints/${ids.complaint}/register.pdf`)) },
  'GET /api/v1/me/desk': {
    kind: 'filtered',
    run: async () => {
      // The desk counts what the caller's case list shows, no more: the unit head's subtree, the admin's organisation.
      for (const session of [head, admin]) {
        const desk = (await session.get('/api/v1/me/desk')).json();
        for (const [lateness, key] of [['overdue', 'overdue'], ['due_soon', 'dueSoon']] as const)
          expect(desk.counts[key], lateness).toBe((await session.get(`/api/v1/cases?overdue=${lateness}&pageSize=1`)).json().total);
        if (session === head) expect(desk.mine.items.map((c: { id: string }) => c.id)).not.toContain(ids.complaint);
      }
    },
  },
  'POST /api/v1/cases/:id/actions/:action': {
    kind: 'forbidden',
    run: async () => expect403(await head.post(`/api/v1/cases/${ids.complaint}/actions/note`, { version: versions.complaint, text: '越权备注' })),
  },
  'POST /api/v1/complaints/:id/:action': {
    kind: 'forbidden',
    run: async () => expect403(await head.post(`/api/v1/complaints/${ids.complaint}/assign`, { version: versions.complaint, assigneeId: ids['hosp-unit-head'] })),
  },
  'POST /api/v1/complaints': {
    kind: 'self',
    // Intake may name any unit (a front desk takes complaints for the whole hospital), but gives no access to it.
    run: async () => {
      const res = await head.post('/api/v1/complaints', { channel: 'window', content: '代其他科室登记', unitId: ids['H-IM'] });
      expect(res.statusCode).toBe(201);
      await expect403(await head.get(`/api/v1/cases/${res.json().id}`));
    },
  },
  'GET /api/v1/complaints/taxonomies/:kind': { kind: 'self', run: async () => expect((await head.get('/api/v1/complaints/taxonomies/causes')).json().items.length).toBeGreaterThan(3) },
  'PUT /api/v1/complaints/taxonomies/:kind': {
    kind: 'forbidden',
    run: async () => expect403(await head.put('/api/v1/complaints/taxonomies/causes', { version: 0, items: [{ code: 'x', zh: '某', en: 'x' }] })),
  },
  'GET /api/v1/staff/:id/incidents': { kind: 'forbidden', run: async () => expect403(await head.get(`/api/v1/staff/${ids.H1007}/incidents`)) },
  'GET /api/v1/inbox': { kind: 'self', run: async () => expect((await head.get('/api/v1/inbox')).json()).toHaveProperty('unread') },
  'POST /api/v1/inbox/read': {
    kind: 'self',
    // Marks only the caller's own messages: another user's message id changes nothing.
    run: async () => {
      const adminMessage = await t.ctx.db.kysely.selectFrom('notifications').select('id').where('user_id', '=', ids['hosp-admin']).executeTakeFirst();
      const res = await head.post('/api/v1/inbox/read', { ids: [adminMessage?.id ?? '00000000-0000-7000-8000-000000000000'] });
      expect(res.json().updated).toBe(0);
    },
  },
  'GET /api/v1/audit': { kind: 'forbidden', run: async () => expect403(await head.get('/api/v1/audit')) },
  'POST /api/v1/audit/verify': { kind: 'forbidden', run: async () => expect403(await head.post('/api/v1/audit/verify')) },
  'GET /api/v1/audit/checkpoints': { kind: 'forbidden', run: async () => expect403(await head.get('/api/v1/audit/checkpoints')) },
  'POST /api/v1/audit/checkpoints': { kind: 'forbidden', run: async () => expect403(await head.post('/api/v1/audit/checkpoints')) },
};

describe('unit-head scope on every route', () => {
  it('every authenticated API route has an access check here or in a test/api/access-*.test.ts file', () => {
    // Modules added later keep their checks in their own access-<module>.test.ts; their route keys count too.
    const elsewhere = fs
      .readdirSync(import.meta.dirname)
      .filter((f) => /^access-.+\.test\.ts$/.test(f))
      .flatMap((f) => [...fs.readFileSync(path.join(import.meta.dirname, f), 'utf8').matchAll(/'((?:GET|POST|PUT|PATCH|DELETE) \/api\/v1\/[^']+)'/g)].map((m) => m[1]));
    const covered = new Set([...Object.keys(checks), ...elsewhere]);
    const authenticated = t.app.routeList.filter((r) => r.url.startsWith('/api/v1/') && r.auth !== 'public' && r.auth !== 'optional').map((r) => `${r.method} ${r.url}`);
    const missing = authenticated.filter((key) => !covered.has(key));
    expect(missing, `routes without an access test: ${missing.join(', ')}`).toEqual([]);
  });

  for (const [route, check] of Object.entries(checks)) {
    it(`${route} (${check.kind})`, async () => {
      expect(t.app.routeList.some((r) => `${r.method} ${r.url}` === route), `${route} is not a route any more`).toBe(true);
      await check.run();
    });
  }

  it('nothing was changed by the refused requests', async () => {
    const im = (await admin.get(`/api/v1/units/${ids['H-IM']}`)).json();
    expect(im.name).toBe('内科');
    expect(im.version).toBe(versions['H-IM']);
    const s = (await admin.get(`/api/v1/staff/${ids.H1007}`)).json();
    expect(s.name).toBe('赵敏');
    expect(s.active).toBe(true);
  });
});
