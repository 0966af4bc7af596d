import { Text, View } from '@tarojs/components';
import { contract } from '@mashang/shared';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import { chineseDateTime } from '../../../utils/format';
import StaffBar from '../../components/StaffBar';
import { useAccount, useStaffApi } from '../../hooks/use-staff-api';
import '../../staff.scss';

const HEAD = ['时间', '操作人', '操作', '对象', '内容'];

/** An entry's changes in words: 「角色：村报账员 → 村务监督委员会主任」. */
function changesText(changes: { label: string; from: string | null; to: string | null }[]): string {
  return changes.map((c) => `${c.label}：${c.from === null ? '' : `${c.from} → `}${c.to ?? '（无）'}`).join('；');
}

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
          <Text className='s-muted'>
            记录谁在何时查看了哪件实名反映的反映人身份（包括被拒绝的查看），以及账号、节假日安排和办理期限的每一次修改。新建或刚重置密码不满24小时的账号查看反映人身份时，标为“需关注”。日志只读，任何人都不能修改或删除。时间为北京时间。
          </Text>
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
              <Text className='s-table__cell'>{entry.actor}</Text>
              <Text className='s-table__cell'>
                {entry.actionLabel}
                {entry.flagged && (
                  <Text className='s-error' data-testid='audit-flag'>
                    （需关注：账号新建或刚重置密码）
                  </Text>
                )}
              </Text>
              <Text className='s-table__cell'>{entry.target ?? (entry.reportNo ? `反映 ${entry.reportNo}` : '—')}</Text>
              <Text className='s-table__cell'>{changesText(entry.changes) || '—'}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
