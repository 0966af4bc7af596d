import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { contract, DUE_DATE_KINDS, type RouteResponse } from '@mashang/shared';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import { chineseDate, chineseDateTime } from '../../../utils/format';
import StaffBar from '../../components/StaffBar';
import { useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { staffUrl } from '../../utils';
import '../../staff.scss';

type Alert = RouteResponse<typeof contract.case.alerts>['items'][number];

const KINDS: Record<Alert['kind'], { label: string; tone: 'near' | 'overdue' }> = {
  due_soon: { label: '即将到期', tone: 'near' },
  overdue: { label: '已逾期', tone: 'overdue' },
  escalated: { label: '已上报县纪委', tone: 'overdue' },
};

/** Reminders, overdue flags and escalations on open cases in the jurisdiction. */
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
        {alerts.data?.items.map((alert, i) => (
          <View
            key={`${alert.reportNo}-${alert.kind}-${i}`}
            className='s-row'
            data-testid='alert-row'
            onClick={() => void Taro.navigateTo({ url: staffUrl('case', { no: alert.reportNo }) })}
          >
            <View className='s-row__main'>
              <Text className='s-text'>
                <Text className={`s-left s-left--${KINDS[alert.kind].tone}`}>{KINDS[alert.kind].label}</Text> · {alert.villageName}
              </Text>
              <Text className='s-muted'>
                {alert.reportNo} · {DUE_DATE_KINDS[alert.deadline] ?? alert.deadline}：{chineseDate(alert.dueOn)}前
              </Text>
            </View>
            <Text className='s-row__side s-muted'>{chineseDateTime(alert.at)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
