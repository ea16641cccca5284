import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, isApiError } from '../../app/api';
import { paths } from '../../app/paths';
import { canReadRoster } from '../../app/access';
import { useMe } from '../../app/auth';
import { useErrorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { UnitSelect } from '../../components/UnitSelect';
import { StaffSelect } from '../users/StaffSelect';
import { fieldsFor, toActionInput, type FieldSpec } from './actionSpecs';
import { useCaseLabels, useComplaintTaxonomy } from './labels';
import type { CaseDetail } from './model';
import { isUuid, UserPicker } from './UserPicker';

interface Props {
  detail: CaseDetail;
  action: string | null;
  onClose: () => void;
  onDone: (updated: CaseDetail) => void;
  /** Reloads the case (after a version conflict). */
  onReload: () => Promise<unknown>;
}

/** The small form of one workflow action; posts the version read and shows refusals in place. */
export function ActionDialog({ detail, action, onClose, onDone, onReload }: Props) {
  const { t, pick } = useI18n();
  const me = useMe();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const labels = useCaseLabels();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [error, setError] = useState<unknown>(null);
  const open = action !== null;
  // While the dialog closes (animated), it keeps showing the action it was opened for.
  const last = useRef<string | null>(action);
  if (action !== null) last.current = action;
  const shown = action ?? last.current;
  // A fresh OK button per opening: antd's loading icon can stay mid-animation in a hidden dialog.
  const openings = useRef(0);
  const wasOpen = useRef(false);
  if (open && !wasOpen.current) openings.current += 1;
  wasOpen.current = open;
  const fields = shown ? fieldsFor(detail.type, shown) : [];
  const needsCauses = fields.some((f) => f.kind === 'causes');
  const causes = useComplaintTaxonomy('causes', open && needsCauses);
  const roster = canReadRoster(me.role);


  const submit = useMutation({
    mutationFn: (values: Record<string, unknown>) => {
      const converted: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(values)) converted[k] = v && typeof (v as Dayjs).format === 'function' ? (v as Dayjs).format('YYYY-MM-DD') : v;
      const input = toActionInput(detail.type, shown!, converted);
      return api.post<CaseDetail>(paths.cases.action(detail.id, shown!), { ...input, version: detail.version });
    },
    onSuccess: (updated) => {
      message.success(t('cases.actionDone', { action: labels.actionLabel(detail.type, shown!) }));
      onDone(updated);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      // An upheld appeal changes the statistics; a verification the incident file.
      void queryClient.invalidateQueries({ queryKey: ['ratings'] });
      void queryClient.invalidateQueries({ queryKey: ['staff', 'incidents'] });
    },
    onError: (e) => {
      setError(e);
      if (isApiError(e) && e.code === 'validation_failed' && Array.isArray(e.details)) {
        const names = new Set(fields.map((f) => f.name));
        const byField = new Map<string, string[]>();
        for (const d of e.details as { path?: string; message?: string }[]) {
          const name = String(d.path ?? '').replace(/^body\./, '').split('.')[0];
          const target = names.has(name) ? name : name === 'contact' && names.has('contactPhone') ? 'contactPhone' : null;
          if (target) byField.set(target, [...(byField.get(target) ?? []), d.message ?? '']);
        }
        form.setFields([...byField.entries()].map(([name, errors]) => ({ name, errors })));
      }
    },
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    submit.reset();
    form.resetFields();
    const initial: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.kind === 'staff' && detail.staffId) initial[f.name] = detail.staffId;
      if (f.kind === 'json') initial[f.name] = '{}';
    }
    form.setFieldsValue(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, action, detail.id]);

  const conflict = isApiError(error) && error.code === 'version_conflict';
  const label = (name: string) => t(`cases.fields.${name}`, { defaultValue: name });
  const required = (f: FieldSpec) => ('required' in f && f.required ? [{ required: true, message: t('validation.required') }] : []);

  const control = (f: FieldSpec) => {
    switch (f.kind) {
      case 'text':
        return <Input maxLength={f.max} />;
      case 'textarea':
        return <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={f.max} showCount />;
      case 'select':
        return <Select options={f.options.map((o) => ({ value: o, label: t(`cases.options.${f.optionSet}.${o}`, { defaultValue: o }) }))} />;
      case 'user':
        return <UserPicker caseUnitId={detail.unitId} />;
      case 'staff':
        return <StaffSelect />;
      case 'causes':
        return (
          <Select
            mode="multiple"
            maxCount={10}
            loading={causes.isFetching}
            optionFilterProp="label"
            options={(causes.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: pick(c) }))}
          />
        );
      case 'boolean':
        return (
          <Radio.Group
            options={[
              { value: true, label: t('common.yes') },
              { value: false, label: t('common.no') },
            ]}
          />
        );
      case 'date':
        return <DatePicker style={{ width: '100%' }} />;
      case 'unit':
        return <UnitSelect allowClear />;
      case 'codes':
        return <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} />;
      case 'json':
        return <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} style={{ fontFamily: 'monospace' }} />;
    }
  };

  const rulesOf = (f: FieldSpec) => {
    const rules: object[] = required(f);
    if (f.kind === 'user') rules.push({ validator: (_: unknown, v: unknown) => (!v || isUuid(v) ? Promise.resolve() : Promise.reject(new Error(t('cases.assign.badId')))) });
    if (f.kind === 'json')
      rules.push({
        validator: (_: unknown, v: unknown) => {
          try {
            const parsed = JSON.parse(String(v ?? '{}'));
            return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Promise.resolve() : Promise.reject(new Error(t('cases.jsonObject')));
          } catch {
            return Promise.reject(new Error(t('cases.jsonObject')));
          }
        },
      });
    return rules;
  };

  return (
    <Modal
      open={open}
      title={shown ? `${labels.actionLabel(detail.type, shown)} · ${detail.trackingNo}` : ''}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key={`ok-${openings.current}`} type="primary" loading={submit.isPending} onClick={() => form.submit()}>
          {shown ? labels.actionLabel(detail.type, shown) : t('common.confirm')}
        </Button>,
      ]}
      forceRender
      destroyOnHidden={false}
      data-testid="action-dialog"
    >
      {error != null && (
        <Alert
          type={conflict ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          title={errorText(error)}
          data-testid="action-error"
          data-code={isApiError(error) ? error.code : undefined}
          action={
            conflict ? (
              <Button size="small" onClick={() => void onReload().then(() => setError(null))}>
                {t('cases.reload')}
              </Button>
            ) : undefined
          }
        />
      )}
      <Form form={form} layout="vertical" name={`case-action-${shown ?? 'none'}`} onFinish={(v) => submit.mutate(v)} onValuesChange={() => error && !conflict && setError(null)}>
        {fields
          .filter((f) => f.kind !== 'staff' || roster)
          .map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={label(f.name)}
              rules={rulesOf(f)}
              extra={f.kind === 'json' ? t('cases.jsonHint') : f.kind === 'codes' ? t('cases.codesHint') : undefined}
            >
              {control(f)}
            </Form.Item>
          ))}
      </Form>
    </Modal>
  );
}
