import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { Button, Card, Checkbox, Descriptions, Empty, Form, Input, Space, Typography } from 'antd';
import { FilePdfOutlined, LinkOutlined, PrinterOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, withQuery } from '../../app/api';
import { paths } from '../../app/paths';
import { canReadRoster } from '../../app/access';
import { useMe } from '../../app/auth';
import { ErrorAlert, useShowError } from '../../app/errors';
import { downloadFile } from '../dashboard/model';
import { useI18n } from '../../app/i18n';
import type { Staff } from '../../app/types';
import { Columns } from '../../components/Columns';
import { PageTitle } from '../../components/PageTitle';
import { UnitSelect } from '../../components/UnitSelect';
import { servingUnits, useUnitTree } from '../units/useUnitTree';
import { StaffSelect } from '../users/StaffSelect';
import { PublicUrlWarning, type PublicUrlCheck } from '../../app/PublicUrlWarning';

interface StandingCode {
  code: string;
  url: string;
  /** What the QR code opens: the server's public address (YOUZHI_PUBLIC_URL), not this screen's origin. */
  publicUrl: string;
  publicUrlCheck?: PublicUrlCheck;
  unit: { id: string; code: string; name: string };
}

interface OneTimeLink {
  id: string;
  token: string;
  /** Absolute, from the server's public address. */
  url: string;
  expiresAt: string;
}

// The server draws the code with its public address; the screen's (possibly intranet) origin is not sent.
const qrSrc = (unitId: string, staffId?: string | null) => withQuery(paths.ratings.standingQr, { unitId, staffId: staffId || undefined });

/** Client-side QR of a one-time link (the server draws only standing codes). */
function useQrDataUrl(text: string | null) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    setSrc(null);
    if (!text) return;
    void import('qrcode').then(async (mod) => {
      const QR = (mod as unknown as { default?: typeof import('qrcode') }).default ?? mod;
      const svg = await QR.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      if (alive) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      alive = false;
    };
  }, [text]);
  return src;
}

/** 评价二维码: the standing QR of a window (or a person), a printable sheet, and one-time links. */
export default function RatingCodesPage() {
  const { t } = useI18n();
  const me = useMe();
  const showSheetError = useShowError();
  const tree = useUnitTree();
  const units = useMemo(() => servingUnits(tree.roots), [tree.roots]);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [staffId, setStaffId] = useState<string | null>(null);
  const [printing, setPrinting] = useState<'one' | 'all' | null>(null);
  const roster = canReadRoster(me.role);
  const chosenUnit = unitId ?? (me.unitId && tree.byId.get(me.unitId)?.kind === 'window' ? me.unitId : units[0]?.id);

  const code = useQuery({
    queryKey: ['rating-codes', chosenUnit, staffId],
    queryFn: () => api.get<StandingCode>(paths.ratings.standingCode, { unitId: chosenUnit, staffId: staffId ?? undefined }),
    enabled: !!chosenUnit,
  });
  const staff = useQuery({
    queryKey: ['staff', 'one', staffId],
    queryFn: () => api.get<Staff>(paths.staff.one(staffId!)),
    enabled: !!staffId,
  });
  const fullUrl = code.data?.publicUrl ?? '';

  const print = (mode: 'one' | 'all') => {
    setPrinting(mode);
    // Print once the sheet's QR images have loaded.
    window.setTimeout(() => {
      const images = [...document.querySelectorAll<HTMLImageElement>('.yz-print-root img')];
      void Promise.all(images.map((img) => (img.complete ? Promise.resolve() : new Promise((r) => ((img.onload = r), (img.onerror = r)))))).then(() => window.print());
    }, 50);
  };
  useEffect(() => {
    const done = () => setPrinting(null);
    window.addEventListener('afterprint', done);
    return () => window.removeEventListener('afterprint', done);
  }, []);

  const sheetUnits = printing === 'all' ? units : units.filter((u) => u.id === chosenUnit);

  // 二维码打印页 as a PDF (one labelled code per window, for a print shop or a sheet of stickers).
  const sheet = useMutation({ mutationFn: () => downloadFile(paths.ratings.sheetPdf, 'rating-qr-codes.pdf'), onError: showSheetError });
  return (
    <>
      <PageTitle title={t('menu.ratingCodes')}>
        <Space wrap>
          <Button icon={<PrinterOutlined />} onClick={() => print('all')} disabled={!units.length} data-testid="print-all">
            {t('ratingCodes.printAll', { count: units.length })}
          </Button>
          <Button icon={<FilePdfOutlined />} loading={sheet.isPending} onClick={() => sheet.mutate()} disabled={!units.length} data-testid="sheet-pdf">
            {t('ratingCodes.sheetPdf')}
          </Button>
        </Space>
      </PageTitle>
      <PublicUrlWarning check={code.data?.publicUrlCheck} />
      <Columns gutter={[12, 12]} cols={[{ xs: 24, lg: 12 }, { xs: 24, lg: 12 }]}>
        <Card size="small" title={t('ratingCodes.standingTitle')}>
          <Form layout="vertical">
            <Form.Item label={t('ratingCodes.window')}>
              <UnitSelect value={chosenUnit} onChange={(v: string) => setUnitId(v)} aria-label={t('ratingCodes.window')} data-testid="code-unit" />
            </Form.Item>
            {roster ? (
              <Form.Item label={t('ratingCodes.staffOptional')}>
                <StaffSelect value={staffId} onChange={setStaffId} />
              </Form.Item>
            ) : (
              me.staffId && (
                <Form.Item>
                  <Checkbox checked={staffId === me.staffId} onChange={(e) => setStaffId(e.target.checked ? me.staffId : null)}>
                    {t('ratingCodes.myOwnCode')}
                  </Checkbox>
                </Form.Item>
              )
            )}
          </Form>
          {code.error ? (
            <ErrorAlert error={code.error} />
          ) : !chosenUnit ? (
            <Empty description={t('ratingCodes.noUnits')} />
          ) : (
            <div className="yz-qr-box">
              <img src={qrSrc(chosenUnit, staffId)} alt={t('ratingCodes.qrAlt', { name: code.data?.unit.name ?? '' })} width={200} height={200} data-testid="standing-qr" />
              <div style={{ minWidth: 0, flex: 1 }}>
                <Typography.Title level={2} style={{ fontSize: 16 }}>
                  {code.data?.unit.name}
                  {staff.data ? ` · ${staff.data.name}` : ''}
                </Typography.Title>
                <Typography.Paragraph copyable={fullUrl ? { text: fullUrl } : false} style={{ wordBreak: 'break-all' }} data-testid="standing-url">
                  {fullUrl}
                </Typography.Paragraph>
                <Space wrap>
                  <Button icon={<PrinterOutlined />} onClick={() => print('one')} disabled={!code.data}>
                    {t('ratingCodes.printOne')}
                  </Button>
                  {fullUrl && (
                    <Button icon={<LinkOutlined />} href={fullUrl} target="_blank" rel="noopener">
                      {t('ratingCodes.open')}
                    </Button>
                  )}
                </Space>
              </div>
            </div>
          )}
        </Card>
        <OneTimeLinkCard defaultUnitId={chosenUnit} />
      </Columns>
      {printing &&
        createPortal(
          <div className="yz-print-root" data-testid="print-sheet">
            {sheetUnits.map((u) => (
              <section key={u.id} className="yz-print-card">
                <div className="yz-print-org">{me.organisation.name}</div>
                <h2>{t('ratingCodes.printHeading')}</h2>
                <img src={qrSrc(u.id, printing === 'one' ? staffId : null)} alt={u.name} />
                <div className="yz-print-unit">{u.name}</div>
                {printing === 'one' && staff.data && <div className="yz-print-staff">{t('ratingCodes.printStaff', { name: staff.data.name, badge: staff.data.badgeNo })}</div>}
                <div className="yz-print-hint">{t('ratingCodes.printHint')}</div>
                <div className="yz-print-code">{u.code}</div>
              </section>
            ))}
          </div>,
          document.body,
        )}
    </>
  );
}

function OneTimeLinkCard({ defaultUnitId }: { defaultUnitId?: string }) {
  const { t } = useI18n();
  const me = useMe();
  const tree = useUnitTree();
  const [form] = Form.useForm<{ unitId?: string; staffId?: string | null; transactionRef?: string }>();
  const create = useMutation({
    mutationFn: (v: { unitId?: string; staffId?: string | null; transactionRef?: string }) =>
      api.post<OneTimeLink>(paths.ratings.oneTimeLinks, { unitId: v.unitId ?? defaultUnitId, staffId: v.staffId || undefined, transactionRef: v.transactionRef?.trim() || undefined }),
  });
  const link = create.data?.url ?? null;
  const qr = useQrDataUrl(link);
  return (
    <Card size="small" title={t('ratingCodes.oneTimeTitle')}>
      <Typography.Paragraph type="secondary">{t('ratingCodes.oneTimeHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="rating-token" onFinish={(v) => create.mutate(v)}>
        <Form.Item name="unitId" label={t('ratingCodes.window')}>
          <UnitSelect placeholder={tree.byId.get(defaultUnitId ?? '')?.name} />
        </Form.Item>
        {canReadRoster(me.role) && (
          <Form.Item name="staffId" label={t('ratingCodes.staffOptional')}>
            <StaffSelect />
          </Form.Item>
        )}
        <Form.Item name="transactionRef" label={t('ratingCodes.transactionRef')} extra={t('ratingCodes.transactionRefHint')}>
          <Input maxLength={80} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<QrcodeOutlined />} loading={create.isPending}>
          {t('ratingCodes.createLink')}
        </Button>
      </Form>
      <ErrorAlert error={create.error} style={{ marginTop: 12 }} />
      {create.data && link && (
        <div className="yz-qr-box" style={{ marginTop: 12 }}>
          {qr ? <img src={qr} alt={t('ratingCodes.oneTimeQrAlt')} width={180} height={180} data-testid="one-time-qr" /> : <div style={{ width: 180, height: 180 }} />}
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'link', label: t('ratingCodes.link'), children: <Typography.Text copyable={{ text: link }} style={{ wordBreak: 'break-all' }} data-testid="one-time-url">{link}</Typography.Text> },
              { key: 'expires', label: t('ratingCodes.expiresAt'), children: dayjs(create.data.expiresAt).format('YYYY-MM-DD HH:mm') },
            ]}
          />
        </div>
      )}
    </Card>
  );
}
