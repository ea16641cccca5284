import { useState } from 'react';
import { Button, Descriptions, Drawer, Grid } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import { paths } from '../../app/paths';
import { LoadError } from '../../app/errors';
import { ExportButtonLocal } from '../../app/ExportButton';
import { useI18n } from '../../app/i18n';
import { RowAction, RowActions } from '../../components/RowActions';
import { DecideDialog, type Decision } from './DecideDialog';
import { IncidentForm } from './IncidentForm';
import { detailsText, IncidentTable, kindName } from './IncidentTable';
import { yuan, type Incident, type IncidentFile } from './model';
import { PersonSanctions } from '../sanctions/PersonSanctions';

/** 差错事故个人档案: everything in one person's file, from the staff list. */
export function IncidentDrawer({ staffId, onClose }: { staffId: string | null; onClose: () => void }) {
  const { t, pick } = useI18n();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const [recording, setRecording] = useState(false);
  const [decision, setDecision] = useState<Decision | null>(null);
  const file = useQuery({
    queryKey: ['staff', 'incidents', staffId],
    queryFn: () => api.get<IncidentFile>(paths.staff.incidents(staffId!)),
    enabled: !!staffId,
  });
  const staff = file.data?.staff;
  const exportColumns = [
    { header: t('incidents.occurredAt'), value: (i: Incident) => i.occurredOn, width: 12 },
    { header: t('incidents.kind'), value: (i: Incident) => kindName(t, pick, i), width: 16 },
    { header: t('incidents.amount'), value: (i: Incident) => yuan(i.amountFen) },
    { header: t('incidents.state'), value: (i: Incident) => t(`incidents.states.${i.state}`) },
    { header: t('incidents.summary'), value: (i: Incident) => [i.summary, detailsText(t, i)].filter(Boolean).join('；'), width: 60 },
  ];
  const actions = can(me.role, 'incidentsVerify')
    ? (i: Incident) =>
        i.state === 'reported' && (
          <RowActions>
            <RowAction onClick={() => setDecision({ incident: i, outcome: 'verify' })}>{t('incidents.verify')}</RowAction>
            <RowAction danger onClick={() => setDecision({ incident: i, outcome: 'reject' })}>
              {t('incidents.reject')}
            </RowAction>
          </RowActions>
        )
    : undefined;
  return (
    <Drawer open={!!staffId} onClose={onClose} title={t('incidents.title')} size={screens.md ? 900 : '100%'} data-testid="incident-drawer">
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
                { key: 'count', label: t('incidents.count'), children: file.data?.total ?? 0 },
              ]}
            />
          )}
          <div className="yz-toolbar">
            <ExportButtonLocal rows={file.data?.items ?? []} columns={exportColumns} name={`${t('incidents.exportName')}-${staff?.name ?? ''}`} />
            {can(me.role, 'incidentsRecord') && (
              <Button icon={<PlusOutlined />} onClick={() => setRecording(true)}>
                {t('incidents.record')}
              </Button>
            )}
          </div>
          {file.data || file.isFetching ? <IncidentTable items={file.data?.items ?? []} loading={file.isFetching} showSubject={false} actions={actions} /> : null}
          {staffId && can(me.role, 'sanctions') && <PersonSanctions staffId={staffId} />}
        </>
      )}
      <IncidentForm open={recording} onClose={() => setRecording(false)} staffId={staffId ?? undefined} />
      <DecideDialog decision={decision} onClose={() => setDecision(null)} />
    </Drawer>
  );
}
