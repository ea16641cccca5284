/**
 * Application errors carry a stable code; the HTTP status and the bilingual message
 * come from one table (`errorCatalogue`), so every layer throws the same way and the
 * server maps them in one place.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

export const errorCatalogue = {
  bad_request: { status: 400, zh: '请求格式错误', en: 'The request is malformed' },
  validation_failed: { status: 400, zh: '输入数据未通过校验', en: 'The input failed validation' },
  invalid_date: { status: 400, zh: '日期无效', en: 'Invalid date' },
  calendar_format_invalid: { status: 400, zh: '日历文件格式错误', en: 'The calendar file is not in a recognised format' },
  calendar_config_invalid: { status: 400, zh: '日历设置无效（时段或例外日冲突）', en: 'Invalid calendar settings (periods or overrides)' },
  file_invalid: { status: 400, zh: '文件已损坏或不是有效的表格文件', en: 'The file is damaged or not a valid spreadsheet' },
  import_failed: { status: 400, zh: '导入失败，未写入任何数据', en: 'Import failed; nothing was written' },
  file_type_mismatch: { status: 400, zh: '文件扩展名与文件内容不符', en: 'The file name\'s extension does not match what the file contains' },
  too_many_files: { status: 400, zh: '一次只能上传一个文件', en: 'Upload one file per request' },
  public_url_not_allowed: {
    status: 400,
    zh: '二维码和评价链接只能指向本系统的公开地址（YOUZHI_PUBLIC_URL），请由管理员设置',
    en: "QR codes and links may only open this installation's public address (YOUZHI_PUBLIC_URL); ask the administrator to set it",
  },
  webhook_url_invalid: { status: 400, zh: '推送地址须为 http 或 https 网址，且不能含用户名或密码', en: 'A webhook URL must be an http or https URL without a user name or password' },
  webhook_target_not_allowed: {
    status: 400,
    zh: '推送地址指向内网、本机或保留地址；如确需推送到内网，请由管理员在 YOUZHI_WEBHOOK_ALLOW 中放行',
    en: 'The webhook URL points at a private, loopback or reserved address; an administrator may allow it in YOUZHI_WEBHOOK_ALLOW',
  },
  policy_invalid: { status: 400, zh: '政策包配置无效', en: 'The policy pack is invalid' },
  scoring_invalid: { status: 400, zh: '检查结果与检查表不符（未知的条目或指标、重复的条目、超出范围的数值）', en: 'The inspection results do not fit the checklist (unknown item or metric, an item given twice, a value out of range)' },
  scoring_template_invalid: { status: 400, zh: '检查表模板无效', en: 'The checklist template is invalid' },
  indicator_definition_invalid: { status: 400, zh: '竞赛指标定义无效', en: 'The competition indicator definition is invalid' },
  indicator_input_invalid: { status: 400, zh: '竞赛指标数据无效', en: 'A competition figure is invalid' },
  appraisal_template_invalid: { status: 400, zh: '考核表模板无效（编码重复、保底分高于封顶分、评分范围超出、星级未按由高到低排列等）', en: 'The appraisal template is invalid (a repeated code, a floor above the cap, a range outside them, star grades not descending…)' },
  appraisal_period_invalid: { status: 400, zh: '考核周期无效（应为 2026-W47、2026-11 或 2026-Q4）', en: 'Invalid appraisal period (2026-W47, 2026-11 or 2026-Q4)' },
  appraisal_judged_out_of_range: { status: 400, zh: '评分超出该项目的评分范围', en: 'A judged score lies outside the item\'s range' },
  appraisal_facts_invalid: { status: 422, zh: '考核所依据的数据不一致（如满意数多于评价数）', en: 'The facts behind the sheet are inconsistent (such as more satisfied ratings than ratings)' },
  policy_value_missing: { status: 422, zh: '政策包中缺少所需的设置（如该类事项的时限、单位尚未设定的奖惩金额）', en: 'The policy pack lacks a setting this needs (such as a clock of this case type, or a sanction amount the organisation has not set)' },
  fact_missing: { status: 400, zh: '缺少该奖惩规则所需的事实（如得分、在场人数）', en: 'A fact this sanction rule needs is missing (such as the score or the number present)' },
  fact_invalid: { status: 400, zh: '奖惩规则的事实数值无效', en: 'A fact given to the sanction rule is invalid' },
  rule_unknown: { status: 400, zh: '政策包中没有该奖惩规则', en: 'The policy pack has no such sanction rule' },
  amount_out_of_range: { status: 400, zh: '金额超出该规则规定的范围', en: "The amount lies outside the rule's range" },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Authentication required' },
  invalid_credentials: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  csrf_failed: { status: 403, zh: '跨站请求校验失败', en: 'CSRF check failed' },
  forbidden: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  token_scope: { status: 403, zh: '该 API 令牌的权限范围不允许此操作', en: "This API token's scope does not allow this request" },
  out_of_scope: { status: 403, zh: '该记录不在您的管辖范围内', en: 'This record is outside your unit scope' },
  not_found: { status: 404, zh: '记录不存在', en: 'Not found' },
  route_not_found: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  conflict: { status: 409, zh: '数据冲突', en: 'Conflict' },
  version_conflict: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and retry' },
  write_contention: { status: 409, zh: '同一记录正被其他操作修改，请稍后重试', en: 'Another change to the same records was under way; try again' },
  duplicate: { status: 409, zh: '记录已存在', en: 'A record with this key already exists' },
  unit_not_empty: { status: 409, zh: '单位下仍有下级单位或人员，不能删除', en: 'The unit still has sub-units or staff' },
  unit_cycle: { status: 409, zh: '不能把单位移动到其自身的下级', en: 'A unit cannot be moved under itself' },
  invalid_transition: { status: 409, zh: '当前状态下不能执行此操作', en: 'This action is not possible in the current status' },
  reply_required: { status: 409, zh: '尚未答复投诉人，不能办结', en: 'The complainant has not been replied to; the case cannot be closed' },
  review_required: { status: 409, zh: '本单位投诉须由质控办审核办结', en: 'Complaints here are closed by the quality office after review (审核办结)' },
  review_not_required: { status: 409, zh: '本单位投诉答复后直接办结，无需审核', en: 'Complaints here close after the reply without a review' },
  satisfaction_recorded: { status: 409, zh: '投诉人已评价过本次处理', en: 'The complainant has already rated this handling' },
  already_waiting: { status: 409, zh: '已在等待投诉人', en: 'Already waiting for the complainant' },
  not_waiting: { status: 409, zh: '当前未在等待投诉人', en: 'Not waiting for the complainant' },
  verification_required: { status: 409, zh: '请先核实', en: 'Verify the complaint first' },
  cause_and_measure_required: { status: 409, zh: '投诉经核实属实或部分属实，答复前须先记录原因分析和整改措施', en: 'The complaint was found substantiated: record its causes and the corrective action before replying' },
  repair_card_missing: { status: 409, zh: '《服务联系卡》尚未由用户签字，也未记录用户拒签，工单不能关闭', en: 'The service contact card (服务联系卡) is neither signed by the customer nor recorded as refused; the work order cannot close' },
  repair_callback_missing: { status: 409, zh: '尚未回访用户，工单不能关闭', en: 'The customer has not been called back (回访); the work order cannot close' },
  repair_damage_unresolved: { status: 409, zh: '损坏的用户财物尚未恢复原状或赔偿，工单不能关闭', en: "The customer's damaged property is neither restored nor compensated; the work order cannot close" },
  repair_card_recorded: { status: 409, zh: '《服务联系卡》已签字或已记录拒签', en: 'The service contact card is already signed or its refusal recorded' },
  applicant_not_notified: { status: 409, zh: '尚未将办理结果告知申请人，不能办结', en: 'The applicant has not been told the outcome; the case cannot be closed' },
  plan_insufficient: { status: 409, zh: '检查计划未达到政策规定的覆盖要求', en: 'The inspection plan falls short of the coverage the policy requires' },
  no_coverage_rule: { status: 409, zh: '本单位的政策包未规定检查覆盖要求', en: 'The policy pack of this organisation sets no inspection coverage' },
  no_management_check_rule: { status: 409, zh: '本单位的政策包未规定管理人员每月抽查要求', en: 'The policy pack of this organisation sets no monthly management checks' },
  no_cctv_rule: { status: 409, zh: '本单位的政策包未规定监控录像采摘要求', en: 'The policy pack of this organisation sets no daily CCTV clip review' },
  assignment_closed: { status: 409, zh: '该检查任务已完成，不能再修改或再次执行', en: 'This inspection assignment is done; it can be neither changed nor performed again' },
  no_band_rule: { status: 409, zh: '本单位的政策包未规定检查得分档次', en: 'The policy pack of this organisation sets no inspection score bands' },
  round_not_ended: { status: 409, zh: '该季度（年度）尚未结束，结束后才能结算', en: 'This quarter (year) has not ended yet; close it once it has' },
  ledger_entry_differs: { status: 409, zh: '该奖惩已记入台账，且金额或规则与本次不同', en: 'This sanction is already in the ledger with a different amount or rule' },
  campaign_not_active: { status: 409, zh: '该活动未在进行中（草拟或已结束），不能报送或验收', en: 'This campaign is not running (draft or closed): nothing can be submitted or accepted' },
  campaign_status_invalid: { status: 409, zh: '活动状态只能由草拟到进行中再到结束', en: 'A campaign goes from draft to running to closed only' },
  campaign_already_submitted: { status: 409, zh: '该单位已报送过这项任务的成果', en: 'This unit has already delivered this task' },
  campaign_report_exists: { status: 409, zh: '该单位已报送过这一期的报告', en: 'This unit has already reported on this period' },
  payroll_month_closed: { status: 409, zh: '该工资月份已结账，不能再更改', en: 'This payroll month is closed and cannot change' },
  payroll_month_not_due: { status: 409, zh: '该工资月份尚未到来，不能结账', en: 'This payroll month has not come yet and cannot be closed' },
  award_type_unknown: { status: 400, zh: '政策包中没有该评选类型', en: 'The policy pack has no such award type' },
  award_period_invalid: { status: 400, zh: '评选周期与该评选类型不符（按月：2026-11，按季度：2026-Q4，按年：2026）', en: 'The period does not fit the award type (monthly 2026-11, quarterly 2026-Q4, annual 2026)' },
  award_round_exists: { status: 409, zh: '该评选类型在该周期已有评选', en: 'This award type already has a round for that period' },
  appraisal_period_exists: { status: 409, zh: '该考核表模板在该周期已填写考核表', en: 'This appraisal template already has sheets for that period' },
  appraisal_sheet_incomplete: { status: 409, zh: '考核表尚有未评分的项目，不能审定', en: 'The sheet still has items without a score; it cannot be approved' },
  appraisal_feedback_required: { status: 400, zh: '本人对考核表有异议，审定前须填写反馈意见', en: 'The person objected to the sheet: give the feedback before approving' },
  round_state: { status: 409, zh: '评选不在这一步骤，不能执行此操作', en: 'The round is not at the step this needs' },
  round_closed: { status: 409, zh: '评选投票已结束，选票不能再投或更改', en: 'The round is closed: ballots can no longer be cast or changed' },
  quota_exceeded: { status: 409, zh: '推荐人数已达名额', en: 'The nomination quota is used up' },
  already_nominated: { status: 409, zh: '该人员或单位已在本次评选中被推荐', en: 'Already nominated in this round' },
  nominee_invalid: { status: 400, zh: '被推荐对象与评选类型不符（个人或集体），或不在本单位', en: 'The nominee does not fit the award type (a person or a unit) or is not in the organisation' },
  publicity_not_over: { status: 409, zh: '公示期未满', en: 'The publicity period has not ended' },
  publicity_closed: { status: 409, zh: '不在公示期内，不能提出异议', en: 'Objections are taken only during the publicity period' },
  objections_pending: { status: 409, zh: '尚有异议未处理', en: 'Objections are still open' },
  objection_decided: { status: 409, zh: '该异议已处理', en: 'The objection has been decided' },
  not_a_voter: { status: 403, zh: '您不是本次评选的投票人', en: 'You are not a voter in this round' },
  not_a_scorer: { status: 403, zh: '您不是本次评选的评分人', en: 'You do not score in this round' },
  ballot_already_cast: { status: 409, zh: '您已投过票，每人每轮只能投一次', en: 'You have already voted: one ballot per voter per round' },
  ballot_invalid: { status: 400, zh: '选票无效（空票、超过可选人数、重复或不是候选人）', en: 'Invalid ballot (empty, too many choices, a repeated choice or not a candidate)' },
  score_above_max: { status: 400, zh: '评分超过该项满分', en: 'A score is above its item\'s maximum' },
  score_sheet_invalid: { status: 400, zh: '评分表无效（未知或重复的项目、分数须为非负整数）', en: 'Invalid score sheet (unknown or repeated item, points must be whole and non-negative)' },
  winners_invalid: { status: 400, zh: '当选名单无效（须为候选人，且不超过名额）', en: 'Invalid winners (they must be candidates, within the seats)' },
  results_not_ready: { status: 409, zh: '投票结束后才有结果', en: 'Results exist once the round is closed' },
  appeal_window_closed: { status: 409, zh: '申诉期限已过，不能再提出申诉', en: 'The appeal window has closed' },
  reward_not_appealable: { status: 409, zh: '奖励不设申诉程序', en: 'A reward cannot be appealed' },
  already_appealed: { status: 409, zh: '该处理已提出过申诉', en: 'This sanction has already been appealed' },
  already_rated: { status: 409, zh: '该评价链接已使用过', en: 'This rating link has already been used' },
  rating_too_soon: { status: 409, zh: '您刚刚已评价过这个窗口，感谢您的参与；请稍后再评价', en: 'You rated this window a moment ago. Thank you; please wait a little before rating it again' },
  staff_inactive: { status: 404, zh: '该工作人员已离岗，此评价码不再使用', en: 'This staff member no longer serves here; the rating code is no longer in use' },
  token_expired: { status: 410, zh: '评价链接已过期', en: 'This rating link has expired' },
  discharge_duplicate: { status: 409, zh: '该患者同一出院日期、同一科室的出院登记已存在，随访已建立', en: 'This patient was already registered as discharged from this department on this date; the follow-up exists' },
  already_answered: { status: 409, zh: '该问卷链接已使用过', en: 'This survey link has already been used' },
  survey_not_open: { status: 409, zh: '该调查不在开放期内', en: 'This survey is not open' },
  survey_link_expired: { status: 410, zh: '问卷链接已过期', en: 'This survey link has expired' },
  builtin_template_readonly: { status: 409, zh: '内置模板不能修改，请复制后再编辑', en: 'Built-in templates cannot be changed; copy one and edit the copy' },
  weak_password: { status: 400, zh: '密码强度不足', en: 'The password is too weak' },
  wrong_password: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  unknown_action: { status: 404, zh: '没有这个操作', en: 'No such action for this case type' },
  unknown_variant: { status: 409, zh: '该操作不能以这种方式执行', en: 'This action has no such variant' },
  request_timeout: { status: 408, zh: '请求超时', en: 'The request timed out' },
  headers_too_large: { status: 431, zh: '请求头过大', en: 'The request headers are too large' },
  payload_too_large: { status: 413, zh: '上传内容过大', en: 'Payload too large' },
  upload_too_large: { status: 413, zh: '文件内容超出导入上限（解压后大小、行数、列数或单元格数）', en: 'The file holds more than an import accepts (unpacked size, rows, columns or cells)' },
  unsupported_media_type: { status: 415, zh: '不支持的内容类型', en: 'Unsupported media type' },
  file_type_not_allowed: { status: 415, zh: '不支持该类型的附件：可上传图片、PDF、Word/Excel/PPT 文档、录音、视频或文本文件', en: 'This kind of file cannot be attached: images, PDF, Word/Excel/PowerPoint, recordings, videos or text only' },
  idempotency_key_reused: { status: 422, zh: '该幂等键已用于另一个不同的请求', en: 'This Idempotency-Key was already used for a different request' },
  calendar_year_missing: { status: 422, zh: '该年度的法定节假日安排尚未发布或导入', en: 'No holiday schedule is published for that year' },
  account_locked: { status: 429, zh: '登录失败次数过多，请稍后再试', en: 'Too many failed logins; try again later' },
  rate_limited: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; slow down' },
  internal: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  not_ready: { status: 503, zh: '服务尚未就绪', en: 'Service not ready' },
} as const satisfies Record<string, Bilingual & { status: number }>;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly detailMessage?: Bilingual;

  /** `message` overrides the catalogue text when the case needs a specific sentence. */
  constructor(code: ErrorCode, options: { details?: unknown; message?: Bilingual } = {}) {
    super(options.message?.en ?? errorCatalogue[code].en);
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.detailMessage = options.message;
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }

  get messages(): Bilingual {
    return this.detailMessage ?? { zh: errorCatalogue[this.code].zh, en: errorCatalogue[this.code].en };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Optimistic locking: the version the client read must still be the current one, else 409 naming the current version. */
export function requireVersion(current: number | string, given: number): void {
  if (Number(current) !== given) throw new AppError('version_conflict', { details: { current: Number(current) } });
}
