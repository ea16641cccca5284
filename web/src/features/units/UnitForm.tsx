import { Form, Input, InputNumber, Select } from 'antd';
import { saveRecord } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { useRules } from '../../app/rules';
import { unitKinds, type Unit, type UnitKind } from '../../app/types';
import { CodeField } from '../../components/CodeField';
import { EditModal } from '../../components/EditModal';
import { UnitSelect } from '../../components/UnitSelect';

interface Values {
  code: string;
  name: string;
  kind: UnitKind;
  parentId?: string | null;
  sortOrder?: number | null;
  phone?: string | null;
}

/** Adds a unit, or edits/moves one (`unit` given). */
export function UnitForm({ open, unit, parentId, onClose }: { open: boolean; unit: Unit | null; parentId?: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const rules = useRules();
  return (
    <EditModal<Values, Unit>
      open={open}
      form={form}
      name="unit"
      title={unit ? t('units.edit') : t('units.add')}
      values={
        unit
          ? { code: unit.code, name: unit.name, kind: unit.kind, parentId: unit.parentId, sortOrder: unit.sortOrder, phone: unit.phone }
          : { kind: 'department', parentId: parentId ?? undefined, sortOrder: 0 }
      }
      save={(v) => {
        const body = { ...v, parentId: v.parentId ?? null, phone: v.phone?.trim() ? v.phone.trim() : null, sortOrder: v.sortOrder ?? 0 };
        return saveRecord<Unit>(paths.units, unit, body);
      }}
      invalidate={[['units']]}
      onClose={onClose}
    >
      <CodeField name="code" label={t('units.code')} autoFocus />
      <Form.Item name="name" label={t('units.name')} rules={[rules.required, { max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t('units.kind')} rules={[rules.required]}>
        <Select options={unitKinds.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="parentId" label={t('units.parent')} extra={unit ? t('units.moveHint') : undefined}>
        <UnitSelect allowClear placeholder={t('units.noParent')} />
      </Form.Item>
      <Form.Item name="sortOrder" label={t('units.sortOrder')}>
        <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="phone" label={t('units.phone')} rules={[{ max: 40 }]}>
        <Input inputMode="tel" />
      </Form.Item>
    </EditModal>
  );
}
