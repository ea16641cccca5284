import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';

interface Message {
  id: string;
  subject: string;
  body: string;
  caseId: string | null;
  createdAt: string;
  read: boolean;
}

interface Inbox {
  items: Message[];
  total: number;
  unread: number;
}

/** 站内信: the unread count in the header, the latest messages, mark as read, a link to each case. */
export function InboxBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const [open, setOpen] = useState(false);
  const unread = useQuery({
    queryKey: ['inbox', 'unread'],
    queryFn: () => api.get<Inbox>(paths.inbox.list, { unread: 'true', pageSize: 1 }),
    refetchInterval: 60_000,
    staleTime: 5_000,
  });
  const latest = useQuery({
    queryKey: ['inbox', 'latest'],
    queryFn: () => api.get<Inbox>(paths.inbox.list, { pageSize: 20 }),
    enabled: open,
    staleTime: 0,
  });
  const markRead = useMutation({
    mutationFn: (ids: string[]) => api.post<{ updated: number }>(paths.inbox.read, { ids }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['inbox'] }),
    onError: showError,
  });

  const count = unread.data?.unread ?? 0;
  const items = latest.data?.items ?? [];
  const unreadIds = items.filter((m) => !m.read).map((m) => m.id);

  const openMessage = async (m: Message) => {
    if (!m.read) await markRead.mutateAsync([m.id]).catch(() => undefined);
    if (m.caseId) {
      setOpen(false);
      navigate(`/cases/${m.caseId}`);
    }
  };

  const content = (
    <div className="yz-inbox" data-testid="inbox-list">
      <div className="yz-inbox-head">
        <Typography.Text strong>{t('inbox.title')}</Typography.Text>
        <Button size="small" type="link" disabled={unreadIds.length === 0} loading={markRead.isPending} onClick={() => markRead.mutate(unreadIds)}>
          {t('inbox.markAllRead')}
        </Button>
      </div>
      <List<Message>
        size="small"
        loading={latest.isFetching && !latest.data}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} /> }}
        renderItem={(m) => (
          <List.Item
            key={m.id}
            className={m.read ? 'yz-inbox-item' : 'yz-inbox-item yz-inbox-unread'}
            data-testid="inbox-item"
            actions={
              m.read
                ? []
                : [
                    <Button key="read" size="small" type="link" onClick={() => markRead.mutate([m.id])}>
                      {t('inbox.markRead')}
                    </Button>,
                  ]
            }
          >
            <button type="button" className="yz-inbox-open" onClick={() => void openMessage(m)} disabled={!m.caseId && m.read}>
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Typography.Text strong={!m.read} ellipsis>
                  {!m.read && <Badge status="processing" />} {m.subject}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                  {dayjs(m.createdAt).format('MM-DD HH:mm')} · {m.body.split('\n')[0]}
                </Typography.Text>
              </Space>
            </button>
          </List.Item>
        )}
      />
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" arrow={false}>
      <Button type="text" aria-label={t('inbox.bell', { count })} data-testid="inbox-bell" data-unread={count}>
        <Badge count={count} size="small" overflowCount={99} data-testid="inbox-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
