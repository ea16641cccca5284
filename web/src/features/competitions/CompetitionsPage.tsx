import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Card, Form, Input, Modal, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { can } from '../../app/access';
import { LoadError, useShowError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { paths } from '../../app/paths';
import { PageTitle } from '../../components/PageTitle';
import type { Competition, PresetDetail, PresetSummary } from './model';

interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
}

/** The create dialog: a preset of the pack, a period, the units taking part and their target group. */
function CreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, pick } = useI18n();
  const showError = useShowError();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const presets = useQuery({ queryKey: ['competition-presets'], queryFn: () => api.get<{ items: PresetSummary[] }>(paths.competitionPresets.list), enabled: open });
  const presetCode = Form.useWatch('preset', form) as string | undefined;
  const preset = useQuery({ queryKey: ['competition-presets', presetCode], queryFn: () => api.get<PresetDetail>(paths.competitionPresets.one(presetCode!)), enabled: open && !!presetCode });
  const units = useQuery({ queryKey: ['units', 'all'], queryFn: () => api.get<{ items: UnitRow[] }>(paths.units.list, { pageSize: '500' }), enabled: open });
  const chosen = (Form.useWatch('unitIds', form) as string[] | undefined) ?? [];
  const create = useMutation({
    mutationFn: (v: { preset: string; period: string; title?: string; unitIds: string[]; targets?: Record<string, string | undefined> }) => {
      const targets = Object.fromEntries(Object.entries(v.targets ?? {}).filter(([id, code]) => code && v.unitIds.includes(id))) as Record<string, string>;
      return api.post<Competition>(paths.competitions.list, { preset: v.preset, period: v.period, unitIds: v.unitIds, targets, ...(v.title ? { title: v.title } : {}) });
    },
    onSuccess: async (c) => {
      await client.invalidateQueries({ queryKey: ['competitions'] });
      onClose();
      navigate(`/competitions/${c.id}`);
    },
    onError: showError,
  });
  const unitName = new Map((units.data?.items ?? []).map((u) => [u.id, `${u.name}（${u.code}）`]));
  return (
    <Modal open={open} title={t('competitions.create')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending, ...({ 'data-testid': 'competition-create-ok' } as Record<string, string>) }} destroyOnHidden width={640}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ period: String(new Date().getFullYear()) }}
        onFinish={(v) => create.mutate(v)}
        onValuesChange={(changed) => {
          // Choosing a preset proposes the sub-branches (单位类型 branch) as the units taking part.
          if (changed.preset && !form.getFieldValue('unitIds')?.length) form.setFieldValue('unitIds', (units.data?.items ?? []).filter((u) => u.kind === 'branch').map((u) => u.id));
        }}
      >
        <Form.Item name="preset" label={t('competitions.preset')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select data-testid="competition-preset" options={(presets.data?.items ?? []).map((p) => ({ value: p.code, label: pick(p.label) }))} loading={presets.isLoading} />
        </Form.Item>
        {preset.data?.description && <Typography.Paragraph type="secondary">{pick(preset.data.description)}</Typography.Paragraph>}
        <Form.Item name="period" label={t('competitions.period')} extra={t('competitions.periodHelp')} rules={[{ required: true, message: t('validation.required') }, { pattern: /^\d{4}(?:-(?:0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/, message: t('competitions.periodHelp') }]}>
          <Input data-testid="competition-period" />
        </Form.Item>
        <Form.Item name="title" label={t('competitions.titleField')}>
          <Input placeholder={preset.data ? pick(preset.data.label) : undefined} />
        </Form.Item>
        <Form.Item name="unitIds" label={t('competitions.units')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select mode="multiple" data-testid="competition-units" optionFilterProp="label" options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` }))} />
        </Form.Item>
        {(preset.data?.targets.length ?? 0) > 0 &&
          chosen.map((id) => (
            <Form.Item key={id} name={['targets', id]} label={t('competitions.targetOf', { unit: unitName.get(id) ?? id })} style={{ marginBottom: 8 }}>
              <Select allowClear data-testid={`target-${id}`} options={preset.data!.targets.map((x) => ({ value: x.code, label: `${pick(x.label)} ≥ ${x.atLeast}` }))} />
            </Form.Item>
          ))}
      </Form>
    </Modal>
  );
}

/** 竞赛评分: the organisation's competitions; the office creates one from a preset of the policy pack. */
export default function CompetitionsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['competitions'], queryFn: () => api.get<{ items: Competition[]; total: number }>(paths.competitions.list, { pageSize: '100' }) });
  const columns: TableColumnsType<Competition> = [
    { title: t('competitions.titleField'), key: 'title', render: (_, c) => <Link to={`/competitions/${c.id}`}>{c.title}</Link> },
    { title: t('competitions.period'), dataIndex: 'period', key: 'period' },
    { title: t('competitions.preset'), dataIndex: 'preset', key: 'preset' },
    { title: t('competitions.state'), key: 'state', render: (_, c) => <Tag color={c.state === 'published' ? 'green' : 'blue'}>{t(`competitions.states.${c.state}`)}</Tag> },
    { title: t('competitions.updatedAt'), key: 'updatedAt', render: (_, c) => c.updatedAt.slice(0, 10) },
  ];
  return (
    <>
      <PageTitle title={t('competitions.title')} add={can(user?.role, 'competitionsEdit') ? { text: t('competitions.create'), onClick: () => setCreating(true), testId: 'competition-new' } : undefined} />
      <Typography.Paragraph type="secondary">{t('competitions.note')}</Typography.Paragraph>
      <Card size="small">
        {list.error ? (
          <LoadError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<Competition> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} pagination={false} scroll={{ x: 'max-content' }} data-testid="competitions" />
        )}
      </Card>
      <CreateDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
