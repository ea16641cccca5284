import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Modal, Radio, Space, Typography } from 'antd';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { ErrorAlert } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useChange } from '../../app/useChange';
import { yuan } from '../ledger/model';
import { FactFields, factsBody, factsValues } from './FactFields';
import { useSanctionRules } from './useRules';
import { toFen, type SanctionDetail } from './model';

const invalidate = [['sanctions'], ['ledger']];

/** The change a step sends, its refusal shown above the buttons (409s with the server's words). */
function useStep<V>(mutationFn: (v: V) => Promise<unknown>, success: string, onDone?: () => void) {
  const [error, setError] = useState<unknown>(null);
  const change = useChange<V>({
    mutationFn: (v) => {
      setError(null);
      return mutationFn(v);
    },
    success,
    invalidate,
    onSuccess: () => onDone?.(),
    onError: setError,
  });
  return { ...change, error };
}

/** 申诉: the person's grounds, sent while the window is open. */
export function AppealForm({ sanction, onDone }: { sanction: Pick<SanctionDetail, 'id' | 'version'>; onDone?: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const step = useStep((v: { reason: string }) => api.post(paths.sanctions.step(sanction.id, 'appeal'), { version: sanction.version, reason: v.reason.trim() }), t('sanctions.appealSent'), onDone);
  return (
    <Form form={form} layout="vertical" onFinish={(v) => step.mutate(v)} name="appeal">
      <ErrorAlert error={step.error} style={{ marginBottom: 8 }} />
      <Form.Item name="reason" label={t('sanctions.appealReason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input.TextArea rows={4} maxLength={2000} placeholder={t('sanctions.appealReasonPlaceholder')} data-testid="appeal-reason" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={step.isPending} block data-testid="appeal-send">
        {t('sanctions.appealSend')}
      </Button>
    </Form>
  );
}

/** 更正事实 (PATCH, before the decision): the rule's facts, filled with those found so far. */
function AdjustDialog({ sanction, open, onClose }: { sanction: SanctionDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ facts: Record<string, unknown>; note?: string }>();
  const rules = useSanctionRules();
  const specs = rules.data?.items.find((r) => r.code === sanction.rule.code)?.facts ?? [];
  const step = useStep(
    (v: { facts: Record<string, unknown>; note?: string }) => api.patch(paths.sanctions.one(sanction.id), { version: sanction.version, facts: factsBody(specs, v.facts), ...(v.note?.trim() ? { note: v.note.trim() } : {}) }),
    t('common.saved'),
    onClose,
  );
  return (
    <Modal
      open={open}
      title={t('sanctions.adjustTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={step.isPending}
      afterOpenChange={(o) => o && form.setFieldsValue({ facts: factsValues(specs, sanction.facts), note: undefined })}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('sanctions.adjustHint')}</Typography.Paragraph>
      {sanction.range && sanction.range.minFen !== null && sanction.range.maxFen !== null && (
        <Typography.Paragraph>{t('sanctions.range', { min: yuan(sanction.range.minFen), max: yuan(sanction.range.maxFen) })}</Typography.Paragraph>
      )}
      <ErrorAlert error={step.error} style={{ marginBottom: 8 }} />
      <Form form={form} layout="vertical" name="adjust" onFinish={(v) => step.mutate(v)}>
        <FactFields facts={specs} testId="adjust" />
        <Form.Item name="note" label={t('sanctions.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type StepValues = { note?: string; outcome?: 'uphold' | 'reduce' | 'revoke'; amount?: number; reason?: string };

/**
 * The caller's step on a sanction in its current state (the server says which: `nextStep`): 初审
 * accept or dismiss, approve, decide, rule on an appeal; before the decision, correct the facts.
 */
export function StepPanel({ sanction }: { sanction: SanctionDetail }) {
  const { t } = useI18n();
  const [form] = Form.useForm<StepValues>();
  const [adjusting, setAdjusting] = useState(false);
  const outcome = Form.useWatch('outcome', form);
  const next = sanction.nextStep;
  const base = (v: StepValues) => ({ version: sanction.version, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
  const done = () => form.resetFields();
  const review = useStep((v: StepValues & { accept: boolean }) => api.post(paths.sanctions.step(sanction.id, 'review'), { ...base(v), accept: v.accept }), t('sanctions.done'), done);
  const approve = useStep((v: StepValues) => api.post(paths.sanctions.step(sanction.id, 'approve'), base(v)), t('sanctions.done'), done);
  const decide = useStep((v: StepValues) => api.post(paths.sanctions.step(sanction.id, 'decide'), base(v)), t('sanctions.done'), done);
  const rule = useStep(
    (v: StepValues) =>
      api.post(paths.sanctions.step(sanction.id, 'appeal-decision'), { version: sanction.version, outcome: v.outcome, reason: (v.reason ?? '').trim(), ...(v.outcome === 'reduce' ? { amountFen: toFen(v.amount) } : {}) }),
    t('sanctions.done'),
    done,
  );
  if (next === 'appeal') {
    return (
      <Card size="small" title={t('sanctions.appealTitle')} data-testid="sanction-step">
        <AppealForm sanction={sanction} />
      </Card>
    );
  }
  if (!next) return <Typography.Paragraph type="secondary">{t('sanctions.notYours')}</Typography.Paragraph>;
  const error = review.error ?? approve.error ?? decide.error ?? rule.error;
  const mayAdjust = next === 'review' || next === 'approve' || next === 'decide';
  return (
    <Card size="small" title={t('sanctions.stepTitle', { step: t(`sanctions.steps.${next}`) })} data-testid="sanction-step">
      <ErrorAlert error={error} style={{ marginBottom: 8 }} />
      <Form form={form} layout="vertical" name="step">
        {next === 'appeal_decision' ? (
          <>
            <Form.Item name="outcome" label={t('sanctions.outcome')} rules={[{ required: true, message: t('validation.required') }]}>
              <Radio.Group
                options={(['uphold', 'reduce', 'revoke'] as const).map((o) => ({ value: o, label: t(`sanctions.actions.appeal_${o}`) }))}
                data-testid="appeal-outcome"
              />
            </Form.Item>
            {outcome === 'reduce' && (
              <Form.Item name="amount" label={t('sanctions.reducedAmount')} rules={[{ required: true, message: t('validation.required') }]} extra={t('sanctions.proposedAmount', { amount: yuan(sanction.amountFen) })}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="appeal-amount" />
              </Form.Item>
            )}
            <Form.Item name="reason" label={t('sanctions.outcomeReason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="appeal-decision-reason" />
            </Form.Item>
            <Button type="primary" loading={rule.isPending} onClick={() => form.validateFields().then((v) => rule.mutate(v), () => undefined)} data-testid="appeal-decide">
              {t('sanctions.decideAppeal')}
            </Button>
          </>
        ) : (
          <>
            <Form.Item name="note" label={next === 'review' ? `${t('sanctions.note')} / ${t('sanctions.dismissReason')}` : t('sanctions.note')}>
              <Input.TextArea rows={2} maxLength={2000} placeholder={t('sanctions.notePlaceholder')} data-testid="step-note" />
            </Form.Item>
            <Space wrap>
              {next === 'review' && (
                <>
                  <Button type="primary" loading={review.isPending} onClick={() => review.mutate({ ...form.getFieldsValue(), accept: true })} data-testid="step-accept">
                    {t('sanctions.accept')}
                  </Button>
                  <Button
                    danger
                    loading={review.isPending}
                    onClick={() =>
                      form
                        .validateFields()
                        .then((v) => (v.note?.trim() ? review.mutate({ ...v, accept: false }) : form.setFields([{ name: 'note', errors: [t('sanctions.dismissReason')] }])), () => undefined)
                    }
                    data-testid="step-dismiss"
                  >
                    {t('sanctions.dismiss')}
                  </Button>
                </>
              )}
              {next === 'approve' && (
                <Button type="primary" loading={approve.isPending} onClick={() => approve.mutate(form.getFieldsValue())} data-testid="step-approve">
                  {t('sanctions.approve')}
                </Button>
              )}
              {next === 'decide' && (
                <Button type="primary" loading={decide.isPending} onClick={() => decide.mutate(form.getFieldsValue())} data-testid="step-decide">
                  {t('sanctions.decide')}
                </Button>
              )}
              {mayAdjust && (
                <Button onClick={() => setAdjusting(true)} data-testid="step-adjust">
                  {t('sanctions.adjust')}
                </Button>
              )}
            </Space>
          </>
        )}
      </Form>
      {mayAdjust && <AdjustDialog sanction={sanction} open={adjusting} onClose={() => setAdjusting(false)} />}
    </Card>
  );
}
