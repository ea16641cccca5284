import { Link } from 'react-router-dom';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { LoadError } from '../../app/errors';
import { isLate, mapLinks, shortTime, type Repair } from './model';

/** 我的工单 (technician's phone, 390 px): the open orders held by the caller, soonest deadline first, with the address as a map link. */
export default function MyRepairsPage() {
  const { t, pick } = useI18n();
  // The server gives a technician (staff) only the orders assigned to them.
  const q = useQuery({ queryKey: ['repairs', 'mine'], queryFn: () => api.get<Page<Repair>>(paths.repairs.list, { pageSize: 100 }) });
  if (q.error) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  const open = (q.data?.items ?? []).filter((r) => !r.closed);
  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }}>
      <Typography.Title level={4}>{t('repairs.mine.title')}</Typography.Title>
      <List
        loading={q.isLoading}
        dataSource={open}
        locale={{ emptyText: <Empty description={t('repairs.mine.empty')} /> }}
        renderItem={(r) => {
          const address = String(r.contact.address ?? '');
          const links = mapLinks(address);
          const due = r.status === 'dispatched' ? { at: r.arrivalDueAt, badge: r.arrivalBadge, label: t('repairs.arrivalDue') } : { at: r.completionDueAt, badge: r.completionBadge, label: t('repairs.completionDue') };
          return (
            <Card size="small" style={{ marginBottom: 8, width: '100%' }} data-testid={`my-repair-${r.trackingNo}`}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Link to={`/repairs/${r.id}`} style={{ fontWeight: 600 }}>
                    {r.trackingNo}
                  </Link>
                  <Tag>{pick(r.statusLabel)}</Tag>
                </Space>
                <Typography.Text>{r.title}</Typography.Text>
                <a href={links.geo} data-testid="map-link">
                  <EnvironmentOutlined /> {address}
                </a>
                <a href={`tel:${String(r.contact.phone ?? '')}`}>
                  <PhoneOutlined /> {String(r.contact.name ?? '')} {String(r.contact.phone ?? '')}
                </a>
                {due.at && (
                  <Typography.Text type={isLate(due.badge) ? 'danger' : 'secondary'}>
                    {due.label} {shortTime(due.at)}
                  </Typography.Text>
                )}
              </Space>
            </Card>
          );
        }}
      />
    </div>
  );
}
