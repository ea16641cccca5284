/**
 * Findings → rectification (RULES §4, §2 Rectification; issue 14 item 7). Every scored item that
 * found something opens a 整改 case through the case engine, in the inspection's transaction: the
 * unit head of the inspected unit owns it, due by the pack's rectification clock (5 working days,
 * RULES §4 decision). A re-inspection that finds the same problem while that rectification is
 * open, or soon after it closed, marks it half-hearted (整改不力、敷衍了事, 003:L490): on the earlier
 * case's timeline and as a flag on the new finding. Findings and vetoes enter the incident file
 * (差错事故档案): the named person's, or the unit's when no one is named.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { formatMilli, fromMilli, type ScoringTemplate } from '../../engines/scoring/index.js';
import { halfHeartedWithinDays } from '../../policy/index.js';
import type { InspectionItemsTable, InspectionsTable } from '../../db/types.js';
import { amendCase, casesByIds, recordCaseEvent, registerCaseWith, unitHeadsOrQualityOffice } from '../cases/service.js';
import { recordIncident } from '../incidents/service.js';
import { policyForOrganisation } from '../policy/service.js';
import * as repo from './repository.js';

const DAY = 86_400_000;

function itemLabel(template: ScoringTemplate, code: string): { zh: string; en: string } {
  for (const s of template.sections) for (const i of s.items) if (i.code === code) return i.label;
  return { zh: code, en: code };
}

/** What was found, in words: the deduction, the cases, the failed indicators, the note. */
function findingText(item: InspectionItemsTable): string {
  const parts = [`扣 ${formatMilli(item.deduction_milli)} 分`];
  if (item.cases > 0) parts.push(`${item.cases} 例`);
  const failed = parseJson<string[]>(item.failed, []);
  if (failed.length) parts.push(`未达标指标：${failed.join('、')}`);
  if (item.veto) parts.push('一票否决');
  return `${parts.join('；')}${item.note ? `。${item.note}` : ''}`;
}

/**
 * Opens the rectification cases of an inspection's findings and links them to its items; returns
 * the items as stored now (case ids, half-hearted flags).
 */
export async function openFindings(ctx: AppContext, trx: Executor, actor: Actor, inspection: InspectionsTable, items: InspectionItemsTable[], template: ScoringTemplate): Promise<InspectionItemsTable[]> {
  const findings = items.filter((i) => i.finding === 1);
  if (findings.length === 0) return items;
  const pack = await policyForOrganisation(ctx, inspection.org_id, trx);
  const window = halfHeartedWithinDays(pack) * DAY;
  const earlier = (
    await repo.findEarlierFindings(trx, { orgId: inspection.org_id, unitId: inspection.unit_id, templateCode: inspection.template_code, before: inspection.performed_at, items: findings.map((f) => f.item) })
  ).filter((e) => e.inspection_id !== inspection.id);
  const earlierCases = new Map((await casesByIds(trx, earlier.map((e) => e.case_id!))).map((c) => [c.id, c]));
  const owners = await unitHeadsOrQualityOffice(ctx, trx, inspection.org_id, inspection.unit_path);
  const now = ctx.clock.now();
  const out = new Map(items.map((i) => [i.item, i]));
  for (const f of findings) {
    const label = itemLabel(template, f.item);
    // The newest earlier finding on the same item: open, or closed within the window → half-hearted.
    const previous = earlier.find((e) => e.item === f.item);
    const prevCase = previous ? earlierCases.get(previous.case_id!) : undefined;
    const halfHearted = !!prevCase && (prevCase.closed_at === null || inspection.performed_at - Number(prevCase.closed_at) <= window);
    const { row } = await registerCaseWith(ctx, trx, actor, {
      type: 'rectification',
      channel: 'inspection',
      title: `检查整改：${template.label.zh} · ${label.zh}`,
      content: findingText(f),
      receivedAt: inspection.performed_at,
      unitId: inspection.unit_id,
      unitPath: inspection.unit_path,
      staffId: inspection.staff_id,
      assigneeId: owners[0] ?? null,
      data: {
        source: 'inspection',
        inspectionId: inspection.id,
        templateCode: inspection.template_code,
        templateVersion: inspection.template_version,
        item: f.item,
        itemLabel: label,
        deduction: fromMilli(f.deduction_milli),
        cases: f.cases,
        failed: parseJson<string[]>(f.failed, []),
        veto: f.veto === 1,
        ...(halfHearted ? { repeatOf: prevCase!.id } : {}),
      },
      clocks: ['feedback'],
    });
    await repo.setItemFinding(trx, inspection.id, f.item, row.id, halfHearted);
    out.set(f.item, { ...f, case_id: row.id, half_hearted: halfHearted ? 1 : 0 });
    if (halfHearted) {
      const note = `复查再次发现同一问题（${row.tracking_no}）：整改不力、敷衍了事（003:L490）`;
      await recordCaseEvent(trx, {
        id: newId(now),
        case_id: prevCase!.id,
        org_id: inspection.org_id,
        at: now,
        actor_id: actor.userId || null,
        actor_label: actor.username,
        action: 'half_hearted',
        from_status: null,
        to_status: null,
        note,
        public_note: null,
        data: JSON.stringify({ inspectionId: inspection.id, item: f.item, caseId: row.id }),
        public: 0,
      });
      const data = parseJson<Record<string, unknown>>(prevCase!.data, {});
      await amendCase(trx, prevCase!.id, { data: JSON.stringify({ ...data, halfHearted: { at: new Date(now).toISOString(), inspectionId: inspection.id, caseId: row.id } }) });
    }
    // A finding against a named person enters their file; one against the unit, the unit's file.
    await recordIncident(ctx, trx, actor, {
      orgId: inspection.org_id,
      staffId: inspection.staff_id,
      unitId: inspection.unit_id,
      sourceType: 'inspection',
      sourceId: `${inspection.id}:${f.item}`,
      kind: f.veto === 1 ? 'veto' : 'finding',
      verdict: halfHearted ? 'repeated' : null,
      summary: `${row.tracking_no} ${template.label.zh} · ${label.zh}：${findingText(f)}`,
      occurredAt: inspection.performed_at,
      details: { inspectionId: inspection.id, item: f.item, trackingNo: row.tracking_no, halfHearted },
    });
  }
  return items.map((i) => out.get(i.item)!);
}
