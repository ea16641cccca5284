import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Form, Input, InputNumber, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { EditModal } from '../../components/EditModal';
import { PageTitle } from '../../components/PageTitle';
import { currentPeriod, roundStates, type Round } from './model';
import { typeOf, useAwardTypes, useRounds } from './queries';
import { StateTag } from './StateTag';

interface CreateValues {
  awardType: string;
  period: string;
}

/** 评选管理: the office's rounds (a round is one award type for one period), newest first, and a new round. */
export default function RoundsPage() {
  const { t, pick } = useI18n();
  const [state, setState] = useState<string | undefined>();
  const [year, setYear] = useState<number | null>(dayjs().year());
  const rounds = useRounds({ state, year: year ?? undefined });
  const types = useAwardTypes();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<CreateValues>();
  const columns: TableColumnsType<Round> = [
    {
      title: t('awards.awardType'),
      key: 'type',
      render: (_, r) => <Link to={`/awards/rounds/${r.id}`}>{pick(r.awardName ?? typeOf(types.data, r)?.name) || r.awardType}</Link>,
    },
    { title: t('awards.period'), dataIndex: 'period', key: 'period' },
    { title: t('awards.state'), key: 'state', render: (_, r) => <StateTag state={r.state} testId={`round-state-${r.id}`} /> },
    { title: t('awards.method'), key: 'method', render: (_, r) => (r.method ? t(`awards.methods.${r.method}`) : '') },
    { title: t('awards.createdAt'), key: 'createdAt', render: (_, r) => r.createdAt?.slice(0, 10) ?? '' },
    { title: t('awards.publicityEndsAt'), key: 'publicityEndsAt', render: (_, r) => r.publicityEndsAt?.slice(0, 10) ?? '' },
  ];
  return (
    <>
      <PageTitle title={t('menu.awards')} add={{ text: t('awards.newRound'), onClick: () => setCreating(true), testId: 'new-round' }} />
      <Typography.Paragraph type="secondary">{t('awards.flowNote')}</Typography.Paragraph>
      <Card size="small">
        <div className="yz-toolbar">
          <Select
            allowClear
            value={state}
            onChange={setState}
            placeholder={t('awards.state')}
            aria-label={t('awards.state')}
            style={{ width: 140 }}
            options={roundStates.map((s) => ({ value: s, label: t(`awards.states.${s}`) }))}
          />
          <InputNumber min={2000} max={2100} value={year} onChange={setYear} aria-label={t('awards.year')} placeholder={t('awards.year')} />
        </div>
        {rounds.error ? (
          <LoadError error={rounds.error} onRetry={() => rounds.refetch()} />
        ) : (
          <Table<Round> rowKey="id" size="small" columns={columns} dataSource={rounds.data ?? []} loading={rounds.isFetching} scroll={{ x: 'max-content' }} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="rounds" />
        )}
      </Card>
      <EditModal<CreateValues, Round>
        title={t('awards.newRound')}
        name="round"
        open={creating}
        form={form}
        values={{ period: '' }}
        save={(v) => api.post<Round>(paths.awardRounds.list, v)}
        invalidate={[['awards', 'rounds']]}
        onClose={() => setCreating(false)}
        onValuesChange={() => {
          // A type chosen with no period yet: its current period (2026-Q4, 2026-11, 2026).
          const type = types.data?.find((x) => x.code === form.getFieldValue('awardType'));
          if (type && !form.getFieldValue('period')) form.setFieldsValue({ period: currentPeriod(type.cadence, new Date()) });
        }}
      >
        <Form.Item name="awardType" label={t('awards.awardType')} rules={[{ required: true }]}>
          <Select
            data-testid="round-type"
            options={(types.data ?? []).map((x) => ({
              value: x.code,
              label: (
                <Space size={4}>
                  {pick(x.name)}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`awards.methods.${x.method}`)}
                  </Typography.Text>
                </Space>
              ),
              title: pick(x.name),
            }))}
          />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {() => {
            const type = types.data?.find((x) => x.code === form.getFieldValue('awardType'));
            return type ? (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {pick(type.quota.text)}
                {type.citation ? ` (${type.citation})` : ''}
              </Typography.Paragraph>
            ) : null;
          }}
        </Form.Item>
        <Form.Item name="period" label={t('awards.period')} rules={[{ required: true }]} extra={t('awards.periodHint')}>
          <Input maxLength={10} data-testid="round-period" />
        </Form.Item>
      </EditModal>
    </>
  );
}
