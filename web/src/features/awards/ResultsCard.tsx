import { useEffect, useState } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { LoadError, settled } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useChange } from '../../app/useChange';
import type { AwardMethod, Nomination, ResultRow, Results, Round } from './model';
import { CertificateButton } from './CertificateButton';

/** The candidates as rows of a decision nobody has tallied (the leadership decides). */
const undecided = (candidates: Nomination[]): ResultRow[] => candidates.map((n, i) => ({ nominationId: n.id, name: n.name, unitName: n.unitName, rank: i + 1, tied: false, winner: false }));

/**
 * 结果: the candidates ranked by votes or score once the round is closed, ties marked; or, where
 * the leadership decides, the candidates to choose from. The office announces the winners — and
 * ticks them itself where the leadership decides or a tie runs across the last seat.
 */
export function ResultsCard({ round, method, candidates }: { round: Round; method: AwardMethod | undefined; candidates: Nomination[] }) {
  const { t } = useI18n();
  const tallied = round.state === 'closed' || round.state === 'announced';
  const results = useQuery({ queryKey: ['awards', 'round', round.id, 'results', round.state], queryFn: () => api.get<Results>(paths.awardRounds.results(round.id)), enabled: tallied });
  const items = tallied ? (results.data?.results ?? []) : undecided(candidates);
  const [chosen, setChosen] = useState<string[]>([]);
  const suggested = items.filter((r) => r.winner).map((r) => r.nominationId).join(',');
  useEffect(() => setChosen(suggested ? suggested.split(',') : []), [suggested]);
  const hasTies = items.some((r) => r.tied);
  const announced = round.state === 'announced';
  const canAnnounce = round.state === 'closed' || round.state === 'deciding';
  const choose = canAnnounce && (round.state === 'deciding' || !!results.data?.tieAtCut);
  const seats = round.seats?.max ?? results.data?.seats ?? null;
  const announce = useChange({
    mutationFn: () => api.post<Round>(paths.awardRounds.step(round.id, 'announce'), { version: round.version, ...(choose ? { winners: chosen } : {}) }),
    success: t('awards.announced'),
    invalidate: [['awards']],
  });
  const columns: TableColumnsType<ResultRow> = [
    ...(tallied ? [{ title: t('awards.rank'), dataIndex: 'rank', key: 'rank', width: 60 }] : []),
    { title: t('awards.nominee'), key: 'name', render: (_, r) => <span data-testid={`result-${r.nominationId}`}>{r.name}</span> },
    { title: t('awards.unit'), dataIndex: 'unitName', key: 'unitName' },
    ...(tallied && method === 'vote' ? [{ title: t('awards.votes'), key: 'votes', align: 'right' as const, render: (_: unknown, r: ResultRow) => <span data-testid={`votes-${r.nominationId}`}>{r.votes ?? 0}</span> }] : []),
    ...(tallied && method !== 'leadership' ? [{ title: t('awards.score'), key: 'score', align: 'right' as const, render: (_: unknown, r: ResultRow) => r.score ?? '' }] : []),
    {
      title: '',
      key: 'flags',
      render: (_, r) => (
        <Space size={4}>
          {r.tied && <Tag color="orange">{t('awards.tied')}</Tag>}
          {r.winner && (
            <Tag color="green" data-testid={`winner-${r.nominationId}`}>
              {announced ? t('awards.winner') : t('awards.leading')}
            </Tag>
          )}
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
          {tallied && results.data && method === 'vote' && (
            <Typography.Paragraph type="secondary" data-testid="turnout">
              {t('awards.turnout', { ballots: results.data.ballots, voters: results.data.eligibleVoters ?? '—' })}
            </Typography.Paragraph>
          )}
          {hasTies && !announced && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={results.data?.tieAtCut ? t('awards.tieNote') : t('awards.tieInside')} data-testid="tie-note" />}
          <Table<ResultRow>
            rowKey="nominationId"
            size="small"
            columns={columns}
            dataSource={items}
            loading={results.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowClassName={(r) => (r.tied ? 'yz-award-tied' : '')}
            rowSelection={choose ? { selectedRowKeys: chosen, onChange: (keys) => setChosen(keys.map(String)), getCheckboxProps: (r) => ({ 'aria-label': r.name, disabled: seats !== null && chosen.length >= seats && !chosen.includes(r.nominationId) }) as object } : undefined}
          />
          {canAnnounce && (
            <div style={{ marginTop: 12 }}>
              <Typography.Paragraph type="secondary">{choose ? t('awards.chooseWinners', { seats: seats ?? '—' }) : t('awards.announceNote')}</Typography.Paragraph>
              <Popconfirm title={t('awards.announceConfirm', { count: chosen.length })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => settled(announce.mutateAsync())} okButtonProps={{ 'data-testid': 'announce-confirm' } as Record<string, string>}>
                <Button type="primary" loading={announce.isPending} disabled={chosen.length === 0} data-testid="announce">
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
