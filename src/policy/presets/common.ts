/**
 * Defaults shared by the sector presets, and small builders so each preset stays short.
 * Every policy value carries its citation (seed:line or spec document) and/or a decision, written
 * in Chinese for the quality office that reads it and in English.
 */
import type {
  CalendarPolicy,
  CaseTypePolicy,
  Cited,
  Clock,
  Decision,
  Duration,
  Escalation,
  Label,
  Offset,
  Period,
  RatingsPolicy,
  SevereRule,
  ServiceStandard,
  ThresholdRule, ReportsPolicy, HorizonsPolicy } from '../schema.js';
import type { CctvRule, ManagementChecksRule } from '../inspections.js';

/** A decision note: Chinese first, then English. */
export const note = (zh: string, en: string): Decision => ({ zh, en });

/** A value with its seed/spec source, optionally with the decision that interprets it. */
export function src<T>(value: T, source: string, decision?: Decision): Cited<T> {
  return decision === undefined ? { value, source } : { value, source, decision };
}

/** A value that is a product decision, optionally pointing at the text that inspired it. */
export function dec<T>(value: T, decision: Decision, source?: string): Cited<T> {
  return source === undefined ? { value, decision } : { value, source, decision };
}

export const label = (zh: string, en: string): Label => ({ zh, en });
export const days = (amount: number): Duration => ({ amount, unit: 'working_days' });
export const hours = (amount: number): Duration => ({ amount, unit: 'calendar_hours' });

// ---------------------------------------------------------------------------------------------
// Calendar

export function commonCalendar(businessHours: Cited<Period[]>, weekdays?: Cited<number[]>): CalendarPolicy {
  return {
    utcOffsetMinutes: dec(480, note('北京时间（UTC+8），不实行夏令时。', 'China Standard Time, UTC+8, no daylight saving time.')),
    workingWeekdays: weekdays ?? src(
        [1, 2, 3, 4, 5],
        '002:L99',
        note(
          '窗口周一至周五受理业务（特殊情况除外）；法定节假日和调休上班日以工作日历为准。',
          'Windows accept business Monday–Friday (周一至周五, 特殊除外); statutory holidays and make-up workdays (调休) come from the working-day calendar.',
        ),
      ),
    businessHours,
    dayOfReceiptCounted: src(
      false,
      'RULES.md §1',
      note('受理当日不计入期限：N 个工作日在受理后第 N 个工作日下班时届满。', 'The day of receipt is not counted: N working days end at the close of business of the N-th working day after receipt.'),
    ),
    afterClosingCountsNextDay: src(true, 'RULES.md §1', note('下班时间以后收到的事项，视为下一个工作日收到。', 'A receipt after closing time counts as received on the next working day.')),
  };
}

// ---------------------------------------------------------------------------------------------
// Clocks, lateness, escalation

export const SEVERE_DEFAULT: Cited<SevereRule> = src(
  { mode: 'multiple', factor: 2 },
  'ANCHORS.md',
  note(
    '超期分两级：过了办理时限即为“超期”；从起算时起已过两倍时限仍未办结，即为“严重超期”。',
    'Two levels of lateness modelled on Alaveteli (late at 20, very late at 40 working days): 超期 once the due instant passes, 严重超期 once twice the clock\'s duration has elapsed since it started.',
  ),
);

const ESCALATION_DECISION = note(
  '分级催办：到期前提醒承办人；超期时通知承办人和科室负责人；严重超期时通知科室负责人和质控办，并提高优先级。',
  'Escalation levels modelled on GLPI (levels before/after the due date that notify, reassign or raise priority) and osTicket#5197 (multi-level, configurable recipients): remind the assignee before the due instant, tell the unit head when the clock is 超期, tell the quality office and raise the priority when it is 严重超期.',
);

/** The reminder offset before the due instant for a clock of this length, if one fits. */
function reminderOffset(d: Duration): Offset | undefined {
  switch (d.unit) {
    case 'working_days':
      return d.amount >= 2 ? { amount: 1, unit: 'working_days' } : { amount: 2, unit: 'business_hours' };
    case 'calendar_days':
      return d.amount >= 2 ? { amount: 1, unit: 'calendar_days' } : { amount: 4, unit: 'calendar_hours' };
    case 'business_hours':
    case 'calendar_hours':
      return d.amount >= 4 ? { amount: Math.max(1, Math.floor(d.amount / 4)), unit: d.unit } : undefined;
  }
}

/** Default escalation ladder for a clock of duration `d`. */
export function defaultEscalations(d: Duration): Cited<Escalation[]> {
  const reminder = reminderOffset(d);
  const ladder: Escalation[] = [];
  if (reminder) {
    ladder.push({ id: 'remind_assignee', when: 'before', anchor: 'due', offset: reminder, recipients: ['assignee'], actions: ['notify'] });
  }
  ladder.push(
    { id: 'overdue_unit_head', when: 'after', anchor: 'due', offset: { amount: 0, unit: d.unit }, recipients: ['assignee', 'unit_head'], actions: ['notify'] },
    { id: 'severe_quality_office', when: 'after', anchor: 'severely_overdue', offset: { amount: 0, unit: d.unit }, recipients: ['unit_head', 'quality_office'], actions: ['notify', 'raise_priority'] },
  );
  return dec(ladder, ESCALATION_DECISION, 'ANCHORS.md');
}

export function clock(
  id: string,
  clockLabel: Label,
  duration: Cited<Duration>,
  opts: { escalations?: Cited<Escalation[]>; severe?: Cited<SevereRule> } = {},
): Clock {
  return {
    id,
    label: clockLabel,
    duration,
    lateness: { severelyOverdue: opts.severe ?? SEVERE_DEFAULT },
    escalations: opts.escalations ?? defaultEscalations(duration.value),
  };
}

/** Record keyed by each clock's id. */
export function clocks(...list: Clock[]): Record<string, Clock> {
  return Object.fromEntries(list.map((c) => [c.id, c]));
}

export function standard(standardLabel: Label, unit: ServiceStandard['unit'], limit: Cited<number>): ServiceStandard {
  return { label: standardLabel, unit, limit };
}

// ---------------------------------------------------------------------------------------------
// Case types shared by every sector

export function complaintCase(): CaseTypePolicy {
  return {
    label: label('投诉', 'Complaint'),
    clocks: clocks(clock('reply', label('答复投诉人', 'Reply to the complainant'), src(
            days(5),
            '002:L103',
            note('接到投诉后五个工作日内回复投诉人；没有登记答复的投诉不能办结。', 'Reply within 5 working days of receipt (接到投诉在五个工作日内回复); a complaint cannot close without a recorded reply.'),
          ),)),
    minContentLength: dec(10, note('文件未规定投诉内容的最短字数，本系统默认：网上投诉内容不少于 10 个字，以便写明时间、地点和经过。', 'No minimum length in the source documents. Product decision: an online complaint has at least 10 characters, enough to say when, where and what happened.')),
  };
}

export function inquiryCase(): CaseTypePolicy {
  return {
    label: label('咨询(首问负责)', 'Inquiry (first-question responsibility)'),
    clocks: clocks(
      clock(
        'close_loop',
        label('答复或转交闭环', 'Answer or hand over, loop closed'),
        src(
          days(1),
          '002:L100; 004:L188',
          note(
            '首问负责：能当场答复的当场答复，不属于本窗口的指明办事窗口或机构并告知联系方式；不能当场办结的须说明时限。文件没有规定这一时限，默认 1 个工作日内闭环。',
            'First-question responsibility: answer on the spot or name the right window/agency and its contact; what cannot be answered on the spot gets a stated limit. No source document gives that limit: default 1 working day to close the loop.',
          ),
        ),
      ),
    ),
  };
}

export function applicationCase(): CaseTypePolicy {
  const workingDaysReading = note(
    '原文为“日”，按工作日理解（行政办理时限均按工作日计算）。需要延长的，须经分管领导批准，并向当事人说明理由。',
    'The text says 日; read as working days, as administrative time limits are counted in working days. Extension needs the deputy head\'s approval and the reason told to the party.',
  );
  return {
    label: label('申请受理', 'Application'),
    clocks: clocks(
      clock(
        'supplement_notice',
        label('一次性告知补正材料', 'One-time notice of missing materials'),
        src(
          days(5),
          '002:L98, L184',
          note('申请材料不全的，当场或者在受理后五个工作日内一次性告知需要补正的全部内容。', 'Incomplete application: tell everything missing on the spot, or in one notice within 5 working days of receipt.'),
        ),
      ),
      clock('leader_instruction', label('需请示领导事项办结', 'Matter needing a leader\'s instruction'), src(days(2), '004:L188', workingDaysReading)),
      clock('study', label('需研究事项办结', 'Matter needing study'), src(days(7), '004:L188', workingDaysReading)),
    ),
  };
}

export function appealCase(): CaseTypePolicy {
  return {
    label: label('奖惩申诉', 'Appeal against a sanction'),
    clocks: clocks(
      clock(
        'lodge',
        label('申诉期限', 'Appeal window'),
        dec(
          days(5),
          note(
            '申诉由奖惩委员会复核，但文件没有规定提出申诉的期限：默认为收到处理通知后 5 个工作日内，可以调整。',
            'The rewards-and-penalties committee rules on appeals, but no source document gives the window for lodging one: default 5 working days from notice of the sanction, configurable.',
          ),
          '004:L160',
        ),
        { escalations: dec([], note('申诉期限约束的是申诉人，不是工作人员：期满不催办。', 'The appeal window limits the appellant, not staff: nothing escalates when it closes.')) },
      ),
    ),
  };
}

/**
 * How soon a 差评 rater who left a contact is called back: the rectification's callback clock and
 * the follow-up opened for the rating (cases.follow_up.clocks.rating) share this one value.
 */
export function ratingCallbackDue(): Cited<Duration> {
  return dec(
    days(1),
    note(
      '留有联系方式的差评，1 个工作日内回访（实名差评回访率 100%）；没有联系方式的不起算。',
      'A 差评 whose rater left a contact is called back within 1 working day (实名差评 callback rate 100 %); the clock only starts when there is a contact.',
    ),
    'ANCHORS.md',
  );
}

/**
 * How soon a completed repair is called back (RULES §2 Decisions: 3 working days after completion,
 * 调休 counted): the work order's callback clock and its follow-up (cases.follow_up.clocks.repair)
 * share this one value.
 */
export function repairCallbackDue(): Cited<Duration> {
  return dec(
    days(3),
    note(
      '开通或维修后必须回访，但文件没有规定间隔：默认完工后 3 个工作日内回访，与完工 3 天后发出评价邀请一致。',
      'Callback (回访) after opening or repair is required but its interval is not given: default within 3 working days of completion, like the rating invitation 3 days after completion.',
    ),
    '004:L76; ANCHORS.md',
  );
}

/** 差评整改: a negative rating (later also a verified complaint or an inspection finding) is called back and rectified. */
export function rectificationCase(): CaseTypePolicy {
  return {
    label: label('整改', 'Rectification'),
    clocks: clocks(
      clock('callback', label('回访差评人', 'Call the rater back'), ratingCallbackDue()),
      clock(
        'feedback',
        label('整改反馈', 'Rectification feedback'),
        src(days(5), 'ANCHORS.md', note('各地做法是差评在 5–15 个工作日内整改反馈，默认取最严的 5 个工作日。', 'Local practice rectifies a 差评 within 5–15 working days; the default takes the strict end, 5.')),
      ),
    ),
  };
}

/**
 * 回访/随访 (RULES §2 Follow-up): a follow-up call opened from a source — a discharge, a closed
 * complaint, a completed repair, a 差评. Each source the organisation follows up has its own
 * due clock here; a source without a clock opens no follow-up (the pack's switch). Three failed
 * call attempts make a follow-up unreachable (a standard, count).
 */
export function followUpCase(sources: readonly ('discharge' | 'complaint' | 'repair' | 'rating')[]): CaseTypePolicy {
  const list: Clock[] = [];
  if (sources.includes('discharge')) {
    list.push(
      clock(
        'discharge',
        label('出院随访', 'Follow-up after discharge'),
        dec(
          { amount: 7, unit: 'calendar_days' },
          note(
            '由主治医师对出院病人进行随访，做好出院患者一级随访（电话随访）；文件没有规定期限：出院后 7 个自然日内完成随访（以出院当日结束时起算）。',
            'Attending physicians follow up their discharged patients, by phone first (一级随访); no limit is given: the follow-up is due within 7 calendar days of discharge (counted from the end of the discharge day).',
          ),
          '003:L605; 003:L109',
        ),
      ),
    );
  }
  if (sources.includes('complaint')) {
    list.push(
      clock(
        'complaint',
        label('投诉办结回访', 'Follow-up after a closed complaint'),
        dec(
          days(3),
          note(
            '投诉做到件件有结果、有回音，受理—处理—回访全过程闭环；文件没有规定回访期限：办结后 3 个工作日内回访投诉人。',
            'Every complaint gets an outcome and an answer and the loop closes through the callback; no limit is given: the complainant is called within 3 working days of the closing.',
          ),
          '000:L99; 004:L214',
        ),
      ),
    );
  }
  if (sources.includes('repair')) {
    // The work order's callback (004:L76: the loop closes through it, 004:L214) is made as this follow-up.
    list.push(clock('repair', label('维修回访', 'Follow-up after a repair'), repairCallbackDue()));
  }
  if (sources.includes('rating')) {
    // The 差评 rater's callback (the rectification's callback step) is made as this follow-up.
    list.push(clock('rating', label('差评回访', 'Follow-up after a negative rating'), ratingCallbackDue()));
  }
  return {
    label: label('回访/随访', 'Follow-up call'),
    clocks: clocks(...list),
    standards: {
      max_failed_attempts: standard(
        label('无法联系前的未接通次数', 'Failed call attempts before unreachable'),
        'count',
        dec(3, note('电话未接通或号码错误累计 3 次，随访记为“无法联系”。', 'Three failed call attempts (no answer, wrong number) make a follow-up unreachable.'), 'RULES.md §2'),
      ),
    },
  };
}

export function commonCases(): Record<'complaint' | 'inquiry' | 'application' | 'appeal' | 'rectification', CaseTypePolicy> {
  return { complaint: complaintCase(), inquiry: inquiryCase(), application: applicationCase(), appeal: appealCase(), rectification: rectificationCase() };
}

// ---------------------------------------------------------------------------------------------
// Ratings

export function threshold(rule: ThresholdRule, source: string, decision?: Decision): Cited<ThresholdRule> {
  return src(rule, source, decision);
}

/** The window rating-device targets (rating rate and satisfaction ≥ 90 %, window and staff). */
export function windowRatingThresholds(source: string, decision?: Decision): Record<string, Cited<ThresholdRule>> {
  const base = { op: 'gte', value: 0.9, period: 'month', kind: 'target', action: 'alert' } as const;
  return {
    window_rating_rate: threshold({ ...base, label: label('窗口月评价率', 'Window monthly rating rate'), metric: 'ratingRate', scope: 'window' }, source, decision),
    staff_rating_rate: threshold({ ...base, label: label('个人月评价率', 'Staff monthly rating rate'), metric: 'ratingRate', scope: 'staff' }, source, decision),
    window_satisfaction: threshold({ ...base, label: label('窗口月满意度', 'Window monthly satisfaction'), metric: 'satisfactionRate', scope: 'window' }, source, decision),
    staff_satisfaction: threshold({ ...base, label: label('个人月满意度', 'Staff monthly satisfaction'), metric: 'satisfactionRate', scope: 'staff' }, source, decision),
  };
}

export function commonRatings(thresholds: Record<string, Cited<ThresholdRule>>): RatingsPolicy {
  return {
    levels: src(
      [
        { value: 5, zh: '非常满意', en: 'Very satisfied' },
        { value: 4, zh: '满意', en: 'Satisfied' },
        { value: 3, zh: '基本满意', en: 'Basically satisfied' },
        { value: 2, zh: '不满意', en: 'Dissatisfied' },
        { value: 1, zh: '非常不满意', en: 'Very dissatisfied' },
      ],
      'ANCHORS.md; RULES.md §3',
      note('好差评五级评价（GB/T 39734）。', '好差评 five levels (GB/T 39734).'),
    ),
    negativeLevels: src([1, 2], 'ANCHORS.md; RULES.md §3', note('最低两级（不满意、非常不满意）为差评。', 'The bottom two levels (不满意, 非常不满意) are 差评.')),
    positiveLevels: src(
      [5, 4],
      'ANCHORS.md; RULES.md §3',
      note(
        '最高两级（非常满意、满意）为好评：问卷五级题的“好评率”和满意率的分子都按这两级计算；“基本满意”是否计入满意率另行设置。',
        'The top two levels (非常满意, 满意) are positive: a five-level survey question\'s "% positive" (NHS Friends and Family Test) and the satisfaction rate\'s numerator; whether 基本满意 also counts as satisfied is a separate setting.',
      ),
    ),
    basicSatisfiedCountsAsSatisfied: src(
      false,
      'RULES.md §3',
      note('满意率 =（非常满意 + 满意）÷ 有效评价数；除非另行配置，“基本满意”不计为满意。', 'Satisfaction rate = (非常满意 + 满意) ÷ valid ratings; 基本满意 does not count as satisfied unless the pack says so.'),
    ),
    tokenExpiryDays: dec(7, note('每笔业务的评价链接或二维码 7 个自然日内有效。', 'A rating link/QR token for one transaction stays valid 7 calendar days.')),
    minSampleSize: dec(30, note('文件未规定最小样本量。参照满意度调查的通行做法，样本少于 30 时标记为“样本过少”：满意率、问卷各题和各评价分组均照常显示并加标记。', 'The documents set no minimum sample. As is usual for satisfaction surveys, samples under 30 are flagged; the same minimum flags satisfaction, every survey question and every rating group (shown, marked as a small sample).')),
    deviceIntervalMinutes: dec(10, note('文件未规定扫码评价的间隔，本系统默认：同一台手机对同一窗口的常设二维码 10 分钟内只计一次评价，防止重复刷评；不同手机互不影响。', 'No interval in the source documents. Product decision: one rating per phone and window on a standing QR code within 10 minutes, against repeated ratings; other phones are never held back.')),
    burst: dec({ ratings: 20, minutes: 10 }, note('文件未规定，本系统默认：同一网络地址 10 分钟内对同一窗口提交超过 20 条评价时提醒质控办核查（不拦截，医院或大厅的患者可能共用一个出口地址）。', 'Not in the source documents. Product decision: more than 20 ratings of one window from one network address in 10 minutes alerts the quality office (not blocked: a hospital or hall may share one exit address).')),
    thresholds,
    talkAfterMonthsAtBottom: src(
      2,
      'ANCHORS.md',
      note('窗口满意度月度排名连续两个月末位的，约谈窗口负责人（好差评地方做法）。', 'A window at the bottom of the monthly satisfaction ranking two months running is called to a talk (约谈; 好差评 local practice).'),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Horizons (issue 11 §5)

/** How far ahead "due soon" looks, how many months the public board shows, how far back complaints are read. */
export function commonHorizons(): HorizonsPolicy {
  return {
    dueSoon: dec(
      days(1),
      note('文件没有规定“临期”的提前量：办理期限在 1 个工作日内届满的事项标为“临期”，与到期前一个工作日提醒承办人一致。', 'No source document says when a deadline is near: a clock due within 1 working day is marked 临期 (due soon), the same span as the reminder to the assignee before the due instant.'),
    ),
    boardMonths: dec(
      6,
      note('文件要求定期公布投诉情况，但没有规定公布多长时间：服务公开栏显示最近 6 个完整月的投诉和满意度统计。', 'The source document asks for complaint figures to be published regularly but gives no span: the public board shows the last 6 full months of complaint and satisfaction statistics.'),
      '003:L630',
    ),
    complaintLookbackDays: dec(
      92,
      note(
        '计算按时答复率时，读取所测月份之前 92 天内受理的投诉，以找到在该月到期的答复：5 个工作日的答复时限几天内就会到期，92 天还能覆盖暂停约两个月的时钟；更早受理的投诉不计入。',
        'To find the replies falling due in a measured month, complaints received up to 92 days before it are read: a 5-working-day reply falls due within days, and 92 days also covers a clock paused for about two months. A complaint received earlier is not counted.',
      ),
      '002:L103',
    ),
  };
}

/** 每日通报: sent every morning for the day before (002:L108 names the bulletin, not its hour). */
export function commonReports(): ReportsPolicy {
  return {
    dailyBulletin: {
      send: src(true, '002:L108', note('每日通报来访和投诉情况：每天自动发送前一天的通报到质控办和各科室负责人的站内信（有邮箱的同时发邮件）。', 'A daily bulletin of visits and complaints: the previous day\'s goes to the quality office and unit heads every day, in the app and by email where they have an address.')),
      at: dec('08:00', note('文件未规定发送时间：定为每天上班前 08:00，通报前一天的情况。', 'The source documents give no hour: 08:00, before the working day starts, for the day before.')),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Inspections

/** RULES §4 decision: the period in which a repeated finding makes a rectification half-hearted (003:L490). */
export function halfHeartedWindow(): Cited<number> {
  return dec(
    90,
    note(
      '复查再次发现同一问题：整改尚未办结，或办结后 90 天（一个季度检查周期）内，视为整改不力、敷衍了事。',
      'A re-inspection finding the same problem while its rectification is open, or within 90 days (one quarterly round) after it closed, marks the rectification half-hearted.',
    ),
    '003:L490',
  );
}

/**
 * 管理人员每月抽查 (004:L214): every unit of `unitKinds` checked by management at least once a
 * month; phone checks and on-site visits (scheduled or unannounced) count.
 */
export function managementChecksRule(unitKinds: string[], decision: Decision): Cited<ManagementChecksRule> {
  return src({ unitKinds, perMonth: 1, kinds: ['phone_check', 'scheduled', 'unannounced'] }, '004:L214', decision);
}

/**
 * 监控录像采摘 (004:L116): 4 clips per counter a working day, 2 in the morning and 2 in the
 * afternoon, finished by 15:00 (15:00 itself is on time), reviewed with the cctv-clips template.
 */
export function cctvClipsRule(counterKind: string, decision: Decision): Cited<CctvRule> {
  return src({ template: 'cctv-clips', counterKind, clipsPerDay: 4, morningClips: 2, afternoonClips: 2, doneBy: '15:00' }, '004:L116', decision);
}
