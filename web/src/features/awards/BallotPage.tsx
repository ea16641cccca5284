import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Empty, List, Modal, Result, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { LoadError, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useChange } from '../../app/useChange';
import type { MyBallot, Round } from './model';
import { typeOf, useAwardTypes, useNominations, useRound, useRounds } from './queries';

/** 投票: the rounds open for a vote now (a voter's phone list). */
export function BallotList() {
  const { t, pick } = useI18n();
  const rounds = useRounds({ state: 'voting' });
  const types = useAwardTypes();
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('awards.voteTitle')}
      </Typography.Title>
      {rounds.error ? (
        <LoadError error={rounds.error} onRetry={() => rounds.refetch()} />
      ) : (
        <List
          loading={rounds.isLoading}
          dataSource={rounds.data ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('awards.noVoting')} /> }}
          renderItem={(r) => (
            <Card size="small" style={{ marginBottom: 8 }}>
              <Link to={`/awards/vote/${r.id}`} data-testid={`vote-round-${r.id}`}>
                {pick(r.awardName ?? typeOf(types.data, r)?.name) || r.awardType} · {r.period}
              </Link>
            </Card>
          )}
        />
      )}
    </>
  );
}

/**
 * A voter's ballot on a phone (390 px): tick up to N candidates, confirm, and the ballot is cast —
 * then the page only says it is cast (已投票); the ballot is secret, so not even the voter reads it
 * back later. A closed round, or a caller who is not a voter here, sees no ballot.
 */
function BallotForm({ round }: { round: Round }) {
  const { t, pick } = useI18n();
  const types = useAwardTypes();
  const type = typeOf(types.data, round);
  const nominations = useNominations(round.id);
  const mine = useQuery({ queryKey: ['awards', 'round', round.id, 'my-ballot'], queryFn: () => api.get<MyBallot>(paths.awardRounds.myBallot(round.id)) });
  const [choices, setChoices] = useState<string[]>([]);
  const [cast, setCast] = useState<string[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const candidates = (nominations.data ?? []).filter((n) => n.state === 'candidate');
  const max = mine.data?.maxChoices ?? round.seats?.max ?? candidates.length;
  const submit = useChange({
    mutationFn: () => api.post(paths.awardRounds.ballots(round.id), { choices }),
    success: t('awards.voted'),
    invalidate: [['awards', 'round', round.id, 'my-ballot']],
    onSuccess: () => {
      setCast(choices);
      setConfirming(false);
    },
    onError: (e) => {
      setConfirming(false);
      void mine.refetch();
      showError(e);
    },
  });
  const showError = useShowError();
  const nameOf = (id: string) => nominations.data?.find((n) => n.id === id)?.name ?? id;
  if (nominations.error || mine.error) return <LoadError error={nominations.error ?? mine.error} onRetry={() => void nominations.refetch().then(() => mine.refetch())} />;
  if (!mine.data || !nominations.data) return <Card loading />;
  const voted = mine.data.voted;
  const open = round.state === 'voting' && mine.data.voter && !voted;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {pick(round.awardName ?? type?.name) || round.awardType} · {round.period}
      </Typography.Title>
      {voted ? (
        <Result
          status="success"
          title={t('awards.votedTitle')}
          subTitle={`${t('awards.votedNote')}${mine.data.castAt ? ` ${dayjs(mine.data.castAt).format('YYYY-MM-DD HH:mm')}` : ''}`}
          extra={cast ? <List size="small" bordered dataSource={cast} renderItem={(id) => <List.Item data-testid="ballot-choice">{nameOf(id)}</List.Item>} /> : undefined}
          data-testid="ballot-cast"
        />
      ) : round.state !== 'voting' ? (
        <Alert type="info" showIcon title={t('awards.votingClosed')} data-testid="ballot-closed" />
      ) : !mine.data.voter ? (
        <Alert type="info" showIcon title={t('awards.notVoter')} data-testid="ballot-not-voter" />
      ) : null}
      {open && (
        <>
          <Typography.Paragraph type="secondary" data-testid="ballot-hint">
            {t('awards.chooseUpTo', { max })}
          </Typography.Paragraph>
          <Checkbox.Group value={choices} onChange={(v) => setChoices(v.map(String).slice(0, max))} style={{ width: '100%' }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {candidates.map((n) => (
                <Card key={n.id} size="small" styles={{ body: { padding: 12 } }}>
                  <Checkbox value={n.id} disabled={!choices.includes(n.id) && choices.length >= max} data-testid={`ballot-${n.id}`}>
                    <b>{n.name}</b>
                    {n.unitName ? <Typography.Text type="secondary"> · {n.unitName}</Typography.Text> : null}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {n.reason}
                    </Typography.Text>
                  </Checkbox>
                </Card>
              ))}
            </Space>
          </Checkbox.Group>
          <Button type="primary" block size="large" style={{ marginTop: 16 }} disabled={choices.length === 0} onClick={() => setConfirming(true)} data-testid="ballot-submit">
            {t('awards.castBallot', { count: choices.length })}
          </Button>
          <Modal
            open={confirming}
            title={t('awards.confirmBallot')}
            okText={t('awards.castConfirm')}
            cancelText={t('common.cancel')}
            onCancel={() => setConfirming(false)}
            onOk={() => submit.mutate()}
            confirmLoading={submit.isPending}
            okButtonProps={{ 'data-testid': 'ballot-confirm' } as Record<string, string>}
          >
            <Typography.Paragraph>{t('awards.confirmBallotNote')}</Typography.Paragraph>
            <ol>
              {choices.map((id) => (
                <li key={id}>{nameOf(id)}</li>
              ))}
            </ol>
          </Modal>
        </>
      )}
    </>
  );
}

export default function BallotPage() {
  const { id } = useParams<{ id: string }>();
  const round = useRound(id);
  if (!id) return <BallotList />;
  if (round.error) return <LoadError error={round.error} onRetry={() => round.refetch()} />;
  if (!round.data) return <Card loading />;
  return <BallotForm round={round.data} />;
}
