import { App as AntApp, Button, Card, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../app/api';
import { paths } from '../../app/paths';
import { ErrorAlert } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { PageTitle } from '../../components/PageTitle';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function PasswordPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const change = useMutation({
    mutationFn: (v: Values) => api.post(paths.auth.password, { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      setError(null);
      form.resetFields();
      message.success(t('password.changed'));
    },
    onError: setError,
  });
  return (
    <>
      <PageTitle title={t('menu.password')} />
      <Card size="small" style={{ maxWidth: 480 }}>
        <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)} name="password">
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} extra={t('validation.passwordLength')} rules={[{ required: true, message: t('validation.required') }, { min: 10, max: 200, message: t('validation.passwordLength') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <ErrorAlert error={error} style={{ marginBottom: 16 }} />
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
