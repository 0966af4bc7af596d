import { Text, View } from '@tarojs/components';
import { contract } from '@mashang/shared';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import { chineseDateTime } from '../../../utils/format';
import StaffBar from '../../components/StaffBar';
import { useAccount, useStaffApi } from '../../hooks/use-staff-api';
import '../../staff.scss';

/** What each recorded action means, in the words an admin reads. */
export const AUDIT_ACTIONS: Record<string, string> = {
  reveal_reporter: '查看实名反映人身份',
};

const HEAD = ['时间', '账号', '操作', '反映编号'];

/** The audit log, newest first as the server orders it: read-only, nothing here edits it. */
export default function AdminAuditPage() {
  const account = useAccount();
  const allowed = account?.role === 'admin';
  const log = useStaffApi(() => (allowed ? call(contract.admin.auditLog) : null), [allowed]);
  if (!account) return <View className='staff' />;
  return (
    <View className='staff staff--wide'>
      <StaffBar account={account} current='admin-audit' />
      <Text className='s-h1'>审计日志</Text>
      {!allowed && <Text className='s-text'>这一页只对系统管理员开放。</Text>}
      {allowed && (
        <View className='s-card' data-testid='audit-table'>
          <Text className='s-muted'>记录谁在何时查看了哪件实名反映的反映人身份。日志只读，任何人都不能修改或删除。时间为北京时间。</Text>
          {!log.data && <StatusView loading={log.loading} error={log.error} onRetry={log.reload} />}
          {log.data && log.data.items.length === 0 && (
            <Text className='s-text' data-testid='audit-empty'>
              还没有记录。
            </Text>
          )}
          {log.data && log.data.items.length > 0 && (
            <View className='s-table__head'>
              {HEAD.map((h) => (
                <Text key={h} className='s-table__cell'>
                  {h}
                </Text>
              ))}
            </View>
          )}
          {log.data?.items.map((entry, i) => (
            <View key={i} className='s-table__row' data-testid='audit-row'>
              <Text className='s-table__cell s-muted'>{chineseDateTime(entry.at)}</Text>
              <Text className='s-table__cell'>{entry.username}</Text>
              <Text className='s-table__cell'>{AUDIT_ACTIONS[entry.action] ?? entry.action}</Text>
              <Text className='s-table__cell'>{entry.reportNo ?? '—'}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
