import { Alert, Card, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { IncidentTable } from './IncidentTable';
import type { IncidentFile } from './model';

/** 我的差错事故档案: the person's own file, read on a phone as often as on a PC. */
export default function MyIncidentsPage() {
  const { t } = useI18n();
  const me = useMe();
  const file = useQuery({
    queryKey: ['staff', 'incidents', me.staffId],
    queryFn: () => api.get<IncidentFile>(paths.staff.incidents(me.staffId!)),
    enabled: !!me.staffId,
  });
  return (
    <>
      <div className="yz-page-title">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('incidents.myTitle')}
        </Typography.Title>
      </div>
      {!me.staffId ? (
        <Alert type="info" showIcon message={t('incidents.noStaff')} />
      ) : file.error ? (
        <LoadError error={file.error} onRetry={() => file.refetch()} />
      ) : (
        <Card size="small" title={file.data ? `${file.data.staff.name}（${file.data.staff.badgeNo}）` : undefined}>
          <IncidentTable items={file.data?.items ?? []} loading={file.isFetching} showSubject={false} />
        </Card>
      )}
    </>
  );
}
