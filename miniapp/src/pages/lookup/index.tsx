import { Text, View } from '@tarojs/components';
import {
  contract,
  checkQueryCode,
  RATINGS,
  REPORT_CATEGORIES,
  REPORT_MODES,
  REPORT_STATUSES,
  REPORT_TRACKS_PLAIN,
  type Rating,
  type RatingReason,
  type ReportStatusView,
} from '@mashang/shared';
import { useState } from 'react';
import DueDates from '../../components/DueDates';
import Field from '../../components/Field';
import { buttonProps } from '../../components/Field/a11y';
import CodeBox from './code-box';
import RatingForm from '../../components/StatusView/RatingForm';
import ReportProgress from '../../components/StatusView/ReportProgress';
import { call } from '../../services/api';
import { isApiError } from '../../services/http';
import { withPageFont } from '../../components/PageFont';
import { chineseDateTime } from '../../utils/format';
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
/** The latest word on a changed date (an extension granted or refused, a provisional date settled), if any. */
function dateChange(timeline: ReportStatusView['timeline']): string | null {
  return [...timeline].reverse().find((e) => /期限已(延长至|由)|延期申请未获批准/.test(e.text))?.text ?? null;
}

function LookupPage() {
  const [input, setInput] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [result, setResult] = useState<ReportStatusView | null>(null);
  const [message, setMessage] = useState<{ text: string; group: number | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [reviewReason, setReviewReason] = useState('');
  const [addInfo, setAddInfo] = useState('');
  const [actionMessage, setActionMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const lookup = async () => {
    if (busy) return;
    const checked = checkQueryCode(input);
    setResult(null);
    setCode(null);
    setActionMessage(null);
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

  const rate = (rating: Rating, reasons: RatingReason[], comment: string) =>
    act(
      (queryCode) =>
        call(contract.reporter.rate, {
          body: { queryCode, rating, ...(reasons.length ? { reasons } : {}), ...(comment ? { comment } : {}) },
        }),
      `已收到您的评价：${RATINGS[rating]}。谢谢！`,
    );

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

      {result && (
        <View className='card' data-testid='lookup-result'>
          <Text className='lookup__status' data-testid='report-status'>
            {REPORT_STATUSES[result.status]}
          </Text>
          <Text className='text'>村：{result.villageName}</Text>
          <Text className='text'>反映的是：{REPORT_TRACKS_PLAIN[result.track]}</Text>
          <Text className='text'>问题类别：{REPORT_CATEGORIES[result.category]}</Text>
          <Text className='text'>方式：{REPORT_MODES[result.mode]}</Text>
          <Text className='text'>收到时间：{chineseDateTime(result.receivedAt)}</Text>
        </View>
      )}

      {result && <ReportProgress view={result} />}

      {result && (can('rate') || can('request_review') || can('add_info') || actionMessage) && (
        <View className='card' data-testid='reporter-actions'>
          {actionMessage && (
            <Text className={actionMessage.ok ? 'lookup__ok' : 'field-error'} data-testid='action-message'>
              {actionMessage.text}
            </Text>
          )}
          {can('rate') && <RatingForm busy={busy} onSubmit={rate} />}
          {can('request_review') && (
            <View className='lookup__section'>
              <Text className='h2'>申请复查</Text>
              <Field
                id='review-reason'
                label='不满意的地方'
                labelHidden
                hint='对答复不满意，可以在答复后30天内申请复查。请写明不满意的地方：'
                multiline
                value={reviewReason}
                maxlength={2000}
                placeholder='哪里不满意，希望怎样处理'
                onInput={setReviewReason}
                testId='review-reason'
              />
              <View
                className={`btn btn--primary lookup__go${busy ? ' btn--disabled' : ''}`}
                data-testid='review-submit'
                {...buttonProps()}
                onClick={() => void requestReview()}
              >
                申请复查
              </View>
            </View>
          )}
          {can('add_info') && (
            <View className='lookup__section'>
              <Text className='h2'>补充材料</Text>
              <Field
                id='add-info'
                label='补充的情况'
                labelHidden
                hint='想起新的情况，可以写在这里补充给纪委：'
                multiline
                value={addInfo}
                maxlength={5000}
                placeholder='补充的情况'
                onInput={setAddInfo}
                testId='add-info-input'
              />
              <View
                className={`btn btn--secondary lookup__go${busy ? ' btn--disabled' : ''}`}
                data-testid='add-info-submit'
                {...buttonProps()}
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
                {/* The answer is read once, in its own box above. */}
                <Text className='text'>{entry.text === result.reply ? '已答复您，内容见上方「答复内容」' : entry.text}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
    </View>
  );
}

export default withPageFont(LookupPage);
