import { Input, Text, Textarea, View } from '@tarojs/components';
import {
  contract,
  normalizeQueryCode,
  RATINGS,
  REPORT_CATEGORIES,
  REPORT_MODES,
  REPORT_STATUSES,
  REPORT_TRACKS,
  type Rating,
  type ReportStatusView,
} from '@mashang/shared';
import { useState } from 'react';
import DueDates from '../../components/DueDates';
import { call } from '../../services/api';
import { isApiError } from '../../services/http';
import { chineseDateTime } from '../../utils/format';
import './index.scss';

const RATING_KEYS = Object.keys(RATINGS) as Rating[];

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
/** The latest word on a changed date (an extension granted or refused, a provisional date settled), if any. */
function dateChange(timeline: ReportStatusView['timeline']): string | null {
  return [...timeline].reverse().find((e) => /期限已(延长至|由)|延期申请未获批准/.test(e.text))?.text ?? null;
}

export default function LookupPage() {
  const [input, setInput] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [result, setResult] = useState<ReportStatusView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reviewReason, setReviewReason] = useState('');
  const [addInfo, setAddInfo] = useState('');
  const [actionMessage, setActionMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const lookup = async () => {
    if (busy) return;
    const queryCode = normalizeQueryCode(input);
    setResult(null);
    setCode(null);
    setActionMessage(null);
    if (!queryCode) {
      setMessage('查询码是25位数字，请核对后重新输入（空格和横线可以不管）');
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      setResult(await call(contract.report.lookup, { body: { queryCode } }));
      setCode(queryCode);
    } catch (error) {
      setMessage(failure(error));
    } finally {
      setBusy(false);
    }
  };

  /** One reporter action; the answer is the updated status. */
  const act = async (run: (queryCode: string) => Promise<ReportStatusView>, done: string) => {
    if (busy || !code) return;
    setBusy(true);
    setActionMessage(null);
    try {
      setResult(await run(code));
      setActionMessage({ ok: true, text: done });
      return true;
    } catch (error) {
      setActionMessage({ ok: false, text: failure(error) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const rate = (rating: Rating) =>
    void act((queryCode) => call(contract.reporter.rate, { body: { queryCode, rating } }), `已收到您的评价：${RATINGS[rating]}。谢谢！`);

  const requestReview = async () => {
    if (reviewReason.trim().length < 5) {
      setActionMessage({ ok: false, text: '请至少写5个字，说明不满意的原因' });
      return;
    }
    const ok = await act(
      (queryCode) => call(contract.reporter.requestReview, { body: { queryCode, reason: reviewReason.trim() } }),
      '已申请复查，纪委会重新核查并再次答复您。',
    );
    if (ok) setReviewReason('');
  };

  const sendInfo = async () => {
    if (addInfo.trim().length < 5) {
      setActionMessage({ ok: false, text: '请至少写5个字' });
      return;
    }
    const ok = await act(
      (queryCode) => call(contract.reporter.addInfo, { body: { queryCode, text: addInfo.trim() } }),
      '补充的材料已经送到纪委。',
    );
    if (ok) setAddInfo('');
  };

  const can = (action: ReportStatusView['actions'][number]) => !!result?.actions.includes(action);

  return (
    <View className='page lookup'>
      <Text className='h1'>查询反映进度</Text>
      <View className='card'>
        <Text className='text'>请输入提交反映时拿到的25位查询码：</Text>
        <View className='lookup__box'>
          <Input
            className='lookup__input'
            data-testid='lookup-input'
            // The mini program opens its number pad; in a browser a number field would drop the spaces a person types.
            type={process.env.TARO_ENV === 'weapp' ? 'number' : 'text'}
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
        <View
          className={`btn btn--primary lookup__go${busy ? ' btn--disabled' : ''}`}
          data-testid='lookup-submit'
          onClick={() => void lookup()}
        >
          {busy && !result ? '正在查询……' : '查询'}
        </View>
      </View>

      {result && (
        <View className='card' data-testid='lookup-result'>
          <Text className='lookup__status' data-testid='report-status'>
            {REPORT_STATUSES[result.status]}
          </Text>
          <Text className='text'>反映编号：{result.reportNo}</Text>
          <Text className='text'>村：{result.villageName}</Text>
          <Text className='text'>反映的是：{REPORT_TRACKS[result.track]}</Text>
          <Text className='text'>问题类别：{REPORT_CATEGORIES[result.category]}</Text>
          <Text className='text'>方式：{REPORT_MODES[result.mode]}</Text>
          <Text className='text'>收到时间：{chineseDateTime(result.receivedAt)}</Text>
        </View>
      )}

      {result?.reply && (
        <View className='card lookup__reply'>
          <Text className='h2'>答复内容</Text>
          <Text className='lookup__reply-text' data-testid='reply-text'>
            {result.reply}
          </Text>
          {result.rating && (
            <Text className='muted' data-testid='rating-given'>
              您的评价：{RATINGS[result.rating]}
            </Text>
          )}
          {result.reviewPath && (
            <Text className='text' data-testid='review-path'>
              {result.reviewPath}
            </Text>
          )}
        </View>
      )}

      {result && (can('rate') || can('request_review') || can('add_info') || actionMessage) && (
        <View className='card' data-testid='reporter-actions'>
          {actionMessage && (
            <Text className={actionMessage.ok ? 'lookup__ok' : 'field-error'} data-testid='action-message'>
              {actionMessage.text}
            </Text>
          )}
          {can('rate') && (
            <View>
              <Text className='h2'>您对答复满意吗？</Text>
              <View className='lookup__ratings'>
                {RATING_KEYS.map((rating) => (
                  <View
                    key={rating}
                    className={`btn btn--secondary lookup__rate${result.rating === rating ? ' lookup__rate--on' : ''}`}
                    data-testid={`rate-${rating}`}
                    onClick={() => rate(rating)}
                  >
                    {RATINGS[rating]}
                  </View>
                ))}
              </View>
            </View>
          )}
          {can('request_review') && (
            <View className='lookup__section'>
              <Text className='h2'>申请复查</Text>
              <Text className='muted'>对答复不满意，可以在答复后30天内申请复查。请写明不满意的地方：</Text>
              <View className='lookup__box lookup__box--area'>
                <Textarea
                  className='lookup__textarea'
                  data-testid='review-reason'
                  value={reviewReason}
                  maxlength={2000}
                  placeholder='哪里不满意，希望怎样处理'
                  onInput={(e) => setReviewReason(e.detail.value)}
                />
              </View>
              <View
                className={`btn btn--primary lookup__go${busy ? ' btn--disabled' : ''}`}
                data-testid='review-submit'
                onClick={() => void requestReview()}
              >
                申请复查
              </View>
            </View>
          )}
          {can('add_info') && (
            <View className='lookup__section'>
              <Text className='h2'>补充材料</Text>
              <Text className='muted'>想起新的情况，可以写在这里补充给纪委：</Text>
              <View className='lookup__box lookup__box--area'>
                <Textarea
                  className='lookup__textarea'
                  data-testid='add-info-input'
                  value={addInfo}
                  maxlength={5000}
                  placeholder='补充的情况'
                  onInput={(e) => setAddInfo(e.detail.value)}
                />
              </View>
              <View
                className={`btn btn--secondary lookup__go${busy ? ' btn--disabled' : ''}`}
                data-testid='add-info-submit'
                onClick={() => void sendInfo()}
              >
                提交补充材料
              </View>
            </View>
          )}
        </View>
      )}

      {result && (
        <View className='card'>
          <Text className='h3'>答复期限</Text>
          <DueDates dueDates={result.dueDates} />
          {dateChange(result.timeline) && (
            <Text className='text' data-testid='date-change'>
              {dateChange(result.timeline)}
            </Text>
          )}
          <Text className='h3'>办理经过</Text>
          <View className='timeline' data-testid='timeline'>
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
