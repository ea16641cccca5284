import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../shared/context.js';
import { systemActor, type Role } from '../shared/access.js';
import { randomToken } from '../shared/ids.js';
import { isAppError } from '../shared/errors.js';
import { createOrganisation, findOrganisationByCode } from '../modules/organisations/service.js';
import { createUnit } from '../modules/units/service.js';
import { createStaff } from '../modules/staff/service.js';
import { createUser } from '../modules/users/service.js';
import type { Sector } from '../modules/organisations/schema.js';
import type { UnitKind } from '../modules/units/schema.js';
import { createServiceItem } from '../modules/applications/service-items.js';
import { createCommitment } from '../modules/commitments/service.js';
import { hallContent, hospitalContent, type DemoContent } from './content.js';
import { seedDemoInspections } from './inspections.js';
import { seedDemoIncidents } from './incidents.js';
import { seedDemoFollowUps } from './followups.js';
import { seedDemoRepairs } from './repairs.js';
import { seedDemoLedger } from './ledger.js';
import { seedDemoAwards } from './awards.js';
import { seedDemoCampaigns } from './campaigns.js';
import { seedDemoAppraisals } from './appraisals.js';
import { seedDemoSanctions } from './sanctions.js';
import { seedDemoCompetition } from './competitions.js';
import { generateActivity, type ActivityReport } from './activity.js';
import { markDemoHistoryRead } from '../modules/notifications/service.js';
import { localMonth, shiftMonth } from '../shared/months.js';

interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  children?: DemoUnit[];
}

interface DemoOrg {
  code: string;
  name: string;
  sector: Sector;
  prefix: string;
  units: DemoUnit;
  staff: { badgeNo: string; name: string; unit: string; posts: string[]; category: string; partyBranch: string; middleCadre?: boolean; phone?: string }[];
  /** Which unit each role's demo user belongs to (unit-scoped roles need one). */
  roleUnits: Partial<Record<Role, string>>;
  /** Service items and commitments on its public board. */
  content: DemoContent;
}

const hospital: DemoOrg = {
  code: 'demo-hospital',
  name: '示范县人民医院',
  sector: 'hospital',
  prefix: 'hosp',
  units: {
    code: 'H', name: '示范县人民医院', kind: 'organisation', children: [
      { code: 'H-QC', name: '质控办', kind: 'office' },
      { code: 'H-OPD', name: '门诊部', kind: 'department', children: [
        { code: 'H-OPD-REG', name: '挂号收费窗口', kind: 'window' },
        { code: 'H-OPD-PHA', name: '门诊药房窗口', kind: 'window' },
        { code: 'H-OPD-INF', name: '导医服务台', kind: 'window' },
      ] },
      { code: 'H-IM', name: '内科', kind: 'department', children: [{ code: 'H-IM-W1', name: '内科一病区', kind: 'ward' }] },
      { code: 'H-SUR', name: '外科', kind: 'department', children: [{ code: 'H-SUR-W1', name: '外科一病区', kind: 'ward' }] },
    ],
  },
  staff: [
    { badgeNo: 'H1001', name: '王秀英', unit: 'H-QC', posts: ['质控办主任'], category: '管理', partyBranch: '行政党支部', middleCadre: true },
    { badgeNo: 'H1002', name: '李建国', unit: 'H-OPD', posts: ['门诊部主任'], category: '管理', partyBranch: '门诊党支部', middleCadre: true },
    { badgeNo: 'H1003', name: '张丽', unit: 'H-OPD-REG', posts: ['收费员'], category: '窗口', partyBranch: '门诊党支部' },
    { badgeNo: 'H1004', name: '刘洋', unit: 'H-OPD-REG', posts: ['收费员'], category: '窗口', partyBranch: '门诊党支部' },
    { badgeNo: 'H1005', name: '陈静', unit: 'H-OPD-PHA', posts: ['药师'], category: '医技', partyBranch: '门诊党支部' },
    { badgeNo: 'H1006', name: '杨帆', unit: 'H-OPD-INF', posts: ['导医'], category: '护理', partyBranch: '门诊党支部' },
    { badgeNo: 'H1007', name: '赵敏', unit: 'H-IM', posts: ['内科主任', '主任医师'], category: '医生', partyBranch: '内科党支部', middleCadre: true },
    { badgeNo: 'H1008', name: '黄磊', unit: 'H-IM-W1', posts: ['护士长'], category: '护理', partyBranch: '内科党支部', middleCadre: true },
    { badgeNo: 'H1009', name: '周婷', unit: 'H-SUR-W1', posts: ['护士'], category: '护理', partyBranch: '外科党支部' },
    { badgeNo: 'H1010', name: '吴强', unit: 'H-SUR', posts: ['外科主任'], category: '医生', partyBranch: '外科党支部', middleCadre: true },
  ],
  roleUnits: { unit_head: 'H-OPD', staff: 'H-OPD-REG', quality_office: 'H-QC' },
  content: hospitalContent,
};

const hall: DemoOrg = {
  code: 'demo-hall',
  name: '示范县政务服务中心',
  sector: 'hall',
  prefix: 'hall',
  units: {
    code: 'G', name: '示范县政务服务中心', kind: 'organisation', children: [
      { code: 'G-OFFICE', name: '督查办', kind: 'office' },
      { code: 'G-A', name: '综合受理区', kind: 'department', children: [
        { code: 'G-A-01', name: '1号窗口（企业开办）', kind: 'window' },
        { code: 'G-A-02', name: '2号窗口（不动产登记）', kind: 'window' },
        { code: 'G-A-03', name: '3号窗口（社保医保）', kind: 'window' },
      ] },
      { code: 'G-B', name: '专项服务区', kind: 'department', children: [
        { code: 'G-B-01', name: '4号窗口（公积金）', kind: 'window' },
        { code: 'G-B-02', name: '5号窗口（税务）', kind: 'window' },
      ] },
      { code: 'G-HELP', name: '帮办代办服务台', kind: 'window' },
    ],
  },
  staff: [
    { badgeNo: 'G2001', name: '孙志刚', unit: 'G-OFFICE', posts: ['督查办主任'], category: '管理', partyBranch: '机关党支部', middleCadre: true },
    { badgeNo: 'G2002', name: '马晓燕', unit: 'G-A', posts: ['综合受理区负责人'], category: '管理', partyBranch: '机关党支部', middleCadre: true },
    { badgeNo: 'G2003', name: '朱红', unit: 'G-A-01', posts: ['窗口受理员'], category: '窗口', partyBranch: '机关党支部' },
    { badgeNo: 'G2004', name: '胡斌', unit: 'G-A-02', posts: ['窗口受理员'], category: '窗口', partyBranch: '机关党支部' },
    { badgeNo: 'G2005', name: '郭佳', unit: 'G-A-03', posts: ['窗口受理员'], category: '窗口', partyBranch: '机关党支部' },
    { badgeNo: 'G2006', name: '林涛', unit: 'G-B-01', posts: ['窗口受理员'], category: '窗口', partyBranch: '机关党支部' },
    { badgeNo: 'G2007', name: '何琳', unit: 'G-B-02', posts: ['窗口受理员'], category: '窗口', partyBranch: '机关党支部' },
    { badgeNo: 'G2008', name: '高峰', unit: 'G-HELP', posts: ['帮办代办员'], category: '窗口', partyBranch: '机关党支部' },
  ],
  roleUnits: { unit_head: 'G-A', staff: 'G-A-01', quality_office: 'G-OFFICE' },
  content: hallContent,
};

/** A gas company (utility preset): repair work orders (故障报修) dispatched to technicians of two stations. */
const utility: DemoOrg = {
  code: 'demo-utility',
  name: '示范县燃气公司',
  sector: 'utility',
  prefix: 'util',
  units: {
    code: 'U', name: '示范县燃气公司', kind: 'organisation', children: [
      { code: 'U-CS', name: '客户服务中心', kind: 'office' },
      { code: 'U-E', name: '城东抢修站', kind: 'department', children: [{ code: 'U-E-1', name: '城东抢修一班', kind: 'department' }] },
      { code: 'U-W', name: '城西抢修站', kind: 'department' },
      { code: 'U-HALL', name: '营业厅', kind: 'window' },
    ],
  },
  staff: [
    { badgeNo: 'U3001', name: '郑卫东', unit: 'U-CS', posts: ['客户服务中心主任'], category: '管理', partyBranch: '机关党支部', middleCadre: true },
    { badgeNo: 'U3002', name: '冯建军', unit: 'U-E', posts: ['抢修站站长'], category: '管理', partyBranch: '运行党支部', middleCadre: true },
    { badgeNo: 'U3003', name: '钱师傅', unit: 'U-E-1', posts: ['维修工'], category: '维修', partyBranch: '运行党支部', phone: '13800003003' },
    { badgeNo: 'U3004', name: '孙师傅', unit: 'U-E-1', posts: ['维修工'], category: '维修', partyBranch: '运行党支部', phone: '13800003004' },
    { badgeNo: 'U3005', name: '李师傅', unit: 'U-W', posts: ['维修工'], category: '维修', partyBranch: '运行党支部' },
    { badgeNo: 'U3006', name: '陈晓', unit: 'U-HALL', posts: ['营业员'], category: '窗口', partyBranch: '机关党支部' },
  ],
  roleUnits: { unit_head: 'U-E', staff: 'U-E-1', quality_office: 'U-CS' },
  content: { serviceItems: [], commitments: [] },
};

/** A city branch of a bank (bank preset): sub-branches in the city and the county, an indicator competition (issue 18). */
const bank: DemoOrg = {
  code: 'demo-bank',
  name: '示范市农业银行',
  sector: 'bank',
  // Not 'bank': an installation's own bank users may well be called bank-admin.
  prefix: 'abc',
  units: {
    code: 'B', name: '示范市农业银行', kind: 'organisation', children: [
      { code: 'B-RB', name: '个人金融部', kind: 'office' },
      { code: 'B-S1', name: '市南支行', kind: 'branch', children: [{ code: 'B-S1-01', name: '香港中路网点', kind: 'outlet' }] },
      { code: 'B-S2', name: '市北支行', kind: 'branch' },
      { code: 'B-S3', name: '崂山支行', kind: 'branch' },
      { code: 'B-S4', name: '胶州支行', kind: 'branch' },
      { code: 'B-S5', name: '平度支行', kind: 'branch' },
    ],
  },
  staff: [
    { badgeNo: 'B4001', name: '于海', unit: 'B-RB', posts: ['个人金融部总经理'], category: '管理', partyBranch: '机关党支部', middleCadre: true },
    { badgeNo: 'B4002', name: '曲静', unit: 'B-S1', posts: ['支行行长'], category: '管理', partyBranch: '市南党支部', middleCadre: true },
    { badgeNo: 'B4003', name: '姜波', unit: 'B-S1-01', posts: ['柜员'], category: '窗口', partyBranch: '市南党支部' },
  ],
  roleUnits: { unit_head: 'B-S1', staff: 'B-S1-01', quality_office: 'B-RB' },
  content: { serviceItems: [], commitments: [] },
};

export const demoOrganisations = [hospital, hall, utility, bank];
export const demoOrganisationCodes = demoOrganisations.map((o) => o.code);
const demoRoles: Role[] = ['admin', 'quality_office', 'unit_head', 'staff', 'inspector', 'supervisor'];

export interface DemoSeedResult {
  created: string[];
  password: string;
  users: { org: string; username: string; role: Role }[];
}

/**
 * Creates the demo hospital and service hall with units, windows, staff and one user per role.
 * The shared demo password comes from YOUZHI_DEMO_PASSWORD or is generated and written to
 * data/demo-credentials.txt — never a password fixed in the repository.
 */
export async function seedDemo(ctx: AppContext, options: { password?: string; /** service items and commitments (default true) */ content?: boolean; /** which demo organisations (default all) */ organisations?: readonly string[] } = {}): Promise<DemoSeedResult> {
  const password = options.password ?? (process.env.YOUZHI_DEMO_PASSWORD || `demo-${randomToken(6)}`);
  const result: DemoSeedResult = { created: [], password, users: [] };
  for (const demo of demoOrganisations) {
    if (options.organisations && !options.organisations.includes(demo.code)) continue;
    if (await findOrganisationByCode(ctx, demo.code)) continue;
    let org;
    try {
      org = await createOrganisation(ctx, { code: demo.code, name: demo.name, sector: demo.sector });
    } catch (e) {
      // Another process starting at the same moment seeded it first.
      if (isAppError(e) && e.code === 'duplicate') continue;
      throw e;
    }
    const actor = systemActor(org.id, 'demo-seed');
    const unitIds = new Map<string, string>();
    const addUnit = async (u: DemoUnit, parentId: string | null, order: number) => {
      const created = await createUnit(ctx, actor, { code: u.code, name: u.name, kind: u.kind, parentId, sortOrder: order });
      unitIds.set(u.code, created.id);
      for (const [i, child] of (u.children ?? []).entries()) await addUnit(child, created.id, i);
    };
    await addUnit(demo.units, null, 0);
    const staffIds = new Map<string, string>();
    for (const s of demo.staff) {
      const created = await createStaff(ctx, actor, { badgeNo: s.badgeNo, name: s.name, unitIds: [unitIds.get(s.unit)!], posts: s.posts, category: s.category, partyBranch: s.partyBranch, flags: { middleCadre: !!s.middleCadre }, ...(s.phone ? { phone: s.phone } : {}) });
      staffIds.set(s.unit, staffIds.get(s.unit) ?? created.id);
    }
    for (const role of demoRoles) {
      const unitCode = demo.roleUnits[role];
      const username = `${demo.prefix}-${role.replace('_', '-')}`;
      await createUser(ctx, actor, {
        username,
        password,
        role,
        displayName: `${demo.name.slice(3, 7)} ${roleLabels[role]}`,
        unitId: unitCode ? unitIds.get(unitCode)! : null,
        staffId: unitCode ? staffIds.get(unitCode) ?? null : null,
      });
      result.users.push({ org: demo.code, username, role });
    }
    const unitOf = (code?: string) => (code ? unitIds.get(code)! : null);
    if (options.content !== false) {
      for (const { unit, ...item } of demo.content.serviceItems) await createServiceItem(ctx, actor, { ...item, unitId: unitOf(unit) });
      for (const { unit, ...commitment } of demo.content.commitments) await createCommitment(ctx, actor, { ...commitment, unitId: unitOf(unit) });
    }
    result.created.push(demo.code);
  }
  if (result.created.length && !options.password && !process.env.YOUZHI_DEMO_PASSWORD) writeCredentials(ctx, result);
  return result;
}

export const roleLabels: Record<Role, string> = {
  admin: '管理员',
  quality_office: '质控办',
  unit_head: '科室负责人',
  staff: '窗口人员',
  inspector: '检查员',
  supervisor: '社会监督员',
};

function writeCredentials(ctx: AppContext, result: DemoSeedResult) {
  const lines = ['# Youzhi demo logins (delete this file once you have changed the passwords)', `password: ${result.password}`, ...result.users.map((u) => `${u.org}\t${u.role}\t${u.username}`)];
  fs.mkdirSync(ctx.config.dataDir, { recursive: true });
  fs.writeFileSync(path.join(ctx.config.dataDir, 'demo-credentials.txt'), `${lines.join('\n')}\n`, { mode: 0o600 });
}

/** The demo organisations keep Beijing time (their packs' business hours). */
export const demoUtcOffsetMinutes = 8 * 60;

/**
 * A newly seeded demo is shown with activity: last month whole and this month up to now
 * (ratings, served counts, complaints and their replies, 差评整改), a handful of inspections, of
 * incidents (差错事故档案), of ledger lines, of sanctions in each state (奖惩), award rounds (评选), campaigns and last month's appraisal sheets (个人考核), through the services, so the dashboard, the monthly report and the board have figures from the
 * first login. Its in-app notices are marked read: a new user's inbox does not open on 99+ unread.
 */
export async function fillDemoActivity(ctx: AppContext, orgCodes: string[], now: number): Promise<ActivityReport[]> {
  const reports: ActivityReport[] = [];
  const thisMonth = localMonth(now, demoUtcOffsetMinutes);
  for (const orgCode of orgCodes) {
    if (orgCode === bank.code) {
      // The bank's demo is its sub-branch competition (abc-qingdao) with every figure filled (issue 18).
      await seedDemoCompetition(ctx, orgCode, now, demoUtcOffsetMinutes);
      continue;
    }
    if (orgCode === utility.code) {
      // The gas company's demo is its repair work orders, one in each state (issue 17).
      await seedDemoRepairs(ctx, orgCode, now);
      const org = await findOrganisationByCode(ctx, orgCode);
      if (org) await markDemoHistoryRead(ctx, org.id, now);
      continue;
    }
    for (const month of [shiftMonth(thisMonth, -1), thisMonth]) reports.push(await generateActivity(ctx, { orgCode, month, until: now }));
    await seedDemoInspections(ctx, orgCode, now);
    await seedDemoIncidents(ctx, orgCode, now);
    await seedDemoFollowUps(ctx, orgCode, now, demoUtcOffsetMinutes);
    await seedDemoLedger(ctx, orgCode, now, demoUtcOffsetMinutes);
    await seedDemoSanctions(ctx, orgCode, now);
    await seedDemoAwards(ctx, orgCode, now, demoUtcOffsetMinutes);
    await seedDemoCampaigns(ctx, orgCode, now, demoUtcOffsetMinutes);
    // Last month's appraisal sheets from that activity, in every state of their workflow (issue 21).
    await seedDemoAppraisals(ctx, orgCode, now, demoUtcOffsetMinutes);
    const org = await findOrganisationByCode(ctx, orgCode);
    if (org) await markDemoHistoryRead(ctx, org.id, now);
  }
  return reports;
}
