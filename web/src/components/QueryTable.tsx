import { Table, type TableProps } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { LoadError } from '../app/errors';
import type { ServerTable as ServerRows } from '../app/useServerTable';

/** A table of what a query loaded, or why it could not load (a 403 page for access errors, else an alert with retry). */
export function QueryTable<T extends object>({ query, ...props }: { query: UseQueryResult<unknown> } & TableProps<T>) {
  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  return <Table<T> rowKey="id" size="small" loading={query.isFetching} {...props} />;
}

/** The table of a server-side list (`useServerTable`): its page of rows, sortable, or why it failed to load. */
export function ServerTable<T extends object>({ table, ...props }: { table: ServerRows<T> } & Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading' | 'onChange'>) {
  return <QueryTable<T> query={table.query} scroll={{ x: 'max-content' }} {...props} {...table.tableProps} />;
}
