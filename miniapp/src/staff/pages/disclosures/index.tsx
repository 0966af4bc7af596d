import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { contract, DISCLOSURE_KINDS, DISCLOSURE_TYPES, type DisclosureKind } from '@mashang/shared';
import { useEffect, useRef, useState } from 'react';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import { chineseDate } from '../../../utils/format';
import { OVERDUE_KIND_WORDS, overdueText } from '../../../utils/overdue';
import { periodText } from '../../../utils/period';
import DisclosureTags from '../../components/DisclosureTags';
import Select from '../../components/Select';
import StaffBar from '../../components/StaffBar';
import { worksDisclosures } from '../../disclosure';
import { useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { homePage, staffUrl, worksCases } from '../../utils';
import '../../staff.scss';
import './index.scss';

const KINDS = Object.entries(DISCLOSURE_KINDS) as [DisclosureKind, string][];
const DAY_MS = 86_400_000;

/** Whole days from a due date to the day the server counted to (both `YYYY-MM-DD`, China time): a staff phone's own clock may be wrong. */
const daysLate = (dueOn: string, asOf: string) => Math.round((Date.parse(asOf) - Date.parse(dueOn)) / DAY_MS);

/**
 * The disclosures of the account's jurisdiction, most recently changed first: the village's own for
 * village staff, every village's for the township and county. The publisher starts a draft here.
 * The township and county also have a tab of the periods villages have not published on time.
 */
export default function DisclosuresPage() {
  const account = useAccount();
  const allowed = account ? worksDisclosures(account.role) : false;
  const watches = account ? worksCases(account) : false;
  const [kind, setKind] = useState<DisclosureKind | undefined>(undefined);
  const [village, setVillage] = useState('');
  const [tab, setTab] = useState<'list' | 'overdue'>('list');
  const list = useStaffApi(
    () => (allowed ? call(contract.publishing.list, { query: { kind, village: village || undefined } }) : null),
    [allowed, kind, village],
  );
  // The township and county pick a village; village staff have one.
  const villages = useStaffApi(() => (watches ? call(contract.case.villages) : null), [watches]);
  // Loaded with the list, so the tab can say how many there are before it is opened.
  const overdue = useStaffApi(() => (watches ? call(contract.publishing.overdue) : null), [watches]);

  // Back from a disclosure or the editor: show what changed there.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) {
      list.reload();
      if (watches) overdue.reload();
    }
    shown.current = true;
  });

  useEffect(() => {
    if (account && !worksDisclosures(account.role)) void Taro.redirectTo({ url: staffUrl(homePage(account)) });
  }, [account]);

  if (!account) return <View className='staff' />;
  const items = list.data?.items ?? [];
  const waiting = items.filter((d) => d.openStatus === 'submitted').length;
  const returned = items.filter((d) => d.openStatus === 'returned').length;
  const corrections = items.filter((d) => d.correctionRequired).length;
  const showTownship = new Set(villages.data?.items.map((v) => v.townshipName)).size > 1;
  const townshipOf = new Map(villages.data?.items.map((v) => [v.code, v.townshipName]));
  // The same filters as the list: one kind, one village.
  const late = (overdue.data?.items ?? []).filter((o) => (!kind || o.kind === kind) && (!village || o.villageCode === village));
  // The rows come with it: the server's today, not the phone's.
  const asOf = overdue.data?.asOf ?? '';

  return (
    <View className='staff pubs'>
      <StaffBar account={account} current='disclosures' />
      <View className='pubs__head'>
        <Text className='s-h1'>三务公开</Text>
        {account.role === 'village_publisher' && (
          <Text
            className='s-btn s-btn--primary pubs__new'
            data-testid='new-disclosure'
            onClick={() => void Taro.navigateTo({ url: staffUrl('disclosure-edit') })}
          >
            ＋ 起草新的公开
          </Text>
        )}
      </View>
      <Text className='s-muted pubs__explain'>
        {account.role === 'village_publisher'
          ? '起草后提交村务监督委员会会签，会签后才向村民公开。'
          : account.role === 'village_supervisor'
            ? '报账员提交的稿子要您会签后才向村民公开；有问题可以退回修改。'
            : '辖区各村的公开事项和每一稿的经过；发现问题可以要求村里更正。'}
      </Text>

      {watches && (
        <View className='pubs__tabs'>
          <Text className={`pubs__tab${tab === 'list' ? ' pubs__tab--on' : ''}`} data-testid='tab-list' onClick={() => setTab('list')}>
            公开事项
          </Text>
          <Text
            className={`pubs__tab${tab === 'overdue' ? ' pubs__tab--on' : ''}`}
            data-testid='tab-overdue'
            onClick={() => setTab('overdue')}
          >
            未按时公开{overdue.data ? ` ${late.length}` : ''}
          </Text>
        </View>
      )}

      {tab === 'list' && (waiting > 0 || returned > 0 || corrections > 0) && (
        <View className='s-card pubs__summary' data-testid='disclosures-summary'>
          {waiting > 0 && <Text className='pubs__count pubs__count--wait'>待监委会签 {waiting} 条</Text>}
          {returned > 0 && <Text className='pubs__count pubs__count--bad'>已退回修改 {returned} 条</Text>}
          {corrections > 0 && <Text className='pubs__count pubs__count--bad'>需更正 {corrections} 条</Text>}
        </View>
      )}

      <View className='s-chips pubs__kinds'>
        <Text className={`s-chip${!kind ? ' s-chip--on' : ''}`} data-testid='filter-kind-all' onClick={() => setKind(undefined)}>
          全部
        </Text>
        {KINDS.map(([key, label]) => (
          <Text
            key={key}
            className={`s-chip${kind === key ? ' s-chip--on' : ''}`}
            data-testid={`filter-kind-${key}`}
            onClick={() => setKind(key)}
          >
            {label}
          </Text>
        ))}
      </View>
      {villages.data && villages.data.items.length > 1 && (
        <View className='pubs__village'>
          <Select
            testId='filter-village'
            options={villages.data.items.map((v) => ({ value: v.code, label: showTownship ? `${v.townshipName} · ${v.name}` : v.name }))}
            value={village}
            placeholder='全部村'
            allowEmpty
            onChange={setVillage}
          />
        </View>
      )}

      {tab === 'overdue' && (
        <View className='s-card' data-testid='overdue-list'>
          <Text className='s-muted pubs__explain'>到期没有公开的村和期间。村里公开这一期并经监委会会签后，这里自动消失。</Text>
          {!overdue.data && <StatusView loading={overdue.loading} error={overdue.error} onRetry={overdue.reload} />}
          {overdue.data && late.length === 0 && (
            <Text className='s-text' data-testid='overdue-empty'>
              {kind || village ? '所选范围内没有未按时公开的。' : '各村都按时公开了。'}
            </Text>
          )}
          {late.map((o) => (
            <View key={`${o.villageCode}-${o.kind}-${o.period}`} className='pubs__late' data-testid='overdue-row'>
              <View className='s-row__main'>
                <Text className='pubs__title'>
                  {showTownship && townshipOf.get(o.villageCode) ? `${townshipOf.get(o.villageCode)} · ` : ''}
                  {o.villageName}
                  <Text className='pubs__kind'>{OVERDUE_KIND_WORDS[o.kind]}</Text>
                </Text>
                <Text className='s-text'>{overdueText(o)}</Text>
              </View>
              {daysLate(o.dueOn, asOf) > 0 && <Text className='s-left s-left--overdue s-row__side'>逾期{daysLate(o.dueOn, asOf)}天</Text>}
            </View>
          ))}
        </View>
      )}

      {tab === 'list' && (
        <View className='s-card'>
          {!list.data && <StatusView loading={list.loading} error={list.error} onRetry={list.reload} />}
          {list.data && items.length === 0 && (
            <Text className='s-text' data-testid='disclosures-empty'>
              {account.role === 'village_publisher' ? '还没有公开事项。点上面的「起草新的公开」开始。' : '没有公开事项。'}
            </Text>
          )}
          {items.map((d) => (
            <View
              key={d.id}
              className='s-row'
              data-testid='disclosure-row'
              onClick={() => void Taro.navigateTo({ url: staffUrl('disclosure', { id: d.id }) })}
            >
              <View className='s-row__main'>
                <Text className='pubs__title'>{d.title}</Text>
                <Text className='s-muted pubs__meta'>
                  {watches ? `${d.villageName} · ` : ''}
                  {DISCLOSURE_TYPES[d.type]} · {periodText(d.period)}
                </Text>
                <View className='pubs__foot'>
                  <DisclosureTags
                    status={d.status}
                    openStatus={d.openStatus}
                    openAction={d.openAction}
                    correctionRequired={d.correctionRequired}
                  />
                  <Text className='s-muted pubs__updated'>{chineseDate(d.updatedAt)}更新</Text>
                </View>
              </View>
              <Text className='s-row__side pubs__arrow'>›</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
