import { Drawer, Empty, Grid, List, Space, Tag, Typography } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { itemsOf, type Honour } from './model';

/** 荣誉记录: the honours of a person or a unit, newest first. */
export function HonoursList({ staffId, unitId }: { staffId?: string | null; unitId?: string | null }) {
  const { t, pick } = useI18n();
  const honours = useQuery({
    queryKey: ['awards', 'honours', staffId ?? null, unitId ?? null],
    queryFn: async () => itemsOf<Honour>(await api.get<unknown>(paths.honours.list, { staffId, unitId })),
    enabled: !!(staffId || unitId),
  });
  if (honours.error) return <LoadError error={honours.error} onRetry={() => honours.refetch()} />;
  return (
    <List
      loading={honours.isLoading}
      dataSource={honours.data ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('awards.noHonours')} /> }}
      renderItem={(h) => (
        <List.Item data-testid="honour">
          <Space direction="vertical" size={0}>
            <span>
              <TrophyOutlined style={{ color: '#d48806', marginRight: 6 }} />
              <b>{pick(h.name)}</b> · {h.period}
              {h.kind === 'honour' && <Tag style={{ marginLeft: 6 }}>{t('awards.autoHonour')}</Tag>}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[h.staffName, h.unitName, h.at.slice(0, 10)].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** A person's (or unit's) honours beside the staff list. */
export function HonoursDrawer({ staffId, unitId, title, onClose }: { staffId?: string | null; unitId?: string | null; title?: string; onClose: () => void }) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer open={!!(staffId || unitId)} onClose={onClose} title={title ?? t('awards.honoursTitle')} size={screens.md ? 560 : '100%'} data-testid="honours-drawer">
      <HonoursList staffId={staffId} unitId={unitId} />
    </Drawer>
  );
}

/** 我的荣誉: the caller's own honours (their staff record's), and their unit's. */
export default function MyHonoursPage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('awards.myHonours')}
      </Typography.Title>
      {me.staffId ? <HonoursList staffId={me.staffId} /> : <Empty description={t('awards.noStaff')} />}
    </>
  );
}
