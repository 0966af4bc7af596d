import { Input, Text, View } from '@tarojs/components';
import { contract, normalizeQueryCode, REPORT_CATEGORIES, REPORT_MODES, REPORT_STATUSES, type ReportStatusView } from '@mashang/shared';
import { useState } from 'react';
import DueDates from '../../components/DueDates';
import { call } from '../../services/api';
import { isApiError } from '../../services/http';
import { chineseDateTime } from '../../utils/format';
import './index.scss';

/** Status by query code; the code goes in the POST body, never in a URL. */
export default function LookupPage() {
  const [input, setInput] = useState('');
  const [result, setResult] = useState<ReportStatusView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const lookup = async () => {
    if (busy) return;
    const queryCode = normalizeQueryCode(input);
    setResult(null);
    if (!queryCode) {
      setMessage('查询码是25位数字，请核对后重新输入（空格和横线可以不管）');
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      setResult(await call(contract.report.lookup, { body: { queryCode } }));
    } catch (error) {
      if (isApiError(error) && error.code === 'QUERY_CODE_NOT_FOUND') {
        setMessage('没有查到这个查询码。请对照纸上抄的号码，一位一位核对后再查。');
      } else if (isApiError(error) && error.code === 'RATE_LIMITED') {
        setMessage('查询次数太多了，请等一分钟后再查。');
      } else {
        setMessage(isApiError(error) ? error.message : '查询没有成功，请再试一次');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page lookup'>
      <Text className='h1'>查询反映进度</Text>
      <View className='card'>
        <Text className='text'>请输入提交反映时拿到的25位查询码：</Text>
        <View className='lookup__box'>
          <Input
            className='lookup__input'
            data-testid='lookup-input'
            type='text'
            value={input}
            maxlength={40}
            placeholder='查询码'
            onInput={(e) => setInput(e.detail.value)}
          />
        </View>
        {message && (
          <Text className='field-error' data-testid='lookup-error'>
            {message}
          </Text>
        )}
        <View className={`btn btn--primary lookup__go${busy ? ' btn--disabled' : ''}`} data-testid='lookup-submit' onClick={() => void lookup()}>
          {busy ? '正在查询……' : '查询'}
        </View>
      </View>

      {result && (
        <View className='card' data-testid='lookup-result'>
          <Text className='lookup__status' data-testid='report-status'>
            {REPORT_STATUSES[result.status]}
          </Text>
          <Text className='text'>反映编号：{result.reportNo}</Text>
          <Text className='text'>村：{result.villageName}</Text>
          <Text className='text'>问题类别：{REPORT_CATEGORIES[result.category]}</Text>
          <Text className='text'>方式：{REPORT_MODES[result.mode]}</Text>
          <Text className='text'>收到时间：{chineseDateTime(result.receivedAt)}</Text>
          <Text className='h3'>答复期限</Text>
          <DueDates dueDates={result.dueDates} />
          <Text className='h3'>办理经过</Text>
          <View className='timeline'>
            {result.timeline.map((entry, i) => (
              <View key={i} className='timeline__item'>
                <Text className='muted timeline__at'>{chineseDateTime(entry.at)}</Text>
                <Text className='text'>{entry.text}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
    </View>
  );
}
