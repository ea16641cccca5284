import { useRef, useState } from 'react';
import { Button, Card, Checkbox, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { CameraOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { breaches, wholeUnits, type ItemAnswer, type ScoredItem, type TemplateItem, type TemplateMetric } from './model';
import { ItemTags, MetricStandard } from './labels';

/** − n +: a stepper big enough for a thumb. */
function Stepper({ value, onChange, testId, label }: { value: number; onChange: (n: number) => void; testId: string; label: string }) {
  return (
    <Space.Compact>
      <Button icon={<MinusOutlined />} aria-label={`${label} −1`} disabled={value <= 0} onClick={() => onChange(Math.max(0, value - 1))} data-testid={`${testId}-minus`} />
      <InputNumber min={0} max={100000} precision={0} value={value} onChange={(v) => onChange(v ?? 0)} style={{ width: 72 }} aria-label={label} data-testid={testId} inputMode="numeric" />
      <Button icon={<PlusOutlined />} aria-label={`${label} +1`} onClick={() => onChange(value + 1)} data-testid={`${testId}-plus`} />
    </Space.Compact>
  );
}

/** Several measurements of one metric (each breach is a case): typed one at a time, removable. */
function MetricValues({ item, metric, values, onChange }: { item: string; metric: TemplateMetric; values: number[]; onChange: (v: number[]) => void }) {
  const { t, pick } = useI18n();
  const [draft, setDraft] = useState<number | null>(null);
  const add = () => {
    if (draft === null) return;
    onChange([...values, draft]);
    setDraft(null);
  };
  const testId = `metric-${item}-${metric.code}`;
  return (
    <div className="yz-metric">
      <Typography.Text>{pick(metric.label)}</Typography.Text> <MetricStandard metric={metric} />
      <div style={{ margin: '4px 0' }} data-testid={`${testId}-values`}>
        {values.map((v, i) => (
          <Tag key={i} color={breaches(v, metric) ? 'red' : 'default'} closable onClose={() => onChange(values.filter((_, j) => j !== i))}>
            {v}
          </Tag>
        ))}
      </div>
      <Space.Compact style={{ width: '100%' }}>
        <InputNumber
          min={metric.min ?? 0}
          max={metric.max}
          precision={wholeUnits.includes(metric.unit) ? 0 : undefined}
          value={draft}
          onChange={(v) => setDraft(v)}
          onPressEnter={add}
          style={{ width: '100%' }}
          inputMode="decimal"
          suffix={t(`inspections.units.${metric.unit}`)}
          aria-label={pick(metric.label)}
          data-testid={testId}
        />
        <Button onClick={add} disabled={draft === null} data-testid={`${testId}-add`}>
          {t('inspections.form.addValue')}
        </Button>
      </Space.Compact>
    </div>
  );
}

/** One indicator measured once (a failure item): its value, and 未达标 when it breaches. */
function MetricValue({ item, metric, value, onChange }: { item: string; metric: TemplateMetric; value: number | undefined; onChange: (v: number | undefined) => void }) {
  const { t, pick } = useI18n();
  return (
    <div className="yz-metric">
      <Typography.Text>{pick(metric.label)}</Typography.Text> <MetricStandard metric={metric} />
      {value !== undefined && breaches(value, metric) && (
        <Tag color="red" style={{ marginInlineStart: 4 }}>
          {t('inspections.form.breach')}
        </Tag>
      )}
      <InputNumber
        min={metric.min ?? 0}
        max={metric.max}
        precision={wholeUnits.includes(metric.unit) ? 0 : undefined}
        value={value ?? null}
        onChange={(v) => onChange(v ?? undefined)}
        style={{ width: '100%', marginTop: 4 }}
        inputMode="decimal"
        suffix={t(`inspections.units.${metric.unit}`)}
        aria-label={pick(metric.label)}
        data-testid={`metric-${item}-${metric.code}`}
      />
    </div>
  );
}

/** Evidence photos of an item, taken with the phone's camera: kept with the inspection until it is sent. */
function Photos({ item, photos, onChange }: { item: string; photos: { name: string; blob: Blob }[]; onChange: (p: { name: string; blob: Blob }[]) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center', marginTop: 8 }}>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        hidden
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) onChange([...photos, ...files.map((f) => ({ name: f.name, blob: f as Blob }))]);
        }}
        data-testid={`photo-input-${item}`}
      />
      <Button size="small" icon={<CameraOutlined />} onClick={() => input.current?.click()}>
        {t('inspections.form.addPhoto')}
      </Button>
      {photos.map((p, i) => (
        <Tag key={i} closable onClose={() => onChange(photos.filter((_, j) => j !== i))} style={{ marginInlineEnd: 0 }}>
          {p.name}
        </Tag>
      ))}
    </div>
  );
}

/** One checklist item of the phone form: what it takes depends on how it is scored. */
export function ItemField({ item, answer, scored, noteMissing, onChange }: { item: TemplateItem; answer: ItemAnswer; scored?: ScoredItem; noteMissing?: boolean; onChange: (a: ItemAnswer) => void }) {
  const { t, pick } = useI18n();
  const set = (patch: Partial<ItemAnswer>) => onChange({ ...answer, ...patch });
  const setValues = (metric: string, v: number[]) => set({ values: { ...answer.values, [metric]: v } });
  const metrics = item.metrics ?? [];
  const na = !!answer.na && !!item.allowNa;
  return (
    <Card size="small" className="yz-item" data-testid={`item-${item.code}`} style={{ marginBottom: 8 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        <Typography.Text strong>{pick(item.label)}</Typography.Text>
        {scored && scored.deduction > 0 && (
          <Tag color="red" style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }} data-testid={`deduction-${item.code}`}>
            −{scored.deduction}
          </Tag>
        )}
      </div>
      <ItemTags item={item} />
      {!item.incomplete && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          {item.allowNa && (
            <Checkbox checked={na} onChange={(e) => onChange({ ...(e.target.checked ? {} : answer), na: e.target.checked, note: answer.note })} data-testid={`na-${item.code}`}>
              {t('inspections.form.na')}
            </Checkbox>
          )}
          {!na && item.per === 'case' && (
            <Space wrap>
              <Typography.Text>{t('inspections.form.cases')}</Typography.Text>
              <Stepper value={answer.cases ?? 0} onChange={(cases) => set({ cases })} testId={`cases-${item.code}`} label={`${pick(item.label)} ${t('inspections.form.cases')}`} />
            </Space>
          )}
          {!na &&
            metrics.map((m) =>
              item.per === 'case' ? (
                <MetricValues key={m.code} item={item.code} metric={m} values={answer.values?.[m.code] ?? []} onChange={(v) => setValues(m.code, v)} />
              ) : (
                <MetricValue key={m.code} item={item.code} metric={m} value={answer.values?.[m.code]?.[0]} onChange={(v) => setValues(m.code, v === undefined ? [] : [v])} />
              ),
            )}
          {!na && item.per === 'failure' && !metrics.length && (
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={answer.pass === undefined ? undefined : answer.pass ? 'pass' : 'fail'}
              onChange={(e) => set({ pass: e.target.value === 'pass' })}
              options={[
                { value: 'pass', label: t('inspections.form.pass') },
                { value: 'fail', label: t('inspections.form.fail') },
              ]}
              data-testid={`pass-${item.code}`}
            />
          )}
        </Space>
      )}
      <Input.TextArea
        value={answer.note}
        onChange={(e) => set({ note: e.target.value })}
        autoSize={{ minRows: 1, maxRows: 4 }}
        maxLength={2000}
        status={noteMissing ? 'error' : undefined}
        placeholder={item.evidence ? t('inspections.form.noteEvidence') : t('inspections.form.note')}
        style={{ marginTop: 8 }}
        aria-label={`${pick(item.label)} ${t('inspections.form.note')}`}
        data-testid={`note-${item.code}`}
      />
      {!item.incomplete && !na && <Photos item={item.code} photos={answer.photos ?? []} onChange={(photos) => set({ photos })} />}
    </Card>
  );
}
