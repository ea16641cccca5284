import { Link } from 'react-router-dom';
import { Alert, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useI18n } from '../../app/i18n';
import { yuan } from '../ledger/model';
import { useSanctionRules } from './useRules';
import { appealOpen, sourcePath, statusColor, type Sanction, type SanctionAppeal, type SanctionDetail } from './model';

const when = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

export function StatusTag({ s }: { s: Pick<Sanction, 'status'> }) {
  const { t } = useI18n();
  return (
    <Tag color={statusColor[s.status]} data-testid="sanction-status">
      {t(`sanctions.statuses.${s.status}`, { defaultValue: s.status })}
    </Tag>
  );
}

/** The amount in 元, a fine red and a reward green, with its kind; an outcome-only sanction says it has no money. */
export function Amount({ s }: { s: Pick<Sanction, 'amountFen' | 'direction' | 'outcomes'> }) {
  const { t } = useI18n();
  if (s.amountFen === 0 && s.outcomes.length > 0) {
    return (
      <Space size={4} wrap>
        <Tag data-testid="sanction-amount">{t('sanctions.noMoney')}</Tag>
        {s.outcomes.map((o) => (
          <Tag key={o} color={s.direction === 'fine' ? 'volcano' : 'green'}>
            {t(`policy.rules.outcome.${o}`, { defaultValue: o })}
          </Tag>
        ))}
      </Space>
    );
  }
  return (
    <Space size={4}>
      <Tag color={s.direction === 'fine' ? 'red' : 'green'}>{t(`sanctions.direction.${s.direction}`)}</Tag>
      <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="sanction-amount">
        {yuan(s.amountFen)}
      </Typography.Text>
      <span>元</span>
    </Space>
  );
}

/** The appeal column: pending (with the window's last day), the ruling, open to appeal until a date, or none. */
export function AppealState({ s }: { s: Pick<Sanction, 'appeal' | 'appealDueDate' | 'status' | 'appealClosesAt' | 'direction'> }) {
  const { t } = useI18n();
  if (s.appeal?.status === 'pending') return <Tag color="magenta" data-testid="sanction-appeal">{t('sanctions.appealState.pending', { date: s.appealDueDate ?? '' })}</Tag>;
  if (s.appeal) return <Tag color={s.appeal.status === 'upheld' ? 'orange' : 'green'} data-testid="sanction-appeal">{t(`sanctions.appealStatuses.${s.appeal.status}`)}</Tag>;
  if (appealOpen(s)) return <Typography.Text type="warning" data-testid="sanction-appeal">{t('sanctions.appealState.open', { date: s.appealDueDate ?? '' })}</Typography.Text>;
  return <Typography.Text type="secondary" data-testid="sanction-appeal">{t('sanctions.appealState.none')}</Typography.Text>;
}

/** Who is charged: the person, or the unit as a whole. */
export function targetText(t: TFunction, s: Pick<Sanction, 'target'>): string {
  const who = s.target.staffName ?? s.target.unitName ?? '';
  const kind = t(`sanctions.targetKinds.${s.target.kind}`, { defaultValue: s.target.kind });
  return s.target.staffName && s.target.unitName ? `${who}（${s.target.unitName}）` : t('sanctions.labelled', { label: kind, value: who });
}

/** The rule in words (the pack's), falling back to its label. */
export function useRuleWords() {
  const { pick } = useI18n();
  const rules = useSanctionRules();
  return (s: Pick<Sanction, 'rule'>) => {
    const r = rules.data?.items.find((x) => x.code === s.rule.code);
    return { label: s.rule.label ? pick(s.rule.label) : r ? pick(r.label) : s.rule.code, words: r ? pick(r.words) : null, facts: r?.facts ?? [] };
  };
}

/** The appeal and its ruling, as the person and the committee read it. */
export function AppealOutcome({ appeal }: { appeal: SanctionAppeal }) {
  const { t } = useI18n();
  const decided = appeal.status !== 'pending';
  return (
    <Alert
      type={decided ? (appeal.status === 'upheld' ? 'warning' : 'success') : 'info'}
      showIcon
      data-testid="appeal-outcome-box"
      title={decided ? t('sanctions.labelled', { label: t('sanctions.appealOutcome'), value: t(`sanctions.appealStatuses.${appeal.status}`) }) : t('sanctions.appealPending')}
      description={
        <Space orientation="vertical" size={2}>
          <span>{t('sanctions.appealFiled', { by: appeal.filedBy, at: when(appeal.filedAt), reason: appeal.reason })}</span>
          {decided && appeal.status === 'reduced' && appeal.amountFen !== null && <span>{t('sanctions.labelled', { label: t('sanctions.reducedAmount'), value: yuan(appeal.amountFen) })}</span>}
          {decided && appeal.decisionReason && <span>{t('sanctions.labelled', { label: t('sanctions.outcomeReason'), value: appeal.decisionReason })}</span>}
        </Space>
      }
    />
  );
}

/**
 * One sanction as the screens show it: the fact and its source, the rule in words with its
 * citation, the amount with how it was computed, who is charged, the dates and the history.
 */
export function SanctionView({ s }: { s: SanctionDetail }) {
  const { t, pick } = useI18n();
  const ruleWords = useRuleWords();
  const { label, words, facts: specs } = ruleWords(s);
  const source = sourcePath(s);
  const factNote = typeof s.fact.note === 'string' ? s.fact.note : null;
  // The facts in the rule's own words (an amount in 元); a fact the rule no longer declares is left out.
  const factFacts = specs.flatMap((f) => {
    const v = s.facts[f.name];
    if (v === undefined || v === null) return [];
    const shown = typeof v === 'boolean' ? t(v ? 'sanctions.yes' : 'sanctions.no') : f.type === 'fen' && typeof v === 'number' ? `${yuan(v)} 元` : String(v);
    return [t('sanctions.labelled', { label: pick(f.label), value: shown })];
  });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'status', label: t('sanctions.columns.status'), children: <StatusTag s={s} /> },
          {
            key: 'fact',
            label: t('sanctions.fact'),
            children: (
              <Space orientation="vertical" size={2}>
                <span>
                  {t(`sanctions.sources.${s.source.type}`, { defaultValue: s.source.type })}
                  {source && (
                    <>
                      {' · '}
                      <Link to={source} data-testid="sanction-source">
                        {t('sanctions.openSource')}
                      </Link>
                    </>
                  )}
                </span>
                {factNote && <span>{factNote}</span>}
                {factFacts.length > 0 && <Typography.Text type="secondary">{t('sanctions.labelled', { label: t('sanctions.facts'), value: factFacts.join(t('sanctions.listSeparator')) })}</Typography.Text>}
              </Space>
            ),
          },
          {
            key: 'rule',
            label: t('sanctions.rule'),
            children: (
              <Space orientation="vertical" size={2}>
                <Typography.Text strong data-testid="sanction-rule">{label}</Typography.Text>
                {words && <span style={{ whiteSpace: 'pre-line' }}>{words}</span>}
                {s.rule.citation && <Typography.Text type="secondary">{t('sanctions.labelled', { label: t('sanctions.citation'), value: s.rule.citation })}</Typography.Text>}
              </Space>
            ),
          },
          {
            key: 'amount',
            label: t('sanctions.amount'),
            children: (
              <Space orientation="vertical" size={2}>
                <Amount s={s} />
                {s.proposedAmountFen !== s.amountFen && <Typography.Text type="secondary">{t('sanctions.proposedAmount', { amount: yuan(s.proposedAmountFen) })}</Typography.Text>}
                {s.range && s.range.minFen !== null && s.range.maxFen !== null && <Typography.Text type="secondary">{t('sanctions.range', { min: yuan(s.range.minFen), max: yuan(s.range.maxFen) })}</Typography.Text>}
                {s.breakdown.map((b, i) => (
                  <span key={i}>{pick(b)}</span>
                ))}
                {s.outcomes.length > 0 && (
                  <Space size={[4, 4]} wrap>
                    {s.outcomes.map((o) => (
                      <Tag key={o}>{t(`policy.rules.outcome.${o}`, { defaultValue: o })}</Tag>
                    ))}
                  </Space>
                )}
              </Space>
            ),
          },
          {
            key: 'target',
            label: t('sanctions.target'),
            children: (
              <Space orientation="vertical" size={2}>
                <span data-testid="sanction-target">
                  {targetText(t, s)}
                  {s.target.heads > 1 ? t('sanctions.heads', { count: s.target.heads }) : ''}
                </span>
                {s.others.length > 0 && (
                  <Typography.Text type="secondary">
                    {t('sanctions.labelled', { label: t('sanctions.others'), value: s.others.map((o) => `${o.staffName ?? o.unitName ?? ''} ${yuan(o.amountFen)}`).join(t('sanctions.listSeparator')) })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { key: 'committee', label: t('sanctions.committee'), children: `${t(`sanctions.committees.${s.committee}`)} · ${t('sanctions.tier')} ${t('sanctions.tierN', { n: s.tier + 1 })}` },
          ...(s.noticeAt ? [{ key: 'notice', label: t('sanctions.noticeAt'), children: when(s.noticeAt) }] : []),
          ...(s.appealDueDate
            ? [{ key: 'due', label: t('sanctions.appealDue'), children: appealOpen(s) ? t('sanctions.appealDueDate', { date: s.appealDueDate }) : t('sanctions.appealClosed', { date: s.appealDueDate }) }]
            : []),
          ...(s.finalAt ? [{ key: 'final', label: t('sanctions.finalAt'), children: when(s.finalAt) }] : []),
          ...(s.payrollMonth ? [{ key: 'payroll', label: t('sanctions.payrollMonth'), children: s.payrollMonth }] : []),
        ]}
      />
      {s.appeal && <AppealOutcome appeal={s.appeal} />}
      <div>
        <Typography.Title level={5}>{t('sanctions.timeline')}</Typography.Title>
        <Timeline
          data-testid="sanction-timeline"
          items={s.timeline.map((e, i) => ({
            key: i,
            content: (
              <Space orientation="vertical" size={0}>
                <span>
                  <Typography.Text strong>{t(`sanctions.actions.${e.action}`, { defaultValue: e.action })}</Typography.Text>
                  {` · ${e.actor} · ${when(e.at)}`}
                  {e.amountFen !== null ? ` · ${yuan(e.amountFen)} 元` : ''}
                </span>
                {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      </div>
    </Space>
  );
}
