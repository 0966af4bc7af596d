import { Text, View } from '@tarojs/components';
import { REPORT_CATEGORIES, REPORT_MODES, REPORT_STATUSES, type Rating, type RatingReason, type ReportStatusView } from '@mashang/shared';
import { RATINGS, REPORT_TRACKS_PLAIN } from '@mashang/shared/labels';
import { useState } from 'react';
import DueDates from '../DueDates';
import Field from '../Field';
import { buttonProps } from '../Field/a11y';
import { chineseDateTime } from '../../utils/format';
import RatingForm from './RatingForm';
import ReportProgress from './ReportProgress';
import './index.scss';

/** What the reporter may do on their own report; each answers the updated status. */
export interface ReporterActions {
  rate(rating: Rating, reasons: RatingReason[], comment: string): Promise<ReportStatusView>;
  requestReview(reason: string): Promise<ReportStatusView>;
  addInfo(text: string): Promise<ReportStatusView>;
}

interface Props {
  view: ReportStatusView;
  /** Absent: the report is shown, nothing can be done on it here. */
  actions?: ReporterActions;
  onChange: (view: ReportStatusView) => void;
  /** A failed action in the villager's words. */
  failure: (error: unknown) => string;
}

/** The latest word on a changed date (an extension granted or refused, a provisional date settled), if any. */
function dateChange(timeline: ReportStatusView['timeline']): string | null {
  return [...timeline].reverse().find((e) => /期限已(延长至|由)|延期申请未获批准/.test(e.text))?.text ?? null;
}

/**
 * One report as its reporter reads it, the same whether it was found by query code or in 我的反映:
 * where it is, what comes next, the answer, rating, 申请复查, 补充材料, the due dates and the timeline.
 */
export default function ReportDetail({ view, actions, onChange, failure }: Props) {
  const [busy, setBusy] = useState(false);
  const [reviewReason, setReviewReason] = useState('');
  const [addInfo, setAddInfo] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const act = async (run: () => Promise<ReportStatusView>, done: string): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setMessage(null);
    try {
      onChange(await run());
      setMessage({ ok: true, text: done });
      return true;
    } catch (error) {
      setMessage({ ok: false, text: failure(error) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const rate = (rating: Rating, reasons: RatingReason[], comment: string) =>
    actions ? act(() => actions.rate(rating, reasons, comment), `已收到您的评价：${RATINGS[rating]}。谢谢！`) : undefined;

  const requestReview = async () => {
    if (!actions) return;
    if (reviewReason.trim().length < 5) return setMessage({ ok: false, text: '请至少写5个字，说明不满意的原因' });
    if (await act(() => actions.requestReview(reviewReason.trim()), '已申请复查，纪委会重新核查并再次答复您。')) setReviewReason('');
  };

  const sendInfo = async () => {
    if (!actions) return;
    if (addInfo.trim().length < 5) return setMessage({ ok: false, text: '请至少写5个字' });
    if (await act(() => actions.addInfo(addInfo.trim()), '补充的材料已经送到纪委。')) setAddInfo('');
  };

  const can = (action: ReportStatusView['actions'][number]) => !!actions && view.actions.includes(action);
  const changed = dateChange(view.timeline);

  return (
    <View data-testid='report-detail'>
      <View className='card' data-testid='lookup-result'>
        <Text className='report-detail__status' data-testid='report-status'>
          {REPORT_STATUSES[view.status]}
        </Text>
        <Text className='text'>村：{view.villageName}</Text>
        <Text className='text'>反映的是：{REPORT_TRACKS_PLAIN[view.track]}</Text>
        <Text className='text'>问题类别：{REPORT_CATEGORIES[view.category]}</Text>
        <Text className='text'>方式：{REPORT_MODES[view.mode]}</Text>
        <Text className='text'>收到时间：{chineseDateTime(view.receivedAt)}</Text>
        {!!view.attachmentCount && (
          // Counted, never shown back: the photos are evidence for the staff, and a query code may be seen by others.
          <Text className='text' data-testid='attachment-count'>
            已附照片 {view.attachmentCount} 张（只给办理的纪委干部看）
          </Text>
        )}
      </View>

      <ReportProgress view={view} />

      {(can('rate') || can('request_review') || can('add_info') || message) && (
        <View className='card' data-testid='reporter-actions'>
          {message && (
            <Text className={message.ok ? 'report-detail__ok' : 'field-error'} data-testid='action-message'>
              {message.text}
            </Text>
          )}
          {can('rate') && <RatingForm busy={busy} onSubmit={rate} />}
          {can('request_review') && (
            <View className='report-detail__section'>
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
                className={`btn btn--primary report-detail__go${busy ? ' btn--disabled' : ''}`}
                data-testid='review-submit'
                {...buttonProps()}
                onClick={() => void requestReview()}
              >
                申请复查
              </View>
            </View>
          )}
          {can('add_info') && (
            <View className='report-detail__section'>
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
                className={`btn btn--secondary report-detail__go${busy ? ' btn--disabled' : ''}`}
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

      <View className='card'>
        <Text className='h3'>答复期限</Text>
        <DueDates dueDates={view.dueDates} />
        {changed && (
          <Text className='text' data-testid='date-change'>
            {changed}
          </Text>
        )}
        <Text className='h3'>办理经过</Text>
        <View className='timeline' data-testid='timeline'>
          {view.timeline.map((entry, i) => (
            <View key={i} className='timeline__item'>
              <Text className='muted timeline__at'>{chineseDateTime(entry.at)}</Text>
              {/* The answer is read once, in its own box above. */}
              <Text className='text'>{entry.text === view.reply ? '已答复您，内容见上方「答复内容」' : entry.text}</Text>
            </View>
          ))}
        </View>
      </View>
    </View>
  );
}
