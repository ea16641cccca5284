import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { CheckOutlined, FilePdfOutlined, MessageOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { LoadError, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { downloadFile } from '../dashboard/model';
import { ApproveButton } from './ApproveButton';
import { approvable, confirmable, objectable, periodLabel, reopenable } from './model';
import { ReopenButton } from './ReopenButton';
import { SheetView } from './SheetView';
import type { SheetDetail } from './types';
import { useSheetStep } from './useSheetStep';

/** 个人考核表 PDF (Chinese, with signature lines), as a download. */
export function SheetPdfButton({ sheet, size }: { sheet: Pick<SheetDetail, 'id' | 'staff' | 'period'>; size?: 'small' }) {
  const { t } = useI18n();
  const showError = useShowError();
  const run = useMutation({ mutationFn: () => downloadFile(paths.appraisals.pdf(sheet.id), `个人考核表_${sheet.staff.name}_${periodLabel(sheet.period)}.pdf`), onError: showError });
  return (
    <Button size={size} icon={<FilePdfOutlined />} loading={run.isPending} onClick={() => run.mutate()} data-testid={`sheet-pdf-${sheet.id}`}>
      {t('appraisals.pdf')}
    </Button>
  );
}

/** What the reader may do with the sheet: the person confirms or objects; the office approves or reopens. */
function Actions({ sheet }: { sheet: SheetDetail }) {
  const { t } = useI18n();
  const me = useMe();
  const [objecting, setObjecting] = useState(false);
  const [text, setText] = useState('');
  const step = useSheetStep(sheet, () => setObjecting(false));
  const mine = !!me.staffId && me.staffId === sheet.staff.id;
  return (
    <Space wrap>
      {mine && confirmable(sheet) && (
        <Popconfirm title={t('appraisals.confirmAsk')} onConfirm={() => step.mutateAsync({ step: 'confirm' })} okButtonProps={{ 'data-testid': 'sheet-confirm-ok' } as Record<string, string>}>
          <Button type="primary" icon={<CheckOutlined />} loading={step.isPending && step.variables?.step === 'confirm'} data-testid="sheet-confirm">
            {t('appraisals.confirm')}
          </Button>
        </Popconfirm>
      )}
      {mine && objectable(sheet) && (
        <Button icon={<MessageOutlined />} onClick={() => setObjecting(true)} data-testid="sheet-object">
          {t('appraisals.object')}
        </Button>
      )}
      {can(me.role, 'appraisals') && approvable(sheet) && <ApproveButton sheet={sheet} testId="sheet-approve" />}
      {can(me.role, 'appraisals') && reopenable(sheet) && <ReopenButton sheet={sheet} />}
      <SheetPdfButton sheet={sheet} />
      <Modal
        open={objecting}
        title={t('appraisals.objectTitle')}
        onCancel={() => setObjecting(false)}
        onOk={() => step.mutate({ step: 'object', body: { text: text.trim() } })}
        okButtonProps={{ disabled: text.trim().length === 0, loading: step.isPending, ...({ 'data-testid': 'object-ok' } as Record<string, string>) }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('appraisals.objectHelp')}</Typography.Paragraph>
        <Input.TextArea rows={4} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} aria-label={t('appraisals.objection')} data-testid="object-text" />
      </Modal>
    </Space>
  );
}

/** One sheet (个人考核表): the person's on a phone, the head's and the office's on a desk. */
export default function SheetPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const me = useMe();
  const sheet = useQuery({ queryKey: ['appraisals', 'sheet', id], queryFn: () => api.get<SheetDetail>(paths.appraisals.sheet(id)) });
  if (sheet.error) return <LoadError error={sheet.error} onRetry={() => sheet.refetch()} />;
  if (!sheet.data) return <Card loading />;
  const s = sheet.data;
  const back = can(me.role, 'appraisals') ? `/appraisals/periods/${s.periodId}` : me.staffId === s.staff.id ? '/appraisals/mine' : '/appraisals/scoring';
  return (
    <div style={{ maxWidth: 820 }}>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('appraisals.sheetTitle', { name: s.staff.name, period: periodLabel(s.period) })}
        </Typography.Title>
        <Link to={back}>{t('appraisals.back')}</Link>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'template', label: t('appraisals.template'), children: `${pick(s.template.label)}（v${s.template.version}）` },
          { key: 'unit', label: t('appraisals.unit'), children: s.staff.unitName ?? '—' },
          { key: 'period', label: t('appraisals.period'), children: `${periodLabel(s.period)}（${s.periodRange.from} – ${s.periodRange.to}）` },
        ]}
      />
      <div style={{ marginBottom: 12 }}>
        <Actions sheet={s} />
      </div>
      <SheetView sheet={s} />
    </div>
  );
}
