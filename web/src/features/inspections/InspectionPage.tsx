import { Link, useParams } from 'react-router-dom';
import { Card, Descriptions, List, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useUnitTree } from '../units/useUnitTree';
import { paths } from '../../app/paths';
import { allItems, breaches, type InspectionDetail, type TemplateItem } from './model';
import { useTemplate } from './useTemplates';

type DetailItem = InspectionDetail['items'][number];

/** 检查详情: every item's result and deduction, the failed indicators, the findings and their rectification cases. */
export default function InspectionPage() {
  const { id } = useParams();
  const { t, pick } = useI18n();
  const query = useQuery({ queryKey: ['inspections', 'one', id], queryFn: () => api.get<InspectionDetail>(paths.inspections.one(id!)) });
  const d = query.data;
  const template = useTemplate(d?.templateCode);
  const tree = useUnitTree(!!d);
  const items = new Map<string, TemplateItem>(template.data ? allItems(template.data).map((i) => [i.code, i]) : []);
  const sections = new Map((template.data?.sections ?? []).map((s) => [s.code, pick(s.label)]));
  const itemName = (code: string) => (items.get(code) ? pick(items.get(code)!.label) : code);
  const metricName = (item: string, metric: string) => {
    const m = items.get(item)?.metrics?.find((x) => x.code === metric);
    return m ? pick(m.label) : metric;
  };
  const breachOf = (item: string, metric: string, value: number) => {
    const m = items.get(item)?.metrics?.find((x) => x.code === metric);
    return m ? breaches(value, m) : false;
  };
  const unitLabel = (item: string, metric: string) => {
    const m = items.get(item)?.metrics?.find((x) => x.code === metric);
    return m ? t(`inspections.units.${m.unit}`) : '';
  };

  if (query.error) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  if (!d) return <Card loading />;

  const resultText = (i: DetailItem) => {
    if (!i.answered) return <Typography.Text type="secondary">{t('inspections.detail.notAnswered')}</Typography.Text>;
    if (i.na) return <Tag>{t('inspections.form.na')}</Tag>;
    return (
      <Space orientation="vertical" size={0}>
        {i.cases > 0 && <span>{t('inspections.detail.cases', { count: i.cases })}</span>}
        {i.pass !== null && <Tag color={i.pass ? 'green' : 'red'}>{i.pass ? t('inspections.form.pass') : t('inspections.form.fail')}</Tag>}
        {i.observations.map((o, n) => (
          <span key={n} style={{ color: breachOf(i.item, o.metric, o.value) ? '#cf1322' : undefined }}>
            {metricName(i.item, o.metric)}：{o.value} {unitLabel(i.item, o.metric)}
          </span>
        ))}
      </Space>
    );
  };

  const columns: TableColumnsType<DetailItem> = [
    {
      title: t('inspections.detail.item'),
      key: 'item',
      render: (_, i) => (
        <Space orientation="vertical" size={0}>
          <span>{itemName(i.item)}</span>
          <Space size={4} wrap>
            {items.get(i.item)?.veto && <Tag color="red">{t('inspections.item.veto')}</Tag>}
            {!i.scored && <Tag>{t('inspections.item.unscored')}</Tag>}
          </Space>
        </Space>
      ),
    },
    { title: t('inspections.detail.result'), key: 'result', render: (_, i) => resultText(i) },
    {
      title: t('inspections.detail.deduction'),
      key: 'deduction',
      align: 'right',
      render: (_, i) => (i.deduction > 0 ? <Typography.Text type="danger" data-testid={`detail-deduction-${i.item}`}>−{i.deduction}</Typography.Text> : '—'),
    },
    {
      title: t('inspections.detail.failed'),
      key: 'failed',
      render: (_, i) => i.failed.map((m) => <Tag key={m} color="red">{metricName(i.item, m)}</Tag>),
    },
    { title: t('inspections.form.note'), key: 'note', render: (_, i) => i.note ?? '' },
  ];

  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {template.data ? pick(template.data.label) : d.templateCode}
        </Typography.Title>
        <Link to="/inspections">{t('inspections.detail.back')}</Link>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('inspections.scoreColumn')}>
            <Space size={4}>
              <Typography.Text strong style={{ fontSize: 18 }} data-testid="detail-score">
                {t('inspections.score', { score: d.score, max: d.maxScore })}
              </Typography.Text>
              {d.vetoed && <Tag color="red">{t('inspections.vetoed')}</Tag>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.unit')}>{tree.byId.get(d.unitId)?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.kind')}>{t(`inspections.kinds.${d.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.performedAt')}>{dayjs(d.performedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.inspector')}>{d.inspector ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.templateVersion')}>
            <Link to={`/inspection-templates/${d.templateCode}`}>
              {d.templateCode} v{d.templateVersion}
            </Link>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small" title={t('inspections.detail.findings', { count: d.findings.length })} style={{ marginBottom: 12 }}>
        <List
          size="small"
          dataSource={d.findings}
          locale={{ emptyText: t('inspections.detail.noFindings') }}
          data-testid="detail-findings"
          renderItem={(f) => (
            <List.Item>
              <Space wrap>
                <span>{itemName(f.item)}</span>
                {f.deduction > 0 && <Typography.Text type="danger">−{f.deduction}</Typography.Text>}
                {f.veto && <Tag color="red">{t('inspections.item.veto')}</Tag>}
                {f.halfHearted && <Tag color="volcano">{t('inspections.detail.halfHearted')}</Tag>}
                {f.caseId ? (
                  <Link to={`/cases/${f.caseId}`} data-testid="finding-case">
                    {t('inspections.detail.rectification', { no: f.trackingNo ?? '' })}
                  </Link>
                ) : (
                  <Typography.Text type="secondary">{t('inspections.detail.noCase')}</Typography.Text>
                )}
                {f.caseStatus && <Tag>{t(`cases.statuses.rectification.${f.caseStatus}`, { defaultValue: f.caseStatus })}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      </Card>

      <Card size="small" title={t('inspections.detail.items')} style={{ marginBottom: 12 }}>
        <Table<DetailItem>
          rowKey="item"
          size="small"
          pagination={false}
          columns={sections.size > 1 ? [{ title: t('inspections.detail.section'), key: 'section', render: (_, i) => (i.section ? (sections.get(i.section) ?? i.section) : '') }, ...columns] : columns}
          dataSource={d.items}
          scroll={{ x: 'max-content' }}
          data-testid="detail-items"
        />
      </Card>

      {d.signature && (
        <Card size="small" title={t('inspections.form.signature')}>
          <Space orientation="vertical">
            <span>{d.signature.signerName}</span>
            {d.signature.image && <img src={d.signature.image} alt={t('inspections.form.signature')} style={{ maxWidth: 320, border: '1px solid #f0f0f0' }} data-testid="detail-signature" />}
          </Space>
        </Card>
      )}
    </>
  );
}
