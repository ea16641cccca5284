import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { HomeOutlined, MessageOutlined, PhoneOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { LoadError, useErrorText } from '../../app/errors';
import { attemptOutcomes, isLateBadge, lastHomeVisit, visitOutcomes, type FollowUp, type FollowUpDetail } from './model';

/** 我的随访 (the caller's phone, 390 px): today's follow-ups soonest due first; call, one tap per outcome, the answers. */
export default function MyFollowUpsPage() {
  const { t } = useI18n();
  const today = dayjs().format('YYYY-MM-DD');
  const q = useQuery({ queryKey: ['followups', 'mine', today], queryFn: () => api.get<Page<FollowUp>>(paths.followups.list, { mine: 1, date: today, pageSize: 100 }) });
  if (q.error) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  const open = (q.data?.items ?? []).filter((f) => !f.closed);
  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }}>
      <Typography.Title level={4}>{t('followups.mine.title')}</Typography.Title>
      <List loading={q.isLoading} dataSource={open} locale={{ emptyText: <Empty description={t('followups.mine.empty')} /> }} renderItem={(f) => <FollowUpCard f={f} />} />
    </div>
  );
}

function FollowUpCard({ f }: { f: FollowUp }) {
  const { t, pick } = useI18n();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [visiting, setVisiting] = useState(false);
  const post = async (action: 'attempt' | 'send-link', body: Record<string, unknown>) => {
    setBusy(true);
    try {
      const after = await api.post<FollowUp>(paths.followups.action(f.id, action), { version: f.version, ...body });
      message.success(after.status === 'unreachable' ? t('followups.nowUnreachable') : t('followups.saved'));
      setVisiting(false);
      await client.invalidateQueries({ queryKey: ['followups'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const late = isLateBadge(f.dueBadge);
  const visit = lastHomeVisit(f);
  return (
    <Card size="small" style={{ marginBottom: 8, width: '100%' }} data-testid={`my-followup-${f.trackingNo}`}>
      <Space direction="vertical" size={6} style={{ width: '100%' }}>
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text strong>{f.patientName}</Typography.Text>
          <Tag>{pick(f.statusLabel)}</Tag>
        </Space>
        <Typography.Text type="secondary">{f.title}</Typography.Text>
        <Space size={4} wrap>
          <Tag>{t(`followups.sources.${f.source}`)}</Tag>
          {f.dueDate && (
            <Typography.Text type={late ? 'danger' : 'secondary'} data-testid="due">
              {t('followups.dueDate')} {f.dueDate}
            </Typography.Text>
          )}
          {f.failedAttempts > 0 && <Tag color="orange">{t('followups.failedOf', { n: f.failedAttempts, max: f.maxFailedAttempts })}</Tag>}
        </Space>
        {f.phone && (
          <a href={`tel:${f.phone}`} data-testid="tel-link" style={{ fontSize: 16 }}>
            <PhoneOutlined /> {f.phone}
          </a>
        )}
        {visit && <HomeVisitLine visit={visit} />}
        {f.status === 'reached' ? (
          <AnswerForm f={f} />
        ) : (
          <>
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6 }}>
              {attemptOutcomes.map((o) => (
                <Button key={o} type={o === 'reached' ? 'primary' : 'default'} disabled={busy} onClick={() => post('attempt', { outcome: o })} data-testid={`outcome-${o}`} style={{ minHeight: 40 }}>
                  {t(`followups.outcomes.${o}`)}
                </Button>
              ))}
            </div>
            <Button icon={<MessageOutlined />} disabled={busy} onClick={() => post('send-link', {})} data-testid="send-link" block>
              {f.linkSentAt ? t('followups.resendLink') : t('followups.sendLink')}
            </Button>
            {visiting ? (
              <HomeVisitForm busy={busy} onSubmit={(body) => post('attempt', { kind: 'home_visit', ...body })} onCancel={() => setVisiting(false)} />
            ) : (
              <Button icon={<HomeOutlined />} disabled={busy} onClick={() => setVisiting(true)} data-testid="home-visit" block>
                {t('followups.homeVisit.record')}
              </Button>
            )}
          </>
        )}
      </Space>
    </Card>
  );
}

/** The latest home visit on a follow-up: when, where, who went, how it went. */
export function HomeVisitLine({ visit }: { visit: NonNullable<ReturnType<typeof lastHomeVisit>> }) {
  const { t } = useI18n();
  return (
    <Typography.Text type="secondary" data-testid="home-visit-line">
      <HomeOutlined /> {t('followups.homeVisit.line', { at: dayjs(visit.at).format('MM-DD HH:mm'), address: visit.address ?? '', visitor: visit.visitor ?? '', outcome: t(`followups.visitOutcomes.${visit.outcome}`) })}
    </Typography.Text>
  );
}

/** 上门随访 on the phone: the address visited, who went, then one tap for how it went. */
function HomeVisitForm({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit: (body: { outcome: string; address: string; visitor: string; note?: string }) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [address, setAddress] = useState('');
  const [visitor, setVisitor] = useState('');
  const [note, setNote] = useState('');
  const ready = address.trim() !== '' && visitor.trim() !== '';
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }} data-testid="home-visit-form">
      <Input placeholder={t('followups.homeVisit.address')} maxLength={200} value={address} onChange={(e) => setAddress(e.target.value)} data-testid="visit-address" />
      <Input placeholder={t('followups.homeVisit.visitor')} maxLength={40} value={visitor} onChange={(e) => setVisitor(e.target.value)} data-testid="visit-visitor" />
      <Input.TextArea placeholder={t('followups.homeVisit.note')} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="visit-note" />
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 6 }}>
        {visitOutcomes.map((o) => (
          <Button key={o} type={o === 'reached' ? 'primary' : 'default'} disabled={busy || !ready} onClick={() => onSubmit({ outcome: o, address: address.trim(), visitor: visitor.trim(), ...(note.trim() ? { note: note.trim() } : {}) })} data-testid={`visit-outcome-${o}`} style={{ minHeight: 40 }}>
            {t(`followups.visitOutcomes.${o}`)}
          </Button>
        ))}
      </div>
      <Button type="link" onClick={onCancel} data-testid="visit-cancel">
        {t('followups.homeVisit.cancel')}
      </Button>
    </Space>
  );
}

/** The questionnaire after a reached call: recovery (after a discharge), satisfaction, comments. */
export function AnswerForm({ f, onDone }: { f: FollowUp; onDone?: () => void }) {
  const { t, pick } = useI18n();
  const errorText = useErrorText();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const detail = useQuery({ queryKey: ['followups', 'one', f.id], queryFn: () => api.get<FollowUpDetail>(paths.followups.one(f.id)) });
  const [values, setValues] = useState<Record<string, string | number | undefined>>({});
  const [busy, setBusy] = useState(false);
  const questions = detail.data?.questions ?? [];
  const submit = async () => {
    setBusy(true);
    try {
      const after = await api.post<FollowUp>(paths.followups.action(f.id, 'answers'), { version: detail.data?.version ?? f.version, ...values });
      message.success(after.rectification ? t('followups.rectificationOpened', { no: after.rectification.trackingNo }) : t('followups.saved'));
      await client.invalidateQueries({ queryKey: ['followups'] });
      onDone?.();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="answer-form">
      {questions.map((q) => (
        <div key={q.id}>
          <Typography.Text strong>
            {pick(q.label)}
            {q.required ? ' *' : ''}
          </Typography.Text>
          {q.type === 'text' ? (
            <Input.TextArea rows={2} maxLength={1000} value={String(values[q.id] ?? '')} onChange={(e) => setValues({ ...values, [q.id]: e.target.value || undefined })} data-testid={`answer-${q.id}`} />
          ) : (
            <Radio.Group value={values[q.id]} onChange={(e) => setValues({ ...values, [q.id]: e.target.value })} data-testid={`answer-${q.id}`} style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
              {(q.options ?? []).map((o) => (
                <Radio.Button key={String(o.value)} value={o.value}>
                  <span data-testid={`answer-${q.id}-${o.value}`}>{pick(o)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          )}
        </div>
      ))}
      <Button type="primary" block loading={busy} disabled={values.satisfaction === undefined} onClick={submit} data-testid="answer-submit">
        {t('followups.saveAnswers')}
      </Button>
    </Space>
  );
}
