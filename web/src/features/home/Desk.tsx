import { Link } from 'react-router-dom';
import { Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, type Bilingual } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { ClockBadge, StatusTag } from '../cases/Badges';
import type { CaseClock, CaseSummary } from '../cases/model';
import { useCaseLabels } from '../cases/labels';

/** GET /api/v1/me/desk (src/modules/cases/service.ts deskOf). */
interface Desk {
  mine: { total: number; items: CaseSummary[] };
  counts: { overdue: number; severelyOverdue: number; dueSoon: number; mineOverdue: number };
  queues: { id: string; type: string; label: Bilingual; count: number }[];
}

const late = (c: CaseClock) => c.badge === 'overdue' || c.badge === 'severely_overdue';
/** The clock that decides the case's place on the desk: the first running one. */
const runningClock = (c: CaseSummary) => c.clocks.find((k) => k.state !== 'stopped') ?? c.clocks[0];

/**
 * 工作台: the work first — the caller's own open cases by deadline (overdue in red), the overdue
 * and due-soon counts of what they may see, the work queues (差评 awaiting call-back). Today's
 * follow-ups join once the follow-up module exists (nothing is shown for it until then).
 */
export function DeskPanel() {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  const desk = useQuery({ queryKey: ['cases', 'desk'], queryFn: () => api.get<Desk>(paths.desk), refetchInterval: 120_000 });
  const d = desk.data;
  const stat = (key: string, title: string, value: number | undefined, to: string, color?: string) => (
    <Col xs={12} md={6} key={key}>
      <Link to={to} data-testid={`desk-count-${key}`}>
        <Card size="small" hoverable>
          <Statistic title={title} value={value ?? 0} valueStyle={color && value ? { color } : undefined} />
        </Card>
      </Link>
    </Col>
  );
  return (
    <section aria-labelledby="home-desk" style={{ marginBottom: 16 }} data-testid="home-desk">
      <Typography.Title level={2} id="home-desk" style={{ fontSize: 16 }}>
        {t('desk.title')}
      </Typography.Title>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {stat('mine', t('desk.mineOpen'), d?.mine.total, '/cases?mine=true')}
        {stat('overdue', t('desk.overdue'), d?.counts.overdue, '/cases?overdue=overdue', '#cf1322')}
        {stat('dueSoon', t('desk.dueSoon'), d?.counts.dueSoon, '/cases?overdue=due_soon', '#d46b08')}
        {d?.queues.map((q) => stat(q.id, pick(q.label), q.count, `/cases?type=${encodeURIComponent(q.type)}`, '#d46b08'))}
      </Row>
      <Card size="small" title={t('desk.myCases')} loading={desk.isLoading} extra={d && d.mine.total > d.mine.items.length ? <Link to="/cases?mine=true">{t('desk.allMine', { count: d.mine.total })}</Link> : null}>
        <List
          size="small"
          data-testid="desk-mine"
          locale={{ emptyText: t('desk.nothingMine') }}
          dataSource={d?.mine.items ?? []}
          renderItem={(c) => {
            const clock = runningClock(c);
            const overdue = !!clock && late(clock);
            return (
              <List.Item key={c.id} data-testid="desk-case" data-overdue={overdue ? 'true' : 'false'}>
                <Space wrap size={8} style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Space wrap size={8}>
                    <Link to={`/cases/${c.id}`} style={overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                      {c.trackingNo}
                    </Link>
                    <span style={overdue ? { color: '#cf1322' } : undefined}>{c.title}</span>
                    <span className="yz-muted">{labels.typeLabel(c.type)}</span>
                    <StatusTag label={pick(c.statusLabel)} closed={c.closed} />
                  </Space>
                  {clock && <ClockBadge clock={clock} compact />}
                </Space>
              </List.Item>
            );
          }}
        />
      </Card>
    </section>
  );
}
