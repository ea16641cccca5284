import { useSearchParams } from 'react-router-dom';
import { Alert, Card, Descriptions, Empty, InputNumber, List, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { Money } from './Money';
import { RuleCell } from './PayrollPage';
import type { StaffStatement, Totals } from './model';

function TotalsLine({ totals }: { totals: Totals }) {
  const { t } = useI18n();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 3 }}
      items={[
        { key: 'fines', label: t('ledger.fines'), children: <Money fen={totals.finesFen} /> },
        { key: 'rewards', label: t('ledger.rewards'), children: <Money fen={totals.rewardsFen} /> },
        { key: 'net', label: t('ledger.net'), children: <Money fen={totals.netFen} testId="statement-net" /> },
      ]}
    />
  );
}

/**
 * 个人奖惩明细: a person's lines of a year, month by month, each with its rule, citation and amount.
 * Staff open their own; managers come here from the payroll table (?staffId=). One column of
 * cards on a phone.
 */
export default function StatementPage() {
  const { t } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const staffId = params.get('staffId') ?? me.staffId;
  const year = Number(params.get('year') ?? dayjs().year());
  const statement = useQuery({
    queryKey: ['ledger', 'statement', staffId, year],
    queryFn: () => api.get<StaffStatement>(paths.staff.statement(staffId!), { year }),
    enabled: !!staffId,
  });
  const data = statement.data;
  const monthColumns: TableColumnsType<StaffStatement['months'][number]> = [
    { title: t('ledger.payrollMonth'), dataIndex: 'month', key: 'month' },
    { title: t('ledger.fines'), key: 'fines', align: 'right', render: (_, m) => <Money fen={m.finesFen} /> },
    { title: t('ledger.rewards'), key: 'rewards', align: 'right', render: (_, m) => <Money fen={m.rewardsFen} /> },
    { title: t('ledger.net'), key: 'net', align: 'right', render: (_, m) => <Money fen={m.netFen} /> },
  ];
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('ledger.statementTitle')}
        </Typography.Title>
        <Space>
          <span>{t('ledger.year')}</span>
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setParams({ ...(params.get('staffId') ? { staffId: params.get('staffId')! } : {}), year: String(v) })} aria-label={t('ledger.year')} data-testid="statement-year" />
        </Space>
      </div>
      {!staffId ? (
        <Alert type="info" showIcon message={t('ledger.noStaff')} />
      ) : statement.error ? (
        <LoadError error={statement.error} onRetry={() => statement.refetch()} />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 12 }} title={data?.staff.name} loading={statement.isLoading} data-testid="statement-summary">
            {data && <TotalsLine totals={data.totals} />}
            {data && data.months.length > 0 && <Table rowKey="month" size="small" pagination={false} columns={monthColumns} dataSource={data.months} scroll={{ x: 'max-content' }} />}
          </Card>
          <List
            loading={statement.isLoading}
            dataSource={data?.lines ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledger.emptyYear', { year })} /> }}
            renderItem={(l) => (
              <Card size="small" style={{ marginBottom: 8 }} data-testid="statement-line">
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space style={{ justifyContent: 'space-between', width: '100%' }} align="start">
                    <RuleCell line={l} />
                    <Money fen={l.amountFen} />
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('ledger.lineDates', { final: l.finalDate, payroll: l.payrollMonth })}
                    {l.outcomes.filter((o) => o !== 'none').map((o) => (
                      <Tag key={o} style={{ marginLeft: 6 }}>
                        {t(`ledger.outcomes.${o}`, { defaultValue: o })}
                      </Tag>
                    ))}
                  </Typography.Text>
                </Space>
              </Card>
            )}
          />
        </>
      )}
    </>
  );
}
