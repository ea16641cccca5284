import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Empty, Grid, List, Pagination, Space, Table, Tag, Typography, type TableColumnsType, type TablePaginationConfig, type TableProps } from 'antd';
import type { TFunction } from 'i18next';
import { useI18n } from '../../app/i18n';
import { sourceCaseId, sourceInspectionId, stateColor, yuan, type Incident } from './model';

/** A kind's name in the current language (the server's label for a kind the screens do not know). */
export function kindName(t: TFunction, pick: (m: Incident['kindLabel']) => string, i: Pick<Incident, 'kind' | 'kindLabel'>): string {
  return t(`incidents.kinds.${i.kind}`, { defaultValue: pick(i.kindLabel) });
}

/** The kind's details in words (三级；责任事故 · 红包；已退还 2026-10-29). */
export function detailsText(t: TFunction, i: Pick<Incident, 'kind' | 'details'>): string {
  const d = i.details as Record<string, string | number | boolean | undefined>;
  const yes = (key: string, flag: unknown) => (flag ? t(`incidents.fields.${key}`) : null);
  const parts: (string | null | undefined)[] = [];
  switch (i.kind) {
    case 'verified_complaint':
      parts.push(d.verdict ? t(`incidents.verdicts.${d.verdict}`) : null, d.trackingNo as string);
      break;
    case 'concealed_error':
      parts.push(d.discoveredOn ? `${t('incidents.fields.discoveredOn')} ${d.discoveredOn}` : null);
      break;
    case 'accident':
      parts.push(d.graded ? t(`incidents.grades.${d.grade}`) : null, yes('liability', d.liability));
      break;
    case 'dispute':
      parts.push(d.party ? t(`incidents.parties.${d.party}`) : null, yes('reputationDamage', d.reputationDamage));
      break;
    case 'damage':
      parts.push(d.property as string);
      break;
    case 'red_envelope':
      parts.push(
        d.form ? t(`incidents.forms.${d.form}`) : null,
        d.returned ? `${t('incidents.fields.returned')} ${d.returnedOn ?? ''}`.trim() : null,
        d.dueBy ? `${t('incidents.fields.dueBy')} ${d.dueBy}` : null,
      );
      break;
    case 'exposure':
      parts.push(d.level ? t(`incidents.levels.${d.level}`) : null, d.channel ? t(`incidents.channels.${d.channel}`) : null, d.outlet as string);
      break;
    case 'eight_prohibitions':
      parts.push(d.item ? t(`incidents.prohibitions.${d.item}`) : null);
      break;
    case 'finding':
    case 'veto':
      parts.push(d.trackingNo as string, yes('halfHearted', d.halfHearted));
      break;
  }
  return parts.filter(Boolean).join('；');
}

function SourceLink({ i }: { i: Incident }) {
  const { t } = useI18n();
  const caseId = sourceCaseId(i);
  if (caseId) return <Link to={`/cases/${caseId}`}>{t('incidents.openSource')}</Link>;
  const inspectionId = sourceInspectionId(i);
  if (inspectionId) return <Link to={`/inspections/${inspectionId}`}>{t('incidents.openInspection')}</Link>;
  return <span className="yz-muted">{t('incidents.manual')}</span>;
}

function Subject({ i }: { i: Incident }) {
  const { t } = useI18n();
  if (i.staff) return <span>{i.staff.name}</span>;
  return (
    <Space size={4}>
      <Tag>{t('incidents.unitLevel')}</Tag>
      {i.unit?.name}
    </Space>
  );
}

export function StateTag({ i }: { i: Incident }) {
  const { t } = useI18n();
  return (
    <Tag color={stateColor[i.state]} data-testid="incident-state">
      {t(`incidents.states.${i.state}`)}
    </Tag>
  );
}

export interface IncidentTableProps {
  items: Incident[];
  loading?: boolean;
  /** Server paging (a list); without it the rows show on one page (a person's file). */
  pagination?: TablePaginationConfig | false;
  onChange?: TableProps<Incident>['onChange'];
  /** The person or unit column (not in a person's own file). */
  showSubject?: boolean;
  /** The row's actions (verify, reject). */
  actions?: (i: Incident) => ReactNode;
}

/**
 * Incidents as a table, or on a phone as one card each: date, kind, person or unit, amount in 元,
 * state, what happened, the source.
 */
export function IncidentTable({ items, loading, pagination = false, onChange, showSubject = true, actions }: IncidentTableProps) {
  const { t, pick } = useI18n();
  const narrow = !Grid.useBreakpoint().md;
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.empty')} />;
  if (narrow) {
    return (
      <>
        <List<Incident>
          loading={loading}
          dataSource={items}
          locale={{ emptyText: empty }}
          renderItem={(i) => (
            <List.Item key={i.id} className="yz-case-item" data-testid="incident-item">
              <div className="yz-case-card">
                <div className="yz-case-card-top">
                  <Typography.Text strong>{kindName(t, pick, i)}</Typography.Text>
                  <StateTag i={i} />
                </div>
                <div className="yz-case-card-title">{i.summary}</div>
                <div className="yz-case-card-meta">
                  <span>{i.occurredOn}</span>
                  {showSubject && <Subject i={i} />}
                  {i.amountFen !== null && <span>¥{yuan(i.amountFen)}</span>}
                  {detailsText(t, i) && <span className="yz-muted">{detailsText(t, i)}</span>}
                  <SourceLink i={i} />
                </div>
                {i.decision?.note && <div className="yz-muted">{i.decision.note}</div>}
                {actions && <div>{actions(i)}</div>}
              </div>
            </List.Item>
          )}
        />
        {pagination && <Pagination {...pagination} style={{ marginTop: 8, textAlign: 'center' }} simple onChange={(page, pageSize) => onChange?.({ current: page, pageSize }, {}, [], { action: 'paginate', currentDataSource: items })} />}
      </>
    );
  }
  const columns: TableColumnsType<Incident> = [
    { title: t('incidents.occurredAt'), key: 'occurredOn', width: 110, render: (_, i) => i.occurredOn },
    { title: t('incidents.kind'), key: 'kind', render: (_, i) => kindName(t, pick, i) },
    ...(showSubject ? [{ title: t('incidents.subject'), key: 'subject', render: (_: unknown, i: Incident) => <Subject i={i} /> }] : []),
    { title: t('incidents.amount'), key: 'amount', align: 'right', render: (_, i) => yuan(i.amountFen) },
    { title: t('incidents.state'), key: 'state', render: (_, i) => <StateTag i={i} /> },
    {
      title: t('incidents.summary'),
      key: 'summary',
      width: 320,
      render: (_, i) => (
        <>
          <div>{i.summary}</div>
          {detailsText(t, i) && <div className="yz-muted">{detailsText(t, i)}</div>}
          {i.decision?.note && <div className="yz-muted">{`${t(`incidents.states.${i.state}`)}：${i.decision.note}`}</div>}
        </>
      ),
    },
    { title: t('incidents.source'), key: 'source', render: (_, i) => <SourceLink i={i} /> },
    ...(actions ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, i: Incident) => actions(i) }] : []),
  ];
  return (
    <Table<Incident>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={pagination}
      onChange={onChange}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: empty }}
      data-testid="incidents-table"
    />
  );
}
