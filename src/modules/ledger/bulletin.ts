/**
 * 通报表扬 / 通报批评: the month's praise or criticism notices as a printed bulletin, from the
 * ledger lines carrying `notice_praise` / `notice_criticism` that became final in the month and
 * stand (not reversed). Drawn with the reports' renderer; the text names people, units, what
 * happened and what follows, never a rule code.
 */
import type { AppContext } from '../../shared/context.js';
import { managers, requireRole, type Actor } from '../../shared/access.js';
import { downloadName } from '../../shared/download.js';
import { localDate } from '../../shared/months.js';
import { businessHoursOf } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { getOwnOrganisation } from '../organisations/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { monthZh, renderReport, type Block } from '../reports/index.js';
import { parseJson } from '../../shared/json.js';
import { yuan } from '../../shared/money.js';
import type { BulletinKind } from './schema.js';
import * as repo from './repository.js';

const titles: Record<BulletinKind, string> = { praise: '通报表扬', criticism: '通报批评' };

/** Other outcomes in words (the notice itself is the bulletin's title). */
const outcomeWords: Record<string, string> = {
  disqualify_year_awards: '取消当年评优资格',
  training: '参加培训',
  evening_drill: '参加晚训',
};

function consequence(row: repo.EntryRow): string {
  const parts: string[] = [];
  const amount = Number(row.amount_fen);
  if (amount < 0) parts.push(`罚款 ${yuan(-amount)} 元`);
  if (amount > 0) parts.push(`奖励 ${yuan(amount)} 元`);
  for (const o of parseJson<string[]>(row.outcomes, [])) if (outcomeWords[o]) parts.push(outcomeWords[o]);
  return parts.join('，') || '—';
}

const dateZh = (date: string) => `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

export async function bulletinPdf(ctx: AppContext, actor: Actor, month: string, kind: BulletinKind) {
  requireRole(actor, managers);
  const org = await getOwnOrganisation(ctx, actor);
  const offset = businessHoursOf(await policyForOrganisation(ctx, actor.orgId)).utcOffsetMinutes;
  const rows = await repo.findNoticeEntries(ctx.db.kysely, actor.orgId, month, kind);
  const title = titles[kind];
  const today = localDate(ctx.clock.now(), offset);
  const blocks: Block[] = [
    { kind: 'title', text: org.name, size: 18 },
    { kind: 'title', text: `关于${monthZh(month)}${kind === 'praise' ? '表扬' : '批评'}情况的通报`, size: 15 },
    { kind: 'gap', height: 6 },
    {
      kind: 'paragraph',
      text:
        rows.length === 0
          ? `${monthZh(month)}无${title}事项。`
          : kind === 'praise'
            ? `${monthZh(month)}，经审核决定，对以下 ${rows.length} 项优质服务事迹予以通报表扬，希望全体员工以受表扬的同事为榜样，不断提升服务质量。`
            : `${monthZh(month)}，经审核决定，对以下 ${rows.length} 项违反服务规范的行为予以通报批评，望全体员工引以为戒，认真整改。`,
    },
    { kind: 'gap', height: 6 },
  ];
  // One numbered paragraph per notice: the summary wraps instead of being cut in a table cell.
  rows.forEach((r, i) => {
    const who = [r.unit_name, r.staff_name].filter(Boolean).join(' ');
    blocks.push({ kind: 'paragraph', text: `${i + 1}. ${who}（${dateZh(localDate(Number(r.final_at), offset))}）：${r.summary.replace(/[。.；;，,\s]+$/, '')}。处理：${consequence(r)}。` });
  });
  blocks.push({ kind: 'gap', height: 16 }, { kind: 'text', text: `${org.name}　　${dateZh(today)}`, size: 10.5 });
  blocks.push({ kind: 'signature', fields: ['编制：__________', '审核：__________', '签发：__________'], seal: '（盖章）' });
  // The closing lines stay with the signature, so the last page is never a lone block.
  const tail = blocks.length - 1;
  for (let j = 1; j <= 2 && tail - j > 0; j++) blocks[tail - j] = { ...blocks[tail - j], keepWithNext: j };
  const pdf = await renderReport({ header: { left: org.name, right: `${title}（${monthZh(month)}）` }, blocks });
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: `bulletin:${kind}`, entityId: actor.orgId, after: { month, kind, items: rows.length } }));
  return { filename: downloadName(title, month, 'pdf'), pdf };
}
