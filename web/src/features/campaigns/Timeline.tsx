import { Tooltip } from 'antd';
import { useI18n } from '../../app/i18n';
import { daysBetween, type Phase } from './model';

/** A Gantt-style bar per phase over the campaign's span; overlapping phases sit on their own rows; today is a line. */
export function Timeline({ phases, from, to, today, active }: { phases: Phase[]; from: string; to: string; today: string; active: string[] }) {
  const { pick } = useI18n();
  const total = daysBetween(from, to) + 1;
  const pct = (d: string) => `${((Math.min(Math.max(daysBetween(from, d), 0), total) / total) * 100).toFixed(2)}%`;
  const width = (a: string, b: string) => `${(((daysBetween(a, b) + 1) / total) * 100).toFixed(2)}%`;
  const showToday = today >= from && today <= to;
  return (
    <div data-testid="campaign-timeline" style={{ position: 'relative' }}>
      {phases.map((p) => (
        <div key={p.code} style={{ display: 'flex', alignItems: 'center', gap: 8, margin: '4px 0' }}>
          <div style={{ width: 160, flex: 'none', fontSize: 13, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{pick(p.label)}</div>
          <div style={{ position: 'relative', flex: 1, height: 18, background: '#f0f2f5', borderRadius: 3 }}>
            <Tooltip title={`${p.from} – ${p.to}${p.source ? ` · ${p.source}` : ''}`}>
              <div
                data-testid={`phase-bar-${p.code}`}
                data-active={active.includes(p.code) ? 'true' : 'false'}
                style={{ position: 'absolute', left: pct(p.from), width: width(p.from, p.to), height: '100%', borderRadius: 3, background: active.includes(p.code) ? '#389e0d' : '#4b79c6' }}
              />
            </Tooltip>
            {showToday && <div style={{ position: 'absolute', left: pct(today), top: -3, bottom: -3, width: 2, background: '#cf1322' }} />}
          </div>
          <div style={{ width: 190, flex: 'none', fontSize: 12, color: '#666' }}>
            {p.from} – {p.to}
          </div>
        </div>
      ))}
    </div>
  );
}
