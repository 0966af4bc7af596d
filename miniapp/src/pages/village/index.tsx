import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  contract,
  DISCLOSURE_KINDS,
  POWER_CATEGORIES,
  villageCodeFromLaunch,
  type DisclosureKind,
  type VillagePage,
} from '@mashang/shared';
import { useEffect } from 'react';
import StatusView from '../../components/StatusView';
import { useApi } from '../../hooks/use-api';
import { call } from '../../services/api';
import { chineseDate, pageUrl } from '../../utils/format';
import { overdueText, overdueTitle } from '../../utils/overdue';
import { periodText } from '../../utils/period';
import './index.scss';

const KINDS = Object.keys(DISCLOSURE_KINDS) as DisclosureKind[];

/** The village code this page was opened for: `q` (WeChat link scan), `scene`, `v`, `code`, or the H5 path. */
export function launchCode(params: Record<string, string | undefined>): string | null {
  return villageCodeFromLaunch({
    q: params.q,
    scene: params.scene,
    v: params.v,
    code: params.code,
    pathname: process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' ? window.location.pathname : undefined,
  });
}

function go(url: string) {
  void Taro.navigateTo({ url });
}

function Record({ page }: { page: VillagePage }) {
  const { asOf, received, answered, answeredOnTime } = page.record;
  const [, month, day] = asOf.split('-').map(Number);
  return (
    <View className='card' data-testid='report-record'>
      <Text className='h2'>本村反映问题办理情况</Text>
      <Text className='muted'>{`截至${month}月${day}日，每天更新一次`}</Text>
      <View className='record'>
        <View className='record__cell'>
          <Text className='record__num'>{received}</Text>
          <Text className='record__label'>收到反映</Text>
        </View>
        <View className='record__cell'>
          <Text className='record__num'>{answered}</Text>
          <Text className='record__label'>已答复</Text>
        </View>
        <View className='record__cell'>
          <Text className='record__num'>{answeredOnTime}</Text>
          <Text className='record__label'>按时答复</Text>
        </View>
      </View>
    </View>
  );
}

function NoCode() {
  return (
    <View className='page village'>
      <View className='card' data-testid='no-village'>
        <Text className='h1'>没有认出是哪个村</Text>
        <Text className='text village__gap'>请回到村里的公示栏，用微信或手机相机重新扫一扫“码上监督”海报上的二维码。</Text>
        <Text className='muted village__gap'>如果已经反映过问题，可以用查询码查看办理进度。</Text>
      </View>
      <View className='btn btn--secondary' data-testid='lookup-link' onClick={() => go(pageUrl('lookup'))}>
        查询反映进度
      </View>
    </View>
  );
}

export default function VillagePageView() {
  const router = useRouter();
  const code = launchCode(router.params);
  const { data, error, loading, reload } = useApi(() => (code ? call(contract.village.page, { params: { code } }) : null), [code]);

  useEffect(() => {
    if (data) void Taro.setNavigationBarTitle({ title: data.village.name });
  }, [data]);

  if (!code) return <NoCode />;
  if (!data) {
    return (
      <View className='page village'>
        <StatusView loading={loading} error={error} onRetry={reload} />
        {error?.code === 'VILLAGE_NOT_FOUND' && <NoCode />}
      </View>
    );
  }

  const hasDisclosures = KINDS.some((k) => data.disclosures[k].length > 0);
  return (
    <View className='page village'>
      <View className='village__head'>
        <Text className='h1' data-testid='village-name'>
          {data.village.name}
        </Text>
        <Text className='muted'>
          {data.county.name} {data.township.name}
        </Text>
      </View>

      <View className='card village__act'>
        <Text className='text'>发现村干部办事不公、钱物不清，可以直接向乡镇纪委反映，不用登录。</Text>
        <View className='btn btn--primary village__report' data-testid='report-button' onClick={() => go(pageUrl('report', { code }))}>
          我要反映
        </View>
        {data.township.hotline && (
          // Older villagers would rather phone than type: one tap dials.
          <View
            className='village__gap village__hotline'
            data-testid='hotline'
            onClick={() => void Taro.makePhoneCall({ phoneNumber: data.township.hotline! }).catch(() => undefined)}
          >
            <Text className='muted'>{data.township.name}纪委电话：</Text>
            <Text className='village__phone'>{data.township.hotline}</Text>
          </View>
        )}
      </View>

      <View className='card' data-testid='power-list'>
        <Text className='h2'>小微权力清单</Text>
        <Text className='muted'>村干部能办哪些事、按什么流程办，点开看流程图。</Text>
        {data.powerList.length === 0 && <Text className='text'>本村还没有公布权力清单。</Text>}
        {data.powerList.map((group) => (
          <View key={group.category}>
            <Text className='h3'>{POWER_CATEGORIES[group.category]}</Text>
            {group.items.map((item) => (
              <View
                key={item.id}
                className='link-row'
                data-testid='power-item-link'
                onClick={() => go(pageUrl('power-item', { id: item.id, code }))}
              >
                <Text>{item.title}</Text>
                <Text className='link-row__arrow'>›</Text>
              </View>
            ))}
          </View>
        ))}
      </View>

      <View className='card' data-testid='disclosure-list'>
        <Text className='h2'>三务公开</Text>
        {data.overdue.map((o) => (
          // Calm, not alarming: a fact the village owes its people, with the day it was due.
          <View key={`${o.kind}-${o.period}`} className='village__overdue' data-testid='overdue'>
            <Text className='village__overdue-title'>{overdueTitle(o)}</Text>
            <Text className='village__overdue-text'>{overdueText(o)}</Text>
          </View>
        ))}
        {!hasDisclosures && <Text className='text'>本村还没有公开内容。</Text>}
        {KINDS.map((kind) => (
          <View key={kind}>
            <Text className='h3'>{DISCLOSURE_KINDS[kind]}</Text>
            {data.disclosures[kind].length === 0 && <Text className='muted'>暂无</Text>}
            {data.disclosures[kind].map((d) => (
              <View
                key={d.id}
                className='link-row'
                data-testid='disclosure-link'
                onClick={() => go(pageUrl('disclosure', { id: d.id, code }))}
              >
                <View>
                  <Text className='village__item-title'>
                    {d.withdrawn && <Text className='tag tag--withdrawn'>已撤回</Text>}
                    {d.corrected && !d.withdrawn && <Text className='tag tag--corrected'>已更正</Text>}
                    {d.title}
                  </Text>
                  <Text className='muted village__item-meta'>
                    {periodText(d.period)} · {chineseDate(d.publishedAt)}公布
                  </Text>
                </View>
                <Text className='link-row__arrow'>›</Text>
              </View>
            ))}
            {data.disclosures[kind].length > 0 && (
              <View className='link village__more' onClick={() => go(pageUrl('disclosures', { code, kind }))}>
                查看全部{DISCLOSURE_KINDS[kind]}
              </View>
            )}
          </View>
        ))}
      </View>

      <View className='card' data-testid='subsidy-entry'>
        <Text className='h2'>码上查</Text>
        <Text className='text'>补贴、低保名单上有没有您？输入姓名和身份证号查一查发了多少钱。</Text>
        <View className='btn btn--secondary village__gap' data-testid='subsidy-link' onClick={() => go(pageUrl('subsidy', { code }))}>
          查我的补贴
        </View>
      </View>

      <Record page={data} />

      <View className='btn btn--secondary' data-testid='lookup-link' onClick={() => go(pageUrl('lookup'))}>
        查询反映进度
      </View>
      <Text className='muted village__protect'>
        依照规定，反映人受保护：您的姓名、电话不会告诉被反映的人；匿名反映不记录任何能认出您的信息。
      </Text>
      <Text className='village__staff' data-testid='staff-link' onClick={() => go('/staff/pages/login/index')}>
        工作人员入口
      </Text>
    </View>
  );
}
