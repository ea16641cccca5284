import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { AppError } from '../../shared/errors.js';
import { downloadName } from '../../shared/download.js';
import { localTime } from '../../shared/months.js';
import { businessHoursOf } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { getCase } from '../cases/service.js';
import { complaintTaxonomyLabels, readComplaintTaxonomy } from '../complaints/index.js';
import { channelLabels, handlingTexts, label } from '../exports/index.js';
import { getOwnOrganisation } from '../organisations/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { renderRegisterSheet } from './register-pdf.js';
import { registerNames } from './repository.js';

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
    complaintTaxonomyLabels(ctx, actor.orgId, 'complaint_category'),
    readComplaintTaxonomy(ctx, actor.orgId, 'complaint_cause'),
  ]);
  const causeLabel = new Map(causes.items.map((i) => [i.code, i.zh]));
  const h = handlingTexts(c, (k) => causeLabel.get(k) ?? k, 'zh');
  const reply = c.clocks.find((k) => k.clockId === 'reply');
  const badge: Record<string, string> = { met: '按期', late: '逾期', overdue: '已超期', severely_overdue: '严重超期', due_soon: '临期', on_time: '未到期', paused: '暂停计时', pending: '待定' };
  const pdf = await renderRegisterSheet({
    organisation: org.name,
    printedAt: localTime(ctx.clock.now(), offset),
    trackingNo: c.trackingNo,
    receivedAt: at(c.receivedAt),
    channel: label(channelLabels, c.channel, 'zh'),
    category: c.category ? (categories.get(c.category)?.zh ?? c.category) : '',
    complainant: h.complainant,
    contact: h.contact,
    content: c.content,
    unit: names.unit ?? '',
    staff: names.staff ?? '',
    verification: h.verification,
    cause: h.cause,
    measure: h.measure,
    reply: h.reply,
    replyChannel: h.replyChannel,
    replyAt: at(h.replyAt),
    satisfaction: [h.satisfaction, h.satisfactionNote].filter(Boolean).join('：'),
    handler: names.handler ?? '',
    status: c.statusLabel.zh,
    deadline: reply ? `${reply.dueDate ?? '待定'}（${badge[reply.badge] ?? reply.badge}）` : '',
    closedAt: at(c.closedAt),
  });
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: 'report:complaint_register', entityId: c.id, after: { trackingNo: c.trackingNo } }));
  return { filename: downloadName('投诉处理登记表', c.trackingNo, 'pdf'), pdf };
}
