/**
 * Every path of the HTTP API the screens call (the server's routes under /api/v1; see
 * /api/openapi.json). The client (`api.ts`), the server tables, exports and downloads take an
 * `ApiPath` only, so a screen cannot call the API with a string of its own: a new endpoint gets
 * its builder here first.
 */

declare const apiPathBrand: unique symbol;
/** A path built by this module (a string underneath: usable as an `href` or `src`). */
export type ApiPath = string & { readonly [apiPathBrand]: true };

const root = '/api/v1';
/** `at('cases', id, 'attachments')` → /api/v1/cases/<id>/attachments (each segment encoded). */
const at = (...segments: string[]) => `${root}/${segments.map(encodeURIComponent).join('/')}` as ApiPath;
/** Below one record of a collection: `/api/v1/surveys/<id>/links`; without `rest`, the record itself. */
const of =
  (collection: string, ...rest: string[]) =>
  (id: string) =>
    at(collection, id, ...rest);

export const paths = {
  auth: {
    me: at('auth', 'me'),
    login: at('auth', 'login'),
    logout: at('auth', 'logout'),
    password: at('auth', 'password'),
  },
  units: { list: at('units'), one: of('units'), tree: at('units', 'tree'), options: at('units', 'options'), incidents: of('units', 'incidents') },
  staff: {
    list: at('staff'),
    one: of('staff'),
    incidents: of('staff', 'incidents'),
    statement: of('staff', 'statement'),
    import: at('staff', 'import'),
  },
  users: { list: at('users'), one: of('users'), assignable: at('users', 'assignable') },
  tokens: { list: at('tokens'), one: of('tokens') },
  webhooks: { list: at('webhooks'), one: of('webhooks'), test: of('webhooks', 'test'), deliveries: of('webhooks', 'deliveries'), resend: of('webhook-deliveries', 'resend') },
  audit: { list: at('audit'), verify: at('audit', 'verify') },
  policy: { effective: at('policy'), overrides: at('policy', 'overrides') },
  sanctionRules: { list: at('sanction-rules'), preview: at('sanctions', 'preview') },
  sanctions: {
    list: at('sanctions'),
    one: of('sanctions'),
    /** review, approve, decide, appeal, appeal-decision */
    step: (id: string, step: 'review' | 'approve' | 'decide' | 'appeal' | 'appeal-decision') => at('sanctions', id, step),
  },
  calendar: {
    days: at('calendar', 'days'),
    deadline: at('calendar', 'deadline'),
    overrides: at('calendar', 'overrides'),
    override: (id: string) => at('calendar', 'overrides', id),
    import: at('calendar', 'import'),
    years: at('calendar', 'years'),
  },
  cases: {
    list: at('cases'),
    one: of('cases'),
    action: (id: string, action: string) => at('cases', id, 'actions', action),
    attachments: of('cases', 'attachments'),
    attachment: (id: string, attachmentId: string) => at('cases', id, 'attachments', attachmentId),
  },
  complaints: {
    create: at('complaints'),
    taxonomy: (kind: 'categories' | 'causes') => at('complaints', 'taxonomies', kind),
    registerPdf: of('complaints', 'register.pdf'),
  },
  inquiries: { create: at('inquiries') },
  repairs: {
    list: at('repairs'),
    one: of('repairs'),
    action: (id: string, action: string) => at('repairs', id, action),
    figures: at('repairs', 'figures'),
  },
  followups: {
    list: at('followups'),
    one: of('followups'),
    action: (id: string, action: 'attempt' | 'answers' | 'send-link' | 'note') => at('followups', id, action),
    figures: at('followups', 'figures'),
    discharges: at('discharges'),
    dischargesImport: at('discharges', 'import'),
    dischargesTemplate: at('discharges', 'template.xlsx'),
  },
  applications: { create: at('applications') },
  serviceItems: { list: at('service-items'), one: of('service-items') },
  commitments: { list: at('commitments'), one: of('commitments'), measures: at('commitments', 'measures') },
  inbox: { list: at('inbox'), read: at('inbox', 'read') },
  desk: at('me', 'desk'),
  ratings: {
    list: at('ratings'),
    stats: at('stats', 'ratings'),
    standingCode: at('rating-codes'),
    standingQr: at('rating-codes', 'qr.svg'),
    sheetPdf: at('rating-codes', 'sheet.pdf'),
    oneTimeLinks: at('rating-tokens'),
    servedCounts: at('served-counts'),
    reasons: at('ratings', 'reasons'),
  },
  surveys: {
    list: at('surveys'),
    coverage: at('surveys', 'coverage'),
    links: of('surveys', 'links'),
    qr: of('surveys', 'qr.svg'),
    results: of('surveys', 'results'),
  },
  surveyTemplates: { list: at('survey-templates'), one: of('survey-templates') },
  dashboard: { view: at('dashboard'), records: at('dashboard', 'records') },
  reports: { daily: at('reports', 'daily'), sendDaily: at('reports', 'daily', 'send'), monthlyPdf: at('reports', 'monthly.pdf') },
  exports: { cases: at('exports', 'cases.xlsx'), ratings: at('exports', 'ratings.xlsx'), inspectionFindings: at('exports', 'inspection-findings.xlsx'), inspectionResults: at('exports', 'inspection-results.xlsx'), repairs: at('exports', 'repairs.xlsx'), followups: at('exports', 'followups.xlsx') },
  inspections: { list: at('inspections'), preview: at('inspections', 'preview'), one: of('inspections'), results: at('inspection-results') },
  inspectionTemplates: { list: at('inspection-templates'), one: of('inspection-templates') },
  incidents: { list: at('incidents'), one: of('incidents'), verify: of('incidents', 'verify'), reject: of('incidents', 'reject'), kinds: at('incident-kinds') },
  inspectionPlans: { one: at('inspection-plans') },
  inspectionCoverage: { management: at('inspection-coverage', 'management'), cctv: at('inspection-coverage', 'cctv') },
  inspectionAssignments: { list: at('inspection-assignments'), one: of('inspection-assignments'), assignees: at('inspection-assignments', 'assignees'), mine: at('me', 'inspection-assignments') },
  ledger: { list: at('ledger') },
  payroll: { months: at('payroll', 'months'), close: (month: string) => at('payroll', month, 'close'), export: (month: string) => at('payroll', `${month}.xlsx`) },
  bulletins: { pdf: (month: string) => at('bulletins', `${month}.pdf`) },
  campaigns: {
    templates: at('campaign-templates'),
    list: at('campaigns'),
    one: of('campaigns'),
    progress: of('campaigns', 'progress'),
    submissions: of('campaigns', 'submissions'),
    reports: of('campaigns', 'reports'),
    acceptance: of('campaigns', 'acceptance'),
  },
  competitionPresets: { list: at('competition-presets'), one: of('competition-presets') },
  appraisalTemplates: { list: at('appraisal-templates'), one: of('appraisal-templates'), versions: of('appraisal-templates', 'versions') },
  competitions: {
    list: at('competitions'),
    one: of('competitions'),
    values: of('competitions', 'values'),
    importValues: of('competitions', 'values.xlsx'),
    template: of('competitions', 'template.xlsx'),
    scores: of('competitions', 'scores'),
    publish: of('competitions', 'publish'),
    compute: of('competitions', 'compute'),
    ranking: of('competitions', 'ranking.xlsx'),
    bulletin: of('competitions', 'bulletin.pdf'),
  },
  awardTypes: { list: at('award-types') },
  awardRounds: {
    list: at('award-rounds'),
    one: of('award-rounds'),
    step: (id: string, step: string) => at('award-rounds', id, step),
    nominations: of('award-rounds', 'nominations'),
    nomination: (id: string, nominationId: string) => at('award-rounds', id, 'nominations', nominationId),
    certificate: (id: string, nominationId: string) => at('award-rounds', id, 'nominations', nominationId, 'certificate.pdf'),
    objections: of('award-rounds', 'objections'),
    decideObjection: (id: string, objectionId: string) => at('award-rounds', id, 'objections', objectionId, 'decide'),
    ballots: of('award-rounds', 'ballots'),
    myBallot: of('award-rounds', 'my-ballot'),
    scoreSheet: (id: string, nominationId: string) => at('award-rounds', id, 'score-sheets', nominationId),
    results: of('award-rounds', 'results'),
  },
  honours: { list: at('honours') },
  // 个人考核 (issue 21): periods, sheets and their prints.
  appraisals: {
    periods: at('appraisals', 'periods'),
    period: (id: string) => at('appraisals', 'periods', id),
    periodXlsx: (id: string) => at('appraisals', 'periods', id, 'xlsx'),
    sheets: at('appraisals', 'sheets'),
    sheet: (id: string) => at('appraisals', 'sheets', id),
    judged: (id: string) => at('appraisals', 'sheets', id, 'judged'),
    /** confirm, object, approve, reopen */
    step: (id: string, step: 'confirm' | 'object' | 'approve' | 'reopen') => at('appraisals', 'sheets', id, step),
    pdf: (id: string) => at('appraisals', 'sheets', id, 'pdf'),
  },
};
