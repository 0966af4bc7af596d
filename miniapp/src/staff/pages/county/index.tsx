import { Text, View } from '@tarojs/components';
import { contract, type RouteResponse } from '@mashang/shared';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import StaffBar from '../../components/StaffBar';
import { useAccount, useStaffApi } from '../../hooks/use-staff-api';
import CaseRow from '../../components/CaseRow';
import '../../staff.scss';
import './index.scss';

type Township = RouteResponse<typeof contract.case.stats>['townships'][number];

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** The figures of a township, in the order of the table's header. */
export function figures(t: Township): { key: string; label: string; value: string; bad?: boolean }[] {
  return [
    { key: 'received', label: '收到反映', value: String(t.received) },
    { key: 'acceptedOnTime', label: '按时受理', value: String(t.acceptedOnTime) },
    { key: 'answeredOnTime', label: '按时答复', value: String(t.answeredOnTime) },
    { key: 'overdueNow', label: '当前逾期', value: String(t.overdueNow), bad: t.overdueNow > 0 },
    { key: 'medianDaysToAnswer', label: '答复用时中位数', value: t.medianDaysToAnswer === null ? '—' : `${t.medianDaysToAnswer}天` },
    { key: 'satisfaction', label: '满意率', value: percent(t.satisfaction) },
    { key: 'ratingWays', label: '评价来源', value: `本人${t.ratingsByReporter} · 回访${t.ratingsByCallback}` },
    { key: 'setAside', label: '重复/无效', value: `${t.duplicates}/${t.invalid}` },
  ];
}

const HEAD = ['收到反映', '按时受理', '按时答复', '当前逾期', '答复用时中位数', '满意率', '评价来源', '重复/无效'];

/** County supervisor: every township's figures and the overdue cases. */
export default function CountyPage() {
  const account = useAccount();
  const allowed = account?.role === 'county_supervisor';
  const stats = useStaffApi(() => (allowed ? call(contract.case.stats) : null), [allowed]);
  if (!account) return <View className='staff' />;
  return (
    <View className='staff staff--wide county'>
      <StaffBar account={account} current='county' />
      <Text className='s-h1'>{account.regionName}各乡镇办理情况</Text>
      {!allowed && <Text className='s-text'>这一页只对县纪委监督员开放。</Text>}
      {allowed && (
        <View className='s-card' data-testid='township-table'>
          {!stats.data && <StatusView loading={stats.loading} error={stats.error} onRetry={stats.reload} />}
          {stats.data && (
            <View className='county__head'>
              <Text className='county__head-name'>乡镇</Text>
              <View className='county__head-cells'>
                {HEAD.map((h) => (
                  <Text key={h} className='county__head-cell'>
                    {h}
                  </Text>
                ))}
              </View>
            </View>
          )}
          {stats.data?.townships.map((t) => (
            <View key={t.code} className='county__row' data-testid='township-row'>
              <Text className='county__name'>{t.name}</Text>
              <View className='county__cells'>
                {figures(t).map((f) => (
                  <View key={f.key} className='county__cell'>
                    <Text className={`county__num${f.bad ? ' county__num--bad' : ''}`} data-testid={`township-${f.key}`}>
                      {f.value}
                    </Text>
                    <Text className='county__label'>{f.label}</Text>
                  </View>
                ))}
              </View>
            </View>
          ))}
        </View>
      )}
      {allowed && stats.data && (
        <View className='s-card' data-testid='overdue-list'>
          <Text className='s-h2'>逾期未办（{stats.data.overdue.length}件）</Text>
          {stats.data.overdue.length === 0 && <Text className='s-muted'>目前没有逾期的反映。</Text>}
          {stats.data.overdue.map((item) => (
            <CaseRow key={item.reportNo} item={item} />
          ))}
        </View>
      )}
    </View>
  );
}
