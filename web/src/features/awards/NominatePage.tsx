import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Statistic, Typography } from 'antd';
import { api, isApiError } from '../../app/api';
import { LoadError, useErrorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useChange } from '../../app/useChange';
import { ConfirmAction } from '../../components/RowActions';
import { UnitSelect } from '../../components/UnitSelect';
import { StaffSelect } from '../users/StaffSelect';
import { ownQuotas, type Nomination, type Round } from './model';
import { useMe } from '../../app/auth';
import { useQuotaScope } from './QuotaScope';
import { NominationsTable } from './NominationsTable';
import { typeOf, useAwardTypes, useNominations, useRound, useRounds } from './queries';

interface NominateValues {
  staffId?: string;
  unitId?: string;
  reason: string;
}

/** How many the caller may still nominate: the quotas the round shows them, summed. */
function QuotaLeft({ round }: { round: Round }) {
  const { t } = useI18n();
  const me = useMe();
  const scopeName = useQuotaScope();
  const quotas = ownQuotas(round.quotas ?? [], me.unitId);
  if (quotas.length === 0) return null;
  return (
    <Space size="large" wrap>
      {quotas.map((q) => (
        <Statistic
          key={q.scope}
          title={`${scopeName(q)} · ${t('awards.quotaLeft')}`}
          value={q.limit === null ? t('awards.unlimited') : Math.max(0, q.limit - q.used)}
          suffix={q.limit === null ? undefined : `/ ${q.limit}`}
          styles={{ content: { fontSize: 22 } }}
          data-testid="quota-left"
        />
      ))}
    </Space>
  );
}

/**
 * 推荐: a department head nominates their people (or units) for a round open for nominations, within
 * the quota; a nomination over it is refused (409 quota_exceeded) and said so plainly.
 */
export default function NominatePage() {
  const { t, pick } = useI18n();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const rounds = useRounds({ state: 'nominating' });
  const types = useAwardTypes();
  const roundId = params.get('round') ?? rounds.data?.[0]?.id;
  const listed = rounds.data?.find((r) => r.id === roundId);
  // The list has no quotas: the round itself has them, with what is used.
  const one = useRound(listed?.id);
  const round = one.data ?? listed;
  const type = typeOf(types.data, round);
  const nominations = useNominations(round?.id);
  const [form] = Form.useForm<NominateValues>();
  const [refusal, setRefusal] = useState<unknown>(null);
  const nominate = useChange({
    mutationFn: (v: NominateValues) => api.post<Nomination>(paths.awardRounds.nominations(round!.id), v),
    success: t('awards.nominated'),
    invalidate: [['awards', 'rounds'], ['awards', 'round', round?.id]],
    onSuccess: () => {
      setRefusal(null);
      form.resetFields();
    },
    onError: setRefusal,
  });
  const withdraw = useChange({
    mutationFn: (n: Nomination) => api.delete(paths.awardRounds.nomination(round!.id, n.id)),
    success: t('awards.withdrawn'),
    invalidate: [['awards', 'rounds'], ['awards', 'round', round?.id]],
  });
  const subject = round?.subject ?? type?.subject ?? 'person';
  const overQuota = isApiError(refusal) && refusal.code === 'quota_exceeded';
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('awards.nominateTitle')}
        </Typography.Title>
        {(rounds.data?.length ?? 0) > 1 && (
          <Select
            value={round?.id}
            onChange={(v) => setParams({ round: v })}
            aria-label={t('awards.round')}
            style={{ minWidth: 240 }}
            options={rounds.data!.map((r) => ({ value: r.id, label: `${pick(r.awardName ?? typeOf(types.data, r)?.name) || r.awardType} · ${r.period}` }))}
          />
        )}
      </div>
      {rounds.error ? (
        <LoadError error={rounds.error} onRetry={() => rounds.refetch()} />
      ) : !round ? (
        <Card loading={rounds.isLoading}>
          <Empty description={t('awards.noOpenRounds')} />
        </Card>
      ) : (
        <>
          <Card size="small" title={`${pick(round.awardName ?? type?.name) || round.awardType} · ${round.period}`} style={{ marginBottom: 12 }}>
            {type && <Typography.Paragraph type="secondary">{pick(type.quota.text)}</Typography.Paragraph>}
            <QuotaLeft round={round} />
          </Card>
          <Card size="small" title={t('awards.nominate')} style={{ marginBottom: 12 }}>
            {refusal ? (
              <Alert
                type={overQuota ? 'warning' : 'error'}
                showIcon
                closable
                onClose={() => setRefusal(null)}
                style={{ marginBottom: 12 }}
                title={overQuota ? t('awards.quotaExceeded') : errorText(refusal)}
                description={overQuota ? errorText(refusal) : undefined}
                data-testid="nominate-refused"
              />
            ) : null}
            <Form form={form} layout="vertical" name="nominate" onFinish={(v) => nominate.mutate(v)} style={{ maxWidth: 560 }}>
              {subject === 'unit' ? (
                <Form.Item name="unitId" label={t('awards.nomineeUnit')} rules={[{ required: true }]}>
                  <UnitSelect data-testid="nominee-unit" />
                </Form.Item>
              ) : (
                <Form.Item name="staffId" label={t('awards.nominee')} rules={[{ required: true }]}>
                  <StaffSelect id="nominate_staffId" />
                </Form.Item>
              )}
              <Form.Item name="reason" label={t('awards.nominationReason')} rules={[{ required: true, whitespace: true }]} extra={t('awards.reasonHint')}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="nominate-reason" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={nominate.isPending} data-testid="nominate-submit">
                {t('awards.nominate')}
              </Button>
            </Form>
          </Card>
          <Card size="small" title={t('awards.myNominations')}>
            {nominations.error ? (
              <LoadError error={nominations.error} onRetry={() => nominations.refetch()} />
            ) : (
              <NominationsTable
                roundId={round.id}
                items={nominations.data ?? []}
                loading={nominations.isFetching}
                actions={(n) => (
                  <ConfirmAction confirm={t('awards.withdrawConfirm', { name: n.name })} onConfirm={() => withdraw.mutateAsync(n)} danger>
                    {t('awards.withdraw')}
                  </ConfirmAction>
                )}
              />
            )}
          </Card>
        </>
      )}
    </>
  );
}
