import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, Result, Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { canReadRoster } from '../../app/access';
import { useMe } from '../../app/auth';
import { LoadError, useErrorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { StaffSelect } from '../users/StaffSelect';
import { useUnitTree } from '../units/useUnitTree';
import { ItemField } from './ItemField';
import { OutboxBadge, useSyncNow } from './OutboxSync';
import { SignaturePad } from './SignaturePad';
import { enqueue, useOnline } from './outbox';
import { paths } from '../../app/paths';
import { UnitSelect } from '../../components/UnitSelect';
import { inspectionKinds, missingNotes, photosOf, resultsOf, type Answers, type InspectionBody, type InspectionKind, type ScoreResponse } from './model';
import { useTemplates } from './useTemplates';

/** An idempotency key made when the form is opened; plain-HTTP intranets have no crypto.randomUUID. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

interface Setup {
  templateCode?: string;
  unitId?: string;
  staffId?: string;
  kind: InspectionKind;
  performedAt: Dayjs;
}

/**
 * 检查表 (issue 14): the inspector's phone form — a template's checklist, the live score from the
 * server while online, the signer's drawing, and an outbox that keeps it when there is no network.
 */
export default function InspectPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const online = useOnline();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const syncNow = useSyncNow();
  const [params] = useSearchParams();
  const assignmentId = params.get('assignmentId') ?? undefined;
  const templates = useTemplates();
  const tree = useUnitTree();
  const [setup, setSetup] = useState<Setup>(() => ({
    templateCode: params.get('template') ?? undefined,
    unitId: params.get('unitId') ?? undefined,
    kind: (inspectionKinds as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as InspectionKind) : 'scheduled',
    performedAt: dayjs(),
  }));
  const [answers, setAnswers] = useState<Answers>({});
  const [signerName, setSignerName] = useState('');
  const [signature, setSignature] = useState<string | null>(null);
  const [key, setKey] = useState(newKey);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ScoreResponse | null>(null);

  const template = templates.data?.find((x) => x.code === setup.templateCode);
  const results = useMemo(() => (template ? resultsOf(template, answers) : []), [template, answers]);
  const needNotes = useMemo(() => (template ? missingNotes(template, answers) : []), [template, answers]);
  const body = useMemo<InspectionBody | null>(
    () =>
      template && setup.unitId
        ? { templateCode: template.code, unitId: setup.unitId, staffId: setup.staffId, kind: setup.kind, performedAt: setup.performedAt.format(), ...(assignmentId && setup.unitId === params.get('unitId') ? { assignmentId } : {}), results }
        : null,
    [template, setup, results, assignmentId, params],
  );
  const previewBody = useDebounced(body, 300);
  const preview = useQuery({
    queryKey: ['inspections', 'preview', previewBody],
    queryFn: () => api.post<ScoreResponse>(paths.inspections.preview, previewBody),
    enabled: online && !!previewBody && previewBody === body && !needNotes.length,
    retry: false,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
  const scoredItems = new Map((online && preview.data && !preview.error ? preview.data.items : []).map((i) => [i.item, i]));

  const reset = () => {
    setAnswers({});
    setSignerName('');
    setSignature(null);
    setKey(newKey());
    setError(null);
    setSetup((s) => ({ ...s, staffId: undefined, performedAt: dayjs() }));
  };

  const submit = async () => {
    setError(null);
    if (!template || !setup.unitId || !body) return setError(t('inspections.form.needSetup'));
    if (needNotes.length) return setError(t('inspections.form.needNotes', { items: needNotes.map((i) => pick(i.label)).join('、') }));
    if (signature && !signerName.trim()) return setError(t('inspections.form.needSigner'));
    const entry = {
      key,
      userId: me.id,
      title: `${pick(template.label)} · ${tree.byId.get(setup.unitId)?.name ?? ''}`,
      queuedAt: new Date().toISOString(),
      body: { ...body, idempotencyKey: key, ...(signature ? { signature: { image: signature, signerName: signerName.trim() } } : {}) },
      photos: photosOf(answers),
    };
    setBusy(true);
    try {
      // The outbox first: nothing filled in is lost, whatever the network does next.
      await enqueue(entry);
      const outcome = online ? await syncNow({ quiet: true }) : undefined;
      const sent = outcome?.sent.find((s) => s.key === key);
      if (sent) {
        setDone(sent.result);
        reset();
      } else if (outcome?.refused.includes(key)) {
        setError(t('inspections.form.refused'));
      } else {
        void message.info(t('inspections.form.queued'));
        reset();
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Card>
        <Result
          status={done.vetoed ? 'warning' : 'success'}
          title={t('inspections.form.saved')}
          subTitle={
            <span data-testid="saved-score">
              {t('inspections.score', { score: done.score, max: done.maxScore })}
              {done.vetoed && <Tag color="red" style={{ marginInlineStart: 8 }}>{t('inspections.vetoed')}</Tag>}
            </span>
          }
          extra={[
            done.id && (
              <Link key="detail" to={`/inspections/${done.id}`}>
                <Button>{t('inspections.form.viewDetail')}</Button>
              </Link>
            ),
            <Button key="again" type="primary" onClick={() => setDone(null)} data-testid="inspect-again">
              {t('inspections.form.again')}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  return (
    <div className="yz-inspect" style={{ maxWidth: 720, margin: '0 auto' }}>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('inspections.form.title')}
        </Typography.Title>
        <Space size={4}>
          <OutboxBadge />
          <Link to="/inspections">{t('inspections.list.title')}</Link>
        </Space>
      </div>
      {templates.error && !templates.data ? (
        <LoadError error={templates.error} onRetry={() => templates.refetch()} />
      ) : (
        <Card size="small" style={{ marginBottom: 8 }}>
          <Form layout="vertical" requiredMark={false}>
            <Form.Item label={t('inspections.template')} style={{ marginBottom: 8 }}>
              <Select
                value={setup.templateCode}
                onChange={(templateCode) => {
                  setSetup((s) => ({ ...s, templateCode }));
                  setAnswers({});
                }}
                loading={templates.isLoading}
                placeholder={t('inspections.form.pickTemplate')}
                options={(templates.data ?? []).map((x) => ({ value: x.code, label: pick(x.label) }))}
                data-testid="inspect-template"
              />
            </Form.Item>
            <Form.Item label={t('inspections.unit')} style={{ marginBottom: 8 }}>
              <UnitSelect
                value={setup.unitId}
                onChange={(unitId: string) => setSetup((s) => ({ ...s, unitId }))}
                placeholder={t('inspections.form.pickUnit')}
                data-testid="inspect-unit"
              />
            </Form.Item>
            {canReadRoster(me.role) && online && (
              <Form.Item label={t('inspections.staffOptional')} style={{ marginBottom: 8 }}>
                <StaffSelect value={setup.staffId ?? null} onChange={(v) => setSetup((s) => ({ ...s, staffId: v ?? undefined }))} />
              </Form.Item>
            )}
            <Space wrap style={{ width: '100%' }}>
              <Form.Item label={t('inspections.kind')} style={{ marginBottom: 0 }}>
                <Select
                  value={setup.kind}
                  onChange={(kind) => setSetup((s) => ({ ...s, kind }))}
                  options={inspectionKinds.map((k) => ({ value: k, label: t(`inspections.kinds.${k}`) }))}
                  style={{ width: 160 }}
                  data-testid="inspect-kind"
                />
              </Form.Item>
              <Form.Item label={t('inspections.performedAt')} style={{ marginBottom: 0 }}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} value={setup.performedAt} onChange={(d) => d && setSetup((s) => ({ ...s, performedAt: d }))} />
              </Form.Item>
            </Space>
          </Form>
        </Card>
      )}

      {template?.sections.map((section) => (
        <section key={section.code} data-testid={`section-${section.code}`}>
          <Typography.Title level={2} style={{ fontSize: 16, margin: '12px 0 8px' }}>
            {pick(section.label)}
          </Typography.Title>
          {section.items.map((item) => (
            <ItemField
              key={item.code}
              item={item}
              answer={answers[item.code] ?? {}}
              scored={scoredItems.get(item.code)}
              noteMissing={needNotes.includes(item)}
              onChange={(a) => setAnswers((prev) => ({ ...prev, [item.code]: a }))}
            />
          ))}
        </section>
      ))}

      {template && (
        <Card size="small" title={t('inspections.form.signature')} style={{ margin: '12px 0' }}>
          <Input value={signerName} onChange={(e) => setSignerName(e.target.value)} maxLength={50} placeholder={t('inspections.form.signerName')} aria-label={t('inspections.form.signerName')} style={{ marginBottom: 8 }} data-testid="signer-name" />
          <SignaturePad key={key} onChange={setSignature} />
        </Card>
      )}

      <div className="yz-inspect-bar" style={{ position: 'sticky', bottom: 0, zIndex: 5, background: '#fff', borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="inspect-error" />}
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
          <div data-testid="live-score" aria-live="polite">
            {!template ? null : needNotes.length ? (
              <Typography.Text type="warning" data-testid="need-notes">{t('inspections.form.needNotes', { items: needNotes.map((i) => pick(i.label)).join('、') })}</Typography.Text>
            ) : !online ? (
              <Typography.Text type="warning">{t('inspections.form.offlineScore')}</Typography.Text>
            ) : preview.error ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>{errorText(preview.error)}</Typography.Text>
            ) : preview.data ? (
              <Space size={4}>
                <Typography.Text strong style={{ fontSize: 18 }} data-testid="live-score-value">
                  {t('inspections.score', { score: preview.data.score, max: preview.data.maxScore })}
                </Typography.Text>
                {preview.data.vetoed && <Tag color="red">{t('inspections.vetoed')}</Tag>}
              </Space>
            ) : (
              <Typography.Text type="secondary">{setup.unitId ? t('inspections.form.scoring') : t('inspections.form.pickUnit')}</Typography.Text>
            )}
          </div>
          <Button type="primary" size="large" loading={busy} disabled={!template} onClick={() => void submit()} data-testid="inspect-submit">
            {t('inspections.form.submit')}
          </Button>
        </div>
      </div>
    </div>
  );
}
