import { Text, View } from '@tarojs/components';
import { DUE_DATE_KINDS, type DueDate } from '@mashang/shared';
import { chineseDate } from '../../utils/format';
import './index.scss';

/** "告知是否受理：2026年12月18日前（预计）" per due date, marked 已完成 or 逾期 once known. */
export default function DueDates({ dueDates }: { dueDates: DueDate[] }) {
  if (!dueDates.length) return null;
  return (
    <View data-testid='due-dates'>
      {dueDates.map((d) => (
        <View key={d.kind} className='due'>
          <Text className='text due__line' data-testid={`due-${d.kind}`}>
            {DUE_DATE_KINDS[d.kind]}：{d.provisional ? '预计' : ''}
            {chineseDate(d.dueOn)}前
          </Text>
          {d.metAt && (
            <Text className='due__mark due__mark--met' data-testid={`due-${d.kind}-met`}>
              已完成
            </Text>
          )}
          {!d.metAt && d.overdue && (
            <Text className='due__mark due__mark--overdue' data-testid={`due-${d.kind}-overdue`}>
              逾期
            </Text>
          )}
        </View>
      ))}
    </View>
  );
}
