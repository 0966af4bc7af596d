import { Text } from '@tarojs/components';
import { timeLeft } from '../utils';

/** 「剩N天」 / 「逾期N天」 in its colour. */
export default function TimeLeft({ daysLeft, testId }: { daysLeft: number; testId?: string }) {
  const left = timeLeft(daysLeft);
  return (
    <Text className={`s-left s-left--${left.tone}`} data-testid={testId}>
      {left.text}
    </Text>
  );
}
