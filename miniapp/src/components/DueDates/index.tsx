import { Text, View } from '@tarojs/components';
import { DUE_DATE_KINDS, type DueDate } from '@mashang/shared';
import { chineseDate } from '../../utils/format';

/** "告知是否受理：2026年12月18日前（预计）" per due date. */
export default function DueDates({ dueDates }: { dueDates: DueDate[] }) {
  if (!dueDates.length) return null;
  return (
    <View data-testid='due-dates'>
      {dueDates.map((d) => (
        <Text key={d.kind} className='text' data-testid={`due-${d.kind}`}>
          {DUE_DATE_KINDS[d.kind]}：{d.provisional ? '预计' : ''}
          {chineseDate(d.dueOn)}前
        </Text>
      ))}
    </View>
  );
}
