/**
 * Youzhi complaints ↔ Open311 GeoReport v2 documents. Pure functions: the service decides what a
 * caller may see and passes it in; nothing here reads the database.
 */
import type { Bilingual } from '../../shared/errors.js';
import type { OpenFeedFields } from '../../policy/index.js';

export const specification = 'http://wiki.open311.org/GeoReport_v2';
/** When this Open311 interface last changed (the discovery `changeset`). */
export const changeset = '2026-09-30T00:00:00+08:00';
/** Every complaint category is one Open311 service in this group. */
export const serviceGroup = '投诉';

/** Names of list items in the XML documents (`<services><service>…`). */
export const xmlItemNames = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
} as const;

/** ISO 8601 with the organisation's UTC offset (China: +08:00), as the spec asks, not UTC `Z`. */
export function formatInstant(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const isoOrNull = (iso: string | null | undefined, offsetMinutes: number) => (iso ? formatInstant(Date.parse(iso), offsetMinutes) : null);

// ---------------------------------------------------------------------------------------------
// Where an Open311 request's location and media live in a complaint.
// Complaints have no location columns and registerComplaint takes no free data, so what the
// client sent is appended to the complaint text in labelled lines staff can read, and parsed
// back out for Open311. The labels are bilingual so the complaint reads well in the inbox.

const trailerLabels = {
  address: '【地点 Address】',
  addressId: '【地址编号 Address ID】',
  coordinates: '【坐标 Coordinates】',
  media: '【图片 Media】',
  account: '【客户端账号 Account】',
  attributes: '【附加信息 Attributes】',
} as const;

export interface RequestExtras {
  address?: string;
  addressId?: string;
  lat?: number;
  long?: number;
  /** The first is the request's media_url; a client may send several. */
  mediaUrls?: string[];
  accountId?: string;
  /** Service attributes (`attribute[code]=value`), as the client sent them. */
  attributes?: Record<string, string[]>;
}

const attributeLine = (attributes: Record<string, string[]>) =>
  Object.entries(attributes)
    .map(([code, values]) => `${code}=${values.join(',')}`)
    .join('; ');

export function composeContent(description: string, extras: RequestExtras): string {
  const lines: string[] = [];
  if (extras.address) lines.push(`${trailerLabels.address}${extras.address}`);
  if (extras.addressId) lines.push(`${trailerLabels.addressId}${extras.addressId}`);
  if (extras.lat !== undefined && extras.long !== undefined) lines.push(`${trailerLabels.coordinates}${extras.lat},${extras.long}`);
  if (extras.mediaUrls?.length) lines.push(`${trailerLabels.media}${extras.mediaUrls.join(' ')}`);
  if (extras.accountId) lines.push(`${trailerLabels.account}${extras.accountId}`);
  if (extras.attributes && Object.keys(extras.attributes).length) lines.push(`${trailerLabels.attributes}${attributeLine(extras.attributes)}`);
  return lines.length ? `${description}\n\n${lines.join('\n')}` : description;
}

/** The inverse of composeContent (media, address and coordinates); text registered any other way comes back unchanged. */
export function splitContent(content: string): { description: string; address?: string; lat?: number; long?: number; mediaUrl?: string } {
  const lines = content.split('\n');
  const extras: { address?: string; lat?: number; long?: number; mediaUrl?: string } = {};
  const seen = new Set<string>();
  const take = (label: keyof typeof trailerLabels, line: string) => {
    if (!line.startsWith(trailerLabels[label]) || seen.has(label)) return null;
    seen.add(label);
    return line.slice(trailerLabels[label].length);
  };
  while (lines.length > 1) {
    const last = lines[lines.length - 1];
    const address = take('address', last);
    const media = address === null ? take('media', last) : null;
    const coordinates = address === null && media === null ? take('coordinates', last) : null;
    const kept = address === null && media === null && coordinates === null ? (take('addressId', last) ?? take('account', last) ?? take('attributes', last)) : null;
    if (address !== null) extras.address = address;
    else if (media !== null) extras.mediaUrl = media.split(' ')[0];
    else if (coordinates !== null) {
      const [lat, long] = coordinates.split(',').map(Number);
      if (!Number.isFinite(lat) || !Number.isFinite(long)) break;
      extras.lat = lat;
      extras.long = long;
    } else if (kept === null) break;
    lines.pop();
  }
  // Only a trailer after a blank line counts; otherwise the lines were the complainant's own text.
  if (lines.length === content.split('\n').length || lines[lines.length - 1] !== '') return { description: content };
  return { description: lines.slice(0, -1).join('\n'), ...extras };
}

// ---------------------------------------------------------------------------------------------
// Services

export interface CategoryItem {
  code: string;
  zh: string;
  en: string;
}

export function toService(c: CategoryItem) {
  return { service_code: c.code, service_name: c.zh, description: c.en, metadata: true, type: 'realtime', keywords: `投诉, complaint, ${c.zh}, ${c.en}`, group: serviceGroup };
}

/** The attributes every complaint service takes, so a client can render the form. */
export const serviceAttributes = {
  /** The window or department complained about: a unit code of the organisation's tree. */
  unit: 'unit',
  /** 需要回电: the complainant asks to be called back (needs a phone number). */
  callback: 'callback',
} as const;

/** A unit offered in the picker: its code and its place in the tree ("门诊部 / 3号窗口"). */
export interface UnitChoice {
  id: string;
  code: string;
  name: string;
}

export function toServiceDefinition(code: string, units: readonly UnitChoice[]) {
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: serviceAttributes.unit,
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: '窗口或科室的代码 / the code of a window or department',
        order: 1,
        description: '投诉的窗口或科室 / Window or department',
        values: units.map((u) => ({ key: u.code, name: u.name })),
      },
      {
        variable: true,
        code: serviceAttributes.callback,
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'yes / no',
        order: 2,
        description: '需要回电（须留电话） / Call me back (give a phone number)',
        values: [
          { key: 'yes', name: '需要回电 / Call me back' },
          { key: 'no', name: '不需要 / No call needed' },
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Requests

/** What the mapping reads of a complaint: a structural subset of the case view (cases/view.ts). */
export interface CaseForOpen311 {
  trackingNo: string;
  category: string | null;
  content: string;
  closed: boolean;
  statusLabel: Bilingual;
  data: Record<string, unknown>;
  /** The complainant's contact details (never published; the name is masked in the text). */
  contact: Record<string, unknown>;
  receivedAt: string | null;
  clocks: { clockId: string; dueAt: string | null; dueDate: string | null }[];
  timeline: { at: string | null; action: string; note: string | null; public: boolean }[];
}

export interface RequestContext {
  agency: string;
  offsetMinutes: number;
  serviceNames: ReadonlyMap<string, string>;
  /**
   * Whether the caller may read what the complainant wrote and what staff replied. Complaint text
   * and replies are free text about people: complainants give their names, phone numbers and
   * addresses, and name the staff they complain about; replies name the staff disciplined. That
   * is personal data (PIPL) that Youzhi shows only to users whose access covers the case, so the
   * open Open311 feed shows category, status and dates, and only a key whose user may see the
   * case in Youzhi unlocks description, location, media and the reply text.
   */
  full: boolean;
  /** What the organisation publishes to a caller without that access (the pack's publication section). */
  openFeed: OpenFeedFields;
  /** Staff names masked in a published description (with the complainant's own name). */
  staffNames: RegExp | null;
}

// Contact details in free text: mainland mobiles, landlines with an area code, e-mail, ID numbers.
const contactPatterns = [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, /(?<!\d)\d{17}[\dXx](?!\d)/g, /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g, /(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)/g];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern for the names to mask (two characters or more, longest first), or null. */
export function namePattern(names: readonly string[]): RegExp | null {
  const usable = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  return usable.length ? new RegExp(usable.map(escapeRegExp).join('|'), 'g') : null;
}

/** The text with phone numbers, e-mail addresses, ID numbers and the given names replaced by ***. */
export function maskContactDetails(text: string, ...names: (RegExp | null)[]): string {
  return [...contactPatterns, ...names].reduce<string>((out, pattern) => (pattern ? out.replace(pattern, '***') : out), text);
}

/** decision: three decimals of a degree, about 100 m — a map pin, not a front door. */
const roundCoordinate = (v: number) => Math.round(v * 1000) / 1000;

/** The reply clock (答复时限) of a complaint: its due instant is the Open311 expected_datetime. */
function replyClock(c: CaseForOpen311) {
  return c.clocks.find((k) => k.clockId === 'reply') ?? c.clocks[0];
}

export function replyNotice(dueDate: string | null | undefined): string | null {
  return dueDate ? `答复期限 ${dueDate}（按工作日计） / Reply due by ${dueDate} (working days)` : null;
}

function statusNotes(c: CaseForOpen311, full: boolean): string | null {
  const label = `${c.statusLabel.zh} / ${c.statusLabel.en}`;
  if (!full) return label;
  const reply = c.data.reply as { content?: unknown } | null | undefined;
  if (reply && typeof reply.content === 'string') return reply.content;
  // After a reopen the reply is cleared: the latest public note (the reason) says why.
  const lastPublic = [...c.timeline].reverse().find((e) => e.public && e.action !== 'register' && e.note);
  return lastPublic?.note ?? label;
}

/** One Open311 service request, fields in the order the spec lists them. */
export function toRequest(c: CaseForOpen311, rc: RequestContext) {
  const clock = replyClock(c);
  const updated = c.timeline.reduce<string | null>((latest, e) => (e.at && (!latest || e.at > latest) ? e.at : latest), c.receivedAt);
  const parts = splitContent(c.content);
  const open = rc.openFeed;
  const located = parts.lat !== undefined && parts.long !== undefined;
  const complainant = typeof c.contact.name === 'string' ? namePattern([c.contact.name]) : null;
  const description = rc.full ? parts.description : open.description === 'masked' ? maskContactDetails(parts.description, rc.staffNames, complainant) : undefined;
  const exact = rc.full || open.location === 'exact';
  return {
    service_request_id: c.trackingNo,
    status: c.closed ? ('closed' as const) : ('open' as const),
    status_notes: statusNotes(c, rc.full),
    service_name: c.category ? (rc.serviceNames.get(c.category) ?? c.category) : null,
    service_code: c.category,
    // Omitted, not emptied, when the caller may not read it: "" would claim the complaint said nothing.
    ...(description !== undefined ? { description } : {}),
    agency_responsible: rc.agency,
    service_notice: c.closed ? null : replyNotice(clock?.dueDate),
    requested_datetime: isoOrNull(c.receivedAt, rc.offsetMinutes),
    updated_datetime: isoOrNull(updated, rc.offsetMinutes),
    expected_datetime: isoOrNull(clock?.dueAt, rc.offsetMinutes),
    address: rc.full || open.address ? (parts.address ?? null) : null,
    lat: located && (exact || open.location === 'rounded') ? (exact ? parts.lat! : roundCoordinate(parts.lat!)) : null,
    long: located && (exact || open.location === 'rounded') ? (exact ? parts.long! : roundCoordinate(parts.long!)) : null,
    media_url: rc.full ? (parts.mediaUrl ?? null) : null,
  };
}

export type Open311Request = ReturnType<typeof toRequest>;

// ---------------------------------------------------------------------------------------------
// Request updates (the GeoReport v2 `servicerequestupdates` extension)

/** What the mapping reads of a public case event: a subset of cases' PublicCaseUpdate. */
export interface CaseUpdateForOpen311 {
  seq: number;
  trackingNo: string;
  at: string;
  label: Bilingual;
  publicNote: string | null;
  closed: boolean;
}

/** An update's id: the request's number and the event's place in its timeline, stable and readable. */
export const updateId = (trackingNo: string, seq: number) => `${trackingNo}-${seq}`;

/**
 * One update: the event's label, and the public note (the reply) only for a caller who may read
 * the complaint in full (see RequestContext.full: replies name people).
 */
export function toRequestUpdate(u: CaseUpdateForOpen311, options: { offsetMinutes: number; full: boolean }) {
  const label = `${u.label.zh} / ${u.label.en}`;
  return {
    update_id: updateId(u.trackingNo, u.seq),
    service_request_id: u.trackingNo,
    status: u.closed ? ('closed' as const) : ('open' as const),
    description: options.full && u.publicNote ? `${label}：${u.publicNote}` : label,
    updated_datetime: formatInstant(Date.parse(u.at), options.offsetMinutes),
    media_url: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Discovery

export function discoveryDocument(baseUrl: string) {
  return {
    changeset,
    contact: '优质 Youzhi 服务质量平台：请联系各组织的质控办 / Youzhi: contact the quality office of the organisation (jurisdiction)',
    key_service: 'api_key 为优质 API 令牌（youzhi token create 或 POST /api/v1/tokens）/ api_key is a Youzhi API token: `youzhi token create` or POST /api/v1/tokens',
    endpoints: [{ specification, url: `${baseUrl}/open311/v2`, changeset, type: 'production', formats: ['application/json', 'text/xml'] }],
  };
}
