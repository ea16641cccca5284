import { Card, Empty, Progress, Table, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { indicatorKeys, levels, type IndicatorKey, type IndicatorSummary, type StatGroup } from './model';

/** 分项评价 (GB/T 39734 offline indicators): mean level and the level counts of each, for the period. */
export function IndicatorsCard({ group }: { group?: StatGroup }) {
  const { t } = useI18n();
  const rows = indicatorKeys.map((key) => ({ key, ...(group?.indicators?.[key] ?? { counts: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, answered: 0, average: null }) }));
  // No rating of the period answered an indicator: say so, not a table of zeros.
  const answered = rows.some((r) => r.answered > 0);
  return (
    <Card size="small" title={t('ratings.indicatorsTitle')} style={{ height: '100%' }}>
      {!answered ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ratings.noIndicators')} data-testid="ratings-indicators-empty" />
      ) : (
        <Table<{ key: IndicatorKey } & IndicatorSummary>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          data-testid="ratings-indicators"
          columns={[
            { title: t('ratings.indicatorColumn'), key: 'name', render: (_, r) => t(`ratings.indicators.${r.key}`) },
            { title: t('ratings.average'), key: 'average', align: 'right', render: (_, r) => <strong data-testid={`indicator-average-${r.key}`}>{r.average === null ? '—' : r.average.toFixed(2)}</strong> },
            { title: t('ratings.answered'), key: 'answered', align: 'right', render: (_, r) => r.answered },
            ...levels.map((l) => ({ title: t(`ratings.levels.${l}`), key: `l${l}`, align: 'right' as const, render: (_: unknown, r: IndicatorSummary) => r.counts[String(l) as '1'] })),
          ]}
        />
      )}
    </Card>
  );
}

/** 差评原因: how often each of the organisation's reasons was given, most frequent first. */
export function ReasonsCard({ group }: { group?: StatGroup }) {
  const { t, pick } = useI18n();
  const reasons = group?.reasons ?? [];
  const top = Math.max(1, ...reasons.map((r) => r.count));
  return (
    <Card size="small" title={t('ratings.reasonsTitle')} style={{ height: '100%' }} data-testid="ratings-reasons">
      {reasons.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ratings.noReasons')} />
      ) : (
        reasons.map((r) => (
          <div key={r.code} data-reason={r.code} style={{ marginBottom: 6 }}>
            <Typography.Text>{pick(r)}</Typography.Text>
            <Progress percent={(r.count / top) * 100} size="small" status="normal" format={() => r.count} strokeColor="#cf1322" />
          </div>
        ))
      )}
    </Card>
  );
}
