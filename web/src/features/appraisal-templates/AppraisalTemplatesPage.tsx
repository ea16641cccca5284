import { Link } from 'react-router-dom';
import { Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { PageTitle } from '../../components/PageTitle';
import type { TemplateSummary } from './model';

/** 考核表模板: the pack's appraisal sheet templates, each in the organisation's newest version. */
export default function AppraisalTemplatesPage() {
  const { t, pick } = useI18n();
  const list = useQuery({ queryKey: ['appraisal-templates'], queryFn: () => api.get<{ items: TemplateSummary[] }>(paths.appraisalTemplates.list) });
  const columns: TableColumnsType<TemplateSummary> = [
    { title: t('appraisalTemplates.name'), key: 'label', render: (_, x) => <Link to={`/appraisal-templates/${x.code}`}>{pick(x.label)}</Link> },
    { title: t('appraisalTemplates.period'), key: 'period', render: (_, x) => t(`appraisalTemplates.periods.${x.period}`) },
    { title: t('appraisalTemplates.items'), dataIndex: 'items', key: 'items' },
    { title: t('appraisalTemplates.version'), key: 'version', render: (_, x) => <Tag color={x.origin === 'pack' ? 'default' : 'blue'}>{t('appraisalTemplates.versionN', { n: x.version })}</Tag> },
    { title: t('appraisalTemplates.origin'), key: 'origin', render: (_, x) => t(`appraisalTemplates.origins.${x.origin}`) },
  ];
  return (
    <>
      <PageTitle title={t('appraisalTemplates.title')} />
      <Typography.Paragraph type="secondary">{t('appraisalTemplates.note')}</Typography.Paragraph>
      <Card size="small">
        {list.error ? (
          <LoadError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<TemplateSummary> rowKey="code" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} pagination={false} scroll={{ x: 'max-content' }} data-testid="appraisal-templates" />
        )}
      </Card>
    </>
  );
}
