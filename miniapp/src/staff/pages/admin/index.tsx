import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { contract } from '@mashang/shared';
import { call } from '../../../services/api';
import StaffBar from '../../components/StaffBar';
import { useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { staffUrl } from '../../utils';
import '../../staff.scss';
import './index.scss';

const SECTIONS = [
  { page: 'admin-accounts', title: '账号管理', text: '新建工作人员账号，停用或启用，重置密码。' },
  { page: 'admin-audit', title: '审计日志', text: '谁在何时查看了哪件实名反映的反映人身份。只读，不可删改。' },
  { page: 'admin-calendar', title: '节假日安排', text: '法定节假日和调休上班日。国务院办公厅公布下一年安排后在这里录入。' },
  { page: 'admin-rules', title: '办理时限规则', text: '受理、办理、反馈等期限，到期提醒和逾期提级。' },
] as const;

/** The admin's landing page: the four admin areas, and any calendar warning up front. */
export default function AdminPage() {
  const account = useAccount();
  const allowed = account?.role === 'admin';
  const calendar = useStaffApi(() => (allowed ? call(contract.admin.calendar) : null), [allowed]);
  if (!account) return <View className='staff' />;
  return (
    <View className='staff admin'>
      <StaffBar account={account} current='admin' />
      <Text className='s-h1'>系统管理</Text>
      {!allowed && <Text className='s-text'>这一页只对系统管理员开放。</Text>}
      {allowed &&
        calendar.data?.warnings.map((w) => (
          <View
            key={w}
            className='s-warning'
            data-testid='admin-calendar-warning'
            onClick={() => void Taro.navigateTo({ url: staffUrl('admin-calendar') })}
          >
            <Text className='s-warning__title'>节假日安排缺失</Text>
            <Text className='s-text'>{w}</Text>
            <Text className='s-link'>去录入</Text>
          </View>
        ))}
      {allowed && (
        <View className='admin__grid'>
          {SECTIONS.map((s) => (
            <View
              key={s.page}
              className='s-card admin__section'
              data-testid={`admin-link-${s.page}`}
              onClick={() => void Taro.navigateTo({ url: staffUrl(s.page) })}
            >
              <Text className='s-h2'>{s.title}</Text>
              <Text className='s-muted'>{s.text}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
