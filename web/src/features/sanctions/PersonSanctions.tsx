import { Table, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../../app/api';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { Amount, AppealState, StatusTag, useRuleWords } from './SanctionView';
import type { Sanction } from './model';

/**
 * 奖惩记录 in a person's file: every sanction about them — fines, rewards and those without money
 * (批评教育, 通报批评, 取消当年评优) — with its state and appeal (the server scopes what the caller sees).
 */
export function PersonSanctions({ staffId }: { staffId: string }) {
  const { t } = useI18n();
  const ruleWords = useRuleWords();
  const list = useQuery({ queryKey: ['sanctions', 'person', staffId], queryFn: () => api.get<Page<Sanction>>(paths.sanctions.list, { view: 'all', staffId, pageSize: 100 }) });
  const columns: TableColumnsType<Sanction> = [
    { title: t('sanctions.columns.proposedAt'), key: 'createdAt', width: 110, render: (_, s) => dayjs(s.createdAt).format('YYYY-MM-DD') },
    { title: t('sanctions.columns.rule'), key: 'rule', render: (_, s) => ruleWords(s).label },
    { title: t('sanctions.columns.amount'), key: 'amount', render: (_, s) => <Amount s={s} /> },
    { title: t('sanctions.columns.status'), key: 'status', render: (_, s) => <StatusTag s={s} /> },
    { title: t('sanctions.columns.appeal'), key: 'appeal', render: (_, s) => <AppealState s={s} /> },
  ];
  return (
    <div data-testid="person-sanctions" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('sanctions.personTitle')}</Typography.Title>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<Sanction> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('sanctions.empty') }} />
      )}
    </div>
  );
}
