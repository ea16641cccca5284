import { parseJson } from '../../shared/json.js';
import { label, replyChannelLabels, satisfactionLabels, verdictLabels, type Lang } from './labels.js';

/** What a complaint's data holds about its handling (complaints' workflow writes it). */
interface HandlingData {
  verification?: { verdict?: string; findings?: string } | null;
  causes?: string[] | null;
  causeNote?: string | null;
  measure?: { text?: string } | null;
  reply?: { channel?: string; content?: string; at?: string } | null;
  satisfaction?: { value?: string; note?: string | null } | null;
}

interface Contact {
  name?: string;
  phone?: string;
  email?: string;
  anonymous?: boolean;
}

/**
 * A case's handling in words, as the cases export and the printed 投诉处理登记表 show it: the
 * complainant, verification, causes (by their labels), measure, reply and satisfaction.
 */
export function handlingTexts(raw: { data: string | Record<string, unknown>; contact: string | Record<string, unknown> }, causeLabel: (code: string) => string, lang: Lang) {
  const d = (typeof raw.data === 'string' ? parseJson<HandlingData>(raw.data, {}) : raw.data) as HandlingData;
  const c = (typeof raw.contact === 'string' ? parseJson<Contact>(raw.contact, {}) : raw.contact) as Contact;
  const sep = lang === 'en' ? { item: '; ', clause: '. ', colon: ': ' } : { item: '、', clause: '。', colon: '：' };
  const verdict = d.verification?.verdict;
  return {
    complainant: c.anonymous ? (lang === 'en' ? 'Anonymous' : '匿名') : (c.name ?? ''),
    contact: [c.phone, c.email].filter(Boolean).join(lang === 'en' ? '; ' : '；'),
    verification: verdict ? `${label(verdictLabels, verdict, lang)}${d.verification?.findings ? `${sep.colon}${d.verification.findings}` : ''}` : '',
    cause: [(d.causes ?? []).map(causeLabel).join(sep.item), d.causeNote ?? ''].filter(Boolean).join(sep.clause),
    measure: d.measure?.text ?? '',
    replyChannel: label(replyChannelLabels, d.reply?.channel, lang),
    reply: d.reply?.content ?? '',
    replyAt: d.reply?.at ?? null,
    satisfaction: label(satisfactionLabels, d.satisfaction?.value, lang),
    satisfactionNote: d.satisfaction?.note ?? '',
  };
}
