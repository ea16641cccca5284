import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Button, Card, Col, Collapse, Descriptions, Empty, Grid, Row, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { canReadRoster } from '../../app/access';
import { useMe } from '../../app/auth';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { roleLabel } from '../../app/roles';
import { useShowError } from '../../app/errors';
import { downloadFile } from '../dashboard/model';
import type { Staff } from '../../app/types';
import { dangerActions, primaryActions } from './actionSpecs';
import { ActionDialog } from './ActionDialog';
import { ClockBadge, PriorityTag, StatusTag } from './Badges';
import { AttachmentsCard } from './Attachments';
import { useCaseLabels, useComplaintTaxonomy } from './labels';
import type { CaseDetail, CaseEvent, TaxonomyItem } from './model';
import { useUserDirectory } from './UserPicker';

const fmt = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');
type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : null);
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** 案件详情: header, clocks, what was recorded, timeline, escalations and one button per allowed action. */
export default function CasePage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [action, setAction] = useState<string | null>(null);
  const query = useQuery({ queryKey: ['cases', 'one', id], queryFn: () => api.get<CaseDetail>(paths.cases.one(id!)) });
  const detail = query.data;

  // A link may name an action to open (e.g. from a message: /cases/:id?action=reply).
  const linked = params.get('action');
  useEffect(() => {
    if (linked && detail) {
      setAction(linked);
      const next = new URLSearchParams(params);
      next.delete('action');
      setParams(next, { replace: true });
    }
  }, [linked, detail, params, setParams]);

  if (query.error) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  if (!detail) return <Card loading />;

  return (
    <>
      <CaseView detail={detail} onAction={setAction} onReload={() => query.refetch()} />
      <ActionDialog
        detail={detail}
        action={action}
        onClose={() => setAction(null)}
        onReload={() => query.refetch()}
        onDone={(updated) => {
          queryClient.setQueryData(['cases', 'one', id], updated);
          setAction(null);
        }}
      />
    </>
  );
}

function CaseView({ detail, onAction, onReload }: { detail: CaseDetail; onAction: (a: string) => void; onReload: () => void }) {
  const { t, pick } = useI18n();
  const me = useMe();
  const labels = useCaseLabels();
  const showError = useShowError();
  const [printing, setPrinting] = useState(false);
  const directory = useUserDirectory(!!detail.assigneeId && detail.assigneeId !== me.id);
  const roster = canReadRoster(me.role);
  const staff = useQuery({
    queryKey: ['staff', 'one', detail.staffId],
    queryFn: () => api.get<Staff>(paths.staff.one(detail.staffId!)),
    enabled: !!detail.staffId && (roster || detail.staffId === me.staffId),
  });
  const causes = useComplaintTaxonomy('causes', Array.isArray(detail.data.causes));
  // 差评 reasons by their labels (服务态度差), never their codes.
  const reasons = useQuery({
    queryKey: ['ratings', 'reasons'],
    queryFn: () => api.get<{ items: TaxonomyItem[]; labels?: Record<string, { zh: string; en: string }> }>(paths.ratings.reasons),
    staleTime: 300_000,
    enabled: Array.isArray(detail.data.reasons),
  });

  const assignee = (() => {
    if (!detail.assigneeId) return t('cases.unassigned');
    if (detail.assigneeId === me.id) return t('cases.assign.myself');
    const u = directory.list.find((x) => x.id === detail.assigneeId);
    return u ? `${u.displayName || u.username}（${roleLabel(t, u.role)}）` : (detail.assigneeName ?? t('cases.unknownUser'));
  })();
  const contact = rec(detail.contact) ?? {};
  const contactText = [
    contact.anonymous ? t('cases.anonymous') : str(contact.name),
    str(contact.phone),
    str(contact.email),
    contact.replyChannel ? t(`cases.options.replyChannels.${str(contact.replyChannel)}`, { defaultValue: str(contact.replyChannel) }) : '',
  ]
    .filter(Boolean)
    .join(' · ');

  // On a phone the deadlines come first, before the content.
  const wide = !!Grid.useBreakpoint().lg;
  const clocksCard = (
    <Card size="small" title={t('cases.clocksTitle')} style={{ marginBottom: 12 }} data-testid="case-clocks">
      {detail.clocks.length === 0 ? (
        <Typography.Text type="secondary">{t('cases.noClocks')}</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {detail.clocks.map((c) => (
            <div key={c.clockId}>
              <ClockBadge clock={c} />
              {c.stoppedAt && <div className="yz-muted">{t('cases.stoppedAt', { at: fmt(c.stoppedAt) })}</div>}
              {!c.stoppedAt && c.severeAt && <div className="yz-muted">{t('cases.severeAt', { at: fmt(c.severeAt) })}</div>}
            </div>
          ))}
        </Space>
      )}
    </Card>
  );

  // 投诉处理登记表: the server names the file (投诉处理登记表_编号.pdf).
  const printRegister = async () => {
    setPrinting(true);
    try {
      await downloadFile(paths.complaints.registerPdf(detail.id), `${detail.trackingNo}.pdf`);
    } catch (e) {
      showError(e);
    } finally {
      setPrinting(false);
    }
  };

  const actionButtons = detail.actions.map((a) => (
    <Button key={a} type={primaryActions.has(a) ? 'primary' : 'default'} danger={dangerActions.has(a)} onClick={() => onAction(a)} data-action={a}>
      {labels.actionLabel(detail.type, a)}
    </Button>
  ));

  return (
    <>
      <div className="yz-page-title">
        <Space wrap size={8} align="center">
          <Link to="/cases" aria-label={t('cases.backToInbox')}>
            <ArrowLeftOutlined />
          </Link>
          <Typography.Title level={1} style={{ fontSize: 20 }} data-testid="case-tracking-no">
            {detail.trackingNo}
          </Typography.Title>
          <Tag>{labels.typeLabel(detail.type)}</Tag>
          <span data-testid="case-status">
            <StatusTag label={pick(detail.statusLabel)} closed={detail.closed} />
          </span>
          <PriorityTag priority={detail.priority} />
        </Space>
        <Space wrap size={8}>
          {detail.type === 'complaint' && (
            <Button icon={<PrinterOutlined />} loading={printing} onClick={printRegister} data-testid="case-register-pdf">
              {t('cases.registerPdf')}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={onReload} aria-label={t('cases.reload')}>
            {t('cases.reload')}
          </Button>
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 12 }} title={t('cases.actionsTitle')}>
        {actionButtons.length ? (
          <Space wrap data-testid="case-actions">
            {actionButtons}
          </Space>
        ) : (
          <Typography.Text type="secondary">{detail.readOnly ? t('desk.readOnlyCase') : detail.closed ? t('cases.noActionsClosed') : t('cases.noActions')}</Typography.Text>
        )}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          {!wide && clocksCard}
          <Card size="small" title={detail.title} style={{ marginBottom: 12 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{detail.content}</Typography.Paragraph>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'unit', label: t('cases.unit'), children: labels.unitName(detail.unitId) || '—' },
                { key: 'staff', label: t('cases.staff'), children: staff.data ? `${staff.data.name}（${staff.data.badgeNo}）` : detail.staffId ? t('cases.staffNamed') : '—' },
                { key: 'channel', label: t('cases.channel'), children: labels.channelLabel(detail.channel) },
                { key: 'category', label: t('cases.category'), children: labels.categoryLabel(detail.category) || '—' },
                { key: 'received', label: t('cases.receivedAt'), children: fmt(detail.receivedAt) },
                { key: 'assignee', label: t('cases.assignee'), children: assignee },
                { key: 'contact', label: t('cases.contact'), children: contactText || '—' },
                ...(detail.closedAt ? [{ key: 'closed', label: t('cases.closedAt'), children: fmt(detail.closedAt) }] : []),
              ]}
            />
          </Card>
          <Card size="small" title={t('cases.record')} style={{ marginBottom: 12 }}>
            <CaseRecord
              detail={detail}
              causeLabel={(code) => { const c = causes.data?.items.find((x) => x.code === code); return c ? pick(c) : code; }}
              reasonLabel={(code) => { const r = reasons.data?.items.find((x) => x.code === code) ?? reasons.data?.labels?.[code]; return r ? pick(r) : code; }}
            />
          </Card>
          <AttachmentsCard caseId={detail.id} readOnly={detail.readOnly} />
        </Col>
        <Col xs={24} lg={10}>
          {wide && clocksCard}
          {detail.escalations.length > 0 && (
            <Card size="small" title={t('cases.escalationsTitle')} style={{ marginBottom: 12 }}>
              <Space direction="vertical">
                {detail.escalations.map((e) => (
                  <span key={`${e.clockId}-${e.levelId}-${e.run}`}>
                    <Tag color="volcano">{labels.clockLabel(e.clockId)}</Tag>
                    {e.levelWords ?? e.levelId} · {fmt(e.firedAt)}
                  </span>
                ))}
              </Space>
            </Card>
          )}
          <Card size="small" title={t('cases.timelineTitle')} data-testid="case-timeline">
            <Timeline items={detail.timeline.map((e) => ({ key: e.seq, color: e.public ? 'green' : 'blue', content: <EventItem detail={detail} event={e} /> }))} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function EventItem({ detail, event }: { detail: CaseDetail; event: CaseEvent }) {
  const { t } = useI18n();
  const labels = useCaseLabels();
  const name = event.action === 'register' ? t('cases.registered') : labels.actionLabel(detail.type, event.action);
  const moved = event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus;
  return (
    <div className="yz-event" data-event={event.action}>
      <Space size={4} wrap>
        <Typography.Text strong>{name}</Typography.Text>
        {event.public && <Tag color="green">{t('cases.publicEvent')}</Tag>}
        {/* A level fired as its clock turned (severely) overdue: the one entry names the lateness too. */}
        {typeof event.data.lateness === 'string' && <Tag color="red">{labels.actionLabel(detail.type, event.data.lateness)}</Tag>}
        {moved && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.statusLabel(detail.type, event.fromStatus)} → {labels.statusLabel(detail.type, event.toStatus)}
          </Typography.Text>
        )}
      </Space>
      <div className="yz-muted">
        {fmt(event.at)} · {event.actorName ?? t(`audit.actorKinds.${event.actorKind}`, { defaultValue: event.actor })}
      </div>
      {event.note && <div style={{ whiteSpace: 'pre-wrap' }}>{event.note}</div>}
    </div>
  );
}

/** What the handlers recorded on the case (verification, causes, reply…); unknown keys as JSON. */
function CaseRecord({ detail, causeLabel, reasonLabel }: { detail: CaseDetail; causeLabel: (code: string) => string; reasonLabel: (code: string) => string }) {
  const { t } = useI18n();
  const d = detail.data;
  const opt = (set: string, v: unknown) => t(`cases.options.${set}.${str(v)}`, { defaultValue: str(v) });
  const stamp = (r: Rec | null) => (r && r.at ? `${fmt(str(r.at))}${r.by ? ` · ${str(r.by)}` : ''}` : '');
  const items: { key: string; label: string; children: ReactNode }[] = [];
  const known = new Set<string>();
  const add = (key: string, label: string, children: ReactNode) => {
    known.add(key);
    if (children !== null && children !== '' && children !== undefined) items.push({ key, label, children });
  };
  const block = (r: Rec | null, main: ReactNode) =>
    r ? (
      <div>
        {main}
        <div className="yz-muted">{stamp(r)}</div>
      </div>
    ) : null;

  const verification = rec(d.verification);
  add('verification', t('cases.data.verification'), block(verification, verification && <>
    <Tag color={verification.verdict === 'unsubstantiated' ? 'default' : 'red'}>{opt('verdicts', verification.verdict)}</Tag>
    {str(verification.findings)}
  </>));
  add('causes', t('cases.data.causes'), Array.isArray(d.causes) ? <Space size={[4, 4]} wrap>{(d.causes as string[]).map((c) => <Tag key={c}>{causeLabel(c)}</Tag>)}{d.causeNote ? <span>{str(d.causeNote)}</span> : null}</Space> : null);
  known.add('causeNote');
  const measure = rec(d.measure);
  add('measure', t('cases.data.measure'), block(measure, measure && str(measure.text)));
  const reply = rec(d.reply);
  add('reply', t('cases.data.reply'), block(reply, reply && <><Tag>{opt('replyChannels', reply.channel)}</Tag><span data-testid="case-reply">{str(reply.content)}</span></>));
  // The complainant's own rating (public status page); the handler only reads it.
  const satisfaction = rec(d.satisfaction);
  add('satisfaction', t('cases.data.satisfaction'), satisfaction ? block(satisfaction, <span data-testid="case-satisfaction">{opt('satisfaction', satisfaction.value)} {str(satisfaction.note)} <Tag>{t('desk.byComplainant')}</Tag></span>) : reply && detail.type === 'complaint' ? <Typography.Text type="secondary" data-testid="case-satisfaction">{t('desk.awaitingComplainantRating')}</Typography.Text> : null);
  const sentBack = rec(d.sentBack);
  add('sentBack', t('desk.sentBack'), block(sentBack, sentBack && str(sentBack.reason)));
  const waiting = rec(d.waiting);
  add('waiting', t('cases.data.waiting'), block(waiting, waiting && str(waiting.reason)));
  const reopened = rec(d.reopened);
  add('reopened', t('cases.data.reopened'), block(reopened, reopened && str(reopened.reason)));
  known.add('previousReplies');
  // 差评整改
  if (d.level !== undefined) add('level', t('cases.data.level'), t(`ratings.levels.${str(d.level)}`, { defaultValue: str(d.level) }));
  add('reasons', t('cases.data.reasons'), Array.isArray(d.reasons) && d.reasons.length ? (d.reasons as string[]).map(reasonLabel).join('、') : null);
  known.add('source');
  known.add('ratingId');
  const callback = rec(d.callback);
  add('callback', t('cases.data.callback'), block(callback, callback && <>{callback.reached ? t('cases.data.reached') : t('cases.data.notReached')} · {opt('callbackChannels', callback.channel)} · {str(callback.result)}</>));
  const rectification = rec(d.rectification);
  add('rectification', t('cases.data.rectification'), block(rectification, rectification && <>{str(rectification.measure)}{rectification.evidence ? ` · ${str(rectification.evidence)}` : ''}</>));
  const verified = rec(d.verified);
  add('verified', t('cases.data.verified'), block(verified, verified && (str(verified.note) || t('cases.data.passed'))));
  const returned = rec(d.returned);
  add('returned', t('cases.data.returned'), block(returned, returned && str(returned.reason)));
  const appeal = rec(d.appeal);
  add('appeal', t('cases.data.appeal'), block(appeal, appeal && str(appeal.reason)));
  const decision = rec(d.appealDecision);
  add('appealDecision', t('cases.data.appealDecision'), block(decision, decision && <><Tag color={decision.upheld ? 'green' : 'red'}>{decision.upheld ? t('cases.data.upheld') : t('cases.data.rejected')}</Tag>{str(decision.decision)}</>));

  const rest = Object.fromEntries(Object.entries(d).filter(([k, v]) => !known.has(k) && v !== null && v !== undefined));
  return (
    <>
      {items.length ? <Descriptions size="small" column={1} items={items} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.nothingRecorded')} />}
      {Object.keys(rest).length > 0 && (
        <Collapse
          size="small"
          ghost
          items={[{ key: 'more', label: t('cases.otherData'), children: <pre className="yz-json">{JSON.stringify(rest, null, 2)}</pre> }]}
        />
      )}
    </>
  );
}
