import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App as AntApp, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { can } from '../../app/access';
import { useAuth } from '../../app/auth';
import { ErrorAlert, LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { sumDecimals } from '../appraisals/decimal';
import { definitionOf, judgedItemOf, type CitationView, type StarGrade, type TemplateDetail, type TemplateItem } from './model';
import NewItemForm from './NewItemForm';
import { ruleInWords } from './rules';

/** A citation as words: the source document (never the raw line), then the decision. */
function Citation({ c }: { c: CitationView }) {
  const { pick, t } = useI18n();
  // An item the office has just added: its basis will be the save's note.
  if (c.inWords.length === 0 && !c.decision) return <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('appraisalTemplates.newItem.basis')}</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      {c.inWords.map((w, i) => (
        <Typography.Text key={i} type="secondary" style={{ fontSize: 12 }}>
          {pick(w)}
        </Typography.Text>
      ))}
      {c.decision && <Typography.Text style={{ fontSize: 12 }}>{pick(c.decision)}</Typography.Text>}
    </Space>
  );
}

/** A decimal cell: text while reading, an input while editing. */
function Figure({ value, editing, onChange, testId }: { value: string; editing: boolean; onChange: (v: string) => void; testId: string }) {
  if (!editing) return <>{value}</>;
  return <Input size="small" value={value} onChange={(e) => onChange(e.target.value.trim())} style={{ width: 72 }} inputMode="decimal" data-testid={testId} />;
}

/** One template: items with their rules and citations, star grades, 末位; the office edits the figures, removes items and adds judged ones of its own, and saves a new version. */
export default function AppraisalTemplatePage() {
  const { code = '' } = useParams();
  const { t, pick } = useI18n();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [draft, setDraft] = useState<TemplateDetail | null>(null);
  const [note, setNote] = useState('');
  const query = useQuery({
    queryKey: ['appraisal-templates', code, version ?? 'latest'],
    queryFn: () => api.get<TemplateDetail>(paths.appraisalTemplates.one(code), version ? { version: String(version) } : undefined),
  });
  const shown = draft ?? query.data;
  const canEdit = can(user?.role, 'appraisalTemplatesEdit') && !!query.data && query.data.version === query.data.latestVersion;

  const save = useMutation({
    mutationFn: (d: TemplateDetail) => {
      const base = query.data!;
      // Every changed figure says why: the note becomes the decision of each item and grade edited.
      const decision = { zh: note.trim(), en: note.trim() };
      const mark = <T extends TemplateItem | StarGrade>(now: T, before: T | undefined) => (JSON.stringify(now) === JSON.stringify(before) ? now : { ...now, decision });
      // Items by their code (one removed shifts the rest; an added one has no earlier self); a removal is the template's own decision.
      const removed = base.items.some((b) => !d.items.some((i) => i.code === b.code));
      const edited = { ...d, items: d.items.map((i) => mark(i, base.items.find((b) => b.code === i.code))), stars: d.stars.map((s, n) => mark(s, base.stars[n])), decision: removed ? decision : d.decision };
      return api.post<TemplateDetail>(paths.appraisalTemplates.versions(code), { basedOnVersion: base.version, definition: definitionOf(edited) });
    },
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: ['appraisal-templates'] });
      setDraft(null);
      setNote('');
      setVersion(undefined);
      void message.success(t('appraisalTemplates.saved', { n: saved.version }));
    },
  });

  if (query.error) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  const editing = draft !== null;
  const setItem = (i: number, patch: Partial<TemplateItem>) => setDraft((d) => d && { ...d, items: d.items.map((x, n) => (n === i ? { ...x, ...patch } : x)) });
  const removeItem = (i: number) => setDraft((d) => d && { ...d, items: d.items.filter((_, n) => n !== i) });
  const setStar = (i: number, patch: Partial<StarGrade>) => setDraft((d) => d && { ...d, stars: d.stars.map((x, n) => (n === i ? { ...x, ...patch } : x)) });

  const itemColumns: TableColumnsType<TemplateItem> = [
    { title: t('appraisalTemplates.group'), key: 'group', render: (_, x) => t(`appraisalTemplates.groups.${x.group}`, { defaultValue: x.group }) },
    { title: t('appraisalTemplates.item'), key: 'label', render: (_, x) => pick(x.label) },
    { title: t('appraisalTemplates.rule'), key: 'rule', render: (_, x) => <span style={{ whiteSpace: 'normal' }}>{ruleInWords(x, t)}</span> },
    { title: t('appraisalTemplates.min'), key: 'min', render: (_, x, i) => <Figure value={x.min} editing={editing} onChange={(v) => setItem(i, { min: v })} testId={`item-${x.code}-min`} /> },
    { title: t('appraisalTemplates.max'), key: 'max', render: (_, x, i) => <Figure value={x.max} editing={editing} onChange={(v) => setItem(i, { max: v })} testId={`item-${x.code}-max`} /> },
    {
      title: t('appraisalTemplates.range'),
      key: 'range',
      render: (_, x, i) =>
        x.range ? (
          <Space size={4}>
            <Figure value={x.range.min} editing={editing} onChange={(v) => setItem(i, { range: { ...x.range!, min: v } })} testId={`item-${x.code}-range-min`} />
            –
            <Figure value={x.range.max} editing={editing} onChange={(v) => setItem(i, { range: { ...x.range!, max: v } })} testId={`item-${x.code}-range-max`} />
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('appraisalTemplates.basis'), key: 'citation', render: (_, x) => <Citation c={x.citation} /> },
  ];
  if (editing) {
    itemColumns.push({
      key: 'remove',
      render: (_, x, i) => (
        <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={(draft?.items.length ?? 0) <= 1} onClick={() => removeItem(i)} aria-label={t('appraisalTemplates.removeItem', { item: pick(x.label) })} data-testid={`item-${x.code}-remove`} />
      ),
    });
  }
  const groups = [...new Set((query.data?.items ?? []).map((i) => i.group))];
  const starColumns: TableColumnsType<StarGrade> = [
    { title: t('appraisalTemplates.stars'), key: 'stars', render: (_, s) => <span aria-label={pick(s.label)}>{'★'.repeat(s.stars) || '—'}</span> },
    { title: t('appraisalTemplates.atLeast'), key: 'atLeast', render: (_, s, i) => <Figure value={s.atLeast} editing={editing} onChange={(v) => setStar(i, { atLeast: v })} testId={`star-${s.stars}-at-least`} /> },
    { title: t('appraisalTemplates.payCoefficient'), key: 'pay', render: (_, s, i) => <Figure value={s.payCoefficient} editing={editing} onChange={(v) => setStar(i, { payCoefficient: v })} testId={`star-${s.stars}-pay`} /> },
    { title: t('appraisalTemplates.basis'), key: 'citation', render: (_, s) => <Citation c={s.citation} /> },
  ];

  return (
    <>
      <Link to="/appraisal-templates">{t('appraisalTemplates.back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {shown ? pick(shown.label) : t('appraisalTemplates.title')}
      </Typography.Title>
      {shown && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
              <Descriptions.Item label={t('appraisalTemplates.period')}>{t(`appraisalTemplates.periods.${shown.period}`)}</Descriptions.Item>
              <Descriptions.Item label={t('appraisalTemplates.version')}>
                <Select
                  size="small"
                  value={shown.version}
                  disabled={editing}
                  data-testid="template-version"
                  onChange={(v: number) => setVersion(v === query.data?.latestVersion ? undefined : v)}
                  options={(query.data?.versions ?? []).map((v) => ({ value: v.version, label: `${t('appraisalTemplates.versionN', { n: v.version })} · ${t(`appraisalTemplates.origins.${v.origin}`)}${v.createdAt ? ` · ${v.createdAt.slice(0, 10)}` : ''}` }))}
                />
              </Descriptions.Item>
              {shown.bottom && (
                <Descriptions.Item label={t('appraisalTemplates.bottom')}>
                  {t(`appraisalTemplates.bottomRule.${shown.bottom.action}`, { n: shown.bottom.consecutive })}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Citation c={shown.citation} />
          </Card>
          <Card
            size="small"
            title={t('appraisalTemplates.itemsTitle')}
            extra={
              editing ? (
                <Typography.Text data-testid="template-total">{t('appraisalTemplates.total', { total: sumDecimals(shown.items.map((i) => i.max)) })}</Typography.Text>
              ) : canEdit ? (
                <Button icon={<EditOutlined />} onClick={() => setDraft(structuredClone(query.data!))} data-testid="template-edit">
                  {t('appraisalTemplates.edit')}
                </Button>
              ) : null
            }
          >
            <Table<TemplateItem> rowKey="code" size="small" columns={itemColumns} dataSource={shown.items} pagination={false} scroll={{ x: 'max-content' }} data-testid="template-items" />
            {editing && (
              <Space direction="vertical" size={4} style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">{t('appraisalTemplates.newItem.title')}</Typography.Text>
                <NewItemForm groups={groups} onAdd={(item) => setDraft((d) => d && { ...d, items: [...d.items, judgedItemOf(item, d.items)] })} />
              </Space>
            )}
          </Card>
          <Card size="small" title={t('appraisalTemplates.starsTitle')}>
            <Table<StarGrade> rowKey="stars" size="small" columns={starColumns} dataSource={shown.stars} pagination={false} scroll={{ x: 'max-content' }} data-testid="template-stars" />
          </Card>
          {editing && (
            <Card size="small" title={t('appraisalTemplates.saveTitle')}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('appraisalTemplates.notePlaceholder')} autoSize={{ minRows: 2 }} maxLength={500} data-testid="template-note" />
                <ErrorAlert error={save.error} />
                <Space wrap>
                  <Button type="primary" icon={<SaveOutlined />} disabled={!note.trim()} loading={save.isPending} onClick={() => save.mutate(draft)} data-testid="template-save">
                    {t('appraisalTemplates.save')}
                  </Button>
                  <Button onClick={() => { setDraft(null); save.reset(); }}>{t('appraisalTemplates.cancel')}</Button>
                </Space>
              </Space>
            </Card>
          )}
          {!editing && shown.version !== query.data?.latestVersion && <Tag>{t('appraisalTemplates.oldVersion')}</Tag>}
        </Space>
      )}
    </>
  );
}
