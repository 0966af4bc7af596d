import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { contract, POWER_CATEGORIES, type PowerCategory, type PowerTemplateSummary } from '@mashang/shared';
import { useRef } from 'react';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import { chineseDate } from '../../../utils/format';
import StaffBar from '../../components/StaffBar';
import { useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { readsPowerList, writesTemplates } from '../../power';
import { staffUrl } from '../../utils';
import '../../staff.scss';
import './index.scss';

/** The templates grouped by category, in the order a village page lists them. */
function byCategory(items: PowerTemplateSummary[]): [PowerCategory, PowerTemplateSummary[]][] {
  return (Object.keys(POWER_CATEGORIES) as PowerCategory[])
    .map((c) => [c, items.filter((i) => i.category === c)] as [PowerCategory, PowerTemplateSummary[]])
    .filter(([, list]) => list.length > 0);
}

/**
 * The county's 小微权力清单 templates: the county writes them once; villages adopt them. Each line
 * says how many villages use it and how many have not yet taken or turned down its latest version.
 */
export default function PowerTemplatesPage() {
  const account = useAccount();
  const allowed = account ? readsPowerList(account.role) : false;
  const list = useStaffApi(() => (allowed ? call(contract.powerList.templates) : null), [allowed]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) list.reload();
    shown.current = true;
  });

  if (!account) return <View className='staff' />;
  const open = (id?: number) => void Taro.navigateTo({ url: staffUrl('power-template', { id }) });
  return (
    <View className='staff templates'>
      <StaffBar account={account} current='power-templates' />
      <Text className='s-h1'>小微权力清单模板</Text>
      {!allowed && <Text className='s-text'>这一页只对县、乡镇纪委和村级账号开放。</Text>}
      {allowed && (
        <View className='s-card'>
          <Text className='s-text'>
            县里统一编写事项模板，各村采用后可按本村实际调整。模板修改后，会提示采用它的村“县里更新了模板”，由村里决定是否接受。
          </Text>
          {writesTemplates(account.role) && (
            <Text className='s-btn s-btn--primary' data-testid='new-template' onClick={() => open()}>
              ＋ 新建模板
            </Text>
          )}
        </View>
      )}
      {allowed && !list.data && <StatusView loading={list.loading} error={list.error} onRetry={list.reload} />}
      {list.data?.items.length === 0 && <Text className='s-text'>本县还没有模板。</Text>}
      {list.data &&
        byCategory(list.data.items).map(([category, items]) => (
          <View key={category} className='s-card' data-testid={`templates-${category}`}>
            <Text className='s-h2'>{POWER_CATEGORIES[category]}</Text>
            {items.map((t) => (
              <View key={t.id} className='templates__row' data-testid='template-row' onClick={() => open(t.id)}>
                <View className='templates__main'>
                  <Text className='templates__title'>{t.title}</Text>
                  <Text className='s-muted'>
                    第{t.version}版 · {chineseDate(t.updatedAt)}修改
                  </Text>
                </View>
                <View className='templates__use'>
                  <Text className='s-text'>{t.adoptedBy}个村采用</Text>
                  {t.notYetUpdated > 0 && <Text className='templates__behind'>{t.notYetUpdated}个村还没处理最新版</Text>}
                </View>
              </View>
            ))}
          </View>
        ))}
    </View>
  );
}
