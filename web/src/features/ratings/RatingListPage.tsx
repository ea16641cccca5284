import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Card, DatePicker, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { canReadRoster } from '../../app/access';
import { useMe } from '../../app/auth';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useServerTable } from '../../app/useServerTable';
import { PageTitle } from '../../components/PageTitle';
import { UnitFilter } from '../../components/UnitSelect';
import { StaffSelect } from '../users/StaffSelect';
import { indicatorKeys, levels, type RatingItem, type RatingListFilter } from './model';

const filterKeys = ['from', 'to', 'unitId', 'staffId', 'level', 'negative'] as const;

/** The list's filters from its URL; without dates, the current month. */
function useListFilter(): [RatingListFilter, (patch: Partial<RatingListFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo<RatingListFilter>(() => {
    const get = (k: (typeof filterKeys)[number]) => params.get(k) || undefined;
    const level = Number(get('level'));
    const negative = get('negative');
    return {
      from: get('from') ?? dayjs().startOf('month').format('YYYY-MM-DD'),
      to: get('to') ?? dayjs().endOf('month').format('YYYY-MM-DD'),
      unitId: get('unitId'),
      staffId: get('staffId'),
      level: Number.isInteger(level) && level > 0 ? level : undefined,
      negative: negative === 'true' || negative === 'false' ? negative : undefined,
    };
  }, [params]);
  const update = (patch: Partial<RatingListFilter>) => {
    const next = { ...filter, ...patch };
    const out = new URLSearchParams();
    for (const k of filterKeys) if (next[k] !== undefined && next[k] !== '') out.set(k, String(next[k]));
    setParams(out, { replace: true });
  };
  return [filter, update];
}

/** 评价明细: the individual ratings behind a figure of the ratings dashboard, newest first. */
export default function RatingListPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const [filter, update] = useListFilter();
  const { query, tableProps } = useServerTable<RatingItem>('ratings', paths.ratings.list, filter);
  const indicatorText = (r: RatingItem) =>
    indicatorKeys
      .filter((k) => r.indicators[k] !== undefined)
      .map((k) => `${t(`ratings.indicators.${k}`)} ${t(`ratings.levels.${r.indicators[k]}`)}`)
      .join('；');

  const columns: TableColumnsType<RatingItem> = [
    { title: t('ratings.list.ratedAt'), key: 'ratedAt', width: 150, render: (_, r) => dayjs(r.ratedAt).format('YYYY-MM-DD HH:mm') },
    { title: t('ratings.groupColumn.unit'), key: 'unit', render: (_, r) => r.unit.name },
    { title: t('ratings.groupColumn.staff'), key: 'staff', render: (_, r) => (r.staff ? `${r.staff.name}（${r.staff.badgeNo}）` : '—') },
    {
      title: t('ratings.list.level'),
      key: 'level',
      render: (_, r) => (
        <Tag color={r.negative ? 'red' : r.level >= 4 ? 'green' : 'default'} data-level={r.level}>
          {pick(r.levelLabel)}
        </Tag>
      ),
    },
    { title: t('ratings.list.reasons'), key: 'reasons', render: (_, r) => r.reasons.map((x) => <Tag key={x.code}>{pick(x)}</Tag>) },
    {
      title: t('ratings.list.comment'),
      key: 'comment',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          {r.comment && <Typography.Text>{r.comment}</Typography.Text>}
          {indicatorText(r) && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{indicatorText(r)}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('ratings.list.status'),
      key: 'status',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.excluded && (
            <Tooltip title={t('ratings.list.excludedHint')}>
              <Tag color="orange" data-testid="rating-excluded">{t('ratings.excluded')}</Tag>
            </Tooltip>
          )}
          {r.hasContact && <Tag>{t('ratings.list.contact')}</Tag>}
          {r.caseId && <Link to={`/cases/${r.caseId}`}>{t('ratings.list.case')}</Link>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle title={t('ratings.list.title')}>
        <Link to="/ratings">{t('ratings.list.back')}</Link>
      </PageTitle>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="yz-toolbar" style={{ marginBottom: 0 }}>
          <DatePicker.RangePicker
            value={[dayjs(filter.from), dayjs(filter.to)]}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && update({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
            aria-label={t('ratings.list.period')}
            data-testid="rating-list-range"
          />
          <UnitFilter value={filter.unitId} onChange={(unitId) => update({ unitId })} placeholder={t('ratings.allUnits')} label={t('cases.unit')} testId="rating-list-unit" />
          {canReadRoster(me.role) && (
            <div style={{ width: 200 }}>
              <StaffSelect value={filter.staffId ?? null} onChange={(v) => update({ staffId: v ?? undefined })} />
            </div>
          )}
          <Select<number | undefined>
            allowClear
            placeholder={t('ratings.list.allLevels')}
            aria-label={t('ratings.list.level')}
            value={filter.level}
            onChange={(v) => update({ level: v ?? undefined })}
            options={levels.map((l) => ({ value: l, label: t(`ratings.levels.${l}`) }))}
            style={{ width: 140 }}
            data-testid="rating-list-level"
          />
          <Select<'true' | 'false' | undefined>
            allowClear
            placeholder={t('ratings.list.allRatings')}
            aria-label={t('ratings.list.negative')}
            value={filter.negative}
            onChange={(v) => update({ negative: v ?? undefined })}
            options={[
              { value: 'true', label: t('ratings.list.negativeOnly') },
              { value: 'false', label: t('ratings.list.notNegative') },
            ]}
            style={{ width: 140 }}
            data-testid="rating-list-negative"
          />
        </div>
      </Card>
      <Card size="small">
        {query.error ? (
          <LoadError error={query.error} onRetry={() => query.refetch()} />
        ) : (
          <Table<RatingItem> rowKey="id" size="small" columns={columns} {...tableProps} scroll={{ x: 'max-content' }} data-testid="rating-list" />
        )}
      </Card>
    </>
  );
}
