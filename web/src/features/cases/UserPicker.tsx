import { useMemo, useState } from 'react';
import { Button, Input, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { inGroup, roleLabel, type Role } from '../../app/roles';
import type { AuditEntry, User } from '../../app/types';
import { useUnitTree } from '../units/useUnitTree';

export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  unitId: string | null;
  active: boolean;
}

/**
 * Users one may assign a case to. GET /api/v1/users is for administrators only; the quality
 * office rebuilds the list from what it may read — the audit log's user entries (each create and
 * update records the user's id, name, role, unit and active flag). Other roles get themselves and
 * a field for a user id.
 */
export function useUserDirectory(enabled: boolean) {
  const me = useMe();
  const viaUsers = enabled && can(me.role, 'users');
  const viaAudit = enabled && !viaUsers && can(me.role, 'audit');
  const users = useQuery({
    queryKey: ['users', 'directory'],
    queryFn: () => api.get<Page<User>>(paths.users.list, { pageSize: 500 }),
    enabled: viaUsers,
    staleTime: 60_000,
  });
  const audit = useQuery({
    queryKey: ['audit', 'user-directory'],
    queryFn: () => api.get<Page<AuditEntry>>(paths.audit.list, { entity: 'user', pageSize: 500 }),
    enabled: viaAudit,
    staleTime: 60_000,
  });
  const list = useMemo<DirectoryUser[]>(() => {
    if (viaUsers) return (users.data?.items ?? []).map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId, active: u.active }));
    if (viaAudit) {
      const byId = new Map<string, DirectoryUser>();
      // Oldest first, so the latest state of each user wins.
      for (const e of [...(audit.data?.items ?? [])].sort((a, b) => a.seq - b.seq)) {
        const after = e.after as Partial<DirectoryUser> | null;
        if (!after || typeof after !== 'object' || typeof after.username !== 'string') continue;
        byId.set(e.entityId, { id: e.entityId, username: after.username, displayName: after.displayName ?? null, role: after.role as Role, unitId: after.unitId ?? null, active: after.active !== false });
      }
      return [...byId.values()];
    }
    return [];
  }, [viaUsers, viaAudit, users.data, audit.data]);
  return { list, source: viaUsers ? 'users' : viaAudit ? 'audit' : 'none', loading: users.isFetching || audit.isFetching } as const;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Picks the user to assign a case to: the unit heads responsible for the case's unit first. */
export function UserPicker({ id, value, onChange, caseUnitId }: { id?: string; value?: string; onChange?: (v: string | undefined) => void; caseUnitId?: string | null }) {
  const { t } = useI18n();
  const me = useMe();
  const tree = useUnitTree();
  const directory = useUserDirectory(true);
  const [manual, setManual] = useState(false);
  const casePath = caseUnitId ? tree.byId.get(caseUnitId)?.path : undefined;

  const groups = useMemo(() => {
    const label = (u: DirectoryUser) => {
      const unit = u.unitId ? tree.byId.get(u.unitId)?.name : undefined;
      return `${u.displayName || u.username}（${roleLabel(t, u.role)}${unit ? ` · ${unit}` : ''}）`;
    };
    const active = directory.list.filter((u) => u.active && inGroup(u.role, 'handlers'));
    const responsible = (u: DirectoryUser) => {
      if (!inGroup(u.role, 'unitHeads') || !u.unitId || !casePath) return false;
      const p = tree.byId.get(u.unitId)?.path;
      return !!p && casePath.startsWith(p);
    };
    const suggested = active.filter(responsible);
    const heads = active.filter((u) => inGroup(u.role, 'unitHeads') && !responsible(u));
    const others = active.filter((u) => !inGroup(u.role, 'unitHeads'));
    const toOptions = (list: DirectoryUser[]) => list.sort((a, b) => label(a).localeCompare(label(b), 'zh-CN')).map((u) => ({ value: u.id, label: label(u) }));
    const out = [
      { label: t('cases.assign.suggested'), options: toOptions(suggested) },
      { label: t('cases.assign.unitHeads'), options: toOptions(heads) },
      { label: t('cases.assign.others'), options: toOptions(others) },
    ].filter((g) => g.options.length > 0);
    if (!active.some((u) => u.id === me.id)) out.push({ label: t('cases.assign.me'), options: [{ value: me.id, label: `${me.displayName || me.username}（${t('cases.assign.myself')}）` }] });
    return out;
  }, [directory.list, tree.byId, casePath, me, t]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      {manual ? (
        <Input
          id={id}
          value={value}
          onChange={(e) => onChange?.(e.target.value.trim() || undefined)}
          placeholder={t('cases.assign.uuidPlaceholder')}
          status={value && !uuid.test(value) ? 'error' : undefined}
        />
      ) : (
        <Select
          id={id}
          value={value}
          onChange={(v) => onChange?.(v)}
          showSearch={{ optionFilterProp: 'label' }}
          loading={directory.loading}
          placeholder={t('cases.assign.placeholder')}
          options={groups}
          data-testid="user-picker"
        />
      )}
      <Space size={0} wrap>
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setManual(!manual)}>
          {manual ? t('cases.assign.pickFromList') : t('cases.assign.enterId')}
        </Button>
        {directory.source === 'audit' && !manual && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cases.assign.fromAudit')}
          </Typography.Text>
        )}
      </Space>
    </Space>
  );
}

export const isUuid = (v: unknown) => typeof v === 'string' && uuid.test(v);
