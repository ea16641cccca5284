import { useState } from 'react';
import { Card, Form, Input, Modal, Radio, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useChange } from '../../app/useChange';
import { RowAction } from '../../components/RowActions';
import { itemsOf, type Nomination, type Objection, type Round } from './model';

interface DecideValues {
  founded: boolean;
  reason: string;
}

/**
 * 异议: what the public wrote against a candidate during the publicity, and the office's finding.
 * An objection found true cancels the candidacy (001:L315).
 */
export function ObjectionsCard({ round, nominations }: { round: Round; nominations: Nomination[] }) {
  const { t } = useI18n();
  const [deciding, setDeciding] = useState<Objection | null>(null);
  const [form] = Form.useForm<DecideValues>();
  const objections = useQuery({ queryKey: ['awards', 'round', round.id, 'objections'], queryFn: async () => itemsOf<Objection>(await api.get<unknown>(paths.awardRounds.objections(round.id))) });
  const decide = useChange({
    mutationFn: (v: DecideValues) => api.post(paths.awardRounds.decideObjection(round.id, deciding!.id), v),
    success: t('common.saved'),
    invalidate: [['awards', 'round', round.id]],
    onSuccess: () => setDeciding(null),
  });
  const nameOf = (o: Objection) => o.name ?? nominations.find((n) => n.id === o.nominationId)?.name ?? '';
  const columns: TableColumnsType<Objection> = [
    { title: t('awards.nominee'), key: 'nominee', render: (_, o) => nameOf(o) },
    { title: t('awards.objectionText'), dataIndex: 'text', key: 'text', render: (v: string) => <Typography.Paragraph style={{ maxWidth: 420, margin: 0 }}>{v}</Typography.Paragraph> },
    { title: t('awards.contact'), dataIndex: 'contact', key: 'contact' },
    { title: t('awards.receivedAt'), key: 'at', render: (_, o) => o.createdAt?.slice(0, 16).replace('T', ' ') ?? '' },
    {
      title: t('awards.finding'),
      key: 'finding',
      render: (_, o) =>
        o.state === 'founded' ? (
          <Tag color="red">{t('awards.founded')}</Tag>
        ) : o.state === 'unfounded' ? (
          <Tag color="green">{t('awards.unfounded')}</Tag>
        ) : round.state !== 'publicity' ? null : (
          <RowAction onClick={() => { form.resetFields(); setDeciding(o); }} testId={`decide-${o.id}`}>
            {t('awards.decide')}
          </RowAction>
        ),
    },
    { title: t('awards.findingReason'), dataIndex: 'decisionReason', key: 'decisionReason' },
  ];
  return (
    <Card size="small" title={t('awards.objections')} style={{ marginBottom: 12 }}>
      {objections.error ? (
        <LoadError error={objections.error} onRetry={() => objections.refetch()} />
      ) : (
        <Table<Objection> rowKey="id" size="small" columns={columns} dataSource={objections.data ?? []} loading={objections.isFetching} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('awards.noObjections') }} data-testid="objections" />
      )}
      <Modal
        open={!!deciding}
        title={t('awards.decideTitle', { name: deciding ? nameOf(deciding) : '' })}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setDeciding(null)}
        onOk={() => form.validateFields().then((v) => decide.mutate(v))}
        confirmLoading={decide.isPending}
        okButtonProps={{ 'data-testid': 'decide-save' } as Record<string, string>}
      >
        <Typography.Paragraph type="secondary">{deciding?.text}</Typography.Paragraph>
        <Form form={form} layout="vertical" name="decide">
          <Form.Item name="founded" label={t('awards.finding')} rules={[{ required: true }]} extra={t('awards.foundedNote')}>
            <Radio.Group
              options={[
                { value: true, label: t('awards.founded') },
                { value: false, label: t('awards.unfounded') },
              ]}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('awards.findingReason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
