import { Form, Input, Select, Switch } from 'antd';
import { saveRecord } from '../../app/api';
import { paths } from '../../app/paths';
import { useI18n } from '../../app/i18n';
import { useRules } from '../../app/rules';
import type { Staff } from '../../app/types';
import { CodeField } from '../../components/CodeField';
import { Columns } from '../../components/Columns';
import { EditModal } from '../../components/EditModal';
import { UnitSelect } from '../../components/UnitSelect';

interface Values {
  badgeNo: string;
  name: string;
  unitIds: string[];
  posts?: string[];
  category?: string;
  partyBranch?: string;
  phone?: string;
  middleCadre?: boolean;
  partyMember?: boolean;
}

const blank = (s?: string | null) => (s && s.trim() ? s.trim() : null);
// The body nests the flags; the form has them as fields of their own.
const formFieldOf = (field: (string | number)[]) => (field[0] === 'flags' && field[1] !== undefined ? [field[1]] : field);

export function StaffForm({ open, staff, defaultUnitId, onClose }: { open: boolean; staff: Staff | null; defaultUnitId?: string; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const rules = useRules();
  return (
    <EditModal<Values, Staff>
      open={open}
      form={form}
      name="staff"
      title={staff ? t('staff.edit') : t('staff.add')}
      width={640}
      values={
        staff
          ? {
              badgeNo: staff.badgeNo,
              name: staff.name,
              unitIds: [...staff.units].sort((a, b) => Number(b.primary) - Number(a.primary)).map((u) => u.id),
              posts: staff.posts,
              category: staff.category ?? undefined,
              partyBranch: staff.partyBranch ?? undefined,
              phone: staff.phone ?? undefined,
              middleCadre: !!staff.flags.middleCadre,
              partyMember: !!staff.flags.partyMember,
            }
          : { unitIds: defaultUnitId ? [defaultUnitId] : [], posts: [], middleCadre: false, partyMember: false }
      }
      save={(v) => {
        const body = {
          badgeNo: v.badgeNo.trim(),
          name: v.name.trim(),
          unitIds: v.unitIds,
          posts: (v.posts ?? []).map((p) => p.trim()).filter(Boolean),
          category: blank(v.category),
          partyBranch: blank(v.partyBranch),
          phone: blank(v.phone),
          flags: { middleCadre: !!v.middleCadre, partyMember: !!v.partyMember },
        };
        return saveRecord<Staff>(paths.staff, staff, body);
      }}
      invalidate={[['staff']]}
      onClose={onClose}
      rename={formFieldOf}
    >
      <Columns cols={[{ xs: 24, sm: 12 }, { xs: 24, sm: 12 }]}>
        <CodeField name="badgeNo" label={t('staff.badgeNo')} autoFocus />
        <Form.Item name="name" label={t('staff.name')} rules={[rules.required, { max: 60 }]}>
          <Input />
        </Form.Item>
      </Columns>
      <Form.Item name="unitIds" label={t('staff.units')} extra={t('staff.primaryHint')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}>
        <UnitSelect multiple allowClear />
      </Form.Item>
      <Form.Item name="posts" label={t('staff.posts')} extra={t('staff.postsHint')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、', ';', '；']} open={false} suffixIcon={null} />
      </Form.Item>
      <Columns cols={[{ xs: 24, sm: 12 }, { xs: 24, sm: 12 }, { xs: 24, sm: 12 }, { xs: 12, sm: 6 }, { xs: 12, sm: 6 }]}>
        <Form.Item name="category" label={t('staff.category')} rules={[{ max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="partyBranch" label={t('staff.partyBranch')} rules={[{ max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('staff.phone')} rules={[{ max: 40 }]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="middleCadre" label={t('staff.middleCadre')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="partyMember" label={t('staff.partyMember')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Columns>
    </EditModal>
  );
}
