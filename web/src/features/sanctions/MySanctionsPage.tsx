import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Empty, List, Modal, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { AppealForm } from './StepPanel';
import { Amount, AppealOutcome, StatusTag, useRuleWords } from './SanctionView';
import { appealOpen, type Sanction, type SanctionDetail } from './model';

/** The appeal and its ruling, read from the sanction itself (the list does not carry them). */
function AppealOf({ id }: { id: string }) {
  const detail = useQuery({ queryKey: ['sanctions', 'one', id], queryFn: () => api.get<SanctionDetail>(paths.sanctions.one(id)) });
  return detail.data?.appeal ? <AppealOutcome appeal={detail.data.appeal} /> : null;
}

function SanctionCard({ s, onAppeal }: { s: Sanction; onAppeal: (s: Sanction) => void }) {
  const { t } = useI18n();
  const ruleWords = useRuleWords();
  const { label, words } = ruleWords(s);
  const open = s.nextStep === 'appeal' && appealOpen(s);
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="my-sanction" data-id={s.id}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space style={{ justifyContent: 'space-between', width: '100%' }} align="start">
          <Typography.Text strong>{label}</Typography.Text>
          <StatusTag s={s} />
        </Space>
        <Amount s={s} />
        {words && <Typography.Text type="secondary" style={{ whiteSpace: 'pre-line' }}>{words}</Typography.Text>}
        {s.rule.citation && <Typography.Text type="secondary">{t('sanctions.labelled', { label: t('sanctions.citation'), value: s.rule.citation })}</Typography.Text>}
        {s.appealDueDate && (
          <Typography.Text type={open ? 'warning' : 'secondary'} data-testid="my-sanction-deadline">
            {open ? t('sanctions.appealDueDate', { date: s.appealDueDate }) : t('sanctions.appealClosed', { date: s.appealDueDate })}
          </Typography.Text>
        )}
        {s.status !== 'noticed' && s.appeal && <AppealOf id={s.id} />}
        {s.direction === 'fine' && s.status === 'noticed' && (
          <Button type="primary" block disabled={!open} onClick={() => onAppeal(s)} data-testid="my-sanction-appeal">
            {open ? t('sanctions.mine.appeal') : t('sanctions.mine.closedAt', { date: s.appealDueDate ?? '' })}
          </Button>
        )}
      </Space>
    </Card>
  );
}

/**
 * 我的奖惩: the decisions about the person, on a phone as well as a PC — amount, rule in words,
 * state and the appeal deadline; 申诉 while the window is open; the ruling on an appeal.
 */
export default function MySanctionsPage() {
  const { t } = useI18n();
  const me = useMe();
  const [appealing, setAppealing] = useState<Sanction | null>(null);
  const list = useQuery({
    queryKey: ['sanctions', 'mine'],
    queryFn: () => api.get<Page<Sanction>>(paths.sanctions.list, { view: 'mine', pageSize: 100 }),
    enabled: !!me.staffId,
  });
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('sanctions.mine.title')}
        </Typography.Title>
        <Link to="/ledger/statement" data-testid="my-statement-link">
          {t('sanctions.mine.statement')}
        </Link>
      </div>
      {!me.staffId ? (
        <Alert type="info" showIcon title={t('sanctions.mine.noStaff')} />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <List
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sanctions.mine.empty')} /> }}
          renderItem={(s) => <SanctionCard key={s.id} s={s} onAppeal={setAppealing} />}
        />
      )}
      <Modal open={!!appealing} title={t('sanctions.appealTitle')} onCancel={() => setAppealing(null)} footer={null} destroyOnHidden>
        {appealing && <AppealForm sanction={appealing} onDone={() => setAppealing(null)} />}
      </Modal>
    </>
  );
}
