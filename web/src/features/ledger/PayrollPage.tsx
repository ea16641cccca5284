import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, DatePicker, Descriptions, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, LockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, withQuery } from '../../app/api';
import { LoadError, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { useServerTable } from '../../app/useServerTable';
import { downloadFile } from '../dashboard/model';
import { Money } from './Money';
import type { LedgerLine, LedgerPage, PayrollMonth } from './model';

/** A download button for one of the month's files (the server names it). */
function Download({ path, name, icon, label, testId }: { path: Parameters<typeof downloadFile>[0]; name: string; icon: React.ReactNode; label: string; testId: string }) {
  const showError = useShowError();
  const run = useMutation({ mutationFn: () => downloadFile(path, name), onError: showError });
  return (
    <Button icon={icon} loading={run.isPending} onClick={() => run.mutate()} data-testid={testId}>
      {label}
    </Button>
  );
}

/** The lines of one payroll month, paged by the server, with the month's totals and its files. */
function MonthLines({ month }: { month: string }) {
  const { t, lng } = useI18n();
  const table = useServerTable<LedgerLine>('ledger', paths.ledger.list, { month });
  const data = table.query.data as LedgerPage | undefined;
  const columns: TableColumnsType<LedgerLine> = [
    { title: t('ledger.badgeNo'), key: 'badge', render: (_, l) => l.staff?.badgeNo ?? '' },
    { title: t('ledger.person'), key: 'person', render: (_, l) => (l.staff ? <Link to={`/ledger/statement?staffId=${l.staff.id}&year=${month.slice(0, 4)}`}>{l.staff.name}</Link> : t('ledger.unitAsWhole')) },
    { title: t('ledger.unit'), key: 'unit', render: (_, l) => l.unit?.name ?? '' },
    { title: t('ledger.rule'), key: 'rule', render: (_, l) => <RuleCell line={l} /> },
    { title: t('ledger.finalDate'), dataIndex: 'finalDate', key: 'finalDate', width: 110 },
    { title: t('ledger.amount'), key: 'amount', align: 'right', render: (_, l) => <Money fen={l.amountFen} /> },
  ];
  return (
    <Card
      size="small"
      title={t('ledger.monthTitle', { month })}
      extra={
        <Space wrap>
          <Download path={withQuery(paths.payroll.export(month), { lang: lng === 'en' ? 'en' : 'zh' })} name={`工资奖罚_${month}.xlsx`} icon={<FileExcelOutlined />} label={t('ledger.export')} testId="payroll-export" />
        </Space>
      }
      data-testid="payroll-month-lines"
    >
      {table.query.error ? (
        <LoadError error={table.query.error} onRetry={() => table.query.refetch()} />
      ) : (
        <>
          {data && (
            <Descriptions
              size="small"
              column={{ xs: 2, sm: 4 }}
              style={{ marginBottom: 8 }}
              items={[
                { key: 'lines', label: t('ledger.lines'), children: data.totals.lines },
                { key: 'fines', label: t('ledger.fines'), children: <Money fen={data.totals.finesFen} /> },
                { key: 'rewards', label: t('ledger.rewards'), children: <Money fen={data.totals.rewardsFen} /> },
                { key: 'net', label: t('ledger.net'), children: <Money fen={data.totals.netFen} testId="payroll-net" /> },
              ]}
            />
          )}
          <Table<LedgerLine> rowKey="id" size="small" columns={columns} scroll={{ x: 'max-content' }} {...table.tableProps} />
        </>
      )}
    </Card>
  );
}

/** The rule in words with its code and citation; a correction line says what it reverses. */
export function RuleCell({ line }: { line: LedgerLine }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={0}>
      <span>
        {line.lineKind === 'correction' && <Tag color="purple">{t('ledger.correction')}</Tag>}
        {line.summary}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {line.ruleCode} · {line.citation}
        {line.reason ? ` · ${line.reason}` : ''}
      </Typography.Text>
    </Space>
  );
}

/** 工资奖罚: the payroll months (close one when it has gone to payroll), a month's lines and export, and the month's bulletins. */
export default function PayrollPage() {
  const { t } = useI18n();
  const showError = useShowError();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const months = useQuery({ queryKey: ['payroll', 'months'], queryFn: () => api.get<{ current: string; items: PayrollMonth[] }>(paths.payroll.months) });
  const selected = params.get('month') ?? months.data?.items[0]?.month ?? months.data?.current;
  const close = useMutation({
    mutationFn: (month: string) => api.post<PayrollMonth>(paths.payroll.close(month)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['payroll'] }).then(() => client.invalidateQueries({ queryKey: ['ledger'] })),
    onError: showError,
  });
  const columns: TableColumnsType<PayrollMonth> = [
    { title: t('ledger.payrollMonth'), key: 'month', render: (_, m) => <a onClick={() => setParams({ month: m.month })}>{m.month}</a> },
    { title: t('ledger.status'), key: 'status', render: (_, m) => <Tag color={m.status === 'closed' ? 'default' : 'blue'} data-testid={`status-${m.month}`}>{t(`ledger.statuses.${m.status}`)}</Tag> },
    { title: t('ledger.people'), dataIndex: 'people', key: 'people', align: 'right' },
    { title: t('ledger.fines'), key: 'fines', align: 'right', render: (_, m) => <Money fen={m.finesFen} /> },
    { title: t('ledger.rewards'), key: 'rewards', align: 'right', render: (_, m) => <Money fen={m.rewardsFen} /> },
    { title: t('ledger.net'), key: 'net', align: 'right', render: (_, m) => <Money fen={m.netFen} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, m) =>
        m.status === 'open' && months.data && m.month <= months.data.current ? (
          <Popconfirm title={t('ledger.closeConfirm', { month: m.month })} onConfirm={() => close.mutateAsync(m.month)} okButtonProps={{ 'data-testid': 'close-confirm' } as Record<string, string>}>
            <Button size="small" icon={<LockOutlined />} loading={close.isPending && close.variables === m.month} data-testid={`close-${m.month}`}>
              {t('ledger.close')}
            </Button>
          </Popconfirm>
        ) : m.closedAt ? (
          <Typography.Text type="secondary">{t('ledger.closedBy', { by: m.closedBy ?? '', at: m.closedAt.slice(0, 10) })}</Typography.Text>
        ) : null,
    },
  ];
  // A bulletin covers the notices that became final in a month: by default last month's.
  const [bulletinMonth, setBulletinMonth] = useState(() => dayjs().subtract(1, 'month').format('YYYY-MM'));
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('ledger.title')}
        </Typography.Title>
        <Link to="/ledger/statement">{t('ledger.statementTitle')}</Link>
      </div>
      <Typography.Paragraph type="secondary">{t('ledger.rule_note')}</Typography.Paragraph>
      <Card size="small" title={t('ledger.monthsTitle')} style={{ marginBottom: 12 }}>
        {months.error ? (
          <LoadError error={months.error} onRetry={() => months.refetch()} />
        ) : (
          <Table<PayrollMonth> rowKey="month" size="small" columns={columns} dataSource={months.data?.items ?? []} loading={months.isLoading} pagination={false} scroll={{ x: 'max-content' }} data-testid="payroll-months" />
        )}
      </Card>
      {selected && <MonthLines key={selected} month={selected} />}
      {bulletinMonth && (
        <Card size="small" title={t('ledger.bulletins')} style={{ marginTop: 12 }}>
          <Typography.Paragraph type="secondary">{t('ledger.bulletinNote')}</Typography.Paragraph>
          <Space wrap>
            <DatePicker picker="month" allowClear={false} value={dayjs(`${bulletinMonth}-01`)} onChange={(d) => d && setBulletinMonth(d.format('YYYY-MM'))} aria-label={t('ledger.bulletinMonth')} data-testid="bulletin-month" />
            <Download path={withQuery(paths.bulletins.pdf(bulletinMonth), { kind: 'praise' })} name={`通报表扬_${bulletinMonth}.pdf`} icon={<FilePdfOutlined />} label={t('ledger.praise', { month: bulletinMonth })} testId="bulletin-praise" />
            <Download path={withQuery(paths.bulletins.pdf(bulletinMonth), { kind: 'criticism' })} name={`通报批评_${bulletinMonth}.pdf`} icon={<FilePdfOutlined />} label={t('ledger.criticism', { month: bulletinMonth })} testId="bulletin-criticism" />
          </Space>
        </Card>
      )}
    </>
  );
}
