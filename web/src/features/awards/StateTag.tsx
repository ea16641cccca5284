import { Tag } from 'antd';
import { useI18n } from '../../app/i18n';
import type { RoundState } from './model';

const colours: Record<RoundState, string> = {
  nominating: 'blue',
  reviewing: 'cyan',
  publicity: 'orange',
  voting: 'purple',
  scoring: 'purple',
  deciding: 'purple',
  closed: 'gold',
  announced: 'green',
  cancelled: 'default',
};

/** A round's stage as a coloured tag. */
export function StateTag({ state, testId }: { state: RoundState; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={colours[state] ?? 'default'} data-testid={testId}>
      {t(`awards.states.${state}`, { defaultValue: state })}
    </Tag>
  );
}
