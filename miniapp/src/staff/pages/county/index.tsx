import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { contract, type RouteResponse } from '@mashang/shared';
import { ChoiceGroup, type ChoiceOption } from '../../../components/Field';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import StaffBar from '../../components/StaffBar';
import { useAccount, useStaffApi } from '../../hooks/use-staff-api';
import CaseRow from '../../components/CaseRow';
import { chinaToday } from '../../utils';
import { chineseDate } from '../../../utils/format';
import '../../staff.scss';
import './index.scss';

type Township = RouteResponse<typeof contract.case.stats>['townships'][number];

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** The figures of a township, in the order of the table's header; `of` says how many a figure or rate is of. */
export function figures(t: Township): { key: string; label: string; value: string; of?: string; bad?: boolean }[] {
  return [
    { key: 'received', label: '收到反映', value: String(t.received) },
    { key: 'acceptedOnTime', label: '按时受理', value: String(t.acceptedOnTime), of: `共受理${t.acceptanceDecided}件` },
    { key: 'answeredOnTime', label: '按时答复', value: String(t.answeredOnTime), of: `共答复${t.answered}件` },
    { key: 'overdueNow', label: '当前逾期', value: String(t.overdueNow), bad: t.overdueNow > 0 },
    {
      key: 'medianDaysToAnswer',
      label: '答复用时中位数',
      value: t.medianDaysToAnswer === null ? '—' : `${t.medianDaysToAnswer}天`,
      of: `${t.answered}件答复`,
    },
    { key: 'satisfaction', label: '满意率', value: percent(t.satisfaction), of: `${t.rated}条评价` },
    { key: 'ratingWays', label: '评价来源', value: `本人${t.ratingsByReporter} · 回访${t.ratingsByCallback}` },
    { key: 'setAside', label: '重复/无效', value: `${t.duplicates}/${t.invalid}` },
  ];
}

export type Period = 'all' | 'year' | 'quarter' | 'month';
const PERIODS: ChoiceOption<Period>[] = [
  { value: 'all', title: '全部' },
  { value: 'year', title: '本年' },
  { value: 'quarter', title: '本季度' },
  { value: 'month', title: '本月' },
];

/** The receipt dates a period covers, up to today in China (UTC+8); none for 全部. */
export function periodRange(period: Period, now = new Date()): { from?: string; to?: string } {
  if (period === 'all') return {};
  const today = chinaToday(now.getTime());
  const [year, month] = [today.slice(0, 4), Number(today.slice(5, 7))];
  const firstMonth = period === 'year' ? 1 : period === 'quarter' ? month - ((month - 1) % 3) : month;
  return { from: `${year}-${String(firstMonth).padStart(2, '0')}-01`, to: today };
}

const HEAD = ['收到反映', '按时受理', '按时答复', '当前逾期', '答复用时中位数', '满意率', '评价来源', '重复/无效'];

/** County supervisor: every township's figures and the overdue cases. */
export default function CountyPage() {
  const account = useAccount();
  const allowed = account?.role === 'county_supervisor';
  const [period, setPeriod] = useState<Period>('all');
  const stats = useStaffApi(() => (allowed ? call(contract.case.stats, { query: periodRange(period) }) : null), [allowed, period]);
  const range = periodRange(period);
  if (!account) return <View className='staff' />;
  return (
    <View className='staff staff--wide county'>
      <StaffBar account={account} current='county' />
      <Text className='s-h1'>{account.regionName}各乡镇办理情况</Text>
      {!allowed && <Text className='s-text'>这一页只对县纪委监督员开放。</Text>}
      {allowed && (
        <View className='county__periods'>
          <ChoiceGroup
            id='county-period'
            label='统计时段（按收到反映的日期）'
            options={PERIODS}
            value={period}
            onChange={setPeriod}
            tone='staff'
            layout='chips'
            testIdPrefix='period'
          />
          <Text className='s-muted county__range' data-testid='period-range'>
            {range.from ? `${chineseDate(range.from)}至${chineseDate(range.to!)}收到的反映` : '全部收到的反映'}
          </Text>
        </View>
      )}
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
                    {f.of && (
                      <Text className='county__of' data-testid={`township-${f.key}-of`}>
                        {f.of}
                      </Text>
                    )}
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
          <Text className='s-h2'>逾期未办（{stats.data.overdueTotal}件）</Text>
          {stats.data.overdue.length === 0 && <Text className='s-muted'>目前没有逾期的反映。</Text>}
          {stats.data.overdueTotal > stats.data.overdue.length && (
            <Text className='s-muted' data-testid='overdue-more'>
              下面是逾期最久的{stats.data.overdue.length}件，全部逾期件请到“案件”中筛选“只看逾期”。
            </Text>
          )}
          {stats.data.overdue.map((item) => (
            <CaseRow key={item.reportNo} item={item} />
          ))}
        </View>
      )}
    </View>
  );
}
