import { useState } from 'react';
import { Alert, Form, Input, InputNumber, Switch, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../app/api';
import { paths } from '../../app/paths';
import { ErrorAlert } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import type { EffectivePolicy, PolicyIssue, PolicyValue } from '../../app/types';
import { EditModal } from '../../components/EditModal';
import { withPath } from './paths';

type Kind = 'number' | 'boolean' | 'json' | 'yuan';
/** Sanction amounts are stored in fen and edited in 元 (a placeholder is null until set). */
const isMoney = (path: string) => path.startsWith('sanctionRules.') && /(Fen|^repeatRate)$/.test(path.split('.').pop() ?? '');
const kindOf = (v: unknown, path: string): Kind => (isMoney(path) && (typeof v === 'number' || v === null) ? 'yuan' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'json');

interface Values {
  value: unknown;
  source?: string;
  decisionZh?: string;
  decisionEn?: string;
}
type Field = 'value' | 'source' | 'decisionZh' | 'decisionEn';
const fields: Field[] = ['value', 'source', 'decisionZh', 'decisionEn'];

/** The decision as the server takes it: `{ zh, en }`, or one text that stands for both languages. */
function decisionOf(v: Values): string | { zh: string; en: string } | undefined {
  const zh = v.decisionZh?.trim() ?? '';
  const en = v.decisionEn?.trim() ?? '';
  if (zh && en && zh !== en) return { zh, en };
  return zh || en || undefined;
}

/** Which form field a server issue belongs to, for a value at `base`. */
function fieldOf(issuePath: string, base: string): { field: Field; rest: string } | null {
  if (issuePath === `${base}.source` || issuePath.startsWith(`${base}.source.`)) return { field: 'source', rest: '' };
  if (issuePath === `${base}.decision.en`) return { field: 'decisionEn', rest: '' };
  if (issuePath === `${base}.decision` || issuePath.startsWith(`${base}.decision.`)) return { field: 'decisionZh', rest: '' };
  if (issuePath === base || issuePath === `${base}.value`) return { field: 'value', rest: '' };
  if (issuePath.startsWith(`${base}.value.`)) return { field: 'value', rest: issuePath.slice(base.length + 7) };
  if (issuePath.startsWith(`${base}.`)) return { field: 'value', rest: issuePath.slice(base.length + 1) };
  return null;
}

/** Override one policy value: a new value and why (a seed citation and/or a decision). */
export function PolicyEditor({ policy, item, label, onClose }: { policy: EffectivePolicy; item: PolicyValue | null; label: string; onClose: () => void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [otherIssues, setOtherIssues] = useState<PolicyIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const kind = item ? kindOf(item.value, item.path) : 'json';
  const close = () => {
    setOtherIssues([]);
    setError(null);
    onClose();
  };

  const showIssues = (e: unknown) => {
    const issues = isApiError(e) && e.code === 'policy_invalid' ? ((e.details as { issues?: PolicyIssue[] } | null)?.issues ?? []) : null;
    if (!issues) {
      setError(e);
      if (isApiError(e) && e.code === 'version_conflict') void queryClient.invalidateQueries({ queryKey: ['policy'] });
      return;
    }
    const byField: Record<Field, string[]> = { value: [], source: [], decisionZh: [], decisionEn: [] };
    const others: PolicyIssue[] = [];
    for (const issue of issues) {
      const f = fieldOf(issue.path, item!.path);
      // `1.end` → `#2 end`: which item of a list the message is about.
      const where = f?.rest.split('.').map((seg) => (/^\d+$/.test(seg) ? `#${Number(seg) + 1}` : seg)).join(' ');
      if (f) byField[f.field].push(where ? `${where}: ${pick(issue.message)}` : pick(issue.message));
      else others.push(issue);
    }
    form.setFields(fields.map((name) => ({ name, errors: byField[name] })));
    setOtherIssues(others);
  };

  const jsonRule = {
    validator: (_: unknown, v: unknown) => {
      if (kind !== 'json') return Promise.resolve();
      try {
        JSON.parse(String(v));
        return Promise.resolve();
      } catch {
        return Promise.reject(new Error(t('policy.jsonInvalid')));
      }
    },
  };

  return (
    <EditModal<Values, EffectivePolicy>
      open={item !== null}
      form={form}
      name="policy"
      title={t('policy.editTitle')}
      width={640}
      values={
        item
          ? {
              value: kind === 'json' ? JSON.stringify(item.value, null, 2) : kind === 'yuan' ? (item.value === null ? undefined : Number(item.value) / 100) : item.value,
              source: item.source ?? '',
              decisionZh: item.decision?.zh ?? '',
              decisionEn: item.decision?.en ?? '',
            }
          : undefined
      }
      save={(v) => {
        const value = kind === 'json' ? JSON.parse(String(v.value)) : kind === 'yuan' ? Math.round(Number(v.value) * 100) : v.value;
        const cited: Record<string, unknown> = { value };
        if (v.source?.trim()) cited.source = v.source.trim();
        const decision = decisionOf(v);
        if (decision) cited.decision = decision;
        const overrides = withPath(policy.overrides, item!.path.split('.'), cited);
        return api.put<EffectivePolicy>(paths.policy.overrides, { version: policy.version, overrides });
      }}
      invalidate={[['policy'], ['calendar']]}
      onClose={close}
      onError={showIssues}
      onValuesChange={() => setOtherIssues([])}
      intro={
        item && (
          <Typography.Paragraph>
            <Typography.Text strong>{label}</Typography.Text>
            <br />
            <Typography.Text type="secondary" code>
              {item.path}
            </Typography.Text>
          </Typography.Paragraph>
        )
      }
      footnote={
        <>
          {otherIssues.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={t('policy.otherIssues')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {otherIssues.map((i) => (
                    <li key={`${i.path}-${i.message.en}`}>
                      <Typography.Text code>{i.path || '/'}</Typography.Text> {pick(i.message)}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <ErrorAlert error={error} />
        </>
      }
    >
      <Form.Item name="value" label={t('policy.value')} valuePropName={kind === 'boolean' ? 'checked' : 'value'} rules={[{ required: kind !== 'boolean', message: t('validation.required') }, jsonRule]} extra={kind === 'json' ? t('policy.jsonHint') : undefined}>
        {kind === 'yuan' ? <InputNumber style={{ width: '100%' }} min={0} precision={2} suffix={t('policy.rules.yuan', { amount: '' }).trim()} /> : kind === 'number' ? <InputNumber style={{ width: '100%' }} /> : kind === 'boolean' ? <Switch /> : <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} spellCheck={false} style={{ fontFamily: 'monospace' }} />}
      </Form.Item>
      <Form.Item name="source" label={t('policy.source')} extra={t('policy.sourceHint')}>
        <Input placeholder="002:L103" />
      </Form.Item>
      <Form.Item name="decisionZh" label={t('policy.decisionZh')} extra={t('policy.decisionHint')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="decisionEn" label={t('policy.decisionEn')} extra={t('policy.decisionEnHint')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </EditModal>
  );
}
