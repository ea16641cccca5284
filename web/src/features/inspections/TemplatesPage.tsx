import { Link } from 'react-router-dom';
import { Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { allItems, type InspectionTemplate } from './model';
import { useTemplates } from './useTemplates';

/** 检查模板: the organisation's scoring templates (from its pack, or edited), each with its version. */
export default function TemplatesPage() {
  const { t, pick } = useI18n();
  const templates = useTemplates();
  const columns: TableColumnsType<InspectionTemplate> = [
    { title: t('inspections.template'), key: 'label', render: (_, x) => <Link to={`/inspection-templates/${x.code}`}>{pick(x.label)}</Link> },
    { title: t('inspections.templates.code'), key: 'code', render: (_, x) => <Typography.Text code>{x.code}</Typography.Text> },
    { title: t('inspections.templates.scoring'), key: 'mode', render: (_, x) => t(`inspections.templates.modes.${x.mode}`, { full: x.fullMark ?? '' }) },
    { title: t('inspections.templates.items'), key: 'items', render: (_, x) => allItems(x).length },
    { title: t('inspections.templateVersion'), key: 'version', render: (_, x) => `v${x.version}` },
    { title: t('inspections.templates.origin'), key: 'origin', render: (_, x) => <Tag color={x.origin === 'edited' ? 'blue' : 'default'}>{t(`inspections.templates.origins.${x.origin ?? 'pack'}`)}</Tag> },
    { title: t('inspections.templates.source'), key: 'source', render: (_, x) => x.source ?? '' },
  ];
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('inspections.templates.title')}
        </Typography.Title>
        <Link to="/inspections">{t('inspections.list.title')}</Link>
      </div>
      <Card size="small">
        {templates.error ? (
          <LoadError error={templates.error} onRetry={() => templates.refetch()} />
        ) : (
          <Table<InspectionTemplate> rowKey="code" size="small" columns={columns} dataSource={templates.data ?? []} loading={templates.isLoading} pagination={false} scroll={{ x: 'max-content' }} data-testid="templates-table" />
        )}
      </Card>
    </>
  );
}
