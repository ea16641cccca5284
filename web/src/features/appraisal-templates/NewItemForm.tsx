import { useState } from 'react';
import { Button, Input, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import type { NewJudgedItem } from './model';

const points = /^\d{1,7}(?:\.\d{1,6})?$/;

/** A line for an item of the office's own (a judged one: the unit head scores it from 0 to its points). */
export default function NewItemForm({ groups, onAdd }: { groups: string[]; onAdd: (item: NewJudgedItem) => void }) {
  const { t } = useI18n();
  const empty: NewJudgedItem = { zh: '', en: '', group: groups[0] ?? 'ji', max: '' };
  const [item, setItem] = useState<NewJudgedItem>(empty);
  const ready = item.zh.trim() !== '' && item.en.trim() !== '' && points.test(item.max) && Number(item.max) > 0;
  const set = (patch: Partial<NewJudgedItem>) => setItem((x) => ({ ...x, ...patch }));
  return (
    <Space wrap data-testid="new-item">
      <Input size="small" value={item.zh} onChange={(e) => set({ zh: e.target.value })} placeholder={t('appraisalTemplates.newItem.zh')} maxLength={200} style={{ width: 180 }} data-testid="new-item-zh" />
      <Input size="small" value={item.en} onChange={(e) => set({ en: e.target.value })} placeholder={t('appraisalTemplates.newItem.en')} maxLength={200} style={{ width: 180 }} data-testid="new-item-en" />
      <Select
        size="small"
        value={item.group}
        onChange={(group: string) => set({ group })}
        options={groups.map((g) => ({ value: g, label: t(`appraisalTemplates.groups.${g}`, { defaultValue: g }) }))}
        style={{ width: 90 }}
        aria-label={t('appraisalTemplates.group')}
        data-testid="new-item-group"
      />
      <Input size="small" value={item.max} onChange={(e) => set({ max: e.target.value.trim() })} placeholder={t('appraisalTemplates.newItem.max')} inputMode="decimal" style={{ width: 90 }} data-testid="new-item-max" />
      <Button
        size="small"
        icon={<PlusOutlined />}
        disabled={!ready}
        onClick={() => {
          onAdd(item);
          setItem(empty);
        }}
        data-testid="new-item-add"
      >
        {t('appraisalTemplates.newItem.add')}
      </Button>
    </Space>
  );
}
