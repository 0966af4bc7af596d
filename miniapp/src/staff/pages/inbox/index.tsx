import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { contract, REPORT_CATEGORIES, REPORT_STATUSES, type ReportCategory, type ReportStatus } from '@mashang/shared';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../../services/http';
import { randomKey } from '../../../services/random-key';
import StatusView from '../../../components/StatusView';
import { ChoiceGroup } from '../../../components/Field';
import { call } from '../../../services/api';
import StaffBar from '../../components/StaffBar';
import CaseRow from '../../components/CaseRow';
import Select from '../../components/Select';
import { useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { homePage, staffUrl } from '../../utils';
import { chineseDate } from '../../../utils/format';
import '../../staff.scss';
import './index.scss';

interface Filters {
  status?: ReportStatus;
  village?: string;
  category?: ReportCategory;
  overdue?: 'true';
}

const STATUSES = Object.entries(REPORT_STATUSES) as [ReportStatus, string][];
/** Cases per page: the server pages in SQL and never drops one. */
const PAGE = 50;
const REFUSALS: Record<string, string> = {
  CASE_NOT_FOUND: '不在本辖区',
  ACTION_NOT_ALLOWED: '已答复或已办结',
  DUPLICATE_OF_INVALID: '不能作为所选反映的重复件',
};

/** Marking the selected reports as 重复 (naming the earlier one) or 无效 (with a reason). */
function MarkPanel({ selected, onDone }: { selected: string[]; onDone: (message: string) => void }) {
  const [mark, setMark] = useState<'duplicate' | 'invalid'>('invalid');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef<string | null>(null);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      // One key per batch: a retry after a lost answer marks nothing twice.
      key.current ??= await randomKey();
      const body =
        mark === 'duplicate'
          ? { mark, reportNos: selected, duplicateOf: text.trim().toUpperCase(), idempotencyKey: key.current }
          : { mark, reportNos: selected, reason: text.trim(), idempotencyKey: key.current };
      const result = await call(contract.case.mark, { body });
      key.current = null;
      const refused = result.refused.map((r) => `${r.reportNo}（${REFUSALS[r.code] ?? r.code}）`);
      onDone(`已标记${result.marked.length}件${refused.length ? `；未能标记：${refused.join('、')}` : ''}`);
    } catch (e) {
      setError(isApiError(e) ? (e.details[0]?.message ?? e.message) : '标记没有成功，请再试一次');
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='s-card' data-testid='mark-panel'>
      <Text className='s-h2'>标记已选的 {selected.length} 件</Text>
      <View className='s-chips'>
        <Chip on={mark === 'invalid'} label='无效' value='invalid' onPick={(v) => v && setMark(v)} testId='mark-invalid' />
        <Chip on={mark === 'duplicate'} label='重复' value='duplicate' onPick={(v) => v && setMark(v)} testId='mark-duplicate' />
      </View>
      <Text className='s-label'>{mark === 'invalid' ? '无效的理由（反映人能看到）' : '此前那件反映的编号（本乡镇的、更早收到的）'}</Text>
      <Input
        className='s-input'
        data-testid='mark-text'
        value={text}
        placeholder={mark === 'invalid' ? '至少5个字' : '例如 ABCD234567'}
        onInput={(e) => setText(e.detail.value)}
      />
      {error && <Text className='s-error'>{error}</Text>}
      <Text
        className={`s-btn s-btn--primary${busy || !selected.length ? ' s-btn--disabled' : ''}`}
        data-testid='mark-submit'
        onClick={() => void submit()}
      >
        {busy ? '正在标记……' : '确认标记'}
      </Text>
    </View>
  );
}
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

/**
 * 待办: the cases that wait on this officer, most urgent first as the server orders them; 全部 shows
 * every case of the jurisdiction. Filters and the alert count on top.
 */
export default function InboxPage() {
  const account = useAccount();
  const [filters, setFilters] = useState<Filters>({});
  // 待办: what waits on this officer; 全部: every case in the jurisdiction.
  const [view, setView] = useState<'todo' | 'all'>('todo');
  // Phones: filters folded under one button (CSS keeps them open on wide screens).
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [offset, setOffset] = useState(0);
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [marked, setMarked] = useState<string | null>(null);
  const works = account ? homePage(account) === 'inbox' : false;
  const cases = useStaffApi(
    () =>
      works ? call(contract.case.list, { query: { ...filters, ...(view === 'todo' ? { todo: 'true' } : {}), offset, limit: PAGE } }) : null,
    [works, view, filters.status, filters.village, filters.category, filters.overdue, offset],
  );
  // What the township transferred to another: a read-only line each.
  const transfers = useStaffApi(
    () => (works && account?.role === 'township_handler' ? call(contract.case.transfersOut) : null),
    [works, account?.role],
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
    (value: Filters[K]) => {
      setFilters((f) => ({ ...f, [key]: value }));
      setOffset(0);
    };
  const total = cases.data?.total ?? 0;
  const toggle = (reportNo: string) =>
    setSelected((s) => (s.includes(reportNo) ? s.filter((n) => n !== reportNo) : s.length >= 200 ? s : [...s, reportNo]));
  const alertCount = alerts.data?.items.length ?? 0;
  // A county's villages come from several townships: its rows and village choices name the township too
  // (from the case itself, so a row reads the same whether or not the village list has come yet).
  const showTownship = account.role === 'county_supervisor';

  return (
    <View className='staff inbox'>
      <StaffBar account={account} current='inbox' />
      <View className='inbox__head'>
        <Text className='s-h1' data-testid='inbox-title'>
          {view === 'todo' ? '待办' : '全部反映'}
        </Text>
        <Text
          className={`inbox__badge${alertCount ? '' : ' inbox__badge--none'}`}
          data-testid='alerts-badge'
          onClick={() => void Taro.navigateTo({ url: staffUrl('alerts') })}
        >
          提醒 {alertCount}
        </Text>
      </View>

      <ChoiceGroup
        id='inbox-view'
        tone='staff'
        label='查看'
        labelHidden
        options={[
          { value: 'todo', title: '待办' },
          { value: 'all', title: '全部' },
        ]}
        value={view}
        onChange={(v) => {
          setView(v);
          setOffset(0);
        }}
        testIdPrefix='view'
      />

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
            {view === 'todo' && !Object.values(filters).some(Boolean) ? '没有等您办理的反映。' : '没有符合条件的反映。'}
          </Text>
        )}
        {cases.data && cases.data.items.length > 0 && (
          <View className='inbox__tools'>
            <Text className='s-muted' data-testid='inbox-range'>
              第{offset + 1}–{offset + cases.data.items.length}件，{cases.data.totalCapped ? `超过${total}件` : `共${total}件`}
            </Text>
            <Text
              className='s-btn'
              data-testid='select-toggle'
              onClick={() => {
                setSelecting((on) => !on);
                setSelected([]);
                setMarked(null);
              }}
            >
              {selecting ? '取消选择' : '批量标记重复/无效'}
            </Text>
          </View>
        )}
        {marked && (
          <Text className='s-ok' data-testid='mark-done'>
            {marked}
          </Text>
        )}
        {cases.data?.items.map((item) =>
          selecting ? (
            <View key={item.reportNo} className='inbox__pick' data-testid='case-pick' onClick={() => toggle(item.reportNo)}>
              <Text className={`s-chip${selected.includes(item.reportNo) ? ' s-chip--on' : ''}`}>
                {selected.includes(item.reportNo) ? '已选' : '选择'}
              </Text>
              <Text className='s-text'>
                {item.reportNo} · {item.villageName} · {REPORT_CATEGORIES[item.category]}
              </Text>
            </View>
          ) : (
            <CaseRow key={item.reportNo} item={item} showTownship={showTownship} />
          ),
        )}
        {total > PAGE && (
          <View className='inbox__pager'>
            <Text
              className={`s-btn${offset === 0 ? ' s-btn--disabled' : ''}`}
              data-testid='page-prev'
              onClick={() => offset > 0 && setOffset(Math.max(0, offset - PAGE))}
            >
              上一页
            </Text>
            <Text
              className={`s-btn${offset + PAGE >= total ? ' s-btn--disabled' : ''}`}
              data-testid='page-next'
              onClick={() => offset + PAGE < total && setOffset(offset + PAGE)}
            >
              下一页
            </Text>
          </View>
        )}
      </View>
      {selecting && (
        <MarkPanel
          selected={selected}
          onDone={(message) => {
            setMarked(message);
            setSelecting(false);
            setSelected([]);
            cases.reload();
          }}
        />
      )}
      {transfers.data && transfers.data.items.length > 0 && (
        <View className='s-card' data-testid='transfers-out'>
          <Text className='s-h2'>已转交其他乡镇</Text>
          {transfers.data.items.map((line) => (
            <Text key={`${line.reportNo}-${line.at}`} className='s-muted inbox__transfer'>
              {line.reportNo} · 已转交{line.toTownshipName} · {chineseDate(line.at)}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}
