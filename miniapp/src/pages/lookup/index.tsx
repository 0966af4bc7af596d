import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { contract, checkQueryCode, type ReportStatusView } from '@mashang/shared';
import { useState } from 'react';
import { buttonProps } from '../../components/Field/a11y';
import CodeBox from './code-box';
import ReportDetail, { type ReporterActions } from '../../components/StatusView/ReportDetail';
import { call } from '../../services/api';
import { isApiError } from '../../services/http';
import { withPageFont } from '../../components/PageFont';
import { pageUrl } from '../../utils/format';
import './index.scss';

function failure(error: unknown): string {
  if (isApiError(error) && error.code === 'QUERY_CODE_NOT_FOUND') {
    return '没有查到这个查询码。请对照纸上抄的号码，一位一位核对后再查。';
  }
  if (isApiError(error) && error.code === 'RATE_LIMITED') return '查询次数太多了，请等一分钟后再查。';
  if (isApiError(error) && error.code === 'VALIDATION_FAILED' && error.details.length) return error.details[0]!.message;
  return isApiError(error) ? error.message : '没有成功，请再试一次';
}

/**
 * Status by query code; the code goes in the POST body, never in a URL. After a lookup the code
 * stays in this page's memory only, so the reporter can rate, ask for review or add information.
 */
function LookupPage() {
  const [input, setInput] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [result, setResult] = useState<ReportStatusView | null>(null);
  const [message, setMessage] = useState<{ text: string; group: number | null } | null>(null);
  const [busy, setBusy] = useState(false);

  const lookup = async () => {
    if (busy) return;
    const checked = checkQueryCode(input);
    setResult(null);
    setCode(null);
    if (!checked.ok) {
      setMessage({ text: checked.message, group: checked.group });
      return;
    }
    const queryCode = checked.digits;
    setBusy(true);
    setMessage(null);
    try {
      setResult(await call(contract.report.lookup, { body: { queryCode } }));
      setCode(queryCode);
    } catch (error) {
      setMessage({ text: failure(error), group: null });
    } finally {
      setBusy(false);
    }
  };

  /** The query code stands for the reporter in each action. */
  const actions: ReporterActions | undefined = code
    ? {
        rate: (rating, reasons, comment) =>
          call(contract.reporter.rate, {
            body: { queryCode: code, rating, ...(reasons.length ? { reasons } : {}), ...(comment ? { comment } : {}) },
          }),
        requestReview: (reason) => call(contract.reporter.requestReview, { body: { queryCode: code, reason } }),
        addInfo: (text) => call(contract.reporter.addInfo, { body: { queryCode: code, text } }),
      }
    : undefined;

  return (
    <View className='page lookup'>
      <Text className='h1'>查询反映进度</Text>
      <View className='card'>
        <CodeBox
          value={input}
          onInput={(value) => {
            setInput(value);
            setMessage(null);
          }}
          onConfirm={() => void lookup()}
          error={message?.text ?? null}
          wrongGroup={message?.group ?? null}
        />
        <View
          className={`btn btn--primary lookup__go${busy ? ' btn--disabled' : ''}`}
          data-testid='lookup-submit'
          {...buttonProps()}
          onClick={() => void lookup()}
        >
          {busy && !result ? '正在查询……' : '查询'}
        </View>
      </View>

      {result && <ReportDetail view={result} actions={actions} onChange={setResult} failure={failure} />}

      <View className='lookup__mine'>
        <Text className='muted'>实名反映过的，也可以不用查询码：</Text>
        <View className='link' data-testid='lookup-mine' {...buttonProps()} onClick={() => void Taro.navigateTo({ url: pageUrl('mine') })}>
          查看我的反映
        </View>
      </View>
    </View>
  );
}

export default withPageFont(LookupPage);
