import { Popover, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import type { PolicyValue } from '../../app/types';

/**
 * The source in words, as the server words it (《窗口服务典型案例》第5篇 / 本系统默认设置); the exact
 * line is in a details popover for the quality office.
 */
export function SourceTags({ references }: { references?: PolicyValue['references'] }) {
  const { t, pick } = useI18n();
  if (!references?.length) return null;
  return (
    <Space size={[4, 4]} wrap>
      {references.map((r) =>
        r.kind === 'seed' ? (
          <Popover key={r.citation} trigger="click" title={t('policy.citation.details')} content={<Typography.Text data-citation={r.citation}>{t('policy.citation.line', { citation: r.citation })}</Typography.Text>}>
            <Tag color="geekblue" style={{ cursor: 'pointer', whiteSpace: 'normal' }}>
              {pick(r.text)}
            </Tag>
          </Popover>
        ) : (
          <Tag key={r.citation} style={{ whiteSpace: 'normal' }}>
            {pick(r.text)}
          </Tag>
        ),
      )}
    </Space>
  );
}
