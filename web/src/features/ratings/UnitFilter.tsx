import { TreeSelect } from 'antd';
import { useI18n } from '../../app/i18n';
import { useUnitTree } from '../units/useUnitTree';

/** The unit filter of the ratings screens: any unit of the caller's tree, or all of them. */
export function UnitFilter({ value, onChange, testId }: { value?: string; onChange: (unitId: string | undefined) => void; testId?: string }) {
  const { t } = useI18n();
  const tree = useUnitTree();
  return (
    <TreeSelect
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      placeholder={t('ratings.allUnits')}
      aria-label={t('cases.unit')}
      treeData={tree.options}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      style={{ width: 220 }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
