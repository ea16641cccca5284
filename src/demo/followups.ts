/**
 * The demo hospital's follow-up calls (回访/随访, issue 17): discharges of the last days
 * registered by the quality office, in every state — to call (one overdue), questionnaire sent
 * by SMS, reached with answers (satisfied), one 不满意 that opened a rectification, refused,
 * unreachable after three failed attempts, one reached on a home visit (上门随访). The 差评
 * follow-ups come from the month's ratings (src/demo/activity.ts), each settled when its
 * rectification records the callback. Half are held by the demo caller (hosp-staff's badge
 * H1003), the rest by 内科主任 赵敏 (H1007, no login: the ward's head assigns them). Runs once.
 */
import type { AppContext } from '../shared/context.js';
import type { Actor, Role } from '../shared/access.js';
import { localDate } from '../shared/months.js';
import { findOrganisationByCode } from '../modules/organisations/service.js';
import { findUnitByCode } from '../modules/units/service.js';
import { findUserByUsername } from '../modules/users/service.js';
import { followsUpAny, getFollowUp, recordAnswers, recordAttempt, registerDischarge, sendQuestionnaireLink } from '../modules/followups/service.js';

const DAY = 86_400_000;

async function actorOf(ctx: AppContext, orgId: string, username: string): Promise<Actor | null> {
  const u = await findUserByUsername(ctx, username);
  if (!u || u.org_id !== orgId) return null;
  return { userId: u.id, orgId, role: u.role as Role, username: u.username, staffId: u.staff_id, unitId: u.unit_id, scopePath: null, via: 'cli' };
}

type Step = { attempt: 'reached' | 'no_answer' | 'wrong_number' | 'refused' } | { homeVisit: { outcome: 'reached' | 'no_answer'; address: string; visitor: string; note?: string } } | { answers: { recovery?: 'recovered' | 'improving' | 'unchanged' | 'worse'; satisfaction: number; comment?: string } } | { sendLink: true };

const plan: { patient: string; phone: string; unit: string; physician: string; daysAgo: number; diagnosis: string; steps: Step[] }[] = [
  { patient: '刘大爷', phone: '13900100001', unit: 'H-IM-W1', physician: 'H1003', daysAgo: 1, diagnosis: '慢性阻塞性肺疾病急性加重', steps: [] },
  { patient: '陈阿姨', phone: '13900100002', unit: 'H-IM-W1', physician: 'H1003', daysAgo: 2, diagnosis: '2 型糖尿病', steps: [{ attempt: 'no_answer' }] },
  { patient: '杨先生', phone: '13900100003', unit: 'H-SUR-W1', physician: 'H1003', daysAgo: 9, diagnosis: '腹股沟疝修补术后', steps: [] },
  { patient: '黄女士', phone: '13900100004', unit: 'H-SUR-W1', physician: 'H1007', daysAgo: 3, diagnosis: '阑尾切除术后', steps: [{ sendLink: true }] },
  { patient: '周大妈', phone: '13900100005', unit: 'H-IM-W1', physician: 'H1007', daysAgo: 4, diagnosis: '高血压 3 级', steps: [{ attempt: 'reached' }, { answers: { recovery: 'improving', satisfaction: 5, comment: '医生随访很及时，谢谢。' } }] },
  { patient: '吴先生', phone: '13900100006', unit: 'H-SUR-W1', physician: 'H1007', daysAgo: 5, diagnosis: '胆囊切除术后', steps: [{ attempt: 'no_answer' }, { attempt: 'reached' }, { answers: { recovery: 'recovered', satisfaction: 4 } }] },
  { patient: '郑女士', phone: '13900100007', unit: 'H-SUR-W1', physician: 'H1007', daysAgo: 6, diagnosis: '甲状腺结节切除术后', steps: [{ attempt: 'reached' }, { answers: { recovery: 'unchanged', satisfaction: 2, comment: '出院时没人讲清楚换药和复查时间。' } }] },
  { patient: '孙先生', phone: '13900100008', unit: 'H-IM-W1', physician: 'H1007', daysAgo: 6, diagnosis: '肺炎', steps: [{ attempt: 'refused' }] },
  // 上门随访 (003:L109): nobody home by phone, then the ward's nurse visits.
  { patient: '何奶奶', phone: '13900100010', unit: 'H-IM-W1', physician: 'H1003', daysAgo: 3, diagnosis: '脑梗死恢复期', steps: [{ attempt: 'no_answer' }, { homeVisit: { outcome: 'reached', address: '城南街道幸福里 12 栋 301', visitor: '张丽', note: '行走需搀扶，已指导康复训练' } }, { answers: { recovery: 'improving', satisfaction: 5, comment: '护士上门指导，很贴心。' } }] },
  { patient: '马阿姨', phone: '13900100009', unit: 'H-IM-W1', physician: 'H1003', daysAgo: 7, diagnosis: '冠心病', steps: [{ attempt: 'no_answer' }, { attempt: 'wrong_number' }, { attempt: 'no_answer' }] },
];

export async function seedDemoFollowUps(ctx: AppContext, orgCode: string, now: number, utcOffsetMinutes: number): Promise<number> {
  const org = await findOrganisationByCode(ctx, orgCode);
  if (!org || orgCode !== 'demo-hospital') return 0;
  // The 差评 follow-ups the month's ratings opened are not this demo's: it runs once, for discharges.
  if (await followsUpAny(ctx, org.id, 'discharge')) return 0;
  const office = await actorOf(ctx, org.id, 'hosp-quality-office');
  if (!office) return 0;
  let n = 0;
  for (const p of plan) {
    const unit = await findUnitByCode(ctx, org.id, p.unit);
    if (!unit) continue;
    const f = await registerDischarge(ctx, office, { patientName: p.patient, phone: p.phone, unitId: unit.id, physicianBadgeNo: p.physician, dischargedOn: localDate(now - p.daysAgo * DAY, utcOffsetMinutes), diagnosis: p.diagnosis });
    for (const step of p.steps) {
      const { version } = await getFollowUp(ctx, office, f.id);
      if ('attempt' in step) await recordAttempt(ctx, office, f.id, { outcome: step.attempt, version });
      else if ('homeVisit' in step) await recordAttempt(ctx, office, f.id, { kind: 'home_visit', ...step.homeVisit, version });
      else if ('answers' in step) await recordAnswers(ctx, office, f.id, { ...step.answers, version });
      else await sendQuestionnaireLink(ctx, office, f.id, { version });
    }
    n++;
  }
  return n;
}
