import { Checkbox, Form, Input, InputNumber, Typography } from 'antd';
import type { SanctionRuleItem } from '../../app/types';
import { useI18n } from '../../app/i18n';

type FactSpec = SanctionRuleItem['facts'][number];

/**
 * The facts a rule reads, as form fields under `facts` (the rule's own fact schema from GET
 * /sanction-rules): counts and scores as numbers, flags as checkboxes, amounts in 元.
 */
export function FactFields({ facts, testId = 'fact' }: { facts: FactSpec[]; testId?: string }) {
  const { t, pick } = useI18n();
  if (facts.length === 0) return <Typography.Paragraph type="secondary">{t('sanctions.form.noFacts')}</Typography.Paragraph>;
  return (
    <>
      {facts.map((f) => {
        const rules = f.required ? [{ required: true, message: t('validation.required') }] : [];
        const label = f.type === 'fen' ? `${pick(f.label)}（${t('sanctions.newAmount')}）` : pick(f.label);
        if (f.type === 'boolean')
          return (
            <Form.Item key={f.name} name={['facts', f.name]} valuePropName="checked" initialValue={false}>
              <Checkbox data-testid={`${testId}-${f.name}`}>{pick(f.label)}</Checkbox>
            </Form.Item>
          );
        if (f.type === 'string')
          return (
            <Form.Item key={f.name} name={['facts', f.name]} label={label} rules={rules}>
              <Input maxLength={40} data-testid={`${testId}-${f.name}`} />
            </Form.Item>
          );
        return (
          <Form.Item key={f.name} name={['facts', f.name]} label={label} rules={rules}>
            <InputNumber min={0} precision={f.type === 'integer' ? 0 : f.type === 'fen' ? 2 : 3} style={{ width: '100%' }} data-testid={`${testId}-${f.name}`} />
          </Form.Item>
        );
      })}
    </>
  );
}

/** The form's facts as the server takes them: amounts from 元 to whole fen, empty ones left out. */
export function factsBody(specs: FactSpec[], values: Record<string, unknown> | undefined): Record<string, number | boolean | string> {
  const out: Record<string, number | boolean | string> = {};
  for (const f of specs) {
    const v = values?.[f.name];
    if (v === undefined || v === null || v === '') continue;
    if (f.type === 'fen' && typeof v === 'number') out[f.name] = Math.round(v * 100);
    else if (f.type === 'boolean') out[f.name] = v === true;
    else out[f.name] = v as number | string;
  }
  return out;
}

/** The stored facts as form values (fen back to 元). */
export function factsValues(specs: FactSpec[], facts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of specs) {
    const v = facts[f.name];
    if (v === undefined || v === null) continue;
    out[f.name] = f.type === 'fen' && typeof v === 'number' ? v / 100 : v;
  }
  return out;
}

/** Whether every required fact has a value (a preview before that would only be refused). */
export function factsComplete(specs: FactSpec[], body: Record<string, unknown>): boolean {
  return specs.every((f) => !f.required || f.type === 'boolean' || body[f.name] !== undefined);
}
