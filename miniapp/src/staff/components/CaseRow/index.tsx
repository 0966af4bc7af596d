import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { REPORT_CATEGORIES, REPORT_STATUSES, type CaseSummary } from '@mashang/shared';
import TimeLeft from '../TimeLeft';
import { shortDate, staffUrl } from '../../utils';
import './index.scss';

/**
 * One case in a list, answering what the handler asks next: where (the township too, for the county),
 * what, when it came, 实名 or 匿名, and the deadline it must meet, with any 督办's own clock.
 */
export default function CaseRow({ item, showTownship = false }: { item: CaseSummary; showTownship?: boolean }) {
  return (
    <View className='s-row' data-testid='case-row' onClick={() => void Taro.navigateTo({ url: staffUrl('case', { no: item.reportNo }) })}>
      <View className='s-row__main'>
        <Text className='inbox__title'>
          {showTownship && item.townshipName ? `${item.townshipName} · ` : ''}
          {item.villageName} · {REPORT_CATEGORIES[item.category]}
        </Text>
        <Text className='inbox__meta' data-testid='case-row-meta'>
          {shortDate(item.receivedAt)}收到 · {item.mode === 'real_name' ? '实名' : '匿名'}
          {item.escalated ? ' · 已上报县纪委' : ''}
          {item.level === 'county' ? ' · 县纪委办理' : ''}
          {item.assignee ? ` · 承办：${item.assignee}` : ''}
        </Text>
        {item.supervisionDue && (
          <View className='inbox__due'>
            <TimeLeft due={item.supervisionDue} full testId='case-row-supervision' />
          </View>
        )}
        {item.nextDue && item.nextDue.kind !== 'supervision' && (
          <View className='inbox__due'>
            <TimeLeft due={item.nextDue} full testId='case-row-left' />
          </View>
        )}
        <Text className='inbox__no'>{item.reportNo}</Text>
      </View>
      <View className='s-row__side'>
        <Text className='inbox__status' data-testid='case-row-status'>
          {REPORT_STATUSES[item.status]}
        </Text>
      </View>
    </View>
  );
}
