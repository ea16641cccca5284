import { Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import type { TemplateItem, TemplateMetric } from './model';

/** How an item is scored, in plain words: points, the deduction per case or failure, 一票否决, 不计分. */
export function ItemTags({ item }: { item: TemplateItem }) {
  const { t, pick } = useI18n();
  const deduction = item.deduction ?? item.points;
  return (
    <div className="yz-item-tags" style={{ marginTop: 4, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
      {item.veto && (
        <Tag color="red" data-testid="veto-tag">
          {t('inspections.item.veto')}
        </Tag>
      )}
      {(item.advisory || item.incomplete) && (
        <Tooltip title={item.decision ? pick(item.decision) : undefined}>
          <Tag color="default" data-testid="unscored-tag">
            {t('inspections.item.unscored')}
            {item.incomplete ? ` · ${t('inspections.item.incomplete')}` : ''}
          </Tag>
        </Tooltip>
      )}
      {!item.advisory && !item.incomplete && item.points !== undefined && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('inspections.item.points', { points: item.points })}
          {deduction !== undefined && ` · ${t(item.per === 'failure' ? 'inspections.item.perFailure' : 'inspections.item.perCase', { deduction })}`}
        </Typography.Text>
      )}
      {item.evidence && <Tag color="orange">{t('inspections.item.evidence')}</Tag>}
      {item.allowNa && <Tag>{t('inspections.item.allowNa')}</Tag>}
    </div>
  );
}

/** A metric's standard: 标准 ≤ 10 分钟 (the boundary flipped to what complies). */
export function MetricStandard({ metric }: { metric: TemplateMetric }) {
  const { t } = useI18n();
  const complies = { '>': '≤', '>=': '<', '<': '≥', '<=': '>' }[metric.failsWhen];
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('inspections.metric.standard', { op: complies, threshold: metric.threshold, unit: t(`inspections.units.${metric.unit}`) })}
    </Typography.Text>
  );
}
