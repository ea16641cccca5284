import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Checkbox, DatePicker, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useServerTable } from '../../app/useServerTable';
import { RowAction, RowActions } from '../../components/RowActions';
import { UnitFilter } from '../../components/UnitSelect';
import { DecideDialog, type Decision } from './DecideDialog';
import { IncidentForm } from './IncidentForm';
import { IncidentTable } from './IncidentTable';
import { incidentKinds, incidentStates, type Incident } from './model';

const filterKeys = ['unitId', 'kind', 'state', 'from', 'to', 'unitOnly'] as const;
type Filter = Partial<Record<(typeof filterKeys)[number], string>>;

/** The list's filters live in its URL (the units screen links to a unit's file). */
function useFilter(): [Filter, (patch: Filter) => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => Object.fromEntries(filterKeys.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))) as Filter, [params]);
  const update = (patch: Filter) => {
    const next = { ...filter, ...patch };
    const out = new URLSearchParams();
    for (const k of filterKeys) if (next[k]) out.set(k, next[k]!);
    setParams(out, { replace: true });
  };
  return [filter, update];
}

/**
 * 差错事故档案: every incident the caller may see; with a unit picked, that unit's file (the unit
 * and the units under it). The office verifies or rejects what was reported.
 */
export default function IncidentsPage() {
  const { t } = useI18n();
  const me = useMe();
  const [filter, update] = useFilter();
  const [recording, setRecording] = useState(false);
  const [decision, setDecision] = useState<Decision | null>(null);
  const { unitId, unitOnly, ...rest } = filter;
  const table = useServerTable<Incident>('incidents', unitId ? paths.units.incidents(unitId) : paths.incidents.list, unitId ? { ...rest, unitOnly } : rest);
  const unitName = (table.query.data as { unit?: { name: string } } | undefined)?.unit?.name;
  const mayVerify = can(me.role, 'incidentsVerify');
  const actions = mayVerify
    ? (i: Incident) =>
        i.state === 'reported' && (
          <RowActions>
            <RowAction onClick={() => setDecision({ incident: i, outcome: 'verify' })} testId="incident-verify">
              {t('incidents.verify')}
            </RowAction>
            <RowAction danger onClick={() => setDecision({ incident: i, outcome: 'reject' })} testId="incident-reject">
              {t('incidents.reject')}
            </RowAction>
          </RowActions>
        )
    : undefined;

  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {unitId && unitName ? t('incidents.unitTitle', { name: unitName }) : t('incidents.listTitle')}
        </Typography.Title>
        {can(me.role, 'incidentsRecord') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-incident">
            {t('incidents.record')}
          </Button>
        )}
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="yz-toolbar" style={{ marginBottom: 0 }}>
          <UnitFilter value={unitId} onChange={(v) => update({ unitId: v, unitOnly: v ? unitOnly : undefined })} placeholder={t('incidents.allUnits')} label={t('incidents.unit')} testId="incidents-unit" />
          <Select
            allowClear
            placeholder={t('incidents.allKinds')}
            aria-label={t('incidents.kind')}
            value={filter.kind}
            onChange={(v) => update({ kind: v ?? undefined })}
            options={incidentKinds.map((k) => ({ value: k, label: t(`incidents.kinds.${k}`) }))}
            style={{ width: 180 }}
            popupMatchSelectWidth={false}
            data-testid="incidents-kind"
          />
          <Select
            allowClear
            placeholder={t('incidents.allStates')}
            aria-label={t('incidents.state')}
            value={filter.state}
            onChange={(v) => update({ state: v ?? undefined })}
            options={incidentStates.map((s) => ({ value: s, label: t(`incidents.states.${s}`) }))}
            style={{ width: 120 }}
            data-testid="incidents-state"
          />
          <DatePicker.RangePicker
            value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[t('incidents.from'), t('incidents.to')]}
            allowEmpty={[true, true]}
          />
          {unitId && (
            <Checkbox checked={unitOnly === 'true'} onChange={(e) => update({ unitOnly: e.target.checked ? 'true' : undefined })}>
              {t('incidents.unitOnly')}
            </Checkbox>
          )}
        </div>
      </Card>
      <Card size="small">
        {table.query.error ? (
          <LoadError error={table.query.error} onRetry={() => table.query.refetch()} />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <IncidentTable items={table.tableProps.dataSource} loading={table.tableProps.loading} pagination={table.tableProps.pagination} onChange={table.tableProps.onChange} actions={actions} />
          </Space>
        )}
      </Card>
      <IncidentForm open={recording} onClose={() => setRecording(false)} />
      <DecideDialog decision={decision} onClose={() => setDecision(null)} />
    </>
  );
}
