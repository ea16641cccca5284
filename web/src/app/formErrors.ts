import { useCallback } from 'react';
import { App as AntApp, type FormInstance } from 'antd';
import { fieldIssueText, fieldIssuesOf, useErrorText } from './errors';
import { useI18n } from './i18n';

type FieldName = (string | number)[];

/** `body.periods.1.end` → ['periods', 1, 'end'] (what the request body calls the field). */
function bodyField(path: string): FieldName | null {
  const [where, ...rest] = path.split('.');
  if (where !== 'body' || rest.length === 0) return null;
  return rest.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * The one way a form shows a refused save: each field issue under its field, the rest and the
 * headline (输入数据未通过校验, 单位编码已存在…) as a toast. `rename` maps a body field to the form's
 * name for it where they differ (flags.middleCadre → middleCadre); otherwise the longest
 * registered prefix of the body path is used (periods.1.end → periods.1 when that is the field).
 */
export function useFormErrors<T>(form: FormInstance<T>, rename?: (field: FieldName) => FieldName | null) {
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const { pick } = useI18n();
  return useCallback(
    (e: unknown) => {
      const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
      const byField = new Map<string, { name: FieldName; errors: string[] }>();
      const unplaced: string[] = [];
      for (const issue of fieldIssuesOf(e)) {
        const field = bodyField(issue.path);
        let name = field && (rename?.(field) ?? field);
        while (name && name.length > 0 && !registered.has(JSON.stringify(name))) name = name.slice(0, -1);
        if (name && name.length > 0) {
          const key = JSON.stringify(name);
          const entry = byField.get(key) ?? { name, errors: [] };
          entry.errors.push(pick(issue.messages));
          byField.set(key, entry);
        } else unplaced.push(fieldIssueText(issue, pick));
      }
      form.setFields([...byField.values()].map((f) => ({ name: f.name as never, errors: f.errors })));
      void message.error([errorText(e, true), ...unplaced].join('；'));
    },
    [form, rename, message, errorText, pick],
  );
}
