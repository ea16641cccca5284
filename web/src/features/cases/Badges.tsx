import { Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../app/i18n';
import { badgeColors, priorityColors, type CaseClock } from './model';
import { useCaseLabels } from './labels';

/** One clock: its name, due date and deadline badge (临期 / 超期 / 严重超期 / 按时 / 逾期办结). */
export function ClockBadge({ clock, compact = false }: { clock: CaseClock; compact?: boolean }) {
  const { t } = useI18n();
  const { clockLabel, badgeLabel } = useCaseLabels();
  const due = clock.dueAt ? dayjs(clock.dueAt).format('YYYY-MM-DD HH:mm') : clock.pendingYear ? t('cases.pendingDue', { year: clock.pendingYear }) : (clock.dueDate ?? '');
  const tag = (
    <Tag color={badgeColors[clock.badge]} data-badge={clock.badge} data-clock={clock.clockId} style={{ marginInlineEnd: 0 }}>
      {badgeLabel(clock.badge)}
      {clock.state === 'paused' && clock.badge !== 'paused' ? ` · ${t('cases.paused')}` : ''}
    </Tag>
  );
  if (compact)
    return (
      <Tooltip title={`${clockLabel(clock.clockId)} · ${t('cases.dueAt')} ${due}`}>
        <span>
          {tag} <span className="yz-muted">{clock.dueDate ?? (clock.pendingYear ? t('cases.pendingDue', { year: clock.pendingYear }) : '')}</span>
        </span>
      </Tooltip>
    );
  return (
    <Space size={4} wrap>
      <span>{clockLabel(clock.clockId)}</span>
      <span className="yz-muted">
        {t('cases.dueAt')} {due}
      </span>
      {tag}
    </Space>
  );
}

export function PriorityTag({ priority }: { priority: string }) {
  const { priorityLabel } = useCaseLabels();
  if (priority === 'normal') return null;
  return <Tag color={priorityColors[priority] ?? 'default'}>{priorityLabel(priority)}</Tag>;
}

export function StatusTag({ label, closed }: { label: string; closed: boolean }) {
  return <Tag color={closed ? 'default' : 'processing'}>{label}</Tag>;
}
