import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Card, Col, Input, Row, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { LoadError } from '../../app/errors';
import { ExportButton } from '../../app/ExportButton';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { unitKinds, type Unit, type UnitKind } from '../../app/types';
import { useChange } from '../../app/useChange';
import { useServerTable } from '../../app/useServerTable';
import { PageTitle } from '../../components/PageTitle';
import { ServerTable } from '../../components/QueryTable';
import { ConfirmAction, RowAction, RowActions } from '../../components/RowActions';
import { HonoursDrawer } from '../awards/Honours';
import { UnitForm } from './UnitForm';
import { UnitTree } from './UnitTree';
import { useUnitTree } from './useUnitTree';

export default function UnitsPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const tree = useUnitTree();
  const [parentId, setParentId] = useState<string | null>(null);
  const [kind, setKind] = useState<UnitKind | undefined>();
  const [editing, setEditing] = useState<{ unit: Unit | null } | null>(null);
  const [honoursOf, setHonoursOf] = useState<Unit | null>(null);
  const table = useServerTable<Unit>('units', paths.units.list, { parentId: parentId ?? undefined, kind });

  const remove = useChange({
    mutationFn: (u: Unit) => api.delete(paths.units.one(u.id), { version: u.version }),
    success: t('common.deleted'),
    invalidate: [['units']],
  });

  const parentName = (u: Unit) => (u.parentId ? tree.byId.get(u.parentId)?.name ?? '' : '');
  const columns: TableColumnsType<Unit> = [
    { title: t('units.code'), dataIndex: 'code', key: 'code', sorter: true, sortOrder: table.sortOrderOf('code') },
    { title: t('units.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: table.sortOrderOf('name') },
    { title: t('units.kind'), dataIndex: 'kind', key: 'kind', sorter: true, sortOrder: table.sortOrderOf('kind'), render: (k: UnitKind) => <Tag>{t(`unitKinds.${k}`)}</Tag> },
    { title: t('units.parent'), key: 'parent', render: (_, u) => parentName(u), responsive: ['md'] },
    { title: t('units.sortOrder'), dataIndex: 'sortOrder', key: 'sortOrder', sorter: true, sortOrder: table.sortOrderOf('sortOrder'), responsive: ['lg'] },
    { title: t('units.phone'), dataIndex: 'phone', key: 'phone', responsive: ['lg'] },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) => (
        <RowActions>
          <RowAction onClick={() => setEditing({ unit: u })}>{t('common.edit')}</RowAction>
          {can(me.role, 'incidents') && (
            <RowAction onClick={() => navigate(`/incidents?unitId=${encodeURIComponent(u.id)}`)} testId="unit-incidents">
              {t('menu.incidents')}
            </RowAction>
          )}
          <RowAction onClick={() => setHonoursOf(u)} testId="unit-honours">
            {t('awards.honoursButton')}
          </RowAction>
          <ConfirmAction confirm={t('units.confirmDelete', { name: u.name })} okText={t('common.delete')} onConfirm={() => remove.mutateAsync(u)} danger>
            {t('common.delete')}
          </ConfirmAction>
        </RowActions>
      ),
    },
  ];

  const exportColumns = [
    { header: t('units.code'), value: (u: Unit) => u.code, width: 16 },
    { header: t('units.name'), value: (u: Unit) => u.name, width: 28 },
    { header: t('units.kind'), value: (u: Unit) => t(`unitKinds.${u.kind}`) },
    { header: t('units.parentCode'), value: (u: Unit) => (u.parentId ? tree.byId.get(u.parentId)?.code ?? '' : ''), width: 16 },
    { header: t('units.parent'), value: parentName, width: 28 },
    { header: t('units.sortOrder'), value: (u: Unit) => u.sortOrder },
    { header: t('units.phone'), value: (u: Unit) => u.phone ?? '', width: 16 },
  ];

  if (tree.query.error) return <LoadError error={tree.query.error} onRetry={() => tree.query.refetch()} />;

  return (
    <>
      <PageTitle title={t('menu.units')} add={{ text: t('units.add'), onClick: () => setEditing({ unit: null }) }} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title={t('units.tree')} size="small" extra={<Typography.Text type="secondary">{t('units.dragHint')}</Typography.Text>}>
            <UnitTree roots={tree.roots} loading={tree.query.isLoading} byId={tree.byId} selected={parentId} onSelect={setParentId} />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small">
            <div className="yz-toolbar">
              <Input.Search allowClear placeholder={t('units.searchPlaceholder')} aria-label={t('common.search')} onSearch={table.setSearch} style={{ width: 240 }} />
              <Select
                allowClear
                placeholder={t('units.kind')}
                aria-label={t('units.kind')}
                value={kind}
                onChange={setKind}
                options={unitKinds.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))}
                style={{ width: 140 }}
              />
              {parentId && (
                <Tag closable onClose={() => setParentId(null)} style={{ alignSelf: 'center' }}>
                  {t('units.childrenOf', { name: tree.byId.get(parentId)?.name ?? '' })}
                </Tag>
              )}
              <ExportButton path={paths.units.list} query={table.viewQuery} columns={exportColumns} name={t('units.exportName')} />
            </div>
            <ServerTable<Unit> table={table} columns={columns} />
          </Card>
        </Col>
      </Row>
      <UnitForm open={editing !== null} unit={editing?.unit ?? null} parentId={parentId} onClose={() => setEditing(null)} />
      <HonoursDrawer unitId={honoursOf?.id} title={honoursOf ? `${t('awards.honoursTitle')} · ${honoursOf.name}` : undefined} onClose={() => setHonoursOf(null)} />
    </>
  );
}
