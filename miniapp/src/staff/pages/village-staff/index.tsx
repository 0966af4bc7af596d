import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { contract, STAFF_ROLES } from '@mashang/shared';
import { useRef } from 'react';
import { call } from '../../../services/api';
import StaffBar from '../../components/StaffBar';
import { useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { staffUrl } from '../../utils';
import '../../staff.scss';
import './index.scss';

/**
 * Where village publishers and supervisors land. They never see reports (they may be the people
 * reported on); they publish here: the publisher drafts 三务公开, the supervisor co-signs it.
 */
export default function VillageStaffPage() {
  const account = useAccount();
  const village = account?.role === 'village_publisher' || account?.role === 'village_supervisor';
  const list = useStaffApi(() => (village ? call(contract.publishing.list) : null), [village]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) list.reload();
    shown.current = true;
  });

  if (!account) return <View className='staff' />;
  const items = list.data?.items ?? [];
  const waiting = items.filter((d) => d.openStatus === 'submitted').length;
  const returned = items.filter((d) => d.openStatus === 'returned').length;
  const corrections = items.filter((d) => d.correctionRequired).length;
  const publisher = account.role === 'village_publisher';
  const go = (page: string) => void Taro.navigateTo({ url: staffUrl(page) });

  return (
    <View className='staff'>
      <StaffBar account={account} current='village-staff' />
      <View className='s-card' data-testid='village-staff-notice'>
        <Text className='s-h2'>
          您好，{account.displayName}（{account.regionName}
          {STAFF_ROLES[account.role]}）
        </Text>
        <Text className='s-muted'>群众反映的问题由乡镇纪委办理，村级账号看不到反映内容。</Text>
      </View>

      <View className='s-card' data-testid='village-disclosures'>
        <Text className='s-h2'>三务公开</Text>
        <Text className='s-text'>
          {publisher
            ? '起草党务、村务、财务公开，提交村务监督委员会会签后向村民公开。'
            : '报账员提交的公开要您会签后才向村民公开；有问题可以退回修改。'}
        </Text>
        <View className='vs__counts'>
          {waiting > 0 && (
            <Text className='vs__count vs__count--wait' data-testid='count-waiting'>
              {publisher ? '等待监委会签' : '待您会签'} {waiting} 条
            </Text>
          )}
          {returned > 0 && <Text className='vs__count vs__count--bad'>退回修改 {returned} 条</Text>}
          {corrections > 0 && <Text className='vs__count vs__count--bad'>乡镇要求更正 {corrections} 条</Text>}
        </View>
        <View className='vs__buttons'>
          {publisher && (
            <Text className='s-btn s-btn--primary vs__btn' data-testid='start-draft' onClick={() => go('disclosure-edit')}>
              ＋ 起草新的公开
            </Text>
          )}
          <Text
            className={`s-btn vs__btn${!publisher && waiting > 0 ? ' s-btn--primary' : ''}`}
            data-testid='open-disclosures'
            onClick={() => go('disclosures')}
          >
            {!publisher && waiting > 0 ? '去会签' : '查看本村三务公开'}
          </Text>
        </View>
      </View>
    </View>
  );
}
