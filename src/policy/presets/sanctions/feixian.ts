/**
 * 费县农商行营业部优质服务奖惩办法 (004:L176–178): fines deducted from next month's pay (第二条),
 * each with a 通报批评. Articles 3–5 are on L176, articles 6–18 on L178.
 */
import { facts as f, label, note, yuan, type Catalogue } from './build.js';

const A = '004:L176';
const B = '004:L178';
const base = (source: string) => ({ direction: 'fine' as const, targets: ['person' as const], source, outcomes: ['notice_criticism' as const] });

export const feixian: Catalogue = {
  premises_unclean: { ...base(A), kind: 'per_member', amountFen: yuan(100, A), label: label('营业场所不清洁（未做到“四净三无”），每查到一处全体人员每人罚款', 'Premises not clean (四净三无): per spot found, every member of the unit is fined'), facts: [f.spots, f.members] },
  desk_disorderly: { ...base(A), kind: 'fixed', amountFen: yuan(100, A), label: label('办公桌上文件、设施摆放无序，罚责任人', 'Desk disorderly: the person responsible is fined'), facts: [] },
  left_on: { ...base(A), kind: 'per_item', countFact: 'items', amountFen: yuan(100, A), label: label('下班后电脑、打印机、电灯、空调、门窗未关，每项罚责任人', 'PC, printer, lights, air conditioning or windows left on after work: per item'), facts: [f.items] },
  badge_dress: { ...base(A), kind: 'per_item', countFact: 'items', amountFen: yuan(100, A), label: label('未挂工号牌，穿拖鞋、西装短裤、超短裙，每项罚款', 'No badge; slippers, shorts or miniskirt at work: per item'), facts: [f.items] },
  appearance: { ...base(B), kind: 'per_item', countFact: 'items', amountFen: yuan(100, B), label: label('发型不得体、染怪异色、男员工留长发蓄胡子，每项罚款', 'Odd hair or colour, long hair or beard: per item'), facts: [f.items] },
  listless: { ...base(B), kind: 'fixed', amountFen: yuan(100, B), label: label('上班无精打采，举止、坐姿不雅', 'Listless or slouching at work'), facts: [] },
  eating_private_work: { ...base(B), kind: 'per_item', countFact: 'items', amountFen: yuan(200, B), label: label('上班时间吃早餐、零食、干私活、修剪指甲、化妆，每项罚款', 'Eating, private work, nail trimming or make-up at work: per item'), facts: [f.items] },
  loud_noise: { ...base(B), kind: 'per_person_present', amountFen: yuan(100, B), label: label('办公场所大声喧哗，在场员工各人罚款', 'Loud noise at work: every employee present is fined'), facts: [f.present] },
  group_chatting: { ...base(B), kind: 'per_participant', amountFen: yuan(500, B), label: label('聚众聊天、串岗聊天，每人罚款', 'Group chatting or wandering posts: per person'), facts: [f.participants] },
  foul_language: { ...base(B), kind: 'fixed', amountFen: yuan(100, B), label: label('讲脏话、粗话和令人反感的语言', 'Foul or offensive language'), facts: [] },
  online_games: { ...base(B), kind: 'fixed', amountFen: yuan(200, B), label: label('工作时间上网聊天、玩电子游戏、炒股', 'Online chat, games or stock trading at work'), facts: [] },
  flashy_jewellery: { ...base(B), kind: 'per_item', countFact: 'items', amountFen: yuan(100, B), label: label('佩戴夸张饰物、戴墨镜、浓妆艳抹、耀眼指甲油，各罚', 'Flashy jewellery, sunglasses, heavy make-up or bright nail polish: each'), facts: [f.items] },
  first_responsibility_complaint: { ...base(B), kind: 'range', minFen: yuan(300, B), maxFen: yuan(500, B), label: label('未做到首问负责制，被客户或一线人员投诉', 'First-contact duty (首问负责) not applied and a complaint made'), facts: [f.amountFen] },
  phone_greeting: { ...base(B), kind: 'fixed', amountFen: yuan(200, B), label: label('接电话未主动自报单位', 'Phone answered without the unit greeting'), facts: [] },
  valid_complaint: {
    ...base(B),
    kind: 'range',
    minFen: yuan(300, B),
    maxFen: yuan(500, B),
    serious: { minFen: yuan(500, B), maxFen: yuan(1000, B) },
    label: label('因服务问题被客户、一线和基层有效投诉（情节严重者从重）', 'Valid service complaint (higher range when serious)'),
    facts: [f.amountFen, f.serious],
  },
  media_exposure: {
    ...base(B),
    kind: 'range',
    minFen: yuan(500, B),
    maxFen: yuan(1000, B),
    label: label('因服务问题被县级以上新闻媒体曝光，对当事人罚款', 'Exposed by county-level or higher media: the person concerned is fined'),
    decision: note('县级以上（含县级）媒体；级别在事实中记录，金额由审核人在范围内确定。', 'County level or above; the level is recorded with the facts, the reviewer picks the amount in the range.'),
    facts: [f.amountFen, f.level],
  },
};
