import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { contract, POWER_CATEGORIES } from '@mashang/shared';
import { useRef, useState } from 'react';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import Select from '../../components/Select';
import StaffBar from '../../components/StaffBar';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { problemText } from '../../problem';
import { readsPowerList } from '../../power';
import { staffUrl, worksCases } from '../../utils';
import '../../staff.scss';
import './index.scss';

/**
 * A village's 小微权力清单 as its staff keep it: the items it has, which of them the county has
 * since updated (「县里更新了模板」), and the county's templates it can still adopt. Village staff
 * see their own village; the township and county pick one of theirs.
 */
export default function PowerListPage() {
  const { params } = useRouter();
  const account = useAccount();
  const allowed = account ? readsPowerList(account.role) : false;
  const picks = account ? worksCases(account) : false;
  const [chosen, setChosen] = useState(params.village ?? '');
  const code = account && !picks ? account.regionCode : chosen;
  const villages = useStaffApi(() => (allowed && picks ? call(contract.case.villages) : null), [allowed, picks]);
  const list = useStaffApi(() => (allowed && code ? call(contract.powerList.villageList, { params: { code } }) : null), [allowed, code]);
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) list.reload();
    shown.current = true;
  });

  if (!account) return <View className='staff' />;
  const open = (id: number) => void Taro.navigateTo({ url: staffUrl('power-item-edit', { id }) });
  const adopt = async (templateId: number) => {
    if (busy) return;
    setBusy(templateId);
    setProblem(null);
    try {
      await call(contract.powerList.adopt, { params: { code }, body: { templateId } });
      list.reload();
    } catch (e) {
      if (!handledAuthError(e)) setProblem(problemText(e));
    } finally {
      setBusy(null);
    }
  };

  const data = list.data;
  const offered = data?.items.filter((i) => i.offeredVersion !== null).length ?? 0;
  return (
    <View className='staff power-list'>
      <StaffBar account={account} current='power-list' />
      <Text className='s-h1'>{data ? `${data.village.name}的小微权力清单` : '小微权力清单'}</Text>
      {!allowed && <Text className='s-text'>这一页只对县、乡镇纪委和村级账号开放。</Text>}
      {allowed && picks && (
        <View className='s-card'>
          <Text className='s-label'>选择村</Text>
          <Select
            options={(villages.data?.items ?? []).map((v) => ({ value: v.code, label: `${v.townshipName} ${v.name}` }))}
            value={chosen}
            placeholder='请选择村'
            testId='pick-village'
            onChange={setChosen}
          />
        </View>
      )}
      {allowed && code && !data && <StatusView loading={list.loading} error={list.error} onRetry={list.reload} />}
      {problem && <Text className='s-error'>{problem}</Text>}
      {data && (
        <>
          {offered > 0 && (
            <View className='s-card power-list__notice' data-testid='offers-notice'>
              <Text className='s-text'>县里更新了{offered}项模板。点开标着“县里更新了模板”的事项，看看改了什么，再决定是否接受。</Text>
            </View>
          )}
          <View className='s-card'>
            <Text className='s-h2'>本村的事项（{data.items.length}项）</Text>
            {!data.canEdit && <Text className='s-muted'>您可以查看；采用和修改由本村报账员或乡镇纪委办理。</Text>}
            {data.items.length === 0 && <Text className='s-text'>还没有事项。从下面县里的模板中采用。</Text>}
            {data.items.map((item) => (
              <View key={item.id} className='power-list__row' data-testid='power-item-row' onClick={() => open(item.id)}>
                <View className='power-list__main'>
                  <Text className='power-list__title'>{item.title}</Text>
                  <Text className='s-muted'>{POWER_CATEGORIES[item.category]}</Text>
                </View>
                <View className='power-list__tags'>
                  {item.offeredVersion !== null && (
                    <Text className='power-list__tag power-list__tag--offer' data-testid='tag-offer'>
                      县里更新了模板
                    </Text>
                  )}
                  {item.adjusted && <Text className='power-list__tag'>本村已调整</Text>}
                  {item.templateId === null && <Text className='power-list__tag'>本村自有</Text>}
                </View>
              </View>
            ))}
          </View>
          <View className='s-card'>
            <Text className='s-h2'>县里的模板，本村还没有采用（{data.templates.length}项）</Text>
            {data.templates.length === 0 && <Text className='s-text'>县里的模板都已采用。</Text>}
            {data.templates.map((t) => (
              <View key={t.id} className='power-list__row power-list__row--plain' data-testid='available-template'>
                <View className='power-list__main'>
                  <Text className='power-list__title power-list__title--plain'>{t.title}</Text>
                  <Text className='s-muted'>
                    {POWER_CATEGORIES[t.category]} · 第{t.version}版 · {t.adoptedBy}个村已采用
                  </Text>
                </View>
                <Text className='s-btn' onClick={() => void Taro.navigateTo({ url: staffUrl('power-template', { id: t.id }) })}>
                  查看
                </Text>
                {data.canEdit && (
                  <Text
                    className={`s-btn s-btn--primary${busy === t.id ? ' s-btn--disabled' : ''}`}
                    data-testid={`adopt-${t.id}`}
                    onClick={() => void adopt(t.id)}
                  >
                    采用
                  </Text>
                )}
              </View>
            ))}
          </View>
        </>
      )}
    </View>
  );
}
