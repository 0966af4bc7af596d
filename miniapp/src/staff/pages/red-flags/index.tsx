import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { contract, RED_FLAG_KINDS, RED_FLAG_STATUSES, type RedFlag, type RedFlagStatus } from '@mashang/shared';
import { useState } from 'react';
import StatusView from '../../../components/StatusView';
import Field from '../../../components/Field';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import { chineseDateTime } from '../../../utils/format';
import StaffBar from '../../components/StaffBar';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { staffUrl } from '../../utils';
import '../../staff.scss';
import './index.scss';

const FILTERS: Array<[RedFlagStatus, string]> = [
  ['open', RED_FLAG_STATUSES.open],
  ['dismissed', RED_FLAG_STATUSES.dismissed],
  ['case', RED_FLAG_STATUSES.case],
];

/** One flag: the line, the evidence, and what the officer can do about it. */
function FlagCard({ flag, onChanged }: { flag: RedFlag; onChanged: () => void }) {
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<RedFlag>) => {
    setBusy(true);
    setError(null);
    try {
      const done = await work();
      if (done.reportNo) await Taro.navigateTo({ url: staffUrl('case', { no: done.reportNo }) });
      onChanged();
    } catch (e) {
      if (handledAuthError(e)) return;
      setError(isApiError(e) ? (e.details?.[0]?.message ?? e.message) : '操作没有成功，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='s-card red-flag' data-testid='red-flag'>
      <Text className='red-flag__kind'>{RED_FLAG_KINDS[flag.kind]}</Text>
      <Text className='s-muted'>
        {flag.villageName} · 《{flag.disclosureTitle}》第{flag.row + 1}行 · {chineseDateTime(flag.raisedAt)}
      </Text>
      <View className='red-flag__line'>
        {flag.columns.map((column, i) => (
          <Text key={column} className='red-flag__cell'>
            {column}：{flag.line[i] || '—'}
          </Text>
        ))}
      </View>
      <Text className='red-flag__evidence' data-testid='red-flag-evidence'>
        {flag.evidence}
      </Text>
      {flag.status === 'dismissed' && (
        <Text className='s-muted'>
          {flag.resolvedBy}已排除：{flag.resolution}
        </Text>
      )}
      {flag.status === 'case' && flag.reportNo && (
        <Text className='s-link' onClick={() => void Taro.navigateTo({ url: staffUrl('case', { no: flag.reportNo }) })}>
          已立案核查，查看案件 {flag.reportNo}
        </Text>
      )}
      {flag.status === 'open' && !dismissing && (
        <View className='red-flag__actions'>
          <Text
            className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`}
            data-testid='red-flag-open-case'
            onClick={() => !busy && void act(() => call(contract.redFlag.openCase, { params: { id: flag.id } }))}
          >
            立案核查
          </Text>
          <Text className='s-btn' data-testid='red-flag-dismiss' onClick={() => setDismissing(true)}>
            排除
          </Text>
        </View>
      )}
      {dismissing && (
        <View>
          <Field
            tone='staff'
            id='red-flag-reason'
            label='排除的理由（如：已核实为同名不同人）'
            multiline
            value={reason}
            maxlength={500}
            onInput={setReason}
            testId='red-flag-reason'
          />
          <View className='red-flag__actions'>
            <Text
              className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`}
              data-testid='red-flag-dismiss-submit'
              onClick={() => !busy && void act(() => call(contract.redFlag.dismiss, { params: { id: flag.id }, body: { reason } }))}
            >
              确认排除
            </Text>
            <Text className='s-btn' onClick={() => setDismissing(false)}>
              取消
            </Text>
          </View>
        </View>
      )}
      {error && (
        <Text className='s-error' data-testid='red-flag-error'>
          {error}
        </Text>
      )}
    </View>
  );
}

/** 大数据比对: what the comparison of published recipient lists found in the jurisdiction. Never shown to villages. */
export default function RedFlagsPage() {
  const account = useAccount();
  const [status, setStatus] = useState<RedFlagStatus>('open');
  const flags = useStaffApi(() => (account ? call(contract.redFlag.list, { query: { status } }) : null), [account, status]);
  if (!account) return <View className='staff' />;
  return (
    <View className='staff red-flags'>
      <StaffBar account={account} current='red-flags' />
      <Text className='s-h1'>大数据比对</Text>
      <Text className='s-muted'>
        公开的补贴、低保名单与村干部名单、去世人员名单、其他村名单和县定标准比对后发现的疑点，仅乡镇和县纪委可见。
      </Text>
      <View className='s-chips'>
        {FILTERS.map(([value, label]) => (
          <Text
            key={value}

            className={`s-chip${status === value ? ' s-chip--on' : ''}`}
            data-testid={`red-flag-filter-${value}`}
            onClick={() => setStatus(value)}
          >
            {label}
          </Text>
        ))}
      </View>
      {!flags.data && <StatusView loading={flags.loading} error={flags.error} onRetry={flags.reload} />}
      {flags.data?.items.length === 0 && (
        <View className='s-card'>
          <Text className='s-text'>没有{RED_FLAG_STATUSES[status]}的比对提示。</Text>
        </View>
      )}
      {flags.data?.items.map((flag) => (
        <FlagCard key={flag.id} flag={flag} onChanged={flags.reload} />
      ))}
    </View>
  );
}
