import { Drawer, Grid, Skeleton, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { LoadError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { SanctionView } from './SanctionView';
import { StepPanel } from './StepPanel';
import type { SanctionDetail } from './model';

/** One sanction and the caller's step on it, beside the list. */
export function SanctionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const detail = useQuery({ queryKey: ['sanctions', 'one', id], queryFn: () => api.get<SanctionDetail>(paths.sanctions.one(id!)), enabled: !!id });
  return (
    <Drawer open={!!id} onClose={onClose} title={t('sanctions.detailTitle')} size={screens.md ? 760 : '100%'} data-testid="sanction-drawer" destroyOnHidden>
      {detail.error ? (
        <LoadError error={detail.error} onRetry={() => detail.refetch()} />
      ) : !detail.data ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <StepPanel key={`${detail.data.id}:${detail.data.version}`} sanction={detail.data} />
          <SanctionView s={detail.data} />
        </Space>
      )}
    </Drawer>
  );
}
