import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { DisclosureKind, VillagePage } from '@mashang/shared';
import { DISCLOSURE_KINDS, POWER_CATEGORIES, villageCodeFromLaunch, villagerRoutes } from '@mashang/shared/labels';
import { useEffect } from 'react';
import { buttonProps } from '../../components/Field/a11y';
import { ElderToggle, withPageFont } from '../../components/PageFont';
import StatusView from '../../components/StatusView';
import { useElderMode } from '../../hooks/use-elder-mode';
import { useApi } from '../../hooks/use-api';
import { call } from '../../services/api';
import { chineseDate, pageUrl } from '../../utils/format';
import { overdueText, overdueTitle } from '../../utils/overdue';
import { periodText } from '../../utils/period';
import './index.scss';

const KINDS = Object.keys(DISCLOSURE_KINDS) as DisclosureKind[];
const ELDER_LIST_LENGTH = 2;

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
      <View className='btn btn--secondary' data-testid='lookup-link' {...buttonProps()} onClick={() => go(pageUrl('lookup'))}>
        查询反映进度
      </View>
    </View>
  );
}

function VillagePageView() {
  const router = useRouter();
  const code = launchCode(router.params);
  const elder = useElderMode();
  const { data, error, loading, reload } = useApi(() => (code ? call(villagerRoutes.village.page, { params: { code } }) : null), [code]);

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
  /** 长辈模式 shows fewer lines per list; the rest is one tap away. */
  const shown = <T,>(items: T[]) => (elder ? items.slice(0, ELDER_LIST_LENGTH) : items);
  const hotline = data.township.hotline;
  const dial = () => void Taro.makePhoneCall({ phoneNumber: hotline! }).catch(() => undefined);
  return (
    <View className={`page village${elder ? ' elder' : ''}`}>
      <View className='village__head'>
        <View className='village__title'>
          <Text className='h1' data-testid='village-name'>
            {data.village.name}
          </Text>
          <ElderToggle />
        </View>
        <Text className='muted'>
          {data.county.name} {data.township.name}
        </Text>
      </View>

      <View className='card village__act'>
        <Text className='text'>发现村干部办事不公、钱物不清，可以直接向乡镇纪委反映，不用登录。</Text>
        <View
          className='btn btn--primary village__report'
          data-testid='report-button'
          {...buttonProps()}
          onClick={() => go(pageUrl('report', { code }))}
        >
          我要反映
        </View>
        {hotline &&
          (elder ? (
            // 长辈模式: the hotline is a big button of its own.
            <View className='btn btn--secondary village__report' data-testid='hotline' {...buttonProps()} onClick={dial}>
              拨打纪委电话 {hotline}
            </View>
          ) : (
            // Older villagers would rather phone than type: one tap dials.
            <View className='village__gap village__hotline' data-testid='hotline' {...buttonProps()} onClick={dial}>
              <Text className='muted'>{data.township.name}纪委电话：</Text>
              <Text className='village__phone'>{hotline}</Text>
            </View>
          ))}
        {/* Someone who has reported comes back for this: it sits right under 我要反映. */}
        <View
          className='btn btn--secondary village__report'
          data-testid='lookup-link'
          {...buttonProps()}
          onClick={() => go(pageUrl('lookup'))}
        >
          查询反映进度
        </View>
      </View>

      <View className='card' data-testid='power-list'>
        <Text className='h2'>小微权力清单</Text>
        <Text className='muted'>村干部能办哪些事、按什么流程办，点开看流程图。</Text>
        {data.powerList.length === 0 && <Text className='text'>本村还没有公布权力清单。</Text>}
        {data.powerList.map((group) => (
          <View key={group.category}>
            <Text className='h3'>{POWER_CATEGORIES[group.category]}</Text>
            {shown(group.items).map((item) => (
              <View
                key={item.id}
                className='link-row'
                data-testid='power-item-link'
                {...buttonProps()}
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
            {shown(data.disclosures[kind]).map((d) => (
              <View
                key={d.id}
                className='link-row'
                data-testid='disclosure-link'
                {...buttonProps()}
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
              <View className='link village__more' {...buttonProps()} onClick={() => go(pageUrl('disclosures', { code, kind }))}>
                查看全部{DISCLOSURE_KINDS[kind]}
              </View>
            )}
          </View>
        ))}
      </View>

      <View className='card' data-testid='subsidy-entry'>
        <Text className='h2'>码上查</Text>
        <Text className='text'>补贴、低保名单上有没有您？输入姓名和身份证号查一查发了多少钱。</Text>
        <View
          className='btn btn--secondary village__gap'
          data-testid='subsidy-link'
          {...buttonProps()}
          onClick={() => go(pageUrl('subsidy', { code }))}
        >
          查我的补贴
        </View>
      </View>

      <Record page={data} />

      <Text className='muted village__protect'>
        依照规定，反映人受保护：您的姓名、电话不会告诉被反映的人；匿名反映不记录任何能认出您的信息。
      </Text>
      <Text className='link village__protect' data-testid='privacy-link' {...buttonProps()} onClick={() => go(pageUrl('privacy'))}>
        隐私说明：我们保存什么、保存多久、谁能看到 ›
      </Text>
      <Text className='village__staff' data-testid='staff-link' {...buttonProps()} onClick={() => go('/staff/pages/login/index')}>
        工作人员入口
      </Text>
    </View>
  );
}

export default withPageFont(VillagePageView);
