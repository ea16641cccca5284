import { useI18n } from '../../app/i18n';
import { pct, type StatGroup } from './model';

/**
 * A small SVG chart of 12 months: bars = number of ratings, line = satisfaction rate, red dots =
 * 差评 rate. No chart library: the bundle stays small and the CSP strict.
 */
export function TrendChart({ months, groups }: { months: string[]; groups: StatGroup[] }) {
  const { t } = useI18n();
  const byMonth = new Map(groups.map((g) => [g.key, g]));
  const W = 720;
  const H = 220;
  const pad = { l: 40, r: 40, t: 16, b: 36 };
  const iw = W - pad.l - pad.r;
  const ih = H - pad.t - pad.b;
  const step = iw / Math.max(months.length, 1);
  const maxCount = Math.max(1, ...groups.map((g) => g.ratings));
  const x = (i: number) => pad.l + step * i + step / 2;
  const yCount = (n: number) => pad.t + ih - (n / maxCount) * ih;
  const yPct = (p: number) => pad.t + ih - (p / 100) * ih;
  const sat = months.map((m, i) => ({ i, v: byMonth.get(m)?.satisfactionRate ?? null }));
  const line = sat
    .filter((p) => p.v !== null)
    .map((p, j) => `${j === 0 ? 'M' : 'L'}${x(p.i).toFixed(1)},${yPct(p.v!).toFixed(1)}`)
    .join(' ');
  return (
    <figure className="yz-trend" aria-label={t('ratings.trendTitle')} data-testid="ratings-trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" width="100%" preserveAspectRatio="xMidYMid meet">
        <title>{t('ratings.trendTitle')}</title>
        {[0, 25, 50, 75, 100].map((p) => (
          <g key={p}>
            <line x1={pad.l} x2={W - pad.r} y1={yPct(p)} y2={yPct(p)} stroke="#f0f0f0" />
            <text x={W - pad.r + 4} y={yPct(p) + 4} fontSize="10" fill="#8c8c8c">
              {p}%
            </text>
          </g>
        ))}
        <text x={pad.l - 6} y={pad.t + 4} fontSize="10" fill="#8c8c8c" textAnchor="end">
          {maxCount}
        </text>
        <text x={pad.l - 6} y={pad.t + ih} fontSize="10" fill="#8c8c8c" textAnchor="end">
          0
        </text>
        {months.map((m, i) => {
          const g = byMonth.get(m);
          const n = g?.ratings ?? 0;
          return (
            <g key={m}>
              <rect x={x(i) - step * 0.3} width={step * 0.6} y={yCount(n)} height={pad.t + ih - yCount(n)} fill="#91caff">
                <title>{`${m}: ${t('ratings.ratings')} ${n}, ${t('ratings.satisfactionRate')} ${pct(g?.satisfactionRate)}, ${t('ratings.negativeRate')} ${pct(g?.negativeRate)}`}</title>
              </rect>
              {g && g.negativeRate !== null && g.negativeRate > 0 && <circle cx={x(i)} cy={yPct(g.negativeRate)} r={3} fill="#cf1322" />}
              <text x={x(i)} y={H - pad.b + 14} fontSize="10" fill="#595959" textAnchor="middle">
                {m.slice(2).replace('-', '/')}
              </text>
            </g>
          );
        })}
        {line && <path d={line} fill="none" stroke="#389e0d" strokeWidth={2} />}
        {sat
          .filter((p) => p.v !== null)
          .map((p) => (
            <circle key={p.i} cx={x(p.i)} cy={yPct(p.v!)} r={3} fill="#389e0d" />
          ))}
      </svg>
      <figcaption className="yz-trend-legend">
        <span>
          <i style={{ background: '#91caff' }} /> {t('ratings.ratings')}
        </span>
        <span>
          <i style={{ background: '#389e0d' }} /> {t('ratings.satisfactionRate')}
        </span>
        <span>
          <i style={{ background: '#cf1322', borderRadius: 4 }} /> {t('ratings.negativeRate')}
        </span>
      </figcaption>
    </figure>
  );
}
