import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Card, Empty, Select, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { UnitFilter } from '../../components/UnitSelect';
import { ScoreGrid } from './ScoreGrid';
import type { AppraisalPeriod, GridSheet, SheetDetail } from './types';

/** The period's option text: 2026-11 · 窗口人员考核表. */
export function usePeriodOptions(periods: AppraisalPeriod[] | undefined) {
  const { pick } = useI18n();
  return (periods ?? []).map((p) => ({ value: p.id, label: `${p.period.label} · ${pick(p.template.label)}` }));
}

/**
 * 科室评分: the unit head scores the judged items (德能勤绩) of the unit's sheets for one period,
 * beside each person's measured total; the period and unit live in the URL.
 */
export default function ScoringPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const periods = useQuery({ queryKey: ['appraisals', 'periods'], queryFn: () => api.get<{ items: AppraisalPeriod[] }>(paths.appraisals.periods) });
  const periodId = params.get('periodId') ?? periods.data?.items.find((p) => p.state === 'open')?.id ?? periods.data?.items[0]?.id;
  const unitId = params.get('unitId') ?? undefined;
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const client = useQueryClient();
  const listKey = useMemo(() => ['appraisals', 'sheets', periodId, unitId ?? null, 'items'], [periodId, unitId]);
  // One request for the unit: each sheet comes with its items and feedback (include=items).
  const list = useQuery({
    queryKey: listKey,
    queryFn: () => api.get<{ items: GridSheet[]; total: number }>(paths.appraisals.sheets, { periodId, unitId, include: 'items', pageSize: 500 }),
    enabled: !!periodId,
  });
  const sheets = useMemo(() => list.data?.items ?? [], [list.data]);
  const onSaved = useCallback(
    (next: SheetDetail) => {
      client.setQueryData<{ items: GridSheet[]; total: number }>(listKey, (old) => old && { ...old, items: old.items.map((s) => (s.id === next.id ? { ...s, ...next } : s)) });
      client.setQueryData(['appraisals', 'sheet', next.id], next);
    },
    [client, listKey],
  );
  const onConflict = useCallback(() => client.invalidateQueries({ queryKey: listKey }), [client, listKey]);
  const judged = useMemo(() => sheets[0]?.items.filter((i) => i.kind === 'judged') ?? [], [sheets]);
  const options = usePeriodOptions(periods.data?.items);
  const error = periods.error ?? list.error;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('appraisals.scoringTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('appraisals.scoringNote')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ minWidth: 260 }} value={periodId} onChange={(v) => set('periodId', v)} options={options} loading={periods.isLoading} placeholder={t('appraisals.period')} aria-label={t('appraisals.period')} data-testid="scoring-period" />
        <UnitFilter value={unitId} onChange={(v) => set('unitId', v)} placeholder={t('appraisals.allUnits')} testId="scoring-unit" />
      </Space>
      {error ? (
        <LoadError error={error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small" loading={!!periodId && list.isLoading}>
          {!periodId || (list.data && list.data.items.length === 0) ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appraisals.noSheets')} />
          ) : judged.length === 0 ? (
            <Alert type="info" showIcon title={t('appraisals.noJudged')} />
          ) : (
            <ScoreGrid sheets={sheets} judged={judged} onSaved={onSaved} onConflict={onConflict} />
          )}
        </Card>
      )}
    </>
  );
}
