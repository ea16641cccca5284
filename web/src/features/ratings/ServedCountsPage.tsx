import { useEffect, useMemo, useRef, useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, InputNumber, Table, Typography, type TableColumnsType } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { ErrorAlert } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import type { UnitNode } from '../../app/types';
import { PageTitle } from '../../components/PageTitle';
import { servingUnits, useUnitTree } from '../units/useUnitTree';
import { useRatingStats } from './model';

/** 服务人次录入: clients served per window and day (the denominator of the rating rate). */
export default function ServedCountsPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const tree = useUnitTree();
  const [date, setDate] = useState<Dayjs>(() => dayjs().startOf('day'));
  const [values, setValues] = useState<Record<string, number | null>>({});
  // Windows the user typed into for this day: what arrives from the server later must not wipe them.
  const edited = useRef<{ day: string; units: Set<string> }>({ day: '', units: new Set() });
  const day = date.format('YYYY-MM-DD');
  const units = useMemo(() => servingUnits(tree.roots), [tree.roots]);
  // What is already recorded shows where the day has ratings (the statistics report served per unit).
  const stats = useRatingStats({ from: day, to: day, groupBy: 'unit' });
  useEffect(() => {
    if (edited.current.day !== day) edited.current = { day, units: new Set() };
    const known: Record<string, number | null> = {};
    for (const g of stats.data?.groups ?? []) if (g.served !== null) known[g.key] = g.served;
    setValues((typed) => {
      const keep = Object.fromEntries(Object.entries(typed).filter(([id]) => edited.current.units.has(id)));
      return { ...known, ...keep };
    });
  }, [stats.data, day]);

  const save = useMutation({
    mutationFn: () => {
      const counts = units.filter((u) => typeof values[u.id] === 'number').map((u) => ({ unitId: u.id, date: day, served: values[u.id] as number }));
      return api.post<{ recorded: number }>(paths.ratings.servedCounts, { counts });
    },
    onSuccess: async (r) => {
      message.success(t('served.saved', { count: r.recorded }));
      await queryClient.invalidateQueries({ queryKey: ['ratings'] });
    },
  });
  const filled = units.filter((u) => typeof values[u.id] === 'number').length;

  const columns: TableColumnsType<UnitNode> = [
    { title: t('served.window'), key: 'name', render: (_, u) => `${u.name}（${u.code}）` },
    {
      title: t('served.served'),
      key: 'served',
      width: 180,
      render: (_, u) => (
        <InputNumber
          min={0}
          max={1_000_000}
          precision={0}
          value={values[u.id] ?? null}
          onChange={(v) => {
            edited.current.units.add(u.id);
            setValues((s) => ({ ...s, [u.id]: typeof v === 'number' ? v : null }));
          }}
          aria-label={t('served.servedFor', { name: u.name })}
          style={{ width: '100%' }}
        />
      ),
    },
  ];

  return (
    <>
      <PageTitle title={t('menu.servedCounts')} />
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('served.hint')}</Typography.Paragraph>
        <div className="yz-toolbar">
          <DatePicker value={date} onChange={(d) => d && setDate(d.startOf('day'))} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} aria-label={t('served.date')} />
          <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={filled === 0} onClick={() => save.mutate()}>
            {t('served.save', { count: filled })}
          </Button>
        </div>
        <ErrorAlert error={save.error} style={{ marginBottom: 12 }} />
        <Table<UnitNode> rowKey="id" size="small" columns={columns} dataSource={units} pagination={false} loading={tree.query.isFetching} />
      </Card>
    </>
  );
}
