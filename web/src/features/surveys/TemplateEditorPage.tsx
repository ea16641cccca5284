import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, Row, Select, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CopyOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../app/api';
import { paths } from '../../app/paths';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { ErrorAlert, LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { PageTitle } from '../../components/PageTitle';
import { SurveyPreview } from './SurveyPreview';
import { allowedValues, blankDefinition, cleanDefinition, questionTypes, type Condition, type Question, type QuestionType, type SurveyDefinition, type Template } from './model';

type Issues = { path: string; message: string; en: string }[];

/** Server validation issues by path (body.definition.questions.0.title.zh → questions.0.title.zh), in the UI's language. */
function issuesOf(e: unknown, pick: (m: { zh: string; en: string }) => string): Issues | null {
  if (!isApiError(e) || e.code !== 'validation_failed' || !Array.isArray(e.details)) return null;
  return (e.details as { path?: string; message?: string; messages?: { zh: string; en: string } }[]).map((d) => ({
    path: String(d.path ?? '').replace(/^body\.?/, '').replace(/^definition\.?/, ''),
    message: d.messages ? pick(d.messages) : String(d.message ?? ''),
    en: d.messages?.en ?? String(d.message ?? ''),
  }));
}

const newQuestion = (n: number): Question => ({ id: `q${n}`, type: 'five_level', title: { zh: '', en: '' }, required: false });

/** 问卷模板编辑: a form for the JSON definition, server errors in place, and a live preview. */
export default function TemplateEditorPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const { id } = useParams();
  const isNew = !id;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const canWrite = can(me.role, 'surveyTemplates');
  const [code, setCode] = useState('');
  const [def, setDef] = useState<SurveyDefinition>(blankDefinition);
  const [issues, setIssues] = useState<Issues>([]);
  const [error, setError] = useState<unknown>(null);

  const template = useQuery({ queryKey: ['survey-templates', id], queryFn: () => api.get<Template>(paths.surveyTemplates.one(id!)), enabled: !isNew });
  useEffect(() => {
    if (template.data) setDef(structuredClone(template.data.definition));
  }, [template.data]);
  const readOnly = !canWrite || !!template.data?.builtIn;

  const onError = (e: unknown) => {
    const found = issuesOf(e, pick);
    setIssues(found ?? []);
    setError(found ? null : e);
    if (found) void message.error(t('surveys.editor.fixErrors'));
  };
  const onSaved = async (tpl: Template) => {
    setIssues([]);
    setError(null);
    void message.success(t('common.saved'));
    await queryClient.invalidateQueries({ queryKey: ['survey-templates'] });
    if (isNew || tpl.id !== id) navigate(`/surveys/templates/${tpl.id}`, { replace: isNew });
  };
  const save = useMutation({
    mutationFn: () =>
      isNew
        ? api.post<Template>(paths.surveyTemplates.list, { code: code.trim(), definition: cleanDefinition(def) })
        : api.patch<Template>(paths.surveyTemplates.one(id!), { version: template.data!.version, definition: cleanDefinition(def) }),
    onSuccess: onSaved,
    onError,
  });
  const copy = useMutation({
    mutationFn: () => api.post<Template>(paths.surveyTemplates.list, { code: code.trim(), copyOf: id }),
    onSuccess: onSaved,
    onError,
  });

  /** An empty field reads like the form's own required-field message. */
  const say = (i: Issues[number]) => (/^(must not be empty|is required)$|expected string to have >=1 characters/.test(i.en) ? t('validation.required') : i.message);
  const issuesAt = (path: string, exact = false) => issues.filter((i) => (exact ? i.path === path : i.path === path || i.path.startsWith(`${path}.`))).map(say);
  /** A labelled field with the server's issues at `path` under it. */
  const field = (label: string, path: string, control: ReactNode, exact = false) => {
    const msgs = issuesAt(path, exact);
    return (
      <Form.Item label={label} validateStatus={msgs.length ? 'error' : undefined} help={msgs.length ? msgs.join('；') : undefined} style={{ marginBottom: 12 }}>
        {control}
      </Form.Item>
    );
  };

  const setQ = (i: number, patch: Partial<Question>) => setDef((d) => ({ ...d, questions: d.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) }));
  const move = (i: number, by: number) =>
    setDef((d) => {
      const qs = [...d.questions];
      const [q] = qs.splice(i, 1);
      qs.splice(i + by, 0, q);
      return { ...d, questions: qs };
    });
  const remove = (i: number) => setDef((d) => ({ ...d, questions: d.questions.filter((_, j) => j !== i) }));
  const add = () => setDef((d) => {
    let n = d.questions.length + 1;
    while (d.questions.some((q) => q.id === `q${n}`)) n++;
    return { ...d, questions: [...d.questions, newQuestion(n)] };
  });
  const setType = (i: number, type: QuestionType) => {
    const choice = type === 'single' || type === 'multiple';
    const q = def.questions[i];
    setQ(i, { type, options: choice ? (q.options?.length ? q.options : [{ code: 'a', zh: '', en: '' }]) : undefined });
  };

  if (!isNew && template.isError) return <LoadError error={template.error} onRetry={() => void template.refetch()} />;
  if (!isNew && template.isPending) return <Skeleton active />;

  // Issues no field showed (e.g. the whole definition) go in a list at the top.
  const placed = /^(code|title\.(zh|en)|questions\.\d+\.(id|type|required|title\.(zh|en)|options|conditions)(\..*)?)$/;
  const unplaced = issues.filter((i) => !placed.test(i.path) || (/^questions\.0\.conditions/.test(i.path)));

  const conditionEditor = (q: Question, i: number) => {
    const c: Condition | undefined = q.conditions?.[0];
    const earlier = def.questions.slice(0, i).filter((x) => x.type !== 'text');
    const ref = def.questions.find((x) => x.id === c?.question);
    const values = c?.in ?? (c?.equals !== undefined ? [c.equals] : []);
    const setCond = (next: Condition | null) => setQ(i, { conditions: next ? [next] : undefined });
    return (
      <Space wrap align="start">
        <Select
          allowClear
          disabled={readOnly}
          placeholder={t('surveys.editor.alwaysShown')}
          style={{ minWidth: 200 }}
          aria-label={t('surveys.editor.conditionQuestion')}
          value={c?.question}
          onChange={(v?: string) => setCond(v ? { question: v, in: [] } : null)}
          options={earlier.map((x) => ({ value: x.id, label: `${x.id} · ${pick(x.title) || t(`surveys.types.${x.type}`)}` }))}
          data-testid={`q-${i}-condition-question`}
        />
        {c && (
          <Select
            mode="multiple"
            disabled={readOnly}
            style={{ minWidth: 240 }}
            placeholder={t('surveys.editor.conditionValues')}
            aria-label={t('surveys.editor.conditionValues')}
            value={values.map(String)}
            onChange={(vs: string[]) => {
              const typed = vs.map((v) => (ref?.type === 'five_level' || ref?.type === 'nps' ? Number(v) : v));
              setCond(typed.length === 1 ? { question: c.question, equals: typed[0] } : { question: c.question, in: typed });
            }}
            options={allowedValues(ref).map((v) => ({ value: String(v.value), label: pick(v.label) }))}
            data-testid={`q-${i}-condition-values`}
          />
        )}
      </Space>
    );
  };

  const title = (
    <>
      {isNew ? t('surveys.editor.newTitle') : t('surveys.editor.editTitle')}
      {template.data?.builtIn && <Tag style={{ marginInlineStart: 8 }}>{t('surveys.builtIn')}</Tag>}
    </>
  );
  return (
    <>
      <PageTitle title={title}>
        <Link to="/surveys?tab=templates">{t('surveys.editor.back')}</Link>
      </PageTitle>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {template.data?.builtIn && <Alert type="info" showIcon title={t('surveys.editor.builtInReadOnly')} />}
        {!canWrite && <Alert type="info" showIcon title={t('surveys.editor.noWrite')} />}
        <ErrorAlert error={error} />
        {unplaced.length > 0 && (
          <Alert type="error" showIcon title={t('surveys.editor.fixErrors')} description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{unplaced.map((i) => <li key={`${i.path}-${i.message}`}><Typography.Text code>{i.path || '/'}</Typography.Text> {i.message}</li>)}</ul>} />
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Form layout="vertical" component="div">
              <Card size="small" title={t('surveys.editor.basics')}>
                {(isNew || readOnly) && canWrite && field(t('surveys.editor.code'), 'code', <Input value={code} onChange={(e) => setCode(e.target.value)} placeholder="window_monthly" data-testid="tpl-code" aria-label={t('surveys.editor.code')} />)}
                <Row gutter={12}>
                  <Col span={12}>{field(t('surveys.editor.titleZh'), 'title.zh', <Input disabled={readOnly} value={def.title.zh} onChange={(e) => setDef({ ...def, title: { ...def.title, zh: e.target.value } })} data-testid="tpl-title-zh" aria-label={t('surveys.editor.titleZh')} />)}</Col>
                  <Col span={12}>{field(t('surveys.editor.titleEn'), 'title.en', <Input disabled={readOnly} value={def.title.en} onChange={(e) => setDef({ ...def, title: { ...def.title, en: e.target.value } })} data-testid="tpl-title-en" aria-label={t('surveys.editor.titleEn')} />)}</Col>
                </Row>
              </Card>
              {def.questions.map((q, i) => {
                const choice = q.type === 'single' || q.type === 'multiple';
                const base = `questions.${i}`;
                return (
                  <Card
                    key={i}
                    size="small"
                    style={{ marginTop: 12 }}
                    data-testid={`question-${i}`}
                    title={`${t('surveys.editor.question')} ${i + 1}`}
                    extra={
                      !readOnly && (
                        <Space size={2}>
                          <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('surveys.editor.moveUp')} />
                          <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === def.questions.length - 1} onClick={() => move(i, 1)} aria-label={t('surveys.editor.moveDown')} />
                          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(i)} aria-label={t('surveys.editor.removeQuestion')} />
                        </Space>
                      )
                    }
                  >
                    <Row gutter={12}>
                      <Col xs={24} md={8}>{field(t('surveys.editor.questionId'), `${base}.id`, <Input disabled={readOnly} value={q.id} onChange={(e) => setQ(i, { id: e.target.value })} aria-label={t('surveys.editor.questionId')} data-testid={`q-${i}-id`} />)}</Col>
                      <Col xs={24} md={10}>
                        {field(t('surveys.editor.type'), `${base}.type`, <Select disabled={readOnly} value={q.type} onChange={(v: QuestionType) => setType(i, v)} options={questionTypes.map((ty) => ({ value: ty, label: t(`surveys.types.${ty}`) }))} aria-label={t('surveys.editor.type')} data-testid={`q-${i}-type`} />)}
                      </Col>
                      <Col xs={24} md={6}>{field(t('surveys.editor.required'), `${base}.required`, <Switch disabled={readOnly} checked={!!q.required} onChange={(v) => setQ(i, { required: v })} aria-label={t('surveys.editor.required')} />)}</Col>
                    </Row>
                    <Row gutter={12}>
                      <Col span={12}>{field(t('surveys.editor.titleZh'), `${base}.title.zh`, <Input disabled={readOnly} value={q.title.zh} onChange={(e) => setQ(i, { title: { ...q.title, zh: e.target.value } })} aria-label={t('surveys.editor.questionTitleZh')} data-testid={`q-${i}-title-zh`} />)}</Col>
                      <Col span={12}>{field(t('surveys.editor.titleEn'), `${base}.title.en`, <Input disabled={readOnly} value={q.title.en} onChange={(e) => setQ(i, { title: { ...q.title, en: e.target.value } })} aria-label={t('surveys.editor.questionTitleEn')} data-testid={`q-${i}-title-en`} />)}</Col>
                    </Row>
                    {choice &&
                      field(
                        t('surveys.editor.options'),
                        `${base}.options`,
                        <Space direction="vertical" style={{ width: '100%' }}>
                          {(q.options ?? []).map((o, k) => (
                            <Space key={k} wrap>
                              <Input disabled={readOnly} style={{ width: 110 }} value={o.code} placeholder={t('surveys.editor.optionCode')} aria-label={t('surveys.editor.optionCode')} status={issuesAt(`${base}.options.${k}`).length ? 'error' : undefined} onChange={(e) => setQ(i, { options: q.options!.map((x, j) => (j === k ? { ...x, code: e.target.value } : x)) })} data-testid={`q-${i}-opt-${k}-code`} />
                              <Input disabled={readOnly} style={{ width: 160 }} value={o.zh} placeholder={t('surveys.editor.optionZh')} aria-label={t('surveys.editor.optionZh')} onChange={(e) => setQ(i, { options: q.options!.map((x, j) => (j === k ? { ...x, zh: e.target.value } : x)) })} data-testid={`q-${i}-opt-${k}-zh`} />
                              <Input disabled={readOnly} style={{ width: 160 }} value={o.en} placeholder={t('surveys.editor.optionEn')} aria-label={t('surveys.editor.optionEn')} onChange={(e) => setQ(i, { options: q.options!.map((x, j) => (j === k ? { ...x, en: e.target.value } : x)) })} data-testid={`q-${i}-opt-${k}-en`} />
                              {!readOnly && <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('surveys.editor.removeOption')} onClick={() => setQ(i, { options: q.options!.filter((_, j) => j !== k) })} />}
                            </Space>
                          ))}
                          {!readOnly && (
                            <Button size="small" icon={<PlusOutlined />} onClick={() => setQ(i, { options: [...(q.options ?? []), { code: '', zh: '', en: '' }] })} data-testid={`q-${i}-add-option`}>
                              {t('surveys.editor.addOption')}
                            </Button>
                          )}
                        </Space>,
                      )}
                    {i > 0 && field(t('surveys.editor.condition'), `${base}.conditions`, conditionEditor(q, i))}
                  </Card>
                );
              })}
              {!readOnly && (
                <Button style={{ marginTop: 12 }} icon={<PlusOutlined />} onClick={add} block type="dashed" data-testid="add-question">
                  {t('surveys.editor.addQuestion')}
                </Button>
              )}
            </Form>
            <Space style={{ marginTop: 16 }}>
              {!readOnly && (
                <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate()} data-testid="tpl-save">
                  {t('common.save')}
                </Button>
              )}
              {readOnly && canWrite && !isNew && (
                <Button type="primary" icon={<CopyOutlined />} loading={copy.isPending} disabled={!code.trim()} onClick={() => copy.mutate()} data-testid="tpl-copy">
                  {t('surveys.editor.copy')}
                </Button>
              )}
            </Space>
          </Col>
          <Col xs={24} xl={10}>
            <div style={{ position: 'sticky', top: 16 }}>
              <SurveyPreview definition={def} />
            </div>
          </Col>
        </Row>
      </Space>
    </>
  );
}
