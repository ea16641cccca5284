import { Children, type ReactNode } from 'react';
import { Col, Row, type ColProps, type RowProps } from 'antd';

/**
 * Blocks side by side (a form's fields, a screen's cards). `cols[i]` is the i-th block's column: a
 * number n for n/24 of the row from `md` up and the whole row on a phone, or antd Col props. A block
 * left out (`false`) takes no column.
 */
export function Columns({ cols, gutter = 12, children }: { cols: (number | ColProps)[]; gutter?: RowProps['gutter']; children: ReactNode }) {
  return (
    <Row gutter={gutter}>
      {Children.toArray(children).map((block, i) => (
        <Col key={i} {...(typeof cols[i] === 'number' ? { xs: 24, md: cols[i] } : cols[i])}>
          {block}
        </Col>
      ))}
    </Row>
  );
}
