import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { percent } from '../../engines/metrics/index.js';
import { horizonsOf } from '../../policy/index.js';
import { publicServiceItems } from '../applications/index.js';
import { publishedCommitments } from '../commitments/service.js';
import { complaintMonth, openMeasureSource } from '../commitments/index.js';
import { findOrganisationByCode } from '../organisations/service.js';
import { listPublishedCampaigns } from '../campaigns/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { windowRatingLinks } from '../ratings/index.js';
import { localDate } from '../../shared/months.js';
import { boardAwards } from '../awards/index.js';

/** Service items shown on the HTML board; the JSON carries all of them (the page stays under 30 KB gzipped). */
export const boardItemLimit = 50;

/**
 * 服务公开 (RULES §9): what an organisation publishes to everyone — its commitments with the
 * measured figure of the last full month (000:L5), its service guide (002:L69), complaint channels
 * and supervision phones, and monthly complaint and satisfaction statistics (003:L630). Counts and
 * rates only: no staff names, no complainants, no ratings' comments.
 */
export async function publicBoard(ctx: AppContext, orgCode: string) {
  const org = await findOrganisationByCode(ctx, orgCode);
  if (!org) throw new AppError('not_found', { details: { orgCode } });
  // Months of complaint and rating statistics (003:L630 投诉统计公开): the pack's horizons.boardMonths.
  const source = await openMeasureSource(ctx, org.id, horizonsOf(await policyForOrganisation(ctx, org.id)).boardMonths);
  const { items } = await publicServiceItems(ctx, org.code);
  const commitments = await publishedCommitments(ctx, source);
  const complaints = await source.complaints();
  const ratings = await source.ratings(null);
  const statistics = source.months.map((range) => {
    const c = complaintMonth(complaints, range, null);
    const r = ratings.get(range.month);
    return {
      month: range.month,
      complaints: { received: c.received, replyDue: c.replyDue, repliedOnTime: c.repliedOnTime, onTimeRate: percent(c.onTimeRate) },
      ratings: { ratings: r?.ratings ?? 0, satisfactionRate: r ? percent(r.satisfactionRate) : null, ratingRate: r ? percent(r.ratingRate) : null },
    };
  });
  const code = encodeURIComponent(org.code);
  return {
    organisation: { code: org.code, name: org.name },
    generatedAt: new Date(ctx.clock.now()).toISOString(),
    /** The organisation's local date of `generatedAt`. */
    generatedOn: localDate(ctx.clock.now(), source.utcOffsetMinutes),
    measuredMonth: source.months[source.months.length - 1].month,
    commitments,
    supervisionPhones: [...new Set(commitments.map((c) => c.supervisionPhone))],
    complaintChannels: [...new Set(items.flatMap((i) => i.complaintChannels))],
    serviceItems: items,
    statistics,
    /** Campaigns the office has published (服务提升年), each with its own page. */
    campaigns: (await listPublishedCampaigns(ctx, org.id)).map((c) => ({ ...c, link: `/public/${code}/campaigns/${encodeURIComponent(c.id)}` })),
    links: {
      board: `/public/${code}`,
      complaintForm: `/public/${code}/complaint`,
      complaintStatus: '/public/complaints/status',
      serviceGuide: `/public/${code}/services`,
    },
    rating: {
      zh: '请在各服务窗口扫描“好差评”二维码，或在下方选择为您服务的窗口，对本次服务进行评价。',
      en: 'Scan the rating (好差评) QR code at the service window, or choose the window that served you below, to rate the service you received.',
      windows: await windowRatingLinks(ctx, org.id),
    },
    /** 评选: rounds in their publicity (公示 pages) and the 光荣榜 of the last twelve months (names and units only). */
    awards: await boardAwards(ctx, org),
  };
}

export type Board = Awaited<ReturnType<typeof publicBoard>>;

export const guidePageSize = 20;

/** 办事指南 page by page, with a search (no login). */
export async function publicServiceGuide(ctx: AppContext, orgCode: string, query: { q?: string; page?: number }) {
  const page = Math.max(1, Math.min(query.page ?? 1, 10_000));
  const q = (query.q ?? '').trim().slice(0, 100);
  const r = await publicServiceItems(ctx, orgCode, { q: q || undefined, limit: guidePageSize, offset: (page - 1) * guidePageSize });
  return { ...r, page, pageSize: guidePageSize, q };
}
