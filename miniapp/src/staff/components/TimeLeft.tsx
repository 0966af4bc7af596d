import { Text } from '@tarojs/components';
import type { CaseDue } from '@mashang/shared';
import { dueLabel, timeLeft } from '../utils';

/**
 * A deadline's time left in its colour, as the server counted it: 「已逾期3天」 alone, or with the
 * deadline and date (`full`): 「告知是否受理 11月30日，还剩2个工作日」.
 */
export default function TimeLeft({ due, full = false, testId }: { due: CaseDue; full?: boolean; testId?: string }) {
  const left = timeLeft(due);
  return (
    <Text className={`s-left s-left--${left.tone}`} data-testid={testId}>
      {full ? dueLabel(due) : left.text}
    </Text>
  );
}
