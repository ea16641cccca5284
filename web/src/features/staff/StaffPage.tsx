import { useState } from 'react';
import { Button, Card, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { ExportButton } from '../../app/ExportButton';
import { useI18n } from '../../app/i18n';
import type { Staff } from '../../app/types';
import { useChange } from '../../app/useChange';
import { useServerTable } from '../../app/useServerTable';
import { PageTitle } from '../../components/PageTitle';
import { ServerTable } from '../../components/QueryTable';
import { ConfirmAction, RowAction, RowActions } from '../../components/RowActions';
import { UnitFilter } from '../../components/UnitSelect';
import { StaffForm } from './StaffForm';
import { StaffImport } from './StaffImport';
import { IncidentDrawer } from '../incidents/IncidentDrawer';
import { HonoursDrawer } from '../awards/Honours';

type ActiveFilter = 'true' | 'false' | 'all';

export default function StaffPage() {
  const { t, pick } = useI18n();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [active, setActive] = useState<ActiveFilter>('true');
  const [editing, setEditing] = useState<{ staff: Staff | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const [incidentsOf, setIncidentsOf] = useState<string | null>(null);
  const [honoursOf, setHonoursOf] = useState<Staff | null>(null);
  const table = useServerTable<Staff>('staff', paths.staff.list, { unitId, active: active === 'all' ? undefined : active });

  const setActiveFlag = useChange({
    mutationFn: (s: Staff) => (s.active ? api.delete(paths.staff.one(s.id), { version: s.version }) : api.patch(paths.staff.one(s.id), { version: s.version, active: true })),
    success: t('common.saved'),
    invalidate: [['staff']],
  });

  const unitNames = (s: Staff) => [...s.units].sort((a, b) => Number(b.primary) - Number(a.primary)).map((u) => u.name);
  const columns: TableColumnsType<Staff> = [
    { title: t('staff.badgeNo'), dataIndex: 'badgeNo', key: 'badgeNo', sorter: true, sortOrder: table.sortOrderOf('badgeNo') },
    { title: t('staff.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: table.sortOrderOf('name') },
    {
      title: t('staff.units'),
      key: 'units',
      render: (_, s) => (
        <Space size={[0, 4]} wrap>
          {unitNames(s).map((n, i) => (
            <Tag key={n} color={i === 0 ? 'blue' : undefined}>
              {n}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('staff.star'),
      key: 'star',
      render: (_, s) => (s.star ? <span title={`${pick(s.star.label)} · ${s.star.period}`} aria-label={pick(s.star.label)} data-testid={`star-${s.badgeNo}`} style={{ color: '#d48806', whiteSpace: 'nowrap' }}>{'★'.repeat(s.star.stars)}</span> : ''),
    },
    { title: t('staff.posts'), key: 'posts', render: (_, s) => s.posts.join('、'), responsive: ['md'] },
    { title: t('staff.category'), dataIndex: 'category', key: 'category', sorter: true, sortOrder: table.sortOrderOf('category'), responsive: ['md'] },
    { title: t('staff.partyBranch'), dataIndex: 'partyBranch', key: 'partyBranch', responsive: ['xl'] },
    { title: t('staff.phone'), dataIndex: 'phone', key: 'phone', responsive: ['xl'] },
    { title: t('staff.middleCadre'), key: 'middleCadre', render: (_, s) => (s.flags.middleCadre ? t('common.yes') : ''), responsive: ['lg'] },
    { title: t('staff.status'), key: 'active', render: (_, s) => (s.active ? <Tag color="green">{t('staff.active')}</Tag> : <Tag>{t('staff.inactive')}</Tag>), responsive: ['sm'] },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) => (
        <RowActions>
          <RowAction onClick={() => setEditing({ staff: s })}>{t('common.edit')}</RowAction>
          <RowAction onClick={() => setIncidentsOf(s.id)} testId="incidents-button">
            {t('incidents.button')}
          </RowAction>
          <RowAction onClick={() => setHonoursOf(s)} testId="honours-button">
            {t('awards.honoursButton')}
          </RowAction>
          <ConfirmAction confirm={s.active ? t('staff.confirmDeactivate', { name: s.name }) : t('staff.confirmActivate', { name: s.name })} onConfirm={() => setActiveFlag.mutateAsync(s)} danger={s.active}>
            {s.active ? t('staff.deactivate') : t('staff.activate')}
          </ConfirmAction>
        </RowActions>
      ),
    },
  ];

  const exportColumns = [
    { header: t('staff.badgeNo'), value: (s: Staff) => s.badgeNo, width: 14 },
    { header: t('staff.name'), value: (s: Staff) => s.name, width: 14 },
    { header: t('staff.primaryUnitCode'), value: (s: Staff) => s.units.find((u) => u.primary)?.code ?? s.units[0]?.code ?? '', width: 16 },
    { header: t('staff.units'), value: (s: Staff) => unitNames(s).join('、'), width: 30 },
    { header: t('staff.posts'), value: (s: Staff) => s.posts.join('、'), width: 24 },
    { header: t('staff.category'), value: (s: Staff) => s.category ?? '' },
    { header: t('staff.partyBranch'), value: (s: Staff) => s.partyBranch ?? '', width: 16 },
    { header: t('staff.phone'), value: (s: Staff) => s.phone ?? '', width: 16 },
    { header: t('staff.middleCadre'), value: (s: Staff) => (s.flags.middleCadre ? t('common.yes') : t('common.no')) },
    { header: t('staff.status'), value: (s: Staff) => (s.active ? t('staff.active') : t('staff.inactive')) },
  ];

  return (
    <>
      <PageTitle title={t('menu.staff')} add={{ text: t('staff.add'), onClick: () => setEditing({ staff: null }) }}>
        <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
          {t('staff.import.button')}
        </Button>
      </PageTitle>
      <Card size="small">
        <div className="yz-toolbar">
          <Input.Search allowClear placeholder={t('staff.searchPlaceholder')} aria-label={t('common.search')} onSearch={table.setSearch} style={{ width: 220 }} />
          <UnitFilter value={unitId} onChange={setUnitId} placeholder={t('staff.filterUnit')} />
          <Select<ActiveFilter>
            value={active}
            onChange={setActive}
            aria-label={t('staff.status')}
            style={{ width: 110 }}
            options={[
              { value: 'true', label: t('staff.active') },
              { value: 'false', label: t('staff.inactive') },
              { value: 'all', label: t('common.all') },
            ]}
          />
          <ExportButton path={paths.staff.list} query={table.viewQuery} columns={exportColumns} name={t('staff.exportName')} />
        </div>
        <ServerTable<Staff> table={table} columns={columns} />
      </Card>
      <StaffForm open={editing !== null} staff={editing?.staff ?? null} defaultUnitId={unitId} onClose={() => setEditing(null)} />
      <StaffImport open={importing} onClose={() => setImporting(false)} />
      <IncidentDrawer staffId={incidentsOf} onClose={() => setIncidentsOf(null)} />
      <HonoursDrawer staffId={honoursOf?.id} title={honoursOf ? `${t('awards.honoursTitle')} · ${honoursOf.name}` : undefined} onClose={() => setHonoursOf(null)} />
    </>
  );
}
