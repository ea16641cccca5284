import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Descriptions, Input, Modal, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { LoadError, useErrorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { ItemTags, MetricStandard } from './labels';
import { paths } from '../../app/paths';
import type { InspectionTemplate, TemplateItem } from './model';
import { useTemplate } from './useTemplates';

/** Where the rule comes from and why it reads so: the citation and the decision note. */
function Citation({ source, decision }: { source?: string; decision?: { zh: string; en: string } }) {
  const { t, pick } = useI18n();
  if (!source && !decision) return null;
  return (
    <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', marginTop: 2 }}>
      {source && <span>{t('inspections.templates.cites', { source })}</span>}
      {decision && <div>{pick(decision)}</div>}
    </div>
  );
}

/** An item's rule in plain words: 满分 1 分，每例扣 0.1 分，最多扣 1 分. */
function ItemRule({ item }: { item: TemplateItem }) {
  const { pick } = useI18n();
  return (
    <div className="yz-template-item" data-testid={`template-item-${item.code}`} style={{ padding: '8px 0', borderTop: '1px solid #f5f5f5' }}>
      <Space wrap size={4}>
        <Typography.Text strong>{pick(item.label)}</Typography.Text>
        <Typography.Text code>{item.code}</Typography.Text>
      </Space>
      <ItemTags item={item} />
      {(item.metrics ?? []).map((m) => (
        <div key={m.code} style={{ marginInlineStart: 12, marginTop: 4 }}>
          <Typography.Text>{pick(m.label)}</Typography.Text> <MetricStandard metric={m} />
          <Citation source={m.source} decision={m.decision} />
        </div>
      ))}
      <Citation source={item.source} decision={item.decision} />
    </div>
  );
}

/**
 * The template editor for the quality office: the template as JSON, stored as its next version
 * (PUT). Past inspections keep the version they were scored with.
 */
function EditDialog({ template, open, onClose }: { template: InspectionTemplate; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const { version, origin: _origin, ...body } = template;
  const [text, setText] = useState(() => JSON.stringify(body, null, 2));
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (parsed: Record<string, unknown>) => api.put<InspectionTemplate>(paths.inspectionTemplates.one(template.code), { version, template: parsed }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['inspections', 'templates'] });
      void message.success(t('inspections.templates.savedVersion', { version: saved.version }));
      onClose();
    },
    onError: (e) => setError(errorText(e)),
  });
  const submit = () => {
    setError(null);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return setError(t('inspections.templates.badJson'));
    }
    save.mutate(parsed);
  };
  return (
    <Modal open={open} title={t('inspections.templates.edit')} onCancel={onClose} onOk={submit} confirmLoading={save.isPending} okText={t('inspections.templates.saveVersion')} width={760} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('inspections.templates.editHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 16, maxRows: 30 }} style={{ fontFamily: 'monospace', fontSize: 12 }} aria-label={t('inspections.templates.edit')} />
    </Modal>
  );
}

/** One template read-only: sections, items, metrics and their citations, in plain words. */
export default function TemplatePage() {
  const { code } = useParams();
  const { t, pick } = useI18n();
  const me = useMe();
  const template = useTemplate(code);
  const [editing, setEditing] = useState(false);
  const x = template.data;
  if (template.error) return <LoadError error={template.error} onRetry={() => template.refetch()} />;
  if (!x) return <Card loading />;
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {pick(x.label)}
        </Typography.Title>
        <Space>
          {can(me.role, 'inspectionTemplatesEdit') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('inspections.templates.edit')}
            </Button>
          )}
          <Link to="/inspection-templates">{t('inspections.templates.back')}</Link>
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('inspections.templates.code')}>{x.code}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.templateVersion')}>v{x.version}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.templates.scoring')}>{t(`inspections.templates.modes.${x.mode}`, { full: x.fullMark ?? '' })}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.templates.vetoOutcome')}>{t(`inspections.templates.vetoOutcomes.${x.vetoOutcome ?? 'zero'}`)}</Descriptions.Item>
        </Descriptions>
        <Citation source={x.source} decision={x.decision} />
      </Card>
      {x.sections.map((s) => (
        <Card key={s.code} size="small" title={pick(s.label)} style={{ marginBottom: 12 }} data-testid={`template-section-${s.code}`}>
          <Citation source={s.source} decision={s.decision} />
          {s.items.map((item) => (
            <ItemRule key={item.code} item={item} />
          ))}
        </Card>
      ))}
      {editing && <EditDialog template={x} open={editing} onClose={() => setEditing(false)} />}
    </>
  );
}
