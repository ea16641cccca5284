import { Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { EditModal } from '../../components/EditModal';
import { UnitSelect } from '../../components/UnitSelect';
import { StaffSelect } from '../users/StaffSelect';
import { amountRule, exposureLevels, manualKinds, toFen, type IncidentKind } from './model';

type Values = {
  kind: IncidentKind;
  staffId?: string | null;
  unitId?: string;
  occurredAt: Dayjs;
  amount?: number | null;
  summary: string;
  details?: Record<string, unknown>;
};

const dateFields = new Set(['discoveredOn', 'returnedOn', 'dueBy']);

/** The kind's details as the server takes them: dates as YYYY-MM-DD, empty fields left out. */
function detailsBody(details: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = dateFields.has(k) && dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : v;
  }
  return out;
}

/** The fields of one kind (差错事故的类型不同，登记的内容不同). */
function KindFields({ kind }: { kind: IncidentKind | undefined }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  const graded = Form.useWatch(['details', 'graded'], form);
  const returned = Form.useWatch(['details', 'returned'], form);
  const required = [{ required: true, message: t('validation.required') }];
  const options = (group: string, values: readonly (string | number)[]) => values.map((v) => ({ value: v, label: t(`incidents.${group}.${v}`) }));
  const date = (name: string, rules = [] as typeof required) => (
    <Form.Item name={['details', name]} label={t(`incidents.fields.${name}`)} rules={rules}>
      <DatePicker style={{ width: '100%' }} data-testid={`incident-${name}`} />
    </Form.Item>
  );
  const check = (name: string) => (
    <Form.Item name={['details', name]} valuePropName="checked" initialValue={false}>
      <Checkbox data-testid={`incident-${name}`}>{t(`incidents.fields.${name}`)}</Checkbox>
    </Form.Item>
  );
  switch (kind) {
    case 'verified_complaint':
      return (
        <>
          <Form.Item name={['details', 'verdict']} label={t('incidents.fields.verdict')} initialValue="substantiated">
            <Radio.Group options={options('verdicts', ['substantiated', 'partly_substantiated'])} />
          </Form.Item>
          <Form.Item name={['details', 'trackingNo']} label={t('incidents.fields.trackingNo')}>
            <Input maxLength={40} />
          </Form.Item>
        </>
      );
    case 'concealed_error':
      return date('discoveredOn');
    case 'accident':
      return (
        <>
          {check('graded')}
          {graded && (
            <Form.Item name={['details', 'grade']} label={t('incidents.fields.grade')} rules={required}>
              <Radio.Group options={options('grades', [1, 2, 3, 4])} data-testid="incident-grade" />
            </Form.Item>
          )}
          {check('liability')}
        </>
      );
    case 'dispute':
      return (
        <>
          <Form.Item name={['details', 'party']} label={t('incidents.fields.party')} rules={required}>
            <Radio.Group options={options('parties', ['patient', 'colleague'])} data-testid="incident-party" />
          </Form.Item>
          {check('reputationDamage')}
        </>
      );
    case 'damage':
      return (
        <Form.Item name={['details', 'property']} label={t('incidents.fields.property')} rules={required}>
          <Input maxLength={200} data-testid="incident-property" />
        </Form.Item>
      );
    case 'red_envelope':
      return (
        <>
          <Form.Item name={['details', 'form']} label={t('incidents.fields.form')} rules={required}>
            <Radio.Group options={options('forms', ['red_envelope', 'kickback', 'prescription_fee'])} data-testid="incident-form" />
          </Form.Item>
          {check('returned')}
          {returned && date('returnedOn', required)}
          {date('dueBy')}
        </>
      );
    case 'exposure':
      return (
        <>
          <Form.Item name={['details', 'level']} label={t('incidents.fields.level')} rules={required}>
            <Radio.Group options={options('levels', exposureLevels)} data-testid="incident-level" />
          </Form.Item>
          <Form.Item name={['details', 'channel']} label={t('incidents.fields.channel')} rules={required}>
            <Radio.Group options={options('channels', ['media', 'supervision'])} />
          </Form.Item>
          <Form.Item name={['details', 'outlet']} label={t('incidents.fields.outlet')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      );
    case 'eight_prohibitions':
      return (
        <Form.Item name={['details', 'item']} label={t('incidents.fields.item')} rules={required}>
          <Select options={options('prohibitions', [1, 2, 3, 4, 5, 6, 7, 8])} data-testid="incident-item" />
        </Form.Item>
      );
    default:
      return null;
  }
}

/** 登记差错事故: the quality office or a unit head records an incident; the fields follow the kind. */
export function IncidentForm({ open, onClose, staffId }: { open: boolean; onClose: () => void; staffId?: string }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const kinds = useQuery({ queryKey: ['incidents', 'kinds'], queryFn: () => api.get<{ items: { code: string; source: string; label: { zh: string; en: string } }[] }>(paths.incidents.kinds), staleTime: Infinity });
  const source = kinds.data?.items.find((k) => k.code === kind)?.source;
  const rule = kind ? amountRule[kind] : 'none';
  const save = (v: Values) =>
    api.post(paths.incidents.list, {
      kind: v.kind,
      staffId: v.staffId || undefined,
      unitId: v.unitId || undefined,
      occurredAt: v.occurredAt.format('YYYY-MM-DD'),
      summary: v.summary,
      amountFen: rule === 'none' ? undefined : toFen(v.amount),
      details: detailsBody(v.details),
    });
  return (
    <EditModal<Values, unknown>
      open={open}
      form={form}
      name="incident"
      title={t('incidents.record')}
      values={{ staffId, occurredAt: dayjs() }}
      save={save}
      invalidate={[['incidents'], ['staff', 'incidents']]}
      onClose={onClose}
      rename={([field, ...rest]) => (field === 'amountFen' ? ['amount'] : [field, ...rest])}
    >
      <Form.Item name="kind" label={t('incidents.kind')} rules={[{ required: true, message: t('validation.required') }]} extra={source && t('incidents.kindSource', { source })}>
        <Select
          options={manualKinds.map((k) => ({ value: k, label: t(`incidents.kinds.${k}`, { defaultValue: pick(kinds.data?.items.find((x) => x.code === k)?.label) }) }))}
          onChange={() => form.setFieldValue('details', undefined)}
          data-testid="incident-kind"
        />
      </Form.Item>
      <Form.Item name="staffId" label={t('incidents.staff')} extra={t('incidents.staffHint')}>
        <StaffSelect />
      </Form.Item>
      <Form.Item name="unitId" label={t('incidents.unit')} extra={t('incidents.unitHint')}>
        <UnitSelect allowClear data-testid="incident-unit" />
      </Form.Item>
      <Form.Item name="occurredAt" label={t('incidents.occurredAt')} rules={[{ required: true, message: t('validation.required') }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="incident-date" />
      </Form.Item>
      <KindFields kind={kind} />
      {rule !== 'none' && (
        <Form.Item name="amount" label={t(`incidents.amountLabels.${kind}`)} rules={rule === 'required' ? [{ required: true, message: t('validation.required') }] : []}>
          <InputNumber min={0} precision={2} step={100} style={{ width: '100%' }} data-testid="incident-amount" />
        </Form.Item>
      )}
      <Form.Item name="summary" label={t('incidents.summary')} extra={t('incidents.summaryHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="incident-summary" />
      </Form.Item>
    </EditModal>
  );
}
