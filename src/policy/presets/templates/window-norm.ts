/**
 * 窗口服务规范 — the window service norm as an inspection checklist (002 篇9, L160–197): six
 * sections, every rule one item. The seed gives rules and no points, so the scoring is a decision.
 */
import type { ScoringItem, ScoringSection, ScoringTemplate } from '../../../engines/scoring/index.js';
import { label, note } from '../common.js';

/**
 * Ordinary lapse: −2 per case; the conduct the norm forbids outright: −5 per case, and a finding
 * there needs evidence (a note, then a photo on its rectification case). Each item at most 10.
 */
const ORDINARY = 2;
const SERIOUS = 5;

function rule(code: string, zh: string, en: string, line: number, extra: Partial<ScoringItem> = {}): ScoringItem {
  return { code, label: label(zh, en), points: 10, per: 'case', deduction: ORDINARY, source: `002:L${line}`, ...extra };
}

function section(code: string, zh: string, en: string, line: number, items: ScoringItem[]): ScoringSection {
  return { code, label: label(zh, en), source: `002:L${line}`, items };
}

export const windowNorm: ScoringTemplate = {
  code: 'window-norm',
  version: 1,
  label: label('窗口服务规范检查', 'Window service norm check'),
  mode: 'deduct',
  fullMark: 100,
  source: '002:L160–197',
  decision: note(
    '规范只列要求,没有分值:满分 100 分,每发现一例一般问题扣 2 分,争吵、脏话、禁用语等明令禁止的行为每例扣 5 分;每项最多扣 10 分,总分不低于 0。"提倡提前10分钟上班"只记录、不扣分。',
    'The norm lists rules without points: 100 points, −2 per case for an ordinary lapse, −5 per case for conduct it forbids outright (quarrels, swearing, banned phrases); at most −10 per item; never below 0. Arriving 10 minutes early is encouraged (提倡): recorded, never scored.',
  ),
  sections: [
    section('preparation', '一、上岗准备', '1. Getting ready', 162, [
      {
        code: 'early_arrival',
        label: label('提前 10 分钟上班,做好准备工作', 'Arrive 10 minutes early and get ready'),
        per: 'failure',
        advisory: true,
        source: '002:L163',
        decision: note('原文为"提倡",不是硬性要求:记录但不计分。', 'The text says 提倡 (encouraged), not required: recorded, never scored.'),
      },
      rule('tidy_desk', '办公区域卫生清理,岗位整洁有序', 'Work area clean, desk tidy', 164),
    ]),
    section('appearance', '二、仪容仪表', '2. Appearance', 165, [
      rule('neat_dress', '穿戴整洁,朴素大方,仪表端庄', 'Neat, plain and proper dress', 166),
      rule('badge', '挂牌上岗', 'Badge worn on duty', 167),
      rule('improper_clothing', '不穿背心、短裤、吊带裙、拖鞋等', 'No vests, shorts, strappy dresses or slippers', 168),
    ]),
    section('conduct', '三、举止行为', '3. Conduct', 169, [
      rule('smile', '微笑热情服务', 'Smiling, warm service', 170),
      rule('three_greetings', '"三声":来有迎声,问有答声,走有送声', '"Three voices": greet on arrival, answer every question, see off', 171),
      rule('five_same', '"五个一样"', '"Five alike": equal warmth, courtesy, respect, patience and reception for everyone', 172),
      rule('patient_answers', '主动热情、耐心周到、百问不厌、解释全面', 'Patient, thorough answers; never tired of questions', 173),
      rule('accept_criticism', '耐心听取意见、建议和批评', 'Listen patiently to opinions and criticism', 174),
      rule('no_quarrel', '不与服务对象争吵或扭打,及时报告', 'No quarrel or scuffle with a client; report it', 175, { deduction: SERIOUS, evidence: true }),
    ]),
    section('language', '四、服务语言', '4. Language', 176, [
      rule('civil_language', '用语文明,提倡讲普通话', 'Civil language; Mandarin encouraged', 177),
      rule('phone_script', '电话文明用语,挂断前先征得对方同意', 'Phone courtesy; ask consent before hanging up', 178, { allowNa: true }),
      rule('reception_script', '接待文明用语', 'Courteous reception phrases', 179),
      rule('handling_script', '办理业务文明用语', 'Courteous phrases while handling business', 180),
      rule('farewell_script', '送别文明用语', 'Courteous farewell phrases', 181),
    ]),
    section('quality', '五、服务质量', '5. Service quality', 182, [
      rule('first_question', '首问负责', 'First-question responsibility', 183),
      rule('one_time_notice', '一次性告知所需全部资料', 'One-time notice of everything required', 184),
      rule('templates', '主动提供规范文本和服务指南', 'Offer model forms and service guides', 185, { allowNa: true }),
      rule('accurate_documents', '资料、单据规范完整、字迹清楚、准确无误', 'Documents complete, legible and correct', 186),
      rule('time_limits', '业务限期办结', 'Business finished within its time limit', 188),
    ]),
    section('prohibitions', '六、注意事项', '6. Prohibitions', 189, [
      rule('no_children', '不准带小孩上班', 'No children at work', 190),
      rule('no_eating', '不准在大厅用餐、吃零食', 'No meals or snacks in the hall', 191),
      rule('no_swearing', '不准讲脏话、粗话及大声喧哗、嬉闹', 'No swearing, shouting or horseplay', 192, { deduction: SERIOUS, evidence: true }),
      rule('banned_phrases', '不准使用"我不知道,你去问别人""有牌子、自己看"等不当用语', 'No banned phrases such as "I don\'t know, ask someone else" or "read the sign yourself"', 193, { deduction: SERIOUS, evidence: true }),
      rule('no_leaving_post', '不准擅离职守、离岗串岗或做与工作无关的事', 'No leaving the post or doing unrelated things', 194),
      rule('no_games', '不准在微机上玩游戏', 'No computer games', 195),
      rule('no_visitors', '不准在工作时间会客', 'No personal visitors during working hours', 196),
      rule('no_phone_chat', '不准打电话闲聊及长时间占用电话线路', 'No chatting on the phone or tying up the line', 197),
    ]),
  ],
};
