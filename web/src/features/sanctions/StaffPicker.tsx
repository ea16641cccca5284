import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import type { Staff } from '../../app/types';

/** One or several staff members of a unit, searched on the server by badge number or name. */
export function StaffPicker({ value, onChange, id, unitId, multiple, testId }: { value?: string | string[] | null; onChange?: (v: string | string[] | null) => void; id?: string; unitId?: string; multiple?: boolean; testId?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['staff', 'pick', unitId ?? null, q],
    queryFn: () => api.get<Page<Staff>>(paths.staff.list, { q: q || undefined, unitId, pageSize: 50, active: 'true' }),
    placeholderData: keepPreviousData,
  });
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={list.isFetching}
      placeholder={t('users.staffPlaceholder')}
      options={(list.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.badgeNo}）` }))}
      data-testid={testId}
    />
  );
}
