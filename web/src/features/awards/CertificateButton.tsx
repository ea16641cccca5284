import { Button } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { downloadFile } from '../dashboard/model';
import type { Nomination, Round } from './model';

/** 荣誉证书 of a winner, as a PDF download. */
export function CertificateButton({ round, nomination }: { round: Round; nomination: Pick<Nomination, 'id' | 'name'> }) {
  const { t } = useI18n();
  const showError = useShowError();
  const run = useMutation({ mutationFn: () => downloadFile(paths.awardRounds.certificate(round.id, nomination.id), `荣誉证书_${nomination.name}.pdf`), onError: showError });
  return (
    <Button size="small" icon={<FilePdfOutlined />} loading={run.isPending} onClick={() => run.mutate()} data-testid={`certificate-${nomination.id}`}>
      {t('awards.certificate')}
    </Button>
  );
}

