import { useMemo, useState } from 'react';
import { Card, Descriptions, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { LoadError, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import type { EffectivePolicy, PolicyValue } from '../../app/types';
import { useChange } from '../../app/useChange';
import { PageTitle } from '../../components/PageTitle';
import { ConfirmAction, RowAction } from '../../components/RowActions';
import { describePath, describeValue } from './describe';
import { getPath, reachableThroughObjects, withoutPath } from './paths';
import { PolicyEditor } from './PolicyEditor';
import { SanctionRulesTab } from './SanctionRulesTab';
import { SourceTags } from './SourceTags';

export interface Row extends PolicyValue {
  label: string;
  overridden: boolean;
  editable: boolean;
}

export default function PolicyPage() {
  const { t, lng, pick } = useI18n();
  const me = useMe();
  const canEdit = can(me.role, 'policy');
  const queryClient = useQueryClient();
  const showError = useShowError();
  const policy = useQuery({ queryKey: ['policy'], queryFn: () => api.get<EffectivePolicy>(paths.policy.effective) });
  const [editing, setEditing] = useState<Row | null>(null);

  const restore = useChange({
    mutationFn: (row: Row) => api.put<EffectivePolicy>(paths.policy.overrides, { version: policy.data!.version, overrides: withoutPath(policy.data!.overrides, row.path.split('.')) }),
    success: t('policy.restored'),
    invalidate: [['policy'], ['calendar']],
    onError: (e) => {
      showError(e);
      void queryClient.invalidateQueries({ queryKey: ['policy'] });
    },
  });

  const rows = useMemo<Row[]>(() => {
    const p = policy.data;
    if (!p) return [];
    return p.values.map((v) => {
      const seg = v.path.split('.');
      return { ...v, label: describePath(v.path, p, t, lng), overridden: getPath(p.overrides, seg) !== undefined, editable: reachableThroughObjects(p.pack, seg) };
    });
  }, [policy.data, t, lng]);

  if (policy.error) return <LoadError error={policy.error} onRetry={() => policy.refetch()} />;
  const p = policy.data;
  const name = p ? (p.pack.name as { zh: string; en: string } | undefined) : undefined;

  const columns: TableColumnsType<Row> = [
    {
      title: t('policy.item'),
      key: 'item',
      width: 300,
      render: (_, r) => (
        <div>
          {r.label} {r.overridden && <Tag color="orange">{t('policy.overridden')}</Tag>}
        </div>
      ),
    },
    { title: t('policy.value'), key: 'value', width: 220, render: (_, r) => <span data-path={r.path} style={{ wordBreak: 'break-word', whiteSpace: 'pre-line' }}>{describeValue(r.path, r.value, t, lng)}</span> },
    { title: t('policy.source'), key: 'source', width: 200, render: (_, r) => <SourceTags references={r.references} />, responsive: ['md'] },
    {
      title: t('policy.decision'),
      key: 'decision',
      responsive: ['lg'],
      render: (_, r) =>
        r.decision ? (
          <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: true, symbol: t('common.more') }} data-testid="policy-decision">
            {pick(r.decision)}
          </Typography.Paragraph>
        ) : null,
    },
  ];
  if (canEdit)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, r) =>
        r.editable ? (
          <Space size={0} orientation="vertical" align="start">
            <RowAction onClick={() => setEditing(r)} label={`${t('policy.override')} ${r.label}`}>
              {t('policy.override')}
            </RowAction>
            {r.overridden && (
              <ConfirmAction confirm={t('policy.confirmRestore')} onConfirm={() => restore.mutateAsync(r)} label={`${t('policy.restore')} ${r.label}`}>
                {t('policy.restore')}
              </ConfirmAction>
            )}
          </Space>
        ) : null,
    });

  const sections = ['calendar', 'cases', 'ratings', 'reports', 'casework'];
  return (
    <>
      <PageTitle title={t('menu.policy')} />
      <Card size="small" loading={policy.isLoading}>
        {p && (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 4 }}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'name', label: t('policy.pack'), children: name ? (lng === 'en' ? name.en : name.zh) : '' },
              { key: 'sector', label: t('home.sector'), children: t(`sectors.${p.sector}`, { defaultValue: p.sector }) },
              { key: 'packVersion', label: t('policy.packVersion'), children: String(p.pack.version ?? '') },
              { key: 'overrides', label: t('policy.overrideCount'), children: rows.filter((r) => r.overridden).length },
            ]}
          />
        )}
        <Tabs
          items={[
            ...sections.map((s) => ({
              key: s,
              label: t(`policy.sections.${s}`),
              children: <Table<Row> rowKey="path" size="small" columns={columns} dataSource={rows.filter((r) => r.path.startsWith(`${s}.`))} pagination={false} tableLayout="fixed" scroll={{ x: 960 }} />,
            })),
            // 奖惩规则 (RULES §5): each rule in words; its amounts below it, overridable like any value.
            { key: 'sanctionRules', label: t('policy.sections.sanctionRules'), children: <SanctionRulesTab rows={rows} columns={columns} /> },
          ]}
        />
      </Card>
      {p && <PolicyEditor policy={p} item={editing} label={editing?.label ?? ''} onClose={() => setEditing(null)} />}
    </>
  );
}
