import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Popconfirm, Space, Steps, Table, Typography } from 'antd';
import { api } from '../../app/api';
import { LoadError, settled } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useChange } from '../../app/useChange';
import { CertificateButton } from './CertificateButton';
import { nextStep, stagesOf, type Round } from './model';
import { NominationsTable } from './NominationsTable';
import { ObjectionsCard } from './ObjectionsCard';
import { typeOf, useAwardTypes, useNominations, useRound } from './queries';
import { ResultsCard } from './ResultsCard';
import { ScoreSheetCard } from './ScoreSheetCard';
import { StateTag } from './StateTag';
import { useQuotaLimit, useQuotaScope } from './QuotaScope';

/** The round's stages in order, the current one marked. */
function Stages({ round, method }: { round: Round; method: ReturnType<typeof stagesOf> }) {
  const { t } = useI18n();
  const current = method.indexOf(round.state);
  return (
    <Steps
      size="small"
      current={round.state === 'cancelled' ? 0 : Math.max(0, current)}
      status={round.state === 'cancelled' ? 'error' : round.state === 'announced' ? 'finish' : 'process'}
      items={method.map((s) => ({ title: t(`awards.states.${s}`) }))}
      style={{ marginBottom: 16 }}
      data-testid="round-stages"
    />
  );
}

/**
 * One round for the office: where it stands, the step that moves it on, the nominees with their
 * eligibility and reasons, objections from the publicity, score sheets, results and the announcement.
 */
export default function RoundPage() {
  const { id } = useParams<{ id: string }>();
  const { t, pick } = useI18n();
  const round = useRound(id);
  const types = useAwardTypes();
  const nominations = useNominations(id);
  const scopeName = useQuotaScope();
  const limitText = useQuotaLimit();
  const r = round.data;
  const type = typeOf(types.data, r);
  const method = r?.method ?? type?.method;
  const step = r ? nextStep(r.state) : null;
  const move = useChange({
    mutationFn: (s: string) => api.post<Round>(paths.awardRounds.step(r!.id, s), { version: r!.version }),
    success: t('common.saved'),
    invalidate: [['awards']],
  });
  if (round.error) return <LoadError error={round.error} onRetry={() => round.refetch()} />;
  if (!r) return <Card loading />;
  const showResults = ['deciding', 'closed', 'announced'].includes(r.state);
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {pick(r.awardName ?? type?.name) || r.awardType} · {r.period} <StateTag state={r.state} testId="round-state" />
        </Typography.Title>
        <Space wrap>
          <Link to="/awards">{t('awards.allRounds')}</Link>
          {r.state === 'publicity' && (
            <a href={`/public/awards/${encodeURIComponent(r.id)}`} target="_blank" rel="noreferrer" data-testid="public-link">
              {t('awards.publicPage')}
            </a>
          )}
          {step && !(step === 'close' && r.state === 'deciding') && (
            <Popconfirm title={t(`awards.steps.${step}.confirm`)} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => settled(move.mutateAsync(step))} okButtonProps={{ 'data-testid': 'step-confirm' } as Record<string, string>}>
              <Button type="primary" loading={move.isPending} data-testid={`step-${step}`}>
                {t(`awards.steps.${step}.button`)}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </div>
      <Stages round={r} method={stagesOf(method)} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 3 }}
          items={[
            { key: 'method', label: t('awards.method'), children: method ? t(`awards.methods.${method}`) : '' },
            { key: 'quota', label: t('awards.quota'), children: type ? pick(type.quota.text) : '' },
            { key: 'publicity', label: t('awards.publicityEndsAt'), children: r.publicityEndsAt?.slice(0, 10) ?? '—' },
          ]}
        />
        {!!r.quotas?.length && (
          <Table
            rowKey="scope"
            size="small"
            pagination={false}
            dataSource={r.quotas}
            columns={[
              { title: t('awards.quotaScope'), key: 'scope', render: (_, q) => scopeName(q) },
              { title: t('awards.quotaLimit'), key: 'limit', align: 'right', render: (_, q) => limitText(q) },
              { title: t('awards.quotaUsedCol'), dataIndex: 'used', key: 'used', align: 'right' },
            ]}
            data-testid="quotas"
          />
        )}
      </Card>
      <Card size="small" title={t('awards.nominations')} style={{ marginBottom: 12 }}>
        {nominations.error ? (
          <LoadError error={nominations.error} onRetry={() => nominations.refetch()} />
        ) : (
          <NominationsTable
            roundId={r.id}
            items={nominations.data ?? []}
            loading={nominations.isFetching}
            extraColumns={showResults ? [{ title: method === 'score_sheet' ? t('awards.score') : t('awards.votes'), key: 'tally', align: 'right', render: (_, n) => (method === 'score_sheet' ? n.score : n.votes) ?? '' }] : []}
            actions={r.state === 'announced' ? (n) => (n.state === 'winner' ? <CertificateButton round={r} nomination={n} /> : null) : undefined}
          />
        )}
      </Card>
      {['publicity', 'voting', 'scoring', 'deciding', 'closed', 'announced'].includes(r.state) && <ObjectionsCard round={r} nominations={nominations.data ?? []} />}
      {/* The score sheet decides a score-sheet award, and breaks a vote's ties (RULES §6 decision). */}
      {!!type?.scoreSheet?.length && (r.state === 'scoring' || r.state === 'voting') && <ScoreSheetCard round={r} items={type.scoreSheet} nominations={(nominations.data ?? []).filter((n) => n.state === 'candidate')} />}
      {showResults && <ResultsCard round={r} method={method} candidates={(nominations.data ?? []).filter((n) => n.state === 'candidate')} />}
    </>
  );
}
