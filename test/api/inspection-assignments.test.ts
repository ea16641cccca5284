/**
 * Plan assignments over HTTP (issue 14 items 3 and 5) in the demo service hall: the quality office
 * stores a quarter's plan and gives its entries to the inspector and the social supervisor with a
 * due date; each of them sees only what is theirs (assigned or performed); an inspection performed
 * against an assignment marks it done; every change is audited; a stale version is a 409.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

const clock = fakeClock(Date.parse('2026-11-02T12:00:00+08:00'));
let t: TestApp;
let quality: Session;
let inspector: Session;
let supervisor: Session;
const ids: Record<string, string> = {};
const users: Record<string, string> = {};
let planId: string;

const windowCheck = (unit: string, extra: Record<string, unknown> = {}) => ({ templateCode: 'window-norm', unitId: ids[unit], kind: 'unannounced', performedAt: '2026-11-02T10:00:00+08:00', results: [{ item: 'badge', cases: 0 }], ...extra });
const inspectionCount = async () => (await quality.get('/api/v1/inspections?pageSize=1')).json().total as number;
const audits = (entityId: string) => t.ctx.db.kysely.selectFrom('audit_log').select(['action', 'entity']).where('entity_id', '=', entityId).orderBy('seq').execute();

beforeAll(async () => {
  t = await createTestApp({ clock });
  quality = await t.login('hall-quality-office');
  inspector = await t.login('hall-inspector');
  supervisor = await t.login('hall-supervisor');
  for (const u of (await quality.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const u of (await quality.get('/api/v1/inspection-assignments/assignees')).json().items) users[u.username] = u.id;
  // The hall's pack sets no quarterly coverage rule: any plan may be stored.
  const plan = await quality.post('/api/v1/inspection-plans', { quarter: '2026-Q4', units: ['G-A-01', 'G-A-02', 'G-B-01'].map((c) => ({ unitId: ids[c] })) });
  expect(plan.statusCode, plan.body).toBe(201);
  planId = plan.json().id;
});
afterAll(async () => t?.close());

describe('assigning plan entries', () => {
  let first: { id: string; version: number };

  it('gives an entry to the inspector with a due date (audited); the same entry twice is a 409', async () => {
    expect(Object.keys(users)).toEqual(expect.arrayContaining(['hall-inspector', 'hall-supervisor', 'hall-quality-office']));
    expect(Object.keys(users)).not.toContain('hall-staff');
    const res = await quality.post('/api/v1/inspection-assignments', { planId, unitId: ids['G-A-01'], assigneeId: users['hall-inspector'], dueDate: '2026-11-20' });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json();
    expect(first).toMatchObject({ quarter: '2026-Q4', unitCode: 'G-A-01', dueDate: '2026-11-20', status: 'open', overdue: false, version: 1 });
    expect(await audits(first.id)).toEqual([{ action: 'create', entity: 'inspection_assignment' }]);
    const again = await quality.post('/api/v1/inspection-assignments', { planId, unitId: ids['G-A-01'], assigneeId: users['hall-supervisor'], dueDate: '2026-11-21' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('duplicate');
  });

  it('refuses a unit outside the plan, a front-line user, a bad date, naming the field; nothing is stored', async () => {
    const outside = await quality.post('/api/v1/inspection-assignments', { planId, unitId: ids['G-HELP'], assigneeId: users['hall-inspector'], dueDate: '2026-11-20' });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('body.unitId');
    const staff = (await (await t.login('hall-admin')).get('/api/v1/users?pageSize=100')).json().items.find((u: { username: string }) => u.username === 'hall-staff');
    const wrongRole = await quality.post('/api/v1/inspection-assignments', { planId, unitId: ids['G-A-02'], assigneeId: staff.id, dueDate: '2026-11-20' });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.body).toContain('body.assigneeId');
    expect((await quality.post('/api/v1/inspection-assignments', { planId, unitId: ids['G-A-02'], assigneeId: users['hall-inspector'], dueDate: '2026-11-31' })).statusCode).toBe(400);
    expect((await quality.get('/api/v1/inspection-assignments')).json().total).toBe(1);
  });

  it('reassigns with the current version (audited); a stale version is a 409 version_conflict; inspectors may not change it', async () => {
    const second = (await quality.post('/api/v1/inspection-assignments', { planId, unitId: ids['G-A-02'], assigneeId: users['hall-inspector'], dueDate: '2026-11-25' })).json();
    const moved = await quality.patch(`/api/v1/inspection-assignments/${second.id}`, { version: 1, assigneeId: users['hall-supervisor'], dueDate: '2026-10-30' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ assigneeId: users['hall-supervisor'], dueDate: '2026-10-30', version: 2, overdue: true });
    const stale = await quality.patch(`/api/v1/inspection-assignments/${second.id}`, { version: 1, dueDate: '2026-12-01' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect((await supervisor.patch(`/api/v1/inspection-assignments/${second.id}`, { version: 2, dueDate: '2026-12-01' })).statusCode).toBe(403);
    expect((await audits(second.id)).map((a) => a.action)).toEqual(['create', 'update']);
  });
});

describe('inspectors see only their own work', () => {
  it('each sees their own assignments in the list, on their home and in detail; another’s is a 403', async () => {
    const mine = (await inspector.get('/api/v1/inspection-assignments')).json();
    expect(mine.items.map((a: { unitCode: string }) => a.unitCode)).toEqual(['G-A-01']);
    // ?mine=false does not widen an inspector's view.
    expect((await inspector.get('/api/v1/inspection-assignments?mine=false')).json().total).toBe(1);
    const home = (await inspector.get('/api/v1/me/inspection-assignments')).json();
    expect(home.items).toHaveLength(1);
    const theirs = (await supervisor.get('/api/v1/inspection-assignments')).json().items;
    expect(theirs.map((a: { unitCode: string }) => a.unitCode)).toEqual(['G-A-02']);
    const denied = await inspector.get(`/api/v1/inspection-assignments/${theirs[0].id}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('out_of_scope');
    expect((await inspector.get(`/api/v1/inspection-assignments/${mine.items[0].id}`)).statusCode).toBe(200);
    expect((await inspector.get('/api/v1/inspection-assignments/assignees')).statusCode).toBe(403);
  });

  it('an inspection performed against the assignment marks it done (audited); performing it again is a 409 and stores nothing', async () => {
    const [assignment] = (await inspector.get('/api/v1/me/inspection-assignments')).json().items;
    const before = await inspectionCount();
    const res = await inspector.post('/api/v1/inspections', windowCheck('G-A-01', { assignmentId: assignment.id }));
    expect(res.statusCode, res.body).toBe(201);
    const done = (await inspector.get(`/api/v1/inspection-assignments/${assignment.id}`)).json();
    expect(done).toMatchObject({ status: 'done', inspectionId: res.json().id, version: 2 });
    expect((await audits(assignment.id)).map((a) => a.action)).toEqual(['create', 'complete']);
    expect((await inspector.get('/api/v1/me/inspection-assignments')).json().items).toEqual([]);
    const again = await inspector.post('/api/v1/inspections', windowCheck('G-A-01', { assignmentId: assignment.id }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('assignment_closed');
    expect(await inspectionCount()).toBe(before + 1);
    // A done assignment is no longer changed.
    expect((await quality.patch(`/api/v1/inspection-assignments/${assignment.id}`, { version: 2, dueDate: '2026-12-01' })).json().error.code).toBe('assignment_closed');
  });

  it("an assignment of another unit or of someone else is refused; nothing is stored", async () => {
    const [theirs] = (await supervisor.get('/api/v1/me/inspection-assignments')).json().items;
    const before = await inspectionCount();
    const wrongUnit = await supervisor.post('/api/v1/inspections', windowCheck('G-A-03', { assignmentId: theirs.id }));
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.body).toContain('body.assignmentId');
    const notMine = await inspector.post('/api/v1/inspections', windowCheck('G-A-02', { assignmentId: theirs.id }));
    expect(notMine.statusCode).toBe(403);
    expect(await inspectionCount()).toBe(before);
    expect((await supervisor.get(`/api/v1/inspection-assignments/${theirs.id}`)).json().status).toBe('open');
  });

  it('an inspection the office performed against the supervisor’s assignment is the supervisor’s to see, not the inspector’s', async () => {
    const [theirs] = (await supervisor.get('/api/v1/me/inspection-assignments')).json().items;
    const res = await quality.post('/api/v1/inspections', windowCheck('G-A-02', { assignmentId: theirs.id }));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect((await supervisor.get(`/api/v1/inspections/${id}`)).json()).toMatchObject({ id, assignmentId: theirs.id });
    expect((await supervisor.get('/api/v1/inspections')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await inspector.get(`/api/v1/inspections/${id}`)).statusCode).toBe(403);
    expect((await inspector.get('/api/v1/inspections')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    // The inspector still sees what they performed.
    expect((await inspector.get('/api/v1/inspections')).json().total).toBe(1);
  });
});
