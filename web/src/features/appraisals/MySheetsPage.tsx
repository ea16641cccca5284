import { Link } from 'react-router-dom';
import { Alert, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { awaitsPerson, periodLabel, starGlyphs, stateColor } from './model';
import type { SheetSummary } from './types';

/** 我的考核表: the caller's sheets, newest period first; the ones waiting for an answer on top. */
export default function MySheetsPage() {
  const { t, pick } = useI18n();
  const list = useQuery({ queryKey: ['appraisals', 'sheets', 'mine'], queryFn: () => api.get<{ items: SheetSummary[]; total: number }>(paths.appraisals.sheets, { mine: 1, pageSize: 100 }) });
  if (list.error) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  const items = [...(list.data?.items ?? [])].sort((a, b) => Number(awaitsPerson(b)) - Number(awaitsPerson(a)));
  const waiting = items.filter(awaitsPerson).length;
  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('appraisals.mineTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('appraisals.mineNote')}</Typography.Paragraph>
      {waiting > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('appraisals.waiting', { count: waiting })} />}
      <List
        loading={list.isLoading}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appraisals.noSheets')} /> }}
        data-testid="my-sheets"
        renderItem={(s) => (
          <List.Item data-testid={`my-sheet-${s.id}`}>
            <Link to={`/appraisals/sheets/${s.id}`} style={{ width: '100%' }}>
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <b>{periodLabel(s.period)}</b>
                  <Tag color={stateColor[s.state]}>{t(`appraisals.states.${s.state}`)}</Tag>
                </Space>
                <span>
                  {t('appraisals.total')} <b>{s.total}</b>
                  {s.star && <span style={{ color: '#d48806', marginLeft: 8 }}>{`${starGlyphs(s.star.stars)} ${pick(s.star.label)}`}</span>}
                </span>
                {s.staff.unitName && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.staff.unitName}
                  </Typography.Text>
                )}
              </Space>
            </Link>
          </List.Item>
        )}
      />
    </div>
  );
}
