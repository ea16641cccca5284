import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import type { Staff } from '../../app/types';

/** Picks a staff member by badge number or name (searched on the server). */
export function StaffSelect({ value, onChange, id }: { value?: string | null; onChange?: (v: string | null) => void; id?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['staff', 'pick', q],
    queryFn: () => api.get<Page<Staff>>(paths.staff.list, { q: q || undefined, pageSize: 20, active: 'true' }),
    placeholderData: keepPreviousData,
  });
  const current = useQuery({
    queryKey: ['staff', 'one', value],
    queryFn: () => api.get<Staff>(paths.staff.one(value!)),
    enabled: !!value && !list.data?.items.some((s) => s.id === value),
  });
  const items = [...(list.data?.items ?? [])];
  if (current.data && !items.some((s) => s.id === current.data.id)) items.unshift(current.data);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={list.isFetching}
      placeholder={t('users.staffPlaceholder')}
      options={items.map((s) => ({ value: s.id, label: `${s.name}（${s.badgeNo}）` }))}
    />
  );
}
