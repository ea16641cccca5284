import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, List, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { sourceHref, type Nomination, type Reason } from './model';

/** 合格 / 不合格 (or 待审核 before the review). */
export function EligibilityTag({ n }: { n: Nomination }) {
  const { t } = useI18n();
  if (n.eligible === null || n.eligible === undefined) return <Tag>{t('awards.eligibility.pending')}</Tag>;
  return n.eligible ? (
    <Tag color="green" data-testid={`eligible-${n.id}`}>
      {t('awards.eligibility.eligible')}
    </Tag>
  ) : (
    <Tag color="red" data-testid={`eligible-${n.id}`}>
      {t('awards.eligibility.ineligible')}
    </Tag>
  );
}

/** One reason: its words, the rule it comes from and a link to the record behind it. */
export function ReasonLine({ reason }: { reason: Reason }) {
  const { t, pick } = useI18n();
  const href = sourceHref(reason.source);
  return (
    <Space direction="vertical" size={0}>
      <span>{pick(reason.text)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {reason.citation ? `${t('awards.citation')} ${reason.citation}` : reason.code}
        {href && (
          <>
            {' · '}
            <Link to={href}>{t('awards.source', { kind: t(`awards.sourceKinds.${reason.source!.kind}`, { defaultValue: reason.source!.kind }) })}</Link>
          </>
        )}
      </Typography.Text>
    </Space>
  );
}

/** A nominee's reasons, as the nomination's own page has them (each with its citation and source). */
function ReasonsDetail({ roundId, nomination }: { roundId: string; nomination: Nomination }) {
  const { t } = useI18n();
  const detail = useQuery({
    queryKey: ['awards', 'round', roundId, 'nominations', nomination.id],
    queryFn: () => api.get<Nomination>(paths.awardRounds.nomination(roundId, nomination.id)),
  });
  const reasons = detail.data?.reasons ?? nomination.reasons ?? [];
  if (detail.isLoading) return <Spin size="small" />;
  return (
    <div data-testid={`reasons-${nomination.id}`}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <b>{t('awards.nominationReason')}：</b>
        {nomination.reason}
      </Typography.Paragraph>
      {reasons.length === 0 ? (
        <Typography.Text type="secondary">{nomination.eligible === false ? '' : t('awards.noReasons')}</Typography.Text>
      ) : (
        <List size="small" dataSource={reasons} renderItem={(r) => <List.Item><ReasonLine reason={r} /></List.Item>} />
      )}
    </div>
  );
}

/** The nominees with their eligibility; a row opens to every reason with its citation. */
export function NominationsTable({ roundId, items, loading, extraColumns = [], actions, caption }: { roundId: string; items: Nomination[]; loading?: boolean; extraColumns?: TableColumnsType<Nomination>; actions?: (n: Nomination) => ReactNode; caption?: ReactNode }) {
  const { t, pick } = useI18n();
  const columns: TableColumnsType<Nomination> = [
    { title: t('awards.nominee'), dataIndex: 'name', key: 'name' },
    { title: t('awards.unit'), dataIndex: 'unitName', key: 'unitName' },
    {
      title: t('awards.eligibility.title'),
      key: 'eligible',
      render: (_, n) => (
        <Space direction="vertical" size={0}>
          <EligibilityTag n={n} />
          {n.eligible === false &&
            (n.reasons ?? []).map((r) => (
                <Typography.Text key={r.code + (r.source?.id ?? '')} type="danger" style={{ fontSize: 12 }} data-testid={`reason-${n.id}`}>
                  {pick(r.text)}
                </Typography.Text>
              ))}
        </Space>
      ),
    },
    {
      title: t('awards.nominationState'),
      key: 'state',
      render: (_, n) => (
        <Space direction="vertical" size={0}>
          <Tag color={n.state === 'winner' ? 'green' : n.state === 'cancelled' || n.state === 'excluded' ? 'red' : undefined} data-testid={`nomination-state-${n.id}`}>
            {t(`awards.nominationStates.${n.state}`, { defaultValue: n.state })}
          </Tag>
          {n.cancelReason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {n.cancelReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    ...extraColumns,
    ...(actions ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, n: Nomination) => actions(n) }] : []),
  ];
  return (
    <>
      {caption}
      <Table<Nomination>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (n) => <ReasonsDetail roundId={roundId} nomination={n} />, rowExpandable: () => true }}
        data-testid="nominations"
        locale={{ emptyText: t('awards.noNominations') }}
      />
      {items.some((n) => n.eligible === false) && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('awards.ineligibleNote')} />}
    </>
  );
}
