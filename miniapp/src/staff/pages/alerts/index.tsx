import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { contract, type RouteResponse } from '@mashang/shared';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import { chineseDateTime } from '../../../utils/format';
import StaffBar from '../../components/StaffBar';
import TimeLeft from '../../components/TimeLeft';
import { useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { staffUrl } from '../../utils';
import '../../staff.scss';

type Alert = RouteResponse<typeof contract.case.alerts>['items'][number];

const KINDS: Record<Alert['kind'], { label: string; tone: 'near' | 'overdue' }> = {
  due_soon: { label: '即将到期', tone: 'near' },
  overdue: { label: '已逾期', tone: 'overdue' },
  escalated: { label: '已上报县纪委', tone: 'overdue' },
  supervised: { label: '县纪委督办', tone: 'near' },
  urged: { label: '县纪委催办', tone: 'near' },
  answered: { label: '乡镇已回复督办', tone: 'near' },
};

/**
 * Reminders, overdue flags, escalations, 督办 and 催办 (and, for the county, the townships' answers to its
 * 督办) on open cases in the jurisdiction: one line per
 * deadline (the server keeps the latest alert of each), its time left counted as on the case page.
 */
export default function AlertsPage() {
  const account = useAccount();
  const alerts = useStaffApi(() => (account ? call(contract.case.alerts) : null), [account]);
  if (!account) return <View className='staff' />;
  return (
    <View className='staff alerts'>
      <StaffBar account={account} current='alerts' />
      <Text className='s-h1'>提醒</Text>
      <View className='s-card'>
        {!alerts.data && <StatusView loading={alerts.loading} error={alerts.error} onRetry={alerts.reload} />}
        {alerts.data?.items.length === 0 && <Text className='s-text'>没有需要提醒的事项。</Text>}
        {alerts.data?.items.map((alert) => (
          <View
            key={`${alert.reportNo}-${alert.kind}-${alert.deadline ?? alert.at}`}
            className='s-row'
            data-testid='alert-row'
            onClick={() => void Taro.navigateTo({ url: staffUrl('case', { no: alert.reportNo }) })}
          >
            <View className='s-row__main'>
              <Text className='s-text'>
                <Text className={`s-left s-left--${KINDS[alert.kind].tone}`}>{KINDS[alert.kind].label}</Text> · {alert.villageName} ·{' '}
                <Text className='s-muted'>{alert.reportNo}</Text>
              </Text>
              {alert.due && (
                <View>
                  <TimeLeft due={alert.due} full testId='alert-due' />
                </View>
              )}
              {alert.note && <Text className='s-text s-pre'>{alert.note}</Text>}
              <Text className='s-muted'>{chineseDateTime(alert.at)}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
