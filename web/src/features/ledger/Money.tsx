import { Typography } from 'antd';
import { yuan } from './model';

/** An amount in 元: fines red, rewards green, with its sign. */
export function Money({ fen, testId }: { fen: number; testId?: string }) {
  return (
    <Typography.Text type={fen < 0 ? 'danger' : fen > 0 ? 'success' : undefined} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
      {yuan(fen)}
    </Typography.Text>
  );
}
