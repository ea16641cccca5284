import { Button, DatePicker, Form, Input, Select, Space, TimePicker } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { overrideKinds, type CalendarOverride, type OverrideKind } from '../../app/types';
import { EditModal } from '../../components/EditModal';

// A period's start or end is one time-range field in the form.
const formFieldOf = (field: (string | number)[]) => (field[0] === 'periods' && typeof field[1] === 'number' ? ['periods', field[1], 'range'] : field);

interface Values {
  date: Dayjs;
  kind: OverrideKind;
  periods?: { range?: [Dayjs, Dayjs] }[];
  note?: string;
}

/** 单位日历例外: a closure, an extra working day or a half day for the whole organisation. */
export function OverrideForm({ open, date, onClose }: { open: boolean; date: Dayjs | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  return (
    <EditModal<Values, CalendarOverride>
      open={open}
      form={form}
      name="override"
      title={t('calendar.addOverride')}
      values={{ date: date ?? dayjs(), kind: 'closure', periods: [] }}
      save={(v) => {
        const periods = (v.periods ?? [])
          .filter((p) => p.range)
          .map((p) => ({ start: p.range![0].format('HH:mm'), end: p.range![1].format('HH:mm') }));
        return api.post<CalendarOverride>(paths.calendar.overrides, {
          date: v.date.format('YYYY-MM-DD'),
          kind: v.kind,
          periods: v.kind !== 'closure' && periods.length ? periods : undefined,
          note: v.note?.trim() || undefined,
        });
      }}
      invalidate={[['calendar']]}
      onClose={onClose}
      rename={formFieldOf}
    >
      <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true, message: t('validation.required') }]}>
        <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
      </Form.Item>
      <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true }]} extra={kind ? t(`calendar.kindHelp.${kind}`) : undefined}>
        <Select options={overrideKinds.map((k) => ({ value: k, label: t(`calendar.reasons.${k}`) }))} />
      </Form.Item>
      {kind && kind !== 'closure' && (
        <Form.Item label={t('calendar.periods')} extra={kind === 'half_day' ? t('calendar.periodsHalfDay') : t('calendar.periodsDefault')}>
          <Form.List name="periods">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'range']} rules={[{ required: true, message: t('validation.required') }]} noStyle>
                      <TimePicker.RangePicker format="HH:mm" minuteStep={5} aria-label={t('calendar.period')} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                {fields.length < 6 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                    {t('calendar.addPeriod')}
                  </Button>
                )}
              </Space>
            )}
          </Form.List>
        </Form.Item>
      )}
      <Form.Item name="note" label={t('calendar.note')} rules={[{ max: 200 }]}>
        <Input placeholder={t('calendar.notePlaceholder')} />
      </Form.Item>
    </EditModal>
  );
}
