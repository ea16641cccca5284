import { useState } from 'react';
import { Card, Checkbox, Empty, Input, Radio, Space, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { fiveLevels, isVisible, type Answer, type SurveyDefinition } from './model';

/** The survey as a respondent sees it, rendered from the definition in the browser; conditions apply live. */
export function SurveyPreview({ definition }: { definition: SurveyDefinition }) {
  const { t, pick } = useI18n();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const set = (id: string, v: Answer) => setAnswers((a) => ({ ...a, [id]: v }));
  const shown = definition.questions.filter((q) => isVisible(q, answers));
  return (
    <Card size="small" title={t('surveys.preview.title')} data-testid="survey-preview" className="yz-survey-preview">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {pick(definition.title) || t('surveys.preview.untitled')}
      </Typography.Title>
      {definition.intro && <Typography.Paragraph type="secondary">{pick(definition.intro)}</Typography.Paragraph>}
      {shown.length === 0 && <Empty description={t('surveys.preview.empty')} />}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {shown.map((q, i) => (
          <div key={q.id} data-testid={`preview-q-${q.id}`}>
            <Typography.Text strong>
              {i + 1}. {pick(q.title) || q.id}
              {q.required && <span style={{ color: '#cf1322' }}> *</span>}
            </Typography.Text>
            {q.help && <div><Typography.Text type="secondary">{pick(q.help)}</Typography.Text></div>}
            <div style={{ marginTop: 6 }}>
              {q.type === 'five_level' && (
                <Radio.Group value={answers[q.id]} onChange={(e) => set(q.id, e.target.value as number)} optionType="button" options={fiveLevels.map((l) => ({ value: l.value, label: pick(l) }))} />
              )}
              {q.type === 'nps' && (
                <Radio.Group value={answers[q.id]} onChange={(e) => set(q.id, e.target.value as number)} optionType="button" options={Array.from({ length: 11 }, (_, s) => ({ value: s, label: String(s) }))} />
              )}
              {q.type === 'single' && (
                <Radio.Group value={answers[q.id]} onChange={(e) => set(q.id, e.target.value as string)}>
                  <Space direction="vertical">
                    {(q.options ?? []).map((o) => (
                      <Radio key={o.code} value={o.code}>
                        {pick(o) || o.code}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              )}
              {q.type === 'multiple' && (
                <Checkbox.Group value={(answers[q.id] as string[] | undefined) ?? []} onChange={(v) => set(q.id, v as string[])} options={(q.options ?? []).map((o) => ({ value: o.code, label: pick(o) || o.code }))} />
              )}
              {q.type === 'text' && <Input.TextArea value={(answers[q.id] as string | undefined) ?? ''} onChange={(e) => set(q.id, e.target.value)} maxLength={1000} autoSize={{ minRows: 2 }} aria-label={pick(q.title)} />}
            </div>
          </div>
        ))}
      </Space>
    </Card>
  );
}
