import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Empty, Select, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMe } from '../../app/auth';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { inGroup } from '../../app/roles';
import { useServerTable } from '../../app/useServerTable';
import { RowAction } from '../../components/RowActions';
import { UnitFilter } from '../../components/UnitSelect';
import { ProposeForm } from './ProposeForm';
import { SanctionDrawer } from './SanctionDrawer';
import { Amount, AppealState, StatusTag, targetText, useRuleWords } from './SanctionView';
import { appealFilters, sanctionStatuses, type Sanction } from './model';

const filterKeys = ['view', 'status', 'unitId', 'month', 'direction', 'appeal'] as const;
type Filter = Partial<Record<(typeof filterKeys)[number], string>>;

/** The tab and filters live in the URL, so a link (and the back button) keeps them. */
function useFilter(): [Filter, (patch: Filter) => void, string] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => Object.fromEntries(filterKeys.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))) as Filter, [params]);
  const update = (patch: Filter) => {
    const next = { ...filter, ...patch };
    const out = new URLSearchParams();
    for (const k of filterKeys) if (next[k]) out.set(k, next[k]!);
    setParams(out, { replace: true });
  };
  return [filter, update, params.toString()];
}

/**
 * 奖惩管理 (RULES §5 procedure; issue 15 item 8): the committee's office, the committee and unit
 * heads (their units: the server scopes the list). 待我处理 is what the caller's role may act on
 * now; 全部 every sanction they may see, filtered by state, unit, month and kind. A row opens the
 * sanction with its fact, rule, amount, history and the caller's step.
 */
export default function SanctionsPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const { id } = useParams();
  const [filter, update, search] = useFilter();
  const [proposing, setProposing] = useState(false);
  const view = filter.view === 'all' ? 'all' : 'queue';
  const { view: _view, ...rest } = filter;
  const table = useServerTable<Sanction>('sanctions', paths.sanctions.list, view === 'all' ? { view, ...rest } : { view });
  const ruleWords = useRuleWords();
  const open = (sid: string | null) => navigate({ pathname: sid ? `/sanctions/${sid}` : '/sanctions', search });
  const unitHead = inGroup(me.role, 'unitHeads');

  const columns: TableColumnsType<Sanction> = [
    { title: t('sanctions.columns.proposedAt'), key: 'createdAt', width: 110, render: (_, s) => dayjs(s.createdAt).format('YYYY-MM-DD') },
    {
      title: t('sanctions.columns.rule'),
      key: 'rule',
      render: (_, s) => (
        <>
          <div>{ruleWords(s).label}</div>
          <Typography.Text type="secondary">{s.rule.citation}</Typography.Text>
        </>
      ),
    },
    { title: t('sanctions.columns.target'), key: 'target', render: (_, s) => targetText(t, s) },
    { title: t('sanctions.columns.amount'), key: 'amount', align: 'right', render: (_, s) => <Amount s={s} /> },
    { title: t('sanctions.columns.status'), key: 'status', render: (_, s) => <StatusTag s={s} /> },
    { title: t('sanctions.columns.appeal'), key: 'appeal', render: (_, s) => <AppealState s={s} /> },
    {
      title: t('sanctions.columns.next'),
      key: 'next',
      render: (_, s) => (
        <>
          {s.nextStep && <Tag color="processing">{t(`sanctions.steps.${s.nextStep}`)}</Tag>}
          <RowAction onClick={() => open(s.id)} testId="sanction-open">
            {t('sanctions.open')}
          </RowAction>
        </>
      ),
    },
  ];

  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {unitHead ? t('sanctions.unitTitle') : t('sanctions.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="propose-sanction">
          {t('sanctions.propose')}
        </Button>
      </div>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('sanctions.procedure')} closable />
      <Tabs
        activeKey={view}
        onChange={(k) => update({ view: k === 'all' ? 'all' : undefined })}
        items={[
          { key: 'queue', label: <span data-testid="tab-queue">{t('sanctions.tabs.queue')}</span> },
          { key: 'all', label: <span data-testid="tab-all">{t('sanctions.tabs.all')}</span> },
        ]}
      />
      {view === 'all' && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <div className="yz-toolbar" style={{ marginBottom: 0 }}>
            <Select
              allowClear
              placeholder={t('sanctions.filters.allStatuses')}
              aria-label={t('sanctions.filters.status')}
              value={filter.status}
              onChange={(v) => update({ status: v ?? undefined })}
              options={sanctionStatuses.map((s) => ({ value: s, label: t(`sanctions.statuses.${s}`) }))}
              style={{ width: 140 }}
              data-testid="sanctions-status"
            />
            <UnitFilter value={filter.unitId} onChange={(v) => update({ unitId: v })} placeholder={t('sanctions.filters.allUnits')} label={t('sanctions.filters.unit')} testId="sanctions-unit" />
            <DatePicker
              picker="month"
              value={filter.month ? dayjs(`${filter.month}-01`) : null}
              onChange={(d) => update({ month: d ? d.format('YYYY-MM') : undefined })}
              placeholder={t('sanctions.filters.month')}
              aria-label={t('sanctions.filters.month')}
            />
            <Select
              allowClear
              placeholder={t('sanctions.filters.allDirections')}
              aria-label={t('sanctions.filters.direction')}
              value={filter.direction}
              onChange={(v) => update({ direction: v ?? undefined })}
              options={(['fine', 'reward'] as const).map((d) => ({ value: d, label: t(`sanctions.direction.${d}`) }))}
              style={{ width: 140 }}
              data-testid="sanctions-direction"
            />
            <Select
              allowClear
              placeholder={t('sanctions.filters.allAppeals')}
              aria-label={t('sanctions.filters.appeal')}
              value={filter.appeal}
              onChange={(v) => update({ appeal: v ?? undefined })}
              options={appealFilters.map((a) => ({ value: a, label: t(`sanctions.filters.appeals.${a}`) }))}
              style={{ width: 160 }}
              data-testid="sanctions-appeal"
            />
          </div>
        </Card>
      )}
      <Card size="small">
        {table.query.error ? (
          <LoadError error={table.query.error} onRetry={() => table.query.refetch()} />
        ) : (
          <Table<Sanction>
            rowKey="id"
            size="small"
            columns={columns}
            {...table.tableProps}
            scroll={{ x: 'max-content' }}
            onRow={(s) => ({ 'data-testid': 'sanction-row', 'data-id': s.id }) as React.HTMLAttributes<HTMLElement>}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={view === 'queue' ? t('sanctions.queueEmpty') : t('sanctions.empty')} /> }}
          />
        )}
      </Card>
      <ProposeForm open={proposing} onClose={() => setProposing(false)} onProposed={(s) => open(s.id)} />
      <SanctionDrawer id={id ?? null} onClose={() => open(null)} />
    </>
  );
}
