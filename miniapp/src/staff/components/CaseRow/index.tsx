import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DUE_DATE_KINDS, REPORT_CATEGORIES, REPORT_STATUSES, REPORT_TRACKS, type CaseSummary } from '@mashang/shared';
import TimeLeft from '../TimeLeft';
import { staffUrl } from '../../utils';
import './index.scss';

/** One case in a list: village, category, status and the time left on its most urgent deadline. */
export default function CaseRow({ item }: { item: CaseSummary }) {
  return (
    <View className='s-row' data-testid='case-row' onClick={() => void Taro.navigateTo({ url: staffUrl('case', { no: item.reportNo }) })}>
      <View className='s-row__main'>
        <Text className='inbox__title'>
          {item.villageName} · {REPORT_CATEGORIES[item.category]}
        </Text>
        <Text className='inbox__meta'>
          <Text className='inbox__no'>{item.reportNo}</Text>
          {REPORT_TRACKS[item.track]}
          {item.escalated ? ' · 已上报县纪委' : ''}
          {item.assignee ? ` · 承办：${item.assignee}` : ''}
        </Text>
      </View>
      <View className='s-row__side'>
        <Text className='inbox__status' data-testid='case-row-status'>
          {REPORT_STATUSES[item.status]}
        </Text>
        {item.nextDue && (
          <View>
            <Text className='s-muted'>{DUE_DATE_KINDS[item.nextDue.kind]} </Text>
            <TimeLeft daysLeft={item.nextDue.daysLeft} testId='case-row-left' />
          </View>
        )}
      </View>
    </View>
  );
}
