import { Text, View } from '@tarojs/components';
import { STAFF_ROLES } from '@mashang/shared';
import StaffBar from '../../components/StaffBar';
import { useAccount } from '../../hooks/use-staff-api';
import '../../staff.scss';

/**
 * Where village publishers and supervisors land. They never see reports (they may be the people
 * reported on); their own pages, for drafting and co-signing disclosures, come later.
 */
export default function VillageStaffPage() {
  const account = useAccount();
  if (!account) return <View className='staff' />;
  return (
    <View className='staff'>
      <StaffBar account={account} current='village-staff' />
      <View className='s-card' data-testid='village-staff-notice'>
        <Text className='s-h2'>
          您好，{account.displayName}（{account.regionName}{STAFF_ROLES[account.role]}）
        </Text>
        <Text className='s-text'>村级工作页面（起草三务公开、维护小微权力清单、监督委员会审核签字）正在建设中，开放后会在这里。</Text>
        <Text className='s-muted'>群众反映的问题由乡镇纪委办理，村级账号看不到反映内容。</Text>
      </View>
    </View>
  );
}
