import { useMemo } from 'react';
import { App as AntApp, Empty, Spin, Tree, type TreeDataNode, type TreeProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { settled, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import type { Unit, UnitNode } from '../../app/types';
import { sortNodes } from './useUnitTree';

function toData(nodes: UnitNode[]): TreeDataNode[] {
  return sortNodes(nodes).map((n) => ({ key: n.id, title: `${n.name}（${n.code}）`, children: toData(n.children) }));
}

/** The unit tree; drag a unit onto another to move it under that unit (or beside it, between rows). */
export function UnitTree({ roots, loading, byId, selected, onSelect }: { roots: UnitNode[]; loading: boolean; byId: Map<string, UnitNode>; selected: string | null; onSelect: (id: string | null) => void }) {
  const { t } = useI18n();
  const { modal, message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const treeData = useMemo(() => toData(roots), [roots]);

  const move = useMutation({
    mutationFn: ({ unit, parentId, sortOrder }: { unit: Unit; parentId: string | null; sortOrder: number }) =>
      api.patch<Unit>(paths.units.one(unit.id), { version: unit.version, parentId, sortOrder }),
    onSuccess: async () => {
      message.success(t('units.moved'));
      await queryClient.invalidateQueries({ queryKey: ['units'] });
    },
    onError: showError,
  });

  const onDrop: TreeProps['onDrop'] = (info) => {
    const dragged = byId.get(String(info.dragNode.key));
    const target = byId.get(String(info.node.key));
    if (!dragged || !target) return;
    const position = info.dropPosition - Number(info.node.pos.split('-').pop());
    const parentId = info.dropToGap ? target.parentId : target.id;
    const sortOrder = info.dropToGap ? Math.max(0, target.sortOrder + (position > 0 ? 1 : -1)) : dragged.sortOrder;
    if (parentId === dragged.parentId && sortOrder === dragged.sortOrder) return;
    const parentName = parentId ? byId.get(parentId)?.name ?? '' : t('units.noParent');
    modal.confirm({
      title: t('units.confirmMove', { unit: dragged.name, parent: parentName }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => settled(move.mutateAsync({ unit: dragged, parentId, sortOrder })),
    });
  };

  if (loading) return <Spin />;
  if (treeData.length === 0) return <Empty />;
  return (
    <Tree
      treeData={treeData}
      draggable={{ icon: false }}
      blockNode
      defaultExpandAll
      selectedKeys={selected ? [selected] : []}
      onSelect={(keys) => onSelect(keys.length ? String(keys[0]) : null)}
      onDrop={onDrop}
      aria-label={t('units.tree')}
    />
  );
}
