import { Text, View } from '@tarojs/components';
import type { ReportStatusView } from '@mashang/shared';
import { RATING_REASONS, RATINGS } from '@mashang/shared/labels';
import PhoneText from './PhoneText';
import { PROGRESS_STEPS, progressOf } from './progress';
import './index.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

function Step({ label, state, index }: { label: string; state: 'done' | 'current' | 'todo' | 'ended'; index: number }) {
  const spoken = `第${index + 1}步，${label}，${{ done: '已完成', current: '当前', todo: '未到', ended: '已结束' }[state]}`;
  const a11y = IS_H5
    ? { role: 'listitem', 'aria-current': state === 'current' ? 'step' : undefined, 'aria-label': spoken }
    : { ariaLabel: spoken };
  return (
    <View className={`stepper__step stepper__step--${state}`} data-testid={`step-${state}`} {...a11y}>
      <View className='stepper__dot'>{state === 'done' ? '✓' : index + 1}</View>
      <Text className='stepper__label'>{label}</Text>
    </View>
  );
}

/** The five steps, with where this case is; a case set aside or sent elsewhere ends after 已提交. */
export function Stepper({ view }: { view: Pick<ReportStatusView, 'status' | 'rating'> }) {
  const progress = progressOf(view);
  const steps =
    progress.kind === 'ended'
      ? [<Step key={0} index={0} label={PROGRESS_STEPS[0]} state='done' />, <Step key={1} index={1} label={progress.label} state='ended' />]
      : PROGRESS_STEPS.map((label, i) => {
          const state = i < progress.current || progress.done ? 'done' : i === progress.current ? 'current' : 'todo';
          return <Step key={i} index={i} label={i === progress.current && !progress.done ? progress.currentLabel : label} state={state} />;
        });
  return (
    <View className='stepper' data-testid='stepper' {...(IS_H5 ? { role: 'list', 'aria-label': '办理进度' } : {})}>
      {steps}
    </View>
  );
}

/**
 * What the reporter most wants to know, first: where the case is, what comes next and by when, and
 * the answer (shown here once, numbers in it tap to call) with their rating.
 */
export default function ReportProgress({ view }: { view: ReportStatusView }) {
  return (
    <View data-testid='report-progress'>
      <View className='card'>
        <Stepper view={view} />
        {view.next.text && (
          <View className='next-step' data-testid='next-step'>
            <Text className='next-step__title'>接下来</Text>
            <Text className='next-step__text'>{view.next.text}</Text>
          </View>
        )}
      </View>
      {view.reply && (
        <View className='card reply-card'>
          <Text className='h2'>{view.status === 'declined' ? '没有受理的原因' : '答复内容'}</Text>
          <PhoneText className='reply-card__text' testId='reply-text' text={view.reply} />
          {view.rating && (
            <Text className='muted' data-testid='rating-given'>
              您的评价：{RATINGS[view.rating]}
              {view.ratingReasons.length ? `（${view.ratingReasons.map((r) => RATING_REASONS[r]).join('、')}）` : ''}
            </Text>
          )}
          {view.reviewPath && (
            <Text className='text' data-testid='review-path'>
              {view.reviewPath}
            </Text>
          )}
        </View>
      )}
    </View>
  );
}
