import { systemActor } from '../../src/shared/access.js';
import type { AppContext } from '../../src/shared/context.js';
import { createOrganisation } from '../../src/modules/organisations/service.js';
import { createUnit } from '../../src/modules/units/service.js';
import { createStaff } from '../../src/modules/staff/service.js';
import { createUser } from '../../src/modules/users/service.js';
import { testPassword } from './app.js';

/**
 * A gas company on the utility preset (repair work orders): a service station with a dispatcher
 * (unit head), a technician (staff, with a phone on the staff record), another technician, an admin.
 */
export async function seedUtility(ctx: AppContext, code = 'test-gas') {
  const org = await createOrganisation(ctx, { code, name: '测试燃气公司', sector: 'utility' });
  const sys = systemActor(org.id, 'test');
  const root = await createUnit(ctx, sys, { code: 'GAS', name: '燃气公司', kind: 'organisation' });
  const station = await createUnit(ctx, sys, { code: 'GAS-S1', name: '城东抢修站', kind: 'department', parentId: root.id });
  const tech = await createStaff(ctx, sys, { badgeNo: 'R001', name: '钱师傅', unitIds: [station.id], phone: '13800001111' });
  const tech2 = await createStaff(ctx, sys, { badgeNo: 'R002', name: '孙师傅', unitIds: [station.id] });
  const prefix = code.replace(/^test-/, '');
  const admin = await createUser(ctx, sys, { username: `${prefix}-admin`, password: testPassword, role: 'admin' });
  const dispatcher = await createUser(ctx, sys, { username: `${prefix}-dispatch`, password: testPassword, role: 'unit_head', unitId: station.id });
  const technician = await createUser(ctx, sys, { username: `${prefix}-tech`, password: testPassword, role: 'staff', unitId: station.id, staffId: tech.id });
  const technician2 = await createUser(ctx, sys, { username: `${prefix}-tech2`, password: testPassword, role: 'staff', unitId: station.id, staffId: tech2.id });
  return { org, root, station, tech, admin, dispatcher, technician, technician2 };
}
