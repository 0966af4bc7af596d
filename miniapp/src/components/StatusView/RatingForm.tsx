import { Text, Textarea, View } from '@tarojs/components';
import { isSatisfiedRating, RATING_REASONS, RATINGS, type Rating, type RatingReason } from '@mashang/shared/labels';
import { useState } from 'react';
import { ChoiceGroup, type ChoiceOption } from '../Field/choice-group';

const LEVELS: ChoiceOption<Rating>[] = (Object.keys(RATINGS) as Rating[]).map((value) => ({ value, title: RATINGS[value] }));
const REASONS: ChoiceOption<RatingReason>[] = (Object.keys(RATING_REASONS) as RatingReason[]).map((value) => ({
  value,
  title: RATING_REASONS[value],
}));

const COMMENT_LABEL = '想多说几句（可以不写）';

interface Props {
  busy?: boolean;
  /** Saves the rating; resolves true once saved. */
  onSubmit: (rating: Rating, reasons: RatingReason[], comment: string) => Promise<boolean | undefined> | void;
}

/**
 * 好差评 as the national practice has it: five levels, reasons to tick when not satisfied, and a
 * confirmation before it is saved (a rating cannot be changed afterwards).
 */
export default function RatingForm({ busy, onSubmit }: Props) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [comment, setComment] = useState('');
  const unhappy = !!rating && !isSatisfiedRating(rating);

  const choose = (value: Rating) => {
    setRating(value);
    setError(null);
    if (isSatisfiedRating(value)) {
      setReasons([]);
      setComment('');
    }
  };
  const toggle = (reason: RatingReason) => {
    setReasons((now) => (now.includes(reason) ? now.filter((r) => r !== reason) : [...now, reason]));
    setError(null);
  };
  const next = () => {
    if (!rating) return setError('请先选择一个评价');
    if (unhappy && !reasons.length) return setError('请至少选一个不满意的原因');
    setConfirming(true);
  };
  const save = async () => {
    if (busy || !rating) return;
    const saved = await onSubmit(rating, unhappy ? reasons : [], unhappy ? comment.trim() : '');
    if (saved === false) setConfirming(false);
  };

  if (confirming && rating) {
    return (
      <View className='rating-form' data-testid='rating-confirm'>
        <Text className='h2'>请确认您的评价</Text>
        <Text className='rating-form__summary' data-testid='rating-summary'>
          {RATINGS[rating]}
          {unhappy ? `，原因：${reasons.map((r) => RATING_REASONS[r]).join('、')}` : ''}
        </Text>
        {unhappy && comment.trim() && <Text className='text'>您写的：{comment.trim()}</Text>}
        <Text className='muted'>提交后不能修改。</Text>
        <View
          className={`btn btn--primary rating-form__go${busy ? ' btn--disabled' : ''}`}
          data-testid='rating-save'
          onClick={() => void save()}
        >
          确认提交
        </View>
        <View className='btn btn--secondary rating-form__go' data-testid='rating-back' onClick={() => setConfirming(false)}>
          返回修改
        </View>
      </View>
    );
  }
  return (
    <View className='rating-form' data-testid='rating-form'>
      <ChoiceGroup
        id='rating-level'
        label='您对这次答复满意吗？'
        options={LEVELS}
        value={rating}
        onChange={choose}
        layout='cards'
        testIdPrefix='rate'
      />
      {unhappy && (
        <ChoiceGroup
          id='rating-reasons'
          label='哪里不满意？可以选几项'
          options={REASONS}
          value={reasons}
          onChange={toggle}
          multiple
          testIdPrefix='reason'
        />
      )}
      {unhappy && (
        <View className='rating-form__comment'>
          <Text className='field__label'>{COMMENT_LABEL}</Text>
          <View className='rating-form__box'>
            <Textarea
              className='rating-form__textarea'
              data-testid='rating-comment'
              value={comment}
              maxlength={500}
              placeholder='哪里没办好，希望怎么办'
              onInput={(e) => setComment(e.detail.value)}
              {...(process.env.TARO_ENV === 'h5' ? { nativeProps: { 'aria-label': COMMENT_LABEL } } : { ariaLabel: COMMENT_LABEL })}
            />
          </View>
        </View>
      )}
      {error && (
        <Text className='field-error' data-testid='rating-error'>
          {error}
        </Text>
      )}
      <View className='btn btn--primary rating-form__go' data-testid='rating-next' onClick={next}>
        下一步
      </View>
    </View>
  );
}
