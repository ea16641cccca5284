import { useDeferredValue } from 'react';
import { Alert, Descriptions, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, type Bilingual } from '../../app/api';
import type { SanctionRuleItem } from '../../app/types';
import { paths } from '../../app/paths';
import { ErrorAlert } from '../../app/errors';
import { useFormErrors } from '../../app/formErrors';
import { useI18n } from '../../app/i18n';
import { useChange } from '../../app/useChange';
import { UnitSelect } from '../../components/UnitSelect';
import { yuan } from '../ledger/model';
import { FactFields, factsBody, factsComplete } from './FactFields';
import { StaffPicker } from './StaffPicker';
import { useSanctionRules } from './useRules';
import type { Sanction, SanctionPreview } from './model';

type Values = { rule?: string; facts?: Record<string, unknown>; unitId?: string; staffId?: string | null; staffIds?: string[]; note?: string };

/** Rules that charge each head: the people present or taking part are chosen one by one. */
const perHead = new Set(['per_member', 'per_person_present', 'per_participant']);

/** The amount the rule computes on the facts entered so far, asked of the server as they change. */
function LivePreview({ rule, facts }: { rule: SanctionRuleItem | undefined; facts: Record<string, unknown> }) {
  const { t, pick } = useI18n();
  // Rule and facts deferred together, so a request never pairs a rule with facts entered for another.
  const deferred = useDeferredValue(JSON.stringify({ rule: rule?.code, facts }));
  const asked = JSON.parse(deferred) as { rule?: string; facts: Record<string, unknown> };
  const askedRule = rule?.code === asked.rule ? rule : undefined;
  const preview = useQuery({
    queryKey: ['sanctions', 'preview', deferred],
    queryFn: () => api.post<SanctionPreview>(paths.sanctionRules.preview, asked),
    // Only once every required fact is there: a preview before that would only be refused.
    enabled: !!askedRule && factsComplete(askedRule.facts, asked.facts),
    retry: false,
    staleTime: Infinity,
  });
  return (
    <Alert
      type={preview.data ? (preview.data.direction === 'fine' ? 'warning' : 'success') : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="sanction-preview"
      title={
        preview.data ? (
          <span>
            {t('sanctions.labelled', { label: t('sanctions.form.preview'), value: '' })}<Typography.Text strong data-testid="sanction-preview-amount">{yuan(preview.data.amountFen)}</Typography.Text> 元
          </span>
        ) : (
          t('sanctions.form.previewEmpty')
        )
      }
      description={
        preview.error ? (
          <ErrorAlert error={preview.error} />
        ) : preview.data ? (
          <Space orientation="vertical" size={2}>
            {preview.data.breakdown.map((b: Bilingual, i) => (
              <span key={i}>{pick(b)}</span>
            ))}
            {preview.data.outcomes.length > 0 && (
              <Space size={[4, 4]} wrap>
                {preview.data.outcomes.map((o) => (
                  <Tag key={o}>{t(`policy.rules.outcome.${o}`, { defaultValue: o })}</Tag>
                ))}
              </Space>
            )}
          </Space>
        ) : undefined
      }
    />
  );
}

/**
 * 按规则提议 (issue 15 item 4): the office or a unit head names the rule, enters the facts the rule
 * reads, sees the amount computed live, chooses the unit and the people, and proposes.
 */
export function ProposeForm({ open, onClose, onProposed }: { open: boolean; onClose: () => void; onProposed?: (s: Sanction) => void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const rules = useSanctionRules();
  const code = Form.useWatch('rule', form);
  const facts = Form.useWatch('facts', form);
  const unitId = Form.useWatch('unitId', form);
  const rule = rules.data?.items.find((r) => r.code === code);
  const body = rule ? factsBody(rule.facts, facts) : {};
  const showFieldErrors = useFormErrors(form, ([field, ...rest]) => (field === 'rule' ? ['rule'] : [field, ...rest]));
  const save = useChange<Values, { created: Sanction[]; existing: Sanction[] }>({
    mutationFn: (v) =>
      api.post(paths.sanctions.list, {
        rule: v.rule,
        facts: rule ? factsBody(rule.facts, v.facts) : {},
        unitId: v.unitId,
        ...(v.staffIds?.length ? { staffIds: v.staffIds } : {}),
        ...(v.staffId ? { staffId: v.staffId } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    success: (r) => (r.created.length ? t('sanctions.form.created', { count: r.created.length }) : t('sanctions.form.existing')),
    invalidate: [['sanctions']],
    onSuccess: (r) => {
      form.resetFields();
      onClose();
      const first = r.created[0] ?? r.existing[0];
      if (first) onProposed?.(first);
    },
    onError: showFieldErrors,
  });
  const groups = (['fine', 'reward'] as const).map((d) => ({
    label: t(`sanctions.direction.${d}`),
    options: (rules.data?.items ?? []).filter((r) => r.direction === d).map((r) => ({ value: r.code, label: pick(r.label), search: `${r.code} ${r.label.zh} ${r.label.en}` })),
  }));
  const many = !!rule && perHead.has(rule.kind);
  return (
    <Modal
      open={open}
      title={t('sanctions.form.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('sanctions.form.submit')}
      okButtonProps={{ 'data-testid': 'propose-submit' } as Record<string, string>}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      width={640}
      forceRender
    >
      <Form form={form} layout="vertical" name="sanction" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="rule" label={t('sanctions.form.rule')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'search' }}
            placeholder={t('sanctions.form.rulePlaceholder')}
            options={groups}
            loading={rules.isLoading}
            onChange={() => form.setFieldValue('facts', undefined)}
            data-testid="propose-rule"
          />
        </Form.Item>
        {rule && (
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'words', label: t('sanctions.rule'), children: <span style={{ whiteSpace: 'pre-line' }}>{pick(rule.words)}</span> },
              { key: 'citation', label: t('sanctions.citation'), children: rule.citation },
            ]}
          />
        )}
        {rule && <FactFields facts={rule.facts} />}
        <LivePreview rule={rule} facts={body} />
        <Form.Item name="unitId" label={t('sanctions.form.unit')} rules={[{ required: true, message: t('validation.required') }]}>
          <UnitSelect data-testid="propose-unit" onChange={() => form.setFieldsValue({ staffId: null, staffIds: [] })} />
        </Form.Item>
        {many ? (
          <Form.Item name="staffIds" label={t('sanctions.form.staffMany')} extra={t('sanctions.form.staffManyHint')}>
            <StaffPicker multiple unitId={unitId} testId="propose-staff" />
          </Form.Item>
        ) : (
          <Form.Item name="staffId" label={t('sanctions.form.staff')} extra={t('sanctions.form.staffHint')}>
            <StaffPicker unitId={unitId} testId="propose-staff" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('sanctions.form.note')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('sanctions.form.notePlaceholder')} data-testid="propose-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
