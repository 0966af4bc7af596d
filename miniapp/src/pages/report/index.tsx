import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { REPORT_CATEGORIES, VillageCodeSchema, type ReportCategory, type ReportMode, type ReportTrack } from '@mashang/shared';
import { useMemo, useRef, useState } from 'react';
import { fileReport } from '../../services/file-report';
import { isApiError } from '../../services/http';
import { randomKey } from '../../services/random-key';
import { putReceipt } from '../../stores/receipt-store';
import { EMPTY_DRAFT, fieldErrors, subjectFrom, toRequest, validate, type FieldErrors, type ReportDraft } from './form';
import './index.scss';

const CATEGORIES = Object.entries(REPORT_CATEGORIES) as [ReportCategory, string][];

const MODE_TEXT: Record<ReportMode, { title: string; line: string }> = {
  real_name: {
    title: '实名反映',
    line: '留下姓名和手机号，乡镇纪委必须告诉您是否受理，并把处理结果答复您。',
  },
  anonymous: {
    title: '匿名反映',
    line: '不留姓名和电话，不记录任何能认出您的信息；请记好提交后给您的查询码，凭它查看进度。',
  },
};

/** The two tracks in plain words: the villager need not know the terms 检举控告 and 问题反映. */
const TRACK_TEXT: Record<ReportTrack, { title: string; line: string }> = {
  accusation: {
    title: '干部违纪违法问题（检举控告）',
    line: '村干部、公职人员贪占钱物、优亲厚友、吃拿卡要等。',
  },
  petition: {
    title: '需要村里或镇里解决的问题（问题反映）',
    line: '补贴没发到位、公开不及时、办事难等，希望有人管一管。',
  },
};

function FieldError({ message, testId }: { message?: string; testId: string }) {
  if (!message) return null;
  return (
    <Text className='field-error' data-testid={`error-${testId}`}>
      {message}
    </Text>
  );
}

export default function ReportPage() {
  const { params } = useRouter();
  const code = VillageCodeSchema.safeParse(params.code).success ? params.code! : null;
  const subject = useMemo(() => subjectFrom(params as Record<string, string | undefined>), [params]);
  const [draft, setDraft] = useState<ReportDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  /** Solving the server's proof of work: a few seconds when many reports arrive at once. */
  const [working, setWorking] = useState(false);
  // One key per content, reused by every retry until a receipt arrives: a retry never files twice.
  // An edit makes it a new submission with a new key, so the server never sees one key with two contents.
  const keyRef = useRef<string | null>(null);

  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) => {
    keyRef.current = null;
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  if (!code) {
    return (
      <View className='page'>
        <View className='card'>
          <Text className='h2'>没有认出是哪个村</Text>
          <Text className='text'>请重新扫一扫村里公示栏上“码上监督”海报的二维码，再点“我要反映”。</Text>
        </View>
      </View>
    );
  }

  const submit = async () => {
    if (submitting) return;
    setSubmitting(true);
    try {
      if (!keyRef.current) keyRef.current = await randomKey();
      const checked = validate(toRequest(draft, code, keyRef.current, subject));
      if (!checked.ok) {
        setErrors(checked.errors);
        return;
      }
      setErrors({});
      const receipt = await fileReport(checked.value, setWorking);
      putReceipt(receipt);
      await Taro.redirectTo({ url: '/pages/receipt/index' });
      keyRef.current = null; // only once the receipt is on screen: a failed navigation must not lead to a second report
    } catch (error) {
      if (isApiError(error) && error.code === 'VALIDATION_FAILED' && error.details.length) {
        setErrors({ ...fieldErrors(error.details), form: error.message });
      } else if (isApiError(error) && error.code === 'NETWORK_ERROR') {
        setErrors({ form: `${error.message}。再点一次“提交”即可，不会重复提交。` });
      } else {
        setErrors({ form: isApiError(error) ? error.message : '提交没有成功，请再试一次' });
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className='page report'>
      <Text className='h1'>我要反映</Text>
      {subject?.powerStep && <Text className='report__subject'>反映的是权力事项流程中的“{subject.powerStep}”这一步</Text>}
      {subject?.powerItemId && !subject.powerStep && <Text className='report__subject'>反映的是一项村级权力事项</Text>}
      {subject?.disclosureId && (
        <Text className='report__subject'>
          反映的是一条公开内容{subject.disclosureRow !== undefined ? `的第 ${subject.disclosureRow + 1} 条明细` : ''}
        </Text>
      )}

      <View className='card'>
        <Text className='h2'>1. 您要反映的是：</Text>
        {(Object.keys(TRACK_TEXT) as ReportTrack[]).map((track) => (
          <View
            key={track}
            className={`track${draft.track === track ? ' track--on' : ''}`}
            data-testid={`track-${track}`}
            onClick={() => set('track', track)}
          >
            <Text className='track__title'>
              {draft.track === track ? '● ' : '○ '}
              {TRACK_TEXT[track].title}
            </Text>
            <Text className='track__line'>{TRACK_TEXT[track].line}</Text>
          </View>
        ))}
        <Text className='muted report__explain'>分不清也没关系，选一个就行，纪委干部会帮您核对。</Text>
        <FieldError message={errors.track} testId='track' />
      </View>

      <View className='card'>
        <Text className='h2'>2. 实名还是匿名？</Text>
        <View className='choices'>
          {(Object.keys(MODE_TEXT) as ReportMode[]).map((mode) => (
            <View
              key={mode}
              className={`choice choice--wide${draft.mode === mode ? ' choice--on' : ''}`}
              data-testid={`mode-${mode}`}
              onClick={() => set('mode', mode)}
            >
              {draft.mode === mode ? '● ' : '○ '}
              {MODE_TEXT[mode].title}
            </View>
          ))}
        </View>
        {draft.mode && <Text className='text report__explain'>{MODE_TEXT[draft.mode].line}</Text>}
        {!draft.mode && (
          <Text className='muted report__explain'>
            实名：乡镇纪委必须告诉您是否受理并答复您。匿名：不留任何能认出您的信息，凭查询码查进度。
          </Text>
        )}
        <FieldError message={errors.mode} testId='mode' />
      </View>

      <View className='card'>
        <Text className='h2'>3. 反映哪一类问题？</Text>
        <View className='choices'>
          {CATEGORIES.map(([key, label]) => (
            <View
              key={key}
              className={`choice${draft.category === key ? ' choice--on' : ''}`}
              data-testid={`category-${key}`}
              onClick={() => set('category', key)}
            >
              {label}
            </View>
          ))}
        </View>
        <FieldError message={errors.category} testId='category' />
      </View>

      <View className='card'>
        <Text className='h2'>4. 发生了什么？</Text>
        <Text className='muted'>说清楚什么人、什么事、涉及多少钱或哪些东西。</Text>
        <View className='report__box report__box--area'>
          <Textarea
            className='report__textarea'
            data-testid='content-input'
            value={draft.content}
            maxlength={5000}
            placeholder='请在这里写下您看到或知道的情况'
            onInput={(e) => set('content', e.detail.value)}
          />
        </View>
        <FieldError message={errors.content} testId='content' />

        <Text className='h3'>什么时候发生的？（可不填）</Text>
        <View className='report__box'>
          <Input
            className='report__input'
            data-testid='happened-input'
            value={draft.happenedAt}
            maxlength={50}
            placeholder='比如：2026年10月'
            onInput={(e) => set('happenedAt', e.detail.value)}
          />
        </View>
        <FieldError message={errors.happenedAt} testId='happenedAt' />

        <Text className='h3'>反映的是谁或哪个部门？（可不填）</Text>
        <View className='report__box'>
          <Input
            className='report__input'
            data-testid='concerned-input'
            value={draft.concerned}
            maxlength={100}
            placeholder='比如：村委会、某某组长'
            onInput={(e) => set('concerned', e.detail.value)}
          />
        </View>
        <FieldError message={errors.concerned} testId='concerned' />
      </View>

      {draft.mode === 'real_name' && (
        <View className='card'>
          <Text className='h2'>5. 您的姓名和手机号</Text>
          <Text className='muted'>只给办理的纪委干部看，不会告诉被反映的人。</Text>
          <Text className='h3'>姓名</Text>
          <View className='report__box'>
            <Input
              className='report__input'
              data-testid='name-input'
              value={draft.name}
              maxlength={20}
              onInput={(e) => set('name', e.detail.value)}
            />
          </View>
          <FieldError message={errors.name} testId='name' />
          <Text className='h3'>手机号</Text>
          <View className='report__box'>
            <Input
              className='report__input'
              data-testid='phone-input'
              type='number'
              value={draft.phone}
              maxlength={11}
              onInput={(e) => set('phone', e.detail.value)}
            />
          </View>
          <FieldError message={errors.phone} testId='phone' />
        </View>
      )}

      <Text className='muted report__protect'>反映人受法律保护：任何人不得打击报复；被反映的人看不到您反映的内容和您的身份。</Text>
      {errors.form && (
        <Text className='field-error report__form-error' data-testid='error-form'>
          {errors.form}
        </Text>
      )}
      <View className={`btn btn--primary${submitting ? ' btn--disabled' : ''}`} data-testid='submit-report' onClick={() => void submit()}>
        {working ? '正在验算，请稍候……' : submitting ? '正在提交……' : '提交'}
      </View>
      {working && (
        <Text className='muted' data-testid='proof-of-work-note'>
          现在提交的人比较多，手机需要验算几秒钟，请不要离开本页。
        </Text>
      )}
    </View>
  );
}
