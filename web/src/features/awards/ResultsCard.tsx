import { useEffect, useState } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { LoadError, settled } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useChange } from '../../app/useChange';
import { resultsOf, type AwardMethod, type ResultRow, type Round } from './model';
import { CertificateButton } from './CertificateButton';

/**
 * 结果: the nominees ranked by votes or score, ties marked. The office announces the winners; where
 * the leadership decides or a tie leaves the last place open, it ticks the winners itself.
 */
export function ResultsCard({ round, method }: { round: Round; method: AwardMethod | undefined }) {
  const { t } = useI18n();
  const results = useQuery({ queryKey: ['awards', 'round', round.id, 'results'], queryFn: async () => resultsOf(await api.get<unknown>(paths.awardRounds.results(round.id))) });
  const items = results.data?.items ?? [];
  const [chosen, setChosen] = useState<string[]>([]);
  const suggested = items.filter((r) => r.winner).map((r) => r.nominationId).join(',');
  useEffect(() => setChosen(suggested ? suggested.split(',') : []), [suggested]);
  const hasTies = items.some((r) => r.tied) || (results.data?.ties.length ?? 0) > 0;
  const announced = round.state === 'announced';
  // Ballots and score sheets are closed once the round has left voting/scoring for the decision.
  const canAnnounce = !announced && (round.state === 'deciding' || method === 'leadership');
  const choose = canAnnounce && (method === 'leadership' || hasTies);
  const announce = useChange({
    mutationFn: () => api.post<Round>(paths.awardRounds.step(round.id, 'announce'), { version: round.version, ...(choose ? { winners: chosen } : {}) }),
    success: t('awards.announced'),
    invalidate: [['awards']],
  });
  const tally = method === 'score_sheet' ? 'score' : 'votes';
  const columns: TableColumnsType<ResultRow> = [
    { title: t('awards.rank'), dataIndex: 'rank', key: 'rank', width: 60 },
    { title: t('awards.nominee'), key: 'name', render: (_, r) => <span data-testid={`result-${r.nominationId}`}>{r.name}</span> },
    ...(method === 'leadership' ? [] : [{ title: method === 'score_sheet' ? t('awards.score') : t('awards.votes'), key: 'tally', align: 'right' as const, render: (_: unknown, r: ResultRow) => r[tally] ?? '' }]),
    {
      title: '',
      key: 'flags',
      render: (_, r) => (
        <Space size={4}>
          {r.tied && <Tag color="orange">{t('awards.tied')}</Tag>}
          {r.winner && <Tag color="green">{announced ? t('awards.winner') : t('awards.leading')}</Tag>}
          {announced && r.winner && <CertificateButton round={round} nomination={{ id: r.nominationId, name: r.name }} />}
        </Space>
      ),
    },
  ];
  return (
    <Card size="small" title={t('awards.results')} style={{ marginBottom: 12 }} data-testid="results">
      {results.error ? (
        <LoadError error={results.error} onRetry={() => results.refetch()} />
      ) : (
        <>
          {hasTies && !announced && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('awards.tieNote')} data-testid="tie-note" />}
          <Table<ResultRow>
            rowKey="nominationId"
            size="small"
            columns={columns}
            dataSource={items}
            loading={results.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowClassName={(r) => (r.tied ? 'yz-award-tied' : '')}
            rowSelection={choose ? { selectedRowKeys: chosen, onChange: (keys) => setChosen(keys.map(String)), getCheckboxProps: (r) => ({ 'aria-label': r.name }) as object } : undefined}
          />
          {canAnnounce && (
            <div style={{ marginTop: 12 }}>
              <Typography.Paragraph type="secondary">{choose ? t('awards.chooseWinners') : t('awards.announceNote')}</Typography.Paragraph>
              <Popconfirm title={t('awards.announceConfirm', { count: choose ? chosen.length : items.filter((r) => r.winner).length })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => settled(announce.mutateAsync())} okButtonProps={{ 'data-testid': 'announce-confirm' } as Record<string, string>}>
                <Button type="primary" loading={announce.isPending} disabled={choose && chosen.length === 0} data-testid="announce">
                  {t('awards.announce')}
                </Button>
              </Popconfirm>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
