import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { AppError } from '../../shared/errors.js';
import { downloadName } from '../../shared/download.js';
import { localTime } from '../../shared/months.js';
import { businessHoursOf } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { getCase } from '../cases/service.js';
import { defaultComplaintCategories, defaultComplaintCauses } from '../complaints/index.js';
import { channelLabels, label, replyChannelLabels, satisfactionLabels, verdictLabels } from '../exports/index.js';
import { getOwnOrganisation } from '../organisations/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { readTaxonomy } from '../taxonomies/service.js';
import { renderRegisterSheet } from './register-pdf.js';
import { registerNames } from './repository.js';

interface ComplaintData {
  verification?: { verdict?: string; findings?: string } | null;
  causes?: string[] | null;
  causeNote?: string | null;
  measure?: { text?: string } | null;
  reply?: { channel?: string; content?: string; at?: string } | null;
  satisfaction?: { value?: string; note?: string | null } | null;
}

/**
 * 投诉处理登记表 of one complaint (GET /api/v1/complaints/:id/register.pdf): whoever may read the
 * case may print it (the case's own scope check runs first); audited like an export.
 */
export async function complaintRegisterPdf(ctx: AppContext, actor: Actor, id: string) {
  const c = await getCase(ctx, actor, id);
  if (c.type !== 'complaint') throw new AppError('not_found', { details: { entity: 'complaint', id } });
  const offset = businessHoursOf(await policyForOrganisation(ctx, actor.orgId)).utcOffsetMinutes;
  const at = (iso: string | null | undefined) => (iso ? localTime(Date.parse(iso), offset) : '');
  const [org, names, categories, causes] = await Promise.all([
    getOwnOrganisation(ctx, actor),
    registerNames(ctx.db.kysely, { unitId: c.unitId, staffId: c.staffId, assigneeId: c.assigneeId }),
    readTaxonomy(ctx, actor.orgId, 'complaint_category', defaultComplaintCategories),
    readTaxonomy(ctx, actor.orgId, 'complaint_cause', defaultComplaintCauses),
  ]);
  const d = c.data as ComplaintData;
  const contact = c.contact as { name?: string; phone?: string; email?: string; anonymous?: boolean };
  const causeLabel = new Map(causes.items.map((i) => [i.code, i.zh]));
  const reply = c.clocks.find((k) => k.clockId === 'reply');
  const badge: Record<string, string> = { met: '按期', late: '逾期', overdue: '已超期', severely_overdue: '严重超期', due_soon: '临期', on_time: '未到期', paused: '暂停计时', pending: '待定' };
  const pdf = await renderRegisterSheet({
    organisation: org.name,
    printedAt: localTime(ctx.clock.now(), offset),
    trackingNo: c.trackingNo,
    receivedAt: at(c.receivedAt),
    channel: label(channelLabels, c.channel, 'zh'),
    category: c.category ? (categories.items.find((i) => i.code === c.category)?.zh ?? c.category) : '',
    complainant: contact.anonymous ? '匿名' : (contact.name ?? ''),
    contact: [contact.phone, contact.email].filter(Boolean).join('；'),
    content: c.content,
    unit: names.unit ?? '',
    staff: names.staff ?? '',
    verification: d.verification?.verdict ? `${label(verdictLabels, d.verification.verdict, 'zh')}。${d.verification.findings ?? ''}` : '',
    cause: [(d.causes ?? []).map((k) => causeLabel.get(k) ?? k).join('、'), d.causeNote ?? ''].filter(Boolean).join('。'),
    measure: d.measure?.text ?? '',
    reply: d.reply?.content ?? '',
    replyChannel: label(replyChannelLabels, d.reply?.channel, 'zh'),
    replyAt: at(d.reply?.at),
    satisfaction: [label(satisfactionLabels, d.satisfaction?.value, 'zh'), d.satisfaction?.note ?? ''].filter(Boolean).join('：'),
    handler: names.handler ?? '',
    status: c.statusLabel.zh,
    deadline: reply ? `${reply.dueDate ?? '待定'}（${badge[reply.badge] ?? reply.badge}）` : '',
    closedAt: at(c.closedAt),
  });
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: 'report:complaint_register', entityId: c.id, after: { trackingNo: c.trackingNo } }));
  return { filename: downloadName('投诉处理登记表', c.trackingNo, 'pdf'), pdf };
}
