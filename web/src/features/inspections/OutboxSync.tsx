import { useEffect } from 'react';
import { App as AntApp, Badge, Button, List, Popconfirm, Popover, Space, Tag, Typography } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { can } from '../../app/access';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { discard, syncOutbox, useOnline, useOutbox } from './outbox';
import { registerServiceWorker } from './serviceWorker';

/** Sends the outbox, then refreshes the lists and says how many went. */
export function useSyncNow() {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const { t } = useI18n();
  /** `quiet`: the caller shows the result itself (the form that just submitted). */
  return async (options: { retryRefused?: boolean; quiet?: boolean } = {}) => {
    if (!user) return undefined;
    const outcome = await syncOutbox(user.id, options);
    if (outcome.sent.length) {
      void queryClient.invalidateQueries({ queryKey: ['inspections'] });
      if (!options.quiet) void message.success(t('inspections.outbox.synced', { count: outcome.sent.length }));
    }
    return outcome;
  };
}

/**
 * Syncs the outbox when the app starts (a logged-in user) and whenever the browser comes back
 * online, and registers the service worker. Renders nothing; lives inside the authenticated layout.
 */
export function OutboxSync() {
  const { user } = useAuth();
  const sync = useSyncNow();
  const userId = user?.id;
  useEffect(() => {
    if (!userId) return;
    // Only those who fill in inspections get the offline shell; the others' app is unchanged.
    if (can(user?.role, 'inspect')) registerServiceWorker();
    const run = () => void sync().catch(() => undefined);
    run();
    window.addEventListener('online', run);
    return () => window.removeEventListener('online', run);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId]);
  return null;
}

/** 待同步 N: the waiting inspections, with their refusals, a send-now button and discard. */
export function OutboxBadge() {
  const { t, pick } = useI18n();
  const { user } = useAuth();
  const online = useOnline();
  const sync = useSyncNow();
  const mine = useOutbox().filter((e) => e.userId === user?.id);
  if (!mine.length) return online ? null : <Tag color="orange" data-testid="offline-tag">{t('inspections.offline')}</Tag>;
  const content = (
    <List
      size="small"
      style={{ maxWidth: 320 }}
      dataSource={mine}
      renderItem={(e) => (
        <List.Item
          actions={[
            <Popconfirm key="discard" title={t('inspections.outbox.discardConfirm')} onConfirm={() => discard(e.key)}>
              <Button size="small" type="link" danger>
                {t('inspections.outbox.discard')}
              </Button>
            </Popconfirm>,
          ]}
        >
          <List.Item.Meta
            title={e.title}
            description={
              <Space orientation="vertical" size={0}>
                <Typography.Text type="secondary">{e.body.performedAt.slice(0, 16).replace('T', ' ')}</Typography.Text>
                {e.refused && <Typography.Text type="danger">{pick(e.refused)}</Typography.Text>}
              </Space>
            }
          />
        </List.Item>
      )}
      footer={
        <Button block icon={<CloudUploadOutlined />} disabled={!online} onClick={() => void sync({ retryRefused: true })} data-testid="outbox-send">
          {t('inspections.outbox.sendNow')}
        </Button>
      }
    />
  );
  return (
    <Popover content={content} trigger="click" title={t('inspections.outbox.title')}>
      <Badge count={mine.length} size="small">
        <Tag color={online ? 'blue' : 'orange'} style={{ cursor: 'pointer', marginInlineEnd: 0 }} data-testid="outbox-badge" data-count={mine.length}>
          {t('inspections.outbox.pending', { count: mine.length })}
        </Tag>
      </Badge>
    </Popover>
  );
}
