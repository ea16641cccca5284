import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Card, DatePicker, Descriptions, Empty, List, Progress, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { PageTitle } from '../../components/PageTitle';
import type { QuestionResult, SurveyResults } from './model';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)}%`);

/** Fewer answers than the pack's minimum: the percentages are shown, marked as indicative. */
function SmallSample({ count, min, testId }: { count: number; min: number; testId: string }) {
  const { t } = useI18n();
  return (
    <Tag color="orange" data-testid={testId}>
      {t('surveys.results.smallSample', { count, min })}
    </Tag>
  );
}

function QuestionCard({ q, index, min, onTextPage }: { q: QuestionResult; index: number; min: number; onTextPage: (p: number) => void }) {
  const { t, pick } = useI18n();
  const answered = (
    <Space size={4}>
      {q.smallSample && <SmallSample count={q.answered} min={min} testId={`small-sample-${q.id}`} />}
      <Typography.Text type="secondary">{t('surveys.results.answered', { count: q.answered })}</Typography.Text>
    </Space>
  );
  return (
    <Card size="small" title={`${index + 1}. ${pick(q.title)}`} extra={answered} data-testid={`result-${q.id}`}>
      {q.type === 'five_level' && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space size="large">
            <Statistic title={t('surveys.results.positive')} value={pct(q.positive?.percent)} valueStyle={{ color: '#389e0d' }} />
            <Statistic title={t('surveys.results.negative')} value={pct(q.negative?.percent)} valueStyle={{ color: '#cf1322' }} />
          </Space>
          <Table size="small" rowKey="value" pagination={false} dataSource={q.levels ?? []} columns={[
            { title: t('surveys.results.level'), key: 'l', render: (_, l) => pick(l) },
            { title: t('dashboard.count'), key: 'c', align: 'right', render: (_, l) => l.count },
            { title: '%', key: 'p', render: (_, l) => <Progress percent={l.percent ?? 0} size="small" format={() => pct(l.percent)} /> },
          ]} />
        </Space>
      )}
      {(q.type === 'single' || q.type === 'multiple') && (
        <Table size="small" rowKey="code" pagination={false} dataSource={q.options ?? []} columns={[
          { title: t('surveys.results.option'), key: 'o', render: (_, o) => pick(o) },
          { title: t('dashboard.count'), key: 'c', align: 'right', render: (_, o) => o.count },
          { title: '%', key: 'p', render: (_, o) => <Progress percent={o.percent ?? 0} size="small" format={() => pct(o.percent)} /> },
        ]} />
      )}
      {q.type === 'nps' && q.nps && (
        <Space direction="vertical">
          <Space size="large" wrap>
            <Statistic title="NPS" value={q.nps.score ?? '—'} />
            <Statistic title={t('surveys.results.promoters')} value={pct(q.nps.promotersPercent)} />
            <Statistic title={t('surveys.results.passives')} value={pct(q.nps.passivesPercent)} />
            <Statistic title={t('surveys.results.detractors')} value={pct(q.nps.detractorsPercent)} />
          </Space>
          {q.nps.smallSample && <SmallSample count={q.nps.responses} min={min} testId="nps-small-sample" />}
        </Space>
      )}
      {q.type === 'text' && (
        <List
          size="small"
          dataSource={q.latest?.items ?? []}
          locale={{ emptyText: t('surveys.results.noText') }}
          pagination={q.latest && q.latest.total > q.latest.pageSize ? { current: q.latest.page, pageSize: q.latest.pageSize, total: q.latest.total, onChange: onTextPage, size: 'small' } : false}
          renderItem={(item) => (
            <List.Item>
              <Typography.Text>{item.text}</Typography.Text>
              <Typography.Text type="secondary">{item.date}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 调查结果: per question, for a date range (default: the survey's whole run). */
export default function SurveyResultsPage() {
  const { t, pick } = useI18n();
  const { id } = useParams();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [textPage, setTextPage] = useState(1);
  const query = useQuery({
    queryKey: ['surveys', id, 'results', range?.map((d) => d.format('YYYY-MM-DD')) ?? null, textPage],
    queryFn: () => api.get<SurveyResults>(paths.surveys.results(id!), { from: range?.[0].format('YYYY-MM-DD'), to: range?.[1].format('YYYY-MM-DD'), textPage }),
  });
  const r = query.data;
  return (
    <>
      <PageTitle title={r ? `${t('surveys.results.title')} · ${pick(r.survey.title)}` : t('surveys.results.title')}>
        <Space>
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} />
          <Link to="/surveys">{t('surveys.editor.back')}</Link>
        </Space>
      </PageTitle>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {query.isError && <LoadError error={query.error} onRetry={() => void query.refetch()} />}
        {query.isPending && <Skeleton active />}
        {r && (
          <>
            <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('surveys.results.period')}>{`${r.from} ~ ${r.to}`}</Descriptions.Item>
              <Descriptions.Item label={t('surveys.responses')}>
                <span data-testid="results-responses">{r.responses}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('surveys.results.satisfaction')}>
                {r.satisfaction ? `${pct(r.satisfaction.percent)}（${r.satisfaction.satisfied}/${r.satisfaction.answered}）` : '—'}
                {r.satisfaction?.smallSample && <SmallSample count={r.satisfaction.answered} min={r.minSampleSize} testId="satisfaction-small-sample" />}
              </Descriptions.Item>
            </Descriptions>
            {r.thresholds.map((th) => (
              <Alert key={th.id} type={th.pass === false ? 'error' : th.pass ? 'success' : 'info'} showIcon title={`${pick(th.label)} · ${th.pass === null ? t('surveys.results.noData') : th.pass ? t('surveys.results.pass') : t('surveys.results.fail')}`} description={th.reference ? pick(th.reference) : undefined} />
            ))}
            {r.questions.length === 0 ? <Empty /> : r.questions.map((q, i) => <QuestionCard key={q.id} q={q} index={i} min={r.minSampleSize} onTextPage={setTextPage} />)}
          </>
        )}
      </Space>
    </>
  );
}
