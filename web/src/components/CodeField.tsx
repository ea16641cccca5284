import { Form, Input, type InputProps } from 'antd';
import { useRules } from '../app/rules';

/** A record's code (单位编码, 工号, 用户名): required, at most 40 characters, a letter or digit first, then also . _ -. */
export function CodeField({ name, label, min, ...input }: { name: string; label: string; min?: number } & InputProps) {
  const rules = useRules();
  return (
    <Form.Item name={name} label={label} rules={[rules.required, rules.code, { min, max: 40 }]}>
      <Input {...input} />
    </Form.Item>
  );
}
