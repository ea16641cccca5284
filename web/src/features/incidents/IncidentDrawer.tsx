import { Link } from 'react-router-dom';
import { Descriptions, Drawer, Empty, Grid, Tag, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { LoadError } from '../../app/errors';
import { ExportButtonLocal } from '../../app/ExportButton';
import { useI18n } from '../../app/i18n';
import { QueryTable } from '../../components/QueryTable';

interface Incident {
  id: string;
  sourceType: string;
  sourceId: string;
  kind: string;
  verdict: string | null;
  summary: string;
  occurredAt: string;
}

interface IncidentFile {
  staff: { id: string; badgeNo: string; name: string; units: { id: string; code: string; name: string; primary: boolean }[] };
  items: Incident[];
}

/** 差错投诉个人档案: substantiated complaints (later: inspection findings) against one person. */
export function IncidentDrawer({ staffId, onClose }: { staffId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const file = useQuery({
    queryKey: ['staff', 'incidents', staffId],
    queryFn: () => api.get<IncidentFile>(paths.staff.incidents(staffId!)),
    enabled: !!staffId,
  });
  const staff = file.data?.staff;
  const source = (i: Incident) =>
    i.sourceType === 'complaint' || i.sourceType === 'rectification' ? <Link to={`/cases/${i.sourceId}`}>{t('incidents.openSource')}</Link> : i.sourceType;
  const columns: TableColumnsType<Incident> = [
    { title: t('incidents.occurredAt'), key: 'at', render: (_, i) => dayjs(i.occurredAt).format('YYYY-MM-DD'), width: 100 },
    { title: t('incidents.kind'), key: 'kind', render: (_, i) => t(`incidents.kinds.${i.kind}`, { defaultValue: i.kind }) },
    { title: t('incidents.verdict'), key: 'verdict', render: (_, i) => (i.verdict ? <Tag color={i.verdict === 'substantiated' ? 'red' : 'orange'}>{t(`cases.options.verdicts.${i.verdict}`, { defaultValue: i.verdict })}</Tag> : '') },
    { title: t('incidents.summary'), dataIndex: 'summary', key: 'summary' },
    { title: t('incidents.source'), key: 'source', render: (_, i) => source(i) },
  ];
  const exportColumns = [
    { header: t('incidents.occurredAt'), value: (i: Incident) => dayjs(i.occurredAt).format('YYYY-MM-DD'), width: 12 },
    { header: t('incidents.kind'), value: (i: Incident) => t(`incidents.kinds.${i.kind}`, { defaultValue: i.kind }) },
    { header: t('incidents.verdict'), value: (i: Incident) => (i.verdict ? t(`cases.options.verdicts.${i.verdict}`, { defaultValue: i.verdict }) : '') },
    { header: t('incidents.summary'), value: (i: Incident) => i.summary, width: 60 },
  ];
  return (
    <Drawer open={!!staffId} onClose={onClose} title={t('incidents.title')} size={screens.md ? 720 : '100%'} data-testid="incident-drawer">
      {file.error ? (
        <LoadError error={file.error} onRetry={() => file.refetch()} />
      ) : (
        <>
          {staff && (
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 3 }}
              style={{ marginBottom: 12 }}
              items={[
                { key: 'name', label: t('staff.name'), children: staff.name },
                { key: 'badge', label: t('staff.badgeNo'), children: staff.badgeNo },
                { key: 'units', label: t('staff.units'), children: staff.units.map((u) => u.name).join('、') },
                { key: 'count', label: t('incidents.count'), children: file.data?.items.length ?? 0 },
              ]}
            />
          )}
          <div className="yz-toolbar">
            <ExportButtonLocal rows={file.data?.items ?? []} columns={exportColumns} name={`${t('incidents.exportName')}-${staff?.name ?? ''}`} />
          </div>
          <QueryTable<Incident>
            query={file}
            columns={columns}
            dataSource={file.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.empty')} /> }}
          />
        </>
      )}
    </Drawer>
  );
}
