import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import type { SanctionRuleItem } from '../../app/types';
import type { Row } from './PolicyPage';
import { SourceTags } from './SourceTags';

/**
 * 奖惩规则 (RULES §5): each rule of the pack in words — what it charges, to whom, with which other
 * consequences — and its source. Expanding a rule shows its cited amounts, which the office
 * overrides like any other policy value.
 */
export function SanctionRulesTab({ rows, columns }: { rows: Row[]; columns: TableColumnsType<Row> }) {
  const { t, pick } = useI18n();
  // Under ['policy'] so that saving or restoring an override refreshes the words too.
  const rules = useQuery({ queryKey: ['policy', 'sanction-rules'], queryFn: () => api.get<{ items: SanctionRuleItem[] }>(paths.sanctionRules.list) });
  if (rules.error) return <LoadError error={rules.error} onRetry={() => rules.refetch()} />;
  const valuesOf = (code: string) => rows.filter((r) => r.path.startsWith(`sanctionRules.${code}.`));
  const outcomeTags = (codes: string[], prefix?: string) =>
    codes.map((o) => (
      <Tag key={`${prefix ?? ''}${o}`} color={prefix ? 'volcano' : undefined}>
        {prefix}
        {t(`policy.rules.outcome.${o}`, { defaultValue: o })}
      </Tag>
    ));

  const ruleColumns: TableColumnsType<SanctionRuleItem> = [
    {
      title: t('policy.rules.rule'),
      key: 'rule',
      width: 320,
      render: (_, r) => (
        <div data-rule={r.code}>
          <Tag color={r.direction === 'fine' ? 'red' : 'green'}>{t(`policy.rules.direction.${r.direction}`)}</Tag>
          {pick(r.label)}
        </div>
      ),
    },
    {
      title: t('policy.rules.amounts'),
      key: 'amounts',
      width: 260,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <span style={{ whiteSpace: 'pre-line' }}>{pick(r.words)}</span>
          {(r.outcomes.length > 0 || r.repeatOutcomes.length > 0) && (
            <Space size={[4, 4]} wrap>
              {outcomeTags(r.outcomes)}
              {outcomeTags(
                r.repeatOutcomes.filter((o) => !r.outcomes.includes(o)),
                `${t('policy.rules.repeat')}：`,
              )}
            </Space>
          )}
        </Space>
      ),
    },
    { title: t('policy.rules.targets'), key: 'targets', width: 130, responsive: ['md'], render: (_, r) => r.targets.map((x) => t(`policy.rules.target.${x}`, { defaultValue: x })).join(t('policy.escalation.and')) },
    {
      title: t('policy.source'),
      key: 'source',
      responsive: ['md'],
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <SourceTags references={r.references} />
          {r.decision && (
            <Typography.Paragraph style={{ margin: 0 }} type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: t('common.more') }}>
              {pick(r.decision)}
            </Typography.Paragraph>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Table<SanctionRuleItem>
      rowKey="code"
      size="small"
      loading={rules.isLoading}
      columns={ruleColumns}
      dataSource={rules.data?.items ?? []}
      locale={{ emptyText: t('policy.rules.empty') }}
      pagination={false}
      tableLayout="fixed"
      scroll={{ x: 860 }}
      expandable={{
        rowExpandable: (r) => valuesOf(r.code).length > 0,
        expandedRowRender: (r) => (
          <div>
            <Typography.Text type="secondary">{t('policy.rules.values')}</Typography.Text>
            <Table<Row> rowKey="path" size="small" columns={columns} dataSource={valuesOf(r.code)} pagination={false} tableLayout="fixed" />
          </div>
        ),
      }}
    />
  );
}
