import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { api, type Page, type Query } from './api';
import { useI18n } from './i18n';
import type { ApiPath } from './paths';

export interface ServerTableState {
  page: number;
  pageSize: number;
  q: string;
  sort?: string;
  order?: 'asc' | 'desc';
}

/**
 * Server-side pagination, search and sorting for a list endpoint. `filters` are extra query
 * parameters (unit, role, active…); changing them or the search goes back to page 1.
 */
export function useServerTable<T>(key: string, path: ApiPath, filters: Query = {}, initial: Partial<ServerTableState> = {}) {
  const { t } = useI18n();
  const [state, setState] = useState<ServerTableState>({ page: 1, pageSize: 20, q: '', ...initial });
  const filterKey = JSON.stringify(filters);
  const [lastFilterKey, setLastFilterKey] = useState(filterKey);
  if (filterKey !== lastFilterKey) {
    setLastFilterKey(filterKey);
    setState((s) => ({ ...s, page: 1 }));
  }

  /** The query of the current view without paging (for exports). */
  const viewQuery: Query = useMemo(
    () => ({ ...filters, q: state.q || undefined, sort: state.sort, order: state.sort ? state.order : undefined }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filterKey, state.q, state.sort, state.order],
  );
  const query = useQuery({
    queryKey: [key, 'list', viewQuery, state.page, state.pageSize],
    queryFn: () => api.get<Page<T>>(path, { ...viewQuery, page: state.page, pageSize: state.pageSize }),
    placeholderData: keepPreviousData,
  });

  const pagination: TablePaginationConfig = {
    current: state.page,
    pageSize: state.pageSize,
    total: query.data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (total) => t('common.total', { count: total }),
    size: 'small',
  };

  const onChange: TableProps<T>['onChange'] = (p, _filters, sorter) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
    const field = s?.order ? String(s.columnKey ?? s.field ?? '') : undefined;
    setState((prev) => {
      const sortChanged = field !== prev.sort || (s?.order === 'descend' ? 'desc' : 'asc') !== prev.order;
      return {
        ...prev,
        page: sortChanged && field !== prev.sort ? 1 : (p.current ?? 1),
        pageSize: p.pageSize ?? prev.pageSize,
        sort: field || undefined,
        order: s?.order === 'descend' ? 'desc' : 'asc',
      };
    });
  };

  /** antd's sortOrder for a column, so the header arrow matches the state. */
  const sortOrderOf = (column: string) => (state.sort === column ? (state.order === 'desc' ? 'descend' : 'ascend') : null);

  return {
    state,
    setSearch: (q: string) => setState((s) => ({ ...s, q: q.trim(), page: 1 })),
    query,
    viewQuery,
    sortOrderOf,
    tableProps: {
      dataSource: query.data?.items ?? [],
      loading: query.isFetching,
      pagination,
      onChange,
    } satisfies Partial<TableProps<T>>,
  };
}

export type ServerTable<T> = ReturnType<typeof useServerTable<T>>;
