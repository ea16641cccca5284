import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, type Query } from '../../app/api';
import { paths } from '../../app/paths';
import { useShowError } from '../../app/errors';
import { ExportButton } from '../../app/ExportButton';
import { useI18n } from '../../app/i18n';
import type { AuditEntry, ChainReport } from '../../app/types';
import { useServerTable } from '../../app/useServerTable';
import { useCaseLabels } from '../cases/labels';
import { PageTitle } from '../../components/PageTitle';
import { ServerTable } from '../../components/QueryTable';

const entities = ['unit', 'staff', 'staff_roster', 'user', 'api_token', 'calendar_override', 'calendar_year', 'policy_overrides', 'organisation'];

interface Filters {
  actor?: string;
  entity?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const json = (x: unknown) => (x === null || x === undefined ? '' : JSON.stringify(x, null, 2));

export default function AuditPage() {
  const { t } = useI18n();
  const labels = useCaseLabels();
  const showError = useShowError();
  const [filters, setFilters] = useState<Query>({});
  const table = useServerTable<AuditEntry>('audit', paths.audit.list, filters);
  const verify = useMutation({ mutationFn: () => api.post<ChainReport>(paths.audit.verify), onError: showError });

  const apply = (f: Filters) =>
    setFilters({
      actor: f.actor?.trim() || undefined,
      entity: f.entity || undefined,
      entityId: f.entityId?.trim() || undefined,
      from: f.range?.[0] ? f.range[0].format() : undefined,
      to: f.range?.[1] ? f.range[1].format() : undefined,
    });

  // `case:complaint`, `export:ratings`, `taxonomy:rating_reason`: the kind, then what (i18next reads ':' as a namespace).
  const entityLabel = (e: string) => {
    const [kind, what] = e.split(':');
    const name = t(`audit.entities.${kind}`, { defaultValue: kind });
    if (!what) return name;
    return `${name}·${kind === 'case' ? labels.typeLabel(what) : t(`audit.subjects.${what}`, { defaultValue: what })}`;
  };
  // A case's workflow actions (verify, reply…) are named as on the case page.
  const actionLabel = (a: string, e = '') => {
    const [kind, type] = e.split(':');
    return t(`audit.actions.${a}`, { defaultValue: kind === 'case' && type ? labels.actionLabel(type, a) : t(`cases.actionLabels.common.${a}`, { defaultValue: a }) });
  };
  // A batch's entry (escalation_batch, ledger_batch) lists its records: named by how many it holds.
  const recordName = (e: AuditEntry): string | null => {
    if (e.entityName) return e.entityName;
    return e.listedCount === null ? null : t('audit.batchRecords', { count: e.listedCount });
  };
  const actorLabel = (e: AuditEntry) => e.actorName ?? t(`audit.actorKinds.${e.actorKind}`, { defaultValue: e.actor });
  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 70 },
    { title: t('audit.at'), dataIndex: 'at', key: 'at', sorter: true, sortOrder: table.sortOrderOf('at'), render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
    { title: t('audit.actor'), dataIndex: 'actor', key: 'actor', sorter: true, sortOrder: table.sortOrderOf('actor'), render: (_, e) => actorLabel(e) },
    { title: t('audit.action'), dataIndex: 'action', key: 'action', sorter: true, sortOrder: table.sortOrderOf('action'), render: (a: string, e) => <Tag>{actionLabel(a, e.entity)}</Tag> },
    { title: t('audit.entity'), dataIndex: 'entity', key: 'entity', sorter: true, sortOrder: table.sortOrderOf('entity'), render: entityLabel },
    {
      title: t('audit.record'),
      key: 'record',
      // The record's name where the entry carries one (门诊部（H-OPD）); its id stays at hand.
      render: (_, e) => {
        const name = recordName(e);
        return name ? (
          <Tooltip title={e.entityId}>
            <span data-testid="audit-record">{name}</span>
          </Tooltip>
        ) : (
          <Typography.Text code style={{ fontSize: 12 }}>
            {e.entityId}
          </Typography.Text>
        );
      },
    },
    { title: t('audit.hash'), dataIndex: 'hash', key: 'hash', responsive: ['xl'], render: (h: string) => <Typography.Text code style={{ fontSize: 12 }}>{h.slice(0, 12)}…</Typography.Text> },
  ];
  const exportColumns = [
    { header: t('audit.seq'), value: (e: AuditEntry) => e.seq },
    { header: t('audit.at'), value: (e: AuditEntry) => dayjs(e.at).format('YYYY-MM-DD HH:mm:ss'), width: 20 },
    { header: t('audit.actor'), value: (e: AuditEntry) => actorLabel(e), width: 18 },
    { header: t('audit.action'), value: (e: AuditEntry) => actionLabel(e.action, e.entity) },
    { header: t('audit.entity'), value: (e: AuditEntry) => entityLabel(e.entity), width: 16 },
    { header: t('audit.record'), value: (e: AuditEntry) => recordName(e) ?? '', width: 28 },
    { header: t('audit.entityId'), value: (e: AuditEntry) => e.entityId, width: 38 },
    { header: t('audit.before'), value: (e: AuditEntry) => (e.before == null ? '' : JSON.stringify(e.before)), width: 40 },
    { header: t('audit.after'), value: (e: AuditEntry) => (e.after == null ? '' : JSON.stringify(e.after)), width: 40 },
    { header: t('audit.hash'), value: (e: AuditEntry) => e.hash, width: 66 },
  ];

  const report = verify.data;
  return (
    <>
      <PageTitle title={t('menu.audit')}>
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
          {t('audit.verify')}
        </Button>
      </PageTitle>
      {report && (
        <Alert
          type={report.ok ? 'success' : 'error'}
          showIcon
          closable
          style={{ marginBottom: 12 }}
          title={report.ok ? t('audit.chainOk', { count: report.checked }) : t('audit.chainBroken', { seq: report.firstBroken?.seq, reason: t(`audit.reasons.${report.firstBroken?.reason}`, { defaultValue: report.firstBroken?.reason }), count: report.checked })}
          description={t('audit.checkpoints', { count: report.checkpoints })}
          data-testid="chain-report"
        />
      )}
      <Card size="small">
        <Form layout="vertical" onFinish={apply} name="audit-filter">
          <Row gutter={12} align="bottom">
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="actor" label={t('audit.actor')}>
                <Input allowClear placeholder={t('audit.actorHint')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="entity" label={t('audit.entity')}>
                <Select allowClear options={entities.map((e) => ({ value: e, label: entityLabel(e) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="entityId" label={t('audit.entityId')}>
                <Input allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={7}>
              <Form.Item name="range" label={t('audit.range')}>
                <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={3}>
              <Form.Item label=" " colon={false}>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />} block>
                  {t('common.filter')}
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <div className="yz-toolbar">
          <ExportButton path={paths.audit.list} query={table.viewQuery} columns={exportColumns} name={t('audit.exportName')} />
        </div>
        <ServerTable<AuditEntry>
          table={table}
          rowKey="seq"
          columns={columns}
          expandable={{
            rowExpandable: (e) => e.before != null || e.after != null,
            expandedRowRender: (e) => (
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t('audit.before')}</Typography.Text>
                  <pre className="yz-json">{json(e.before) || '—'}</pre>
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t('audit.after')}</Typography.Text>
                  <pre className="yz-json">{json(e.after) || '—'}</pre>
                </Col>
              </Row>
            ),
          }}
        />
      </Card>
    </>
  );
}
