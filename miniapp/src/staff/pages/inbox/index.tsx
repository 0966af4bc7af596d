import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { contract, REPORT_CATEGORIES, REPORT_STATUSES, type ReportCategory, type ReportStatus } from '@mashang/shared';
import { useEffect, useRef, useState } from 'react';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import StaffBar from '../../components/StaffBar';
import CaseRow from '../../components/CaseRow';
import Select from '../../components/Select';
import { useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { homePage, staffUrl } from '../../utils';
import '../../staff.scss';
import './index.scss';

interface Filters {
  status?: ReportStatus;
  village?: string;
  category?: ReportCategory;
  overdue?: 'true';
}

const STATUSES = Object.entries(REPORT_STATUSES) as [ReportStatus, string][];
const CATEGORIES = Object.entries(REPORT_CATEGORIES) as [ReportCategory, string][];

function Chip<T extends string>({
  on,
  label,
  value,
  onPick,
  testId,
}: {
  on: boolean;
  label: string;
  value: T | undefined;
  onPick: (v: T | undefined) => void;
  testId: string;
}) {
  return (
    <Text className={`s-chip${on ? ' s-chip--on' : ''}`} data-testid={testId} onClick={() => onPick(value)}>
      {label}
    </Text>
  );
}

/** The township's cases, most urgent first as the server orders them, with filters and the alert count. */
export default function InboxPage() {
  const account = useAccount();
  const [filters, setFilters] = useState<Filters>({});
  // Phones: filters folded under one button (CSS keeps them open on wide screens).
  const [filtersOpen, setFiltersOpen] = useState(false);
  const works = account ? homePage(account) === 'inbox' : false;
  const cases = useStaffApi(
    () => (works ? call(contract.case.list, { query: { ...filters } }) : null),
    [works, filters.status, filters.village, filters.category, filters.overdue],
  );
  const alerts = useStaffApi(() => (works ? call(contract.case.alerts) : null), [works]);
  // Every village of the jurisdiction, so a village without cases yet can be picked too.
  const villages = useStaffApi(() => (works ? call(contract.case.villages) : null), [works]);

  // Back from a case page: show what changed there.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) {
      cases.reload();
      alerts.reload();
    }
    shown.current = true;
  });

  // Admins work elsewhere: the inbox would only answer FORBIDDEN.
  useEffect(() => {
    if (account && homePage(account) !== 'inbox') void Taro.redirectTo({ url: staffUrl(homePage(account)) });
  }, [account]);

  if (!account) return <View className='staff' />;
  const set =
    <K extends keyof Filters>(key: K) =>
    (value: Filters[K]) =>
      setFilters((f) => ({ ...f, [key]: value }));
  const alertCount = alerts.data?.items.length ?? 0;
  // A county's villages come from several townships: name the township too.
  const showTownship = new Set(villages.data?.items.map((v) => v.townshipName)).size > 1;

  return (
    <View className='staff inbox'>
      <StaffBar account={account} current='inbox' />
      <View className='inbox__head'>
        <Text className='s-h1'>待办反映</Text>
        <Text
          className={`inbox__badge${alertCount ? '' : ' inbox__badge--none'}`}
          data-testid='alerts-badge'
          onClick={() => void Taro.navigateTo({ url: staffUrl('alerts') })}
        >
          提醒 {alertCount}
        </Text>
      </View>

      <Text className='s-btn inbox__filter-toggle' data-testid='filters-toggle' onClick={() => setFiltersOpen((o) => !o)}>
        筛选{Object.values(filters).filter(Boolean).length ? `（${Object.values(filters).filter(Boolean).length}）` : ''}{' '}
        {filtersOpen ? '▴' : '▾'}
      </Text>
      <View className={`s-card inbox__filters${filtersOpen ? '' : ' inbox__filters--closed'}`} data-testid='inbox-filters'>
        <Text className='inbox__filter-label'>状态</Text>
        <View className='s-chips'>
          <Chip on={!filters.status} label='在办的' value={undefined} onPick={set('status')} testId='filter-status-all' />
          {STATUSES.map(([key, label]) => (
            <Chip key={key} on={filters.status === key} label={label} value={key} onPick={set('status')} testId={`filter-status-${key}`} />
          ))}
        </View>
        <Text className='inbox__filter-label'>期限</Text>
        <View className='s-chips'>
          <Chip on={!filters.overdue} label='全部' value={undefined} onPick={set('overdue')} testId='filter-overdue-all' />
          <Chip on={filters.overdue === 'true'} label='只看逾期' value='true' onPick={set('overdue')} testId='filter-overdue' />
        </View>
        {villages.data && villages.data.items.length > 1 && (
          <View>
            <Text className='inbox__filter-label'>村</Text>
            <View className='inbox__village'>
              <Select
                testId='filter-village'
                options={villages.data.items.map((v) => ({
                  value: v.code,
                  label: showTownship ? `${v.townshipName} · ${v.name}` : v.name,
                }))}
                value={filters.village ?? ''}
                placeholder='全部村'
                allowEmpty
                onChange={(v) => set('village')(v || undefined)}
              />
            </View>
          </View>
        )}
        <Text className='inbox__filter-label'>类别</Text>
        <View className='s-chips'>
          <Chip on={!filters.category} label='全部' value={undefined} onPick={set('category')} testId='filter-category-all' />
          {CATEGORIES.map(([key, label]) => (
            <Chip
              key={key}
              on={filters.category === key}
              label={label}
              value={key}
              onPick={set('category')}
              testId={`filter-category-${key}`}
            />
          ))}
        </View>
      </View>

      <View className='s-card'>
        {!cases.data && <StatusView loading={cases.loading} error={cases.error} onRetry={cases.reload} />}
        {cases.data && cases.data.items.length === 0 && (
          <Text className='s-text' data-testid='inbox-empty'>
            没有符合条件的反映。
          </Text>
        )}
        {cases.data?.items.map((item) => (
          <CaseRow key={item.reportNo} item={item} />
        ))}
      </View>
    </View>
  );
}
