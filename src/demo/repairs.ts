import type { AppContext } from '../shared/context.js';
import type { Actor, Role } from '../shared/access.js';
import { findOrganisationByCode } from '../modules/organisations/service.js';
import { findUserByUsername } from '../modules/users/service.js';
import { requireUnitInOrg } from '../modules/units/service.js';
import { listRepairs, performRepairAction, registerRepair } from '../modules/repairs/service.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A small signature, as the technician's phone sends it (a PNG drawn on a canvas). */
const signature = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function actorOf(ctx: AppContext, orgId: string, username: string): Promise<Actor | null> {
  const u = await findUserByUsername(ctx, username);
  if (!u || u.org_id !== orgId) return null;
  // A unit head or a technician sees the subtree of their own unit.
  const scopePath = u.unit_id ? (await requireUnitInOrg(ctx, orgId, u.unit_id)).path : null;
  return { userId: u.id, orgId, role: u.role as Role, username: u.username, staffId: u.staff_id, unitId: u.unit_id, scopePath, via: 'cli' };
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * The demo gas company's work orders, one in each state: waiting for dispatch, dispatched and
 * overdue on arrival, on site, completed and waiting for the callback, closed; and last month's
 * closed ones for the figures. Through the services, as the dispatcher and the technician would.
 */
export async function seedDemoRepairs(ctx: AppContext, orgCode: string, now: number): Promise<number> {
  const org = await findOrganisationByCode(ctx, orgCode);
  if (!org) return 0;
  const dispatcher = await actorOf(ctx, org.id, 'util-unit-head');
  const tech = await actorOf(ctx, org.id, 'util-staff');
  if (!dispatcher || !tech) return 0;
  const d = dispatcher;
  const t = tech;
  if ((await listRepairs(ctx, d, { page: 1, pageSize: 1 })).total > 0) return 0;
  const order = async (minutesAgo: number, fault: string, address: string, name: string, phone: string) =>
    registerRepair(ctx, d, { channel: 'phone', reportedAt: iso(now - minutesAgo * MIN), fault, contactName: name, contactPhone: phone, address });
  const step = async (a: Actor, id: string, action: string, body: Record<string, unknown> = {}) => {
    const v = (await listRepairs(ctx, d, { page: 1, pageSize: 100 })).items.find((o) => o.id === id)!.version;
    await performRepairAction(ctx, a, id, action, { version: v, ...body });
  };
  let n = 0;
  // 待派工
  await order(20, '厨房燃气灶打不着火，闻到轻微气味', '城东区幸福路 8 号 3 单元 502', '周女士', '13912340001');
  n++;
  // 已派工，到达超期
  const late = await order(3 * 60, '燃气表不走字', '城东区建设路 16 号 1 单元 101', '吴先生', '13912340002');
  await step(d, late.id, 'dispatch', { technicianId: t.userId });
  n++;
  // 已到场
  const onSite = await order(90, '热水器点火后熄灭', '城东区人民路 22 号 2 单元 301', '郑女士', '13912340003');
  await step(d, onSite.id, 'dispatch', { technicianId: t.userId });
  await step(t, onSite.id, 'arrive', { arrivedAt: iso(now - 50 * MIN) });
  n++;
  // 已修复，待回访
  const waiting = await order(26 * HOUR / MIN, '表后阀门漏气', '城东区和平路 5 号 4 单元 602', '王先生', '13912340004');
  await step(d, waiting.id, 'dispatch', { technicianId: t.userId });
  await step(t, waiting.id, 'arrive', { arrivedAt: iso(now - 25.5 * HOUR) });
  await step(t, waiting.id, 'record-checklist', { items: { badge: 'yes', id_shown: 'yes', consent: 'yes', shoe_covers: 'yes', site_cleaned: 'yes' } });
  await step(t, waiting.id, 'complete', { completedAt: iso(now - 24 * HOUR), summary: '更换表后阀门，检漏合格' });
  await step(t, waiting.id, 'sign-card', { signature, signerName: '王先生' });
  n++;
  // 已关闭
  const closed = await order(3 * 24 * 60, '燃气管道有异响', '城东区新华路 3 号 1 单元 201', '冯女士', '13912340005');
  await step(d, closed.id, 'dispatch', { technicianId: t.userId });
  await step(t, closed.id, 'arrive', { arrivedAt: iso(now - 3 * 24 * HOUR + 40 * MIN) });
  await step(t, closed.id, 'complete', { completedAt: iso(now - 3 * 24 * HOUR + 3 * HOUR), summary: '紧固接头，检漏合格' });
  await step(t, closed.id, 'refuse-card', { reason: '用户不便签字' });
  await step(d, closed.id, 'callback', { calledAt: iso(now - 2 * 24 * HOUR), outcome: '用户表示满意', satisfied: true });
  await step(d, closed.id, 'close', {});
  n++;
  return n;
}
