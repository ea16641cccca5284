import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { App as AntApp, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { CameraOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { LoadError, useErrorText } from '../../app/errors';
import { SignaturePad } from '../inspections/SignaturePad';
import { isLate, mapLinks, shortTime, type RepairDetail } from './model';

type Check = 'yes' | 'no' | 'na';

/**
 * 报修工单 on the technician's phone (390 px) and the dispatcher's desk: arrive, the on-site
 * checklist (上门服务规范, from the pack), damage and its resolution, complete, the customer's
 * signature on the 《服务联系卡》 drawn on a canvas (or the refusal), photos.
 */
export default function RepairPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['repairs', 'one', id], queryFn: () => api.get<RepairDetail>(paths.repairs.one(id)) });
  const [checks, setChecks] = useState<Record<string, Check>>({});
  const [contractor, setContractor] = useState('');
  const [signature, setSignature] = useState<string | null>(null);
  const [signer, setSigner] = useState('');
  const [refusal, setRefusal] = useState('');
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  if (q.error) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  const r = q.data;
  if (!r) return null;
  const can = (a: string) => r.actions.includes(a);
  const address = String(r.contact.address ?? '');

  const act = async (action: string, body: Record<string, unknown> = {}) => {
    setBusy(true);
    try {
      await api.post(paths.repairs.action(r.id, action), { version: r.version, ...body });
      message.success(t('repairs.saved'));
      await client.invalidateQueries({ queryKey: ['repairs'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const upload = async (file: File) => {
    const form = new FormData();
    form.append('file', file);
    try {
      await api.upload(paths.cases.attachments(r.id), form);
      message.success(t('repairs.photoSaved'));
      await client.invalidateQueries({ queryKey: ['repairs', 'photos', r.id] });
    } catch (e) {
      message.error(errorText(e));
    }
    return false;
  };
  const items = r.checklistItems.filter((i) => !i.publicSitesOnly || r.data.publicSite);

  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="repair-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {r.trackingNo}
        </Typography.Title>
        <Tag data-testid="repair-status">{pick(r.statusLabel)}</Tag>
      </Space>
      <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('repairs.fault')}>{r.content}</Descriptions.Item>
        <Descriptions.Item label={t('repairs.address')}>
          <a href={mapLinks(address).geo}>
            <EnvironmentOutlined /> {address}
          </a>
        </Descriptions.Item>
        <Descriptions.Item label={t('repairs.contactName')}>
          {String(r.contact.name ?? '')} <a href={`tel:${String(r.contact.phone ?? '')}`}>{String(r.contact.phone ?? '')}</a>
        </Descriptions.Item>
        {r.data.appointmentAt && <Descriptions.Item label={t('repairs.appointment')}>{shortTime(r.data.appointmentAt)}</Descriptions.Item>}
        <Descriptions.Item label={t('repairs.arrivalDue')}>
          <Typography.Text type={isLate(r.arrivalBadge) ? 'danger' : undefined} data-testid="arrival-due">
            {shortTime(r.arrivalDueAt)} {r.arrivalBadge && r.arrivalBadge !== 'on_time' ? `（${t(`repairs.badge.${r.arrivalBadge}`)}）` : ''}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('repairs.completionDue')}>{shortTime(r.completionDueAt)}</Descriptions.Item>
        {r.callbackDueDate && <Descriptions.Item label={t('repairs.callbackDue')}>{r.callbackDueDate}</Descriptions.Item>}
      </Descriptions>

      {can('arrive') && (
        <Button type="primary" block size="large" loading={busy} onClick={() => act('arrive')} data-testid="arrive">
          {t('repairs.arrive')}
        </Button>
      )}

      {can('record_checklist') && (
        <Card size="small" title={t('repairs.checklist')} style={{ marginTop: 12 }}>
          {items.map((i) => (
            <div key={i.id} style={{ marginBottom: 8 }}>
              <div>
                {pick(i.label)} {i.source && <span className="yz-muted">（{i.source}）</span>}
              </div>
              <Radio.Group
                size="small"
                optionType="button"
                value={checks[i.id] ?? r.data.checklist?.items[i.id]}
                onChange={(e) => setChecks((c) => ({ ...c, [i.id]: e.target.value as Check }))}
                options={(['yes', 'no', 'na'] as const).map((v) => ({ value: v, label: t(`repairs.check.${v}`) }))}
                data-testid={`check-${i.id}`}
              />
            </div>
          ))}
          <Form.Item label={t('repairs.designatedContractor')} extra={t('repairs.designatedContractorHint')} style={{ marginBottom: 8 }}>
            <Input value={contractor} onChange={(e) => setContractor(e.target.value)} />
          </Form.Item>
          <Button block loading={busy} onClick={() => act('record-checklist', { items: { ...(r.data.checklist?.items ?? {}), ...checks }, ...(contractor.trim() ? { designatedContractor: contractor.trim() } : {}) })} data-testid="save-checklist">
            {t('repairs.saveChecklist')}
          </Button>
        </Card>
      )}

      {can('record_damage') && <DamageCard busy={busy} current={r.data.damage} onSave={(body) => act('record-damage', body)} />}

      {can('complete') && (
        <Card size="small" title={t('repairs.complete')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} placeholder={t('repairs.summary')} data-testid="complete-summary" />
          <Button type="primary" block style={{ marginTop: 8 }} loading={busy} disabled={!summary.trim()} onClick={() => act('complete', { summary: summary.trim() })} data-testid="complete">
            {t('repairs.complete')}
          </Button>
        </Card>
      )}

      {can('sign_card') && (
        <Card size="small" title={t('repairs.card')} style={{ marginTop: 12 }}>
          <Typography.Paragraph type="secondary">{t('repairs.cardHint')}</Typography.Paragraph>
          <SignaturePad onChange={setSignature} />
          <Input value={signer} onChange={(e) => setSigner(e.target.value)} placeholder={t('repairs.signerName')} style={{ marginTop: 8 }} />
          <Button type="primary" block style={{ marginTop: 8 }} loading={busy} disabled={!signature} onClick={() => act('sign-card', { signature, ...(signer.trim() ? { signerName: signer.trim() } : {}) })} data-testid="sign-card">
            {t('repairs.signCard')}
          </Button>
          <Input value={refusal} onChange={(e) => setRefusal(e.target.value)} placeholder={t('repairs.refusalReason')} style={{ marginTop: 12 }} />
          <Button block danger style={{ marginTop: 8 }} loading={busy} disabled={!refusal.trim()} onClick={() => act('refuse-card', { reason: refusal.trim() })} data-testid="refuse-card">
            {t('repairs.refuseCard')}
          </Button>
        </Card>
      )}
      {r.data.card && (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="card-state">
          {r.data.card.kind === 'signed' ? t('repairs.cardSigned', { name: r.data.card.signerName ?? '' }) : t('repairs.cardRefused', { reason: r.data.card.reason ?? '' })}
        </Typography.Paragraph>
      )}

      <PhotoThumbs caseId={r.id} />
      {!r.closed && (
        <Upload accept="image/*" capture="environment" showUploadList={false} beforeUpload={upload}>
          <Button icon={<CameraOutlined />} block style={{ marginTop: 12 }} data-testid="photo">
            {t('repairs.photo')}
          </Button>
        </Upload>
      )}

      <Card size="small" title={t('repairs.timeline')} style={{ marginTop: 12 }}>
        <Timeline items={r.timeline.map((e) => ({ children: `${shortTime(e.at)} ${e.actorName ?? e.actor} ${t(`repairs.events.${e.action}`, { defaultValue: t('repairs.events.other') })}${e.note ? `：${e.note}` : ''}` }))} />
      </Card>
    </div>
  );
}

function DamageCard({ busy, current, onSave }: { busy: boolean; current: RepairDetail['data']['damage']; onSave: (body: Record<string, unknown>) => void }) {
  const { t } = useI18n();
  const [description, setDescription] = useState(current?.description ?? '');
  const [resolution, setResolution] = useState<'restored' | 'compensated' | ''>(current?.resolution ?? '');
  const [yuan, setYuan] = useState<number | null>(current?.compensationFen != null ? current.compensationFen / 100 : null);
  return (
    <Card size="small" title={t('repairs.damage')} style={{ marginTop: 12 }}>
      <Input.TextArea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} placeholder={t('repairs.damageDescription')} />
      <Radio.Group
        style={{ marginTop: 8 }}
        value={resolution}
        onChange={(e) => setResolution(e.target.value)}
        options={[
          { value: '', label: t('repairs.resolution.none') },
          { value: 'restored', label: t('repairs.resolution.restored') },
          { value: 'compensated', label: t('repairs.resolution.compensated') },
        ]}
      />
      {resolution === 'compensated' && <InputNumber style={{ width: '100%', marginTop: 8 }} min={0.01} step={1} precision={2} value={yuan} onChange={setYuan} addonAfter={t('repairs.yuan')} />}
      <Button
        block
        style={{ marginTop: 8 }}
        loading={busy}
        disabled={!description.trim()}
        onClick={() => onSave({ description: description.trim(), ...(resolution ? { resolution } : {}), ...(resolution === 'compensated' && yuan ? { compensationFen: Math.round(yuan * 100) } : {}) })}
      >
        {t('repairs.saveDamage')}
      </Button>
    </Card>
  );
}

interface PhotoFile {
  id: string;
  name: string;
  mime: string;
}

/** The photos already taken on the order (and the signed card), as thumbnails that open full size. */
function PhotoThumbs({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['repairs', 'photos', caseId], queryFn: () => api.get<{ items: PhotoFile[] }>(paths.cases.attachments(caseId)) });
  const photos = (q.data?.items ?? []).filter((f) => f.mime.startsWith('image/'));
  if (!photos.length) return null;
  return (
    <Card size="small" title={t('repairs.photos', { count: photos.length })} style={{ marginTop: 12 }} data-testid="photo-thumbs">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        {photos.map((f) => (
          <a key={f.id} href={paths.cases.attachment(caseId, f.id)} target="_blank" rel="noreferrer" title={f.name}>
            <img src={paths.cases.attachment(caseId, f.id)} alt={f.name} loading="lazy" style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 4, border: '1px solid #e5e5e5' }} />
          </a>
        ))}
      </div>
    </Card>
  );
}
