import type { ReactNode } from 'react';
import { Button, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';

/**
 * A screen's heading (its one h1), with what acts on the whole screen beside it: `children`, and
 * `add`, the primary button that creates a record of the screen (新增单位, 新增人员…).
 */
export function PageTitle({ title, add, children }: { title: ReactNode; add?: { text: string; onClick: () => void; testId?: string }; children?: ReactNode }) {
  const addButton = add && (
    <Button type="primary" icon={<PlusOutlined />} onClick={add.onClick} data-testid={add.testId}>
      {add.text}
    </Button>
  );
  return (
    <div className="yz-page-title">
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {title}
      </Typography.Title>
      {children && addButton ? (
        <Space wrap>
          {children}
          {addButton}
        </Space>
      ) : (
        (children ?? addButton)
      )}
    </div>
  );
}
