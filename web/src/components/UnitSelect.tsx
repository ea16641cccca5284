import type { CSSProperties, ReactNode } from 'react';
import { Form, TreeSelect, type TreeSelectProps } from 'antd';
import { useI18n } from '../app/i18n';
import { useUnitTree } from '../features/units/useUnitTree';

/**
 * A unit of the caller's tree, searched by name or code. As a form field, the Form.Item gives it
 * its value, onChange and id; other TreeSelect props (allowClear, multiple…) pass through.
 */
export function UnitSelect(props: Omit<TreeSelectProps, 'treeData'>) {
  const tree = useUnitTree();
  return <TreeSelect showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll treeData={tree.options} {...props} />;
}

/** A form's `unitId` field: one unit of the caller's tree; optional (clearable) unless `required`. */
export function UnitField({ label, extra, required }: { label: string; extra?: ReactNode; required?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item name="unitId" label={label} extra={extra} rules={required ? [{ required: true, message: t('validation.required') }] : undefined}>
      <UnitSelect allowClear={!required} />
    </Form.Item>
  );
}

/** A list's unit filter: one unit of the caller's tree (its subtree, as the server reads it), or cleared for all. */
export function UnitFilter({
  value,
  onChange,
  placeholder,
  label = placeholder,
  style = { width: 220 },
  testId,
}: {
  value: string | undefined;
  onChange: (unitId: string | undefined) => void;
  placeholder: string;
  /** The accessible name, when it is not the placeholder. */
  label?: string;
  style?: CSSProperties;
  testId?: string;
}) {
  return (
    <UnitSelect
      allowClear
      placeholder={placeholder}
      aria-label={label}
      value={value}
      onChange={(v: string | undefined) => onChange(v || undefined)}
      style={style}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
