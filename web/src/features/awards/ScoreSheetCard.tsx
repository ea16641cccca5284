import { useState } from 'react';
import { Button, Card, InputNumber, Table, Typography, type TableColumnsType } from 'antd';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useChange } from '../../app/useChange';
import type { Nomination, Round, ScoreItem } from './model';

type Points = Record<string, Record<string, number | null>>;

/**
 * 评分表: one row per nominee, one column per item of the award's score sheet, each capped at the
 * item's maximum (the server refuses more: 400). A row is saved on its own.
 */
export function ScoreSheetCard({ round, items, nominations }: { round: Round; items: ScoreItem[]; nominations: Nomination[] }) {
  const { t, pick } = useI18n();
  const [points, setPoints] = useState<Points>({});
  const save = useChange({
    mutationFn: (n: Nomination) =>
      api.put(paths.awardRounds.scoreSheet(round.id, n.id), { items: items.map((i) => ({ code: i.code, points: points[n.id]?.[i.code] ?? 0 })) }),
    success: t('common.saved'),
    invalidate: [['awards', 'round', round.id]],
  });
  const label = (i: ScoreItem) => (typeof i.name === 'string' ? i.name : pick(i.name ?? i.label));
  const total = (id: string) => items.reduce((s, i) => s + (points[id]?.[i.code] ?? 0), 0);
  const columns: TableColumnsType<Nomination> = [
    { title: t('awards.nominee'), dataIndex: 'name', key: 'name', fixed: 'left' },
    ...items.map((i) => ({
      title: (
        <span>
          {label(i)}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            ≤ {i.max}
          </Typography.Text>
        </span>
      ),
      key: i.code,
      render: (_: unknown, n: Nomination) => (
        <InputNumber
          size="small"
          min={0}
          max={i.max}
          precision={1}
          style={{ width: 64 }}
          aria-label={`${n.name} ${label(i)}`}
          value={points[n.id]?.[i.code] ?? null}
          onChange={(v) => setPoints((p) => ({ ...p, [n.id]: { ...p[n.id], [i.code]: v } }))}
          data-testid={`points-${n.id}-${i.code}`}
        />
      ),
    })),
    { title: t('awards.total'), key: 'total', align: 'right', render: (_, n) => total(n.id) },
    {
      title: t('common.actions'),
      key: 'save',
      render: (_, n) => (
        <Button size="small" loading={save.isPending && save.variables?.id === n.id} onClick={() => save.mutate(n)} data-testid={`score-save-${n.id}`}>
          {t('common.save')}
        </Button>
      ),
    },
  ];
  return (
    <Card size="small" title={t('awards.scoreSheet')} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary">{t('awards.scoreSheetNote')}</Typography.Paragraph>
      <Table<Nomination> rowKey="id" size="small" columns={columns} dataSource={nominations} pagination={false} scroll={{ x: 'max-content' }} data-testid="score-sheet" />
    </Card>
  );
}
