import dayjs from 'dayjs';
import { Alert, Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { recordLink, starGlyphs, stateColor, textOf } from './model';
import type { FactRecord, FilledItem, SheetDetail, SheetNote } from './types';

/** The records behind a measured figure, each a link where the reader's role can open it. */
function Records({ records }: { records: FactRecord[] }) {
  const me = useMe();
  if (records.length === 0) return null;
  return (
    <div style={{ marginTop: 2 }}>
      {records.map((r) => {
        const to = recordLink(r, me.role);
        const text = `${r.label}${r.at ? ` · ${r.at.slice(0, 10)}` : ''}`;
        return (
          <div key={`${r.kind}:${r.id}`}>
            {to ? (
              <Link to={to} data-testid={`record-${r.kind}`}>
                {text}
              </Link>
            ) : (
              <Typography.Text type="secondary">{text}</Typography.Text>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** One item: its label, its source in words, the figure, points out of the maximum, the records. */
function Item({ item }: { item: FilledItem }) {
  const { t, pick } = useI18n();
  return (
    <div style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`item-${item.code}`}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
        <Typography.Text strong>{pick(item.label)}</Typography.Text>
        <span style={{ whiteSpace: 'nowrap' }}>
          <b data-testid={`points-${item.code}`}>{item.points ?? '—'}</b>
          <Typography.Text type="secondary"> / {item.max}</Typography.Text>
        </span>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {item.kind === 'judged' ? t('appraisals.judgedByHead') : t(`appraisals.sources.${item.source}`)}
        {item.value !== null && ` · ${t('appraisals.value')} ${item.value}`}
        {item.vetoed && (
          <Tag color="red" style={{ marginLeft: 6 }}>
            {t('appraisals.veto')}
          </Tag>
        )}
      </Typography.Text>
      <Typography.Text style={{ fontSize: 13, display: 'block' }}>{pick(item.inWords)}</Typography.Text>
      <Records records={item.records} />
    </div>
  );
}

/** The sheet as the person, the head and the office read it (phone first: one column of items). */
export function SheetView({ sheet }: { sheet: SheetDetail }) {
  const { t, pick } = useI18n();
  const groups = [...new Set(sheet.items.map((i) => i.group))];
  // A reopened sheet says why, with the total and star before and after (never silently, issue 21).
  const reopened = sheet.notes.filter((n) => n.kind === 'reopen' || n.kind === 'fact');
  const change = (n: SheetNote) => {
    const b = n.details?.before;
    const a = n.details?.after;
    if (!b || !a) return null;
    const star = (x: number | null | undefined) => (x ? starGlyphs(x) : t('appraisals.noStar'));
    return t('appraisals.reopenChange', { before: b.total, beforeStar: star(b.stars), after: a.total, afterStar: star(a.stars) });
  };
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap size={[16, 4]} style={{ width: '100%', justifyContent: 'space-between' }}>
          <div>
            <div style={{ fontSize: 13 }}>{t('appraisals.total')}</div>
            <div style={{ fontSize: 28, fontWeight: 600 }} data-testid="sheet-total">
              {sheet.total}
            </div>
          </div>
          <div>
            <div style={{ fontSize: 13 }}>{t('appraisals.star')}</div>
            <div style={{ fontSize: 20, color: '#d48806' }} data-testid="sheet-star">
              {sheet.star ? `${starGlyphs(sheet.star.stars)} ${pick(sheet.star.label)}` : t('appraisals.noStar')}
            </div>
          </div>
          <Tag color={stateColor[sheet.state]} data-testid="sheet-state">
            {t(`appraisals.states.${sheet.state}`)}
          </Tag>
        </Space>
        {!sheet.complete && <Typography.Text type="secondary">{t('appraisals.incomplete')}</Typography.Text>}
        {sheet.vetoed && <Alert type="error" showIcon style={{ marginTop: 8 }} title={t('appraisals.vetoed')} />}
      </Card>
      {reopened.map((n, i) => (
        <Alert
          key={i}
          type="warning"
          showIcon
          title={t(n.kind === 'fact' ? 'appraisals.reopenedByFact' : 'appraisals.reopenedNote', { at: n.at ? dayjs(n.at).format('YYYY-MM-DD') : '' })}
          description={
            <>
              <div>{textOf(n.text, pick)}</div>
              {change(n) && <div data-testid="sheet-reopen-change">{change(n)}</div>}
            </>
          }
          data-testid="sheet-reopen-note"
        />
      ))}
      {groups.map((g) => (
        <Card key={g} size="small" title={t(`appraisals.groups.${g}`, { defaultValue: g })}>
          {sheet.items
            .filter((i) => i.group === g)
            .map((i) => (
              <Item key={i.code} item={i} />
            ))}
        </Card>
      ))}
      <Card size="small" title={t('appraisals.feedback')}>
        <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} data-testid="sheet-feedback">
          {sheet.feedback || t('appraisals.noFeedback')}
        </Typography.Paragraph>
      </Card>
      {sheet.objection && (
        <Card size="small" title={t('appraisals.objection')}>
          <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} data-testid="sheet-objection">
            {sheet.objection}
          </Typography.Paragraph>
        </Card>
      )}
      {sheet.notes.length > reopened.length && (
        <Card size="small" title={t('appraisals.notes')}>
          {sheet.notes
            .filter((n) => !reopened.includes(n))
            .map((n, i) => (
              <div key={i}>
                <Typography.Text type="secondary">
                  {n.at ? dayjs(n.at).format('YYYY-MM-DD') : ''} {t(`appraisals.noteKinds.${n.kind}`, { defaultValue: '' })}
                </Typography.Text>{' '}
                {textOf(n.text, pick)}
              </div>
            ))}
        </Card>
      )}
      {sheet.history.length > 0 && (
        <Card size="small" title={t('appraisals.history')}>
          {sheet.history.map((h, i) => (
            <div key={i} style={{ fontSize: 12 }}>
              <Typography.Text type="secondary">{h.at ? dayjs(h.at).format('YYYY-MM-DD HH:mm') : ''}</Typography.Text> {t(`appraisals.actions.${h.action}`, { defaultValue: h.action })}
              {h.actor ? ` · ${h.actor}` : ''}
            </div>
          ))}
        </Card>
      )}
    </Space>
  );
}
