import { useRef } from 'react';
import { App as AntApp, Button, Card, List, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';

interface Attachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
}

/** The server's upload limit (src/server/app.ts multipart fileSize). */
const maxBytes = 10 * 1024 * 1024;
const accept = 'image/*,application/pdf,.doc,.docx,.xlsx,.pptx,audio/*,video/mp4,.amr,.m4a,.txt,.csv';

function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** 附件: evidence on the case — a photo, the call recording, a scan; upload, download, delete. */
/** `readOnly`: window staff reading a complaint about their window see the files but add none. */
export function AttachmentsCard({ caseId, readOnly = false }: { caseId: string; readOnly?: boolean }) {
  const { t } = useI18n();
  const me = useMe();
  const { message } = AntApp.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const path = paths.cases.attachments(caseId);
  const list = useQuery({ queryKey: ['cases', caseId, 'attachments'], queryFn: () => api.get<{ items: Attachment[] }>(path) });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['cases', caseId, 'attachments'] }), queryClient.invalidateQueries({ queryKey: ['cases', 'one', caseId] })]);
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<Attachment>(path, form);
    },
    onSuccess: async (a) => {
      void message.success(t('cases.attachments.uploaded', { name: a.name }));
      await refresh();
    },
    onError: showError,
  });
  const remove = useMutation({ mutationFn: (a: Attachment) => api.delete(paths.cases.attachment(caseId, a.id)), onSuccess: refresh, onError: showError });
  const canDelete = (a: Attachment) => a.uploadedBy === me.username || can(me.role, 'attachmentsDeleteAny');

  const pick = (files: FileList | null) => {
    const file = files?.[0];
    if (input.current) input.current.value = '';
    if (!file) return;
    if (file.size > maxBytes) {
      void message.error(t('cases.attachments.tooLarge', { max: size(maxBytes) }));
      return;
    }
    upload.mutate(file);
  };

  return (
    <Card
      size="small"
      title={t('cases.attachments.title')}
      style={{ marginBottom: 12 }}
      data-testid="case-attachments"
      extra={
        !readOnly && (
          <>
            <input ref={input} type="file" accept={accept} hidden onChange={(e) => pick(e.target.files)} data-testid="attachment-input" aria-label={t('cases.attachments.upload')} />
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} onClick={() => input.current?.click()}>
              {t('cases.attachments.upload')}
            </Button>
          </>
        )
      }
    >
      <List
        size="small"
        loading={list.isFetching && !list.data}
        locale={{ emptyText: t('cases.attachments.none') }}
        dataSource={list.data?.items ?? []}
        renderItem={(a) => (
          <List.Item
            actions={
              canDelete(a)
                ? [
                    <Popconfirm key="del" title={t('cases.attachments.confirmDelete', { name: a.name })} onConfirm={() => remove.mutate(a)} okText={t('common.delete')} cancelText={t('common.cancel')}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={0}>
              <a href={paths.cases.attachment(caseId, a.id)} download={a.name} data-testid="attachment-link">
                <PaperClipOutlined /> {a.name}
              </a>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {size(a.size)} · {a.uploadedBy} · {dayjs(a.uploadedAt).format('YYYY-MM-DD HH:mm')}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
