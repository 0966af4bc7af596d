import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  contract,
  disclosureCitationWords,
  powerStepCitationWords,
  REPORT_CATEGORIES,
  REPORT_TRACKS_PLAIN,
  VillageCodeSchema,
  type ReportCategory,
  type ReportMode,
  type ReportSubject,
  type ReportTrack,
} from '@mashang/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import Field, { ChoiceGroup, focusField, type ChoiceOption } from '../../components/Field';
import { IS_H5, alertProps, buttonProps } from '../../components/Field/a11y';
import { useApi } from '../../hooks/use-api';
import { call } from '../../services/api';
import { fileReport } from '../../services/file-report';
import { isApiError } from '../../services/http';
import { randomKey } from '../../services/random-key';
import { excerptOf, putReceipt } from '../../stores/receipt-store';
import { clearDraft, loadDraft, saveDraft } from '../../stores/report-draft-store';
import { withPageFont } from '../../components/PageFont';
import PrivacyConsent from '../../components/PrivacyConsent';
import PhotoPicker from '../../components/PhotoPicker';
import { EMPTY_DRAFT, fieldErrors, subjectFrom, toRequest, validate, type FieldErrors, type ReportDraft } from './form';
import { askForNotices, postGrants, signInForFiling, useNoticeSettings } from './notices';
import WechatPhoneButton from './wechat-phone';
import './index.scss';

const CATEGORIES: ChoiceOption<ReportCategory>[] = (Object.entries(REPORT_CATEGORIES) as [ReportCategory, string][]).map(
  ([value, title]) => ({
    value,
    title,
  }),
);

const MODE_TEXT: Record<ReportMode, { title: string; line: string }> = {
  real_name: {
    title: '实名反映',
    line: '留下姓名和手机号，乡镇纪委必须告诉您是否受理，并把处理结果答复您。',
  },
  anonymous: {
    title: '匿名反映',
    // The next line adds that no notice comes, and that the query code is the way back.
    line: '不留姓名和电话，不记录任何能认出您的信息。',
  },
};

/** The two tracks in plain words: the villager need not know the terms 检举控告 and 问题反映. */
const TRACK_TEXT: Record<ReportTrack, { title: string; line: string }> = {
  accusation: {
    title: REPORT_TRACKS_PLAIN.accusation,
    line: '村干部、公职人员贪占钱物、优亲厚友、吃拿卡要等。',
  },
  petition: {
    title: REPORT_TRACKS_PLAIN.petition,
    line: '补贴没发到位、公开不及时、办事难等，希望有人管一管。',
  },
};

const TRACKS: ChoiceOption<ReportTrack>[] = (Object.keys(TRACK_TEXT) as ReportTrack[]).map((value) => ({ value, ...TRACK_TEXT[value] }));
const MODES: ChoiceOption<ReportMode>[] = (Object.keys(MODE_TEXT) as ReportMode[]).map((value) => ({
  value,
  title: MODE_TEXT[value].title,
}));

/** The fields in the order they appear: the empty submit goes to the first one with an error. */
const FIELD_ORDER = ['track', 'mode', 'category', 'content', 'happenedAt', 'concerned', 'name', 'phone'] as const;
type OrderedField = (typeof FIELD_ORDER)[number];
const fieldId = (key: OrderedField) => `report-${key}`;

/** Stands in for the idempotency key while the form is checked within the tap, before the real one is drawn. */
const KEY_TO_COME = '0'.repeat(32);

/** Name and phone are never kept on the phone: a family member opening the form must not see them. */
const storedPart = (draft: ReportDraft): ReportDraft => ({ ...draft, name: '', phone: '' });

/** The `about` line a page passed, decoded as the mini program hands it over, and kept short. */
/**
 * What the report is about in words, built from the cited disclosure or power item itself (the same
 * words the officer reads on the case), never from the link, which anyone could write.
 */
function useSubjectWords(subject: ReportSubject | undefined): string | null {
  const { disclosureId, disclosureVersion, disclosureRow, powerItemId, powerStep } = subject ?? {};
  const disclosure = useApi<{ title: string; table: { columns: string[]; rows: string[][] } | null }>(() => {
    if (!disclosureId) return null;
    return disclosureVersion
      ? call(contract.village.disclosureVersion, { params: { id: disclosureId, versionNo: disclosureVersion } })
      : call(contract.village.disclosure, { params: { id: disclosureId } });
  }, [disclosureId, disclosureVersion]);
  const item = useApi(() => (powerItemId ? call(contract.village.powerItem, { params: { id: powerItemId } }) : null), [powerItemId]);
  if (disclosure.data) {
    const { title, table } = disclosure.data;
    const cells = table && disclosureRow !== undefined ? table.rows[disclosureRow] : undefined;
    return disclosureCitationWords(title, table && cells ? { columns: table.columns, cells } : null);
  }
  if (item.data) {
    const known = powerStep && item.data.chart.nodes.some((n) => n.label.slice(0, 40) === powerStep);
    return powerStepCitationWords(item.data.title, known ? powerStep : null);
  }
  return null;
}

function ReportPage() {
  const { params } = useRouter();
  const code = VillageCodeSchema.safeParse(params.code).success ? params.code! : null;
  const subject = useMemo(() => subjectFrom(params as Record<string, string | undefined>), [params]);
  const subjectWords = useSubjectWords(subject);
  const [restoredDraft] = useState<ReportDraft>(() => (code ? loadDraft(code, EMPTY_DRAFT) : EMPTY_DRAFT));
  const [draft, setDraft] = useState<ReportDraft>(restoredDraft);
  // Phones are shared in families: say so when the form opens with what someone typed before.
  const restored = draft !== EMPTY_DRAFT && Object.values(restoredDraft).some(Boolean);
  const [errors, setErrors] = useState<FieldErrors>({});
  /** The field the last refused submit sent the villager to; focused once it is on screen. */
  const [focusKey, setFocusKey] = useState<OrderedField | null>(null);
  const [submitting, setSubmitting] = useState(false);
  /** Photos the server has (their upload ids), and whether one is still on its way: the filing waits for it. */
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [photosSending, setPhotosSending] = useState(false);
  /** Solving the server's proof of work: a few seconds when many reports arrive at once. */
  const [working, setWorking] = useState(false);
  // One key per content, reused by every retry until a receipt arrives: a retry never files twice.
  // An edit makes it a new submission with a new key, so the server never sees one key with two contents.
  const keyRef = useRef<string | null>(null);
  // Real name only: the notices the server offers (the sign-in for 我的反映 waits for the submit tap).
  const { settings: notices } = useNoticeSettings(draft.mode);
  /** The phone WeChat vouched for: marked 已验证 while the field still holds it. */
  const [verifiedPhone, setVerifiedPhone] = useState<string | null>(null);

  useEffect(() => {
    if (!code) return;
    const kept = storedPart(draft);
    if (Object.values(kept).some(Boolean)) saveDraft(code, kept);
    else clearDraft(code);
  }, [code, draft]);

  useEffect(() => {
    if (focusKey) focusField(fieldId(focusKey));
  }, [focusKey]);

  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) => {
    keyRef.current = null;
    setFocusKey(null);
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    setFocusKey(FIELD_ORDER.find((key) => found[key]) ?? null);
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

  const clear = async () => {
    const { confirm } = await Taro.showModal({
      title: '清空填写的内容？',
      content: '清空后不能恢复。',
      confirmText: '清空',
      cancelText: '不清空',
    });
    if (!confirm) return;
    clearDraft(code);
    keyRef.current = null;
    setDraft(EMPTY_DRAFT);
    setErrors({});
  };

  const submit = async () => {
    if (submitting || photosSending) return;
    // Checked before anything waits: WeChat opens the subscribe prompt only within the tap itself.
    const checked = validate(toRequest(draft, code, keyRef.current ?? KEY_TO_COME, subject));
    if (!checked.ok) {
      showErrors(checked.errors);
      return;
    }
    const allowed = askForNotices(checked.value.mode, notices);
    setSubmitting(true);
    try {
      setErrors({});
      const grants = await allowed;
      // Only now, inside the real-name submit tap, never on merely choosing 实名.
      await signInForFiling(checked.value.mode);
      if (!keyRef.current) keyRef.current = await randomKey();
      const receipt = await fileReport(
        { ...checked.value, idempotencyKey: keyRef.current, ...(photoIds.length ? { attachments: photoIds } : {}) },
        setWorking,
      );
      await postGrants(receipt.reportNo, grants);
      putReceipt({
        receipt,
        villageCode: code,
        summary: {
          track: checked.value.track,
          mode: checked.value.mode,
          category: checked.value.category,
          excerpt: excerptOf(checked.value.content),
        },
      });
      clearDraft(code);
      await Taro.redirectTo({ url: '/pages/receipt/index' });
      keyRef.current = null; // only once the receipt is on screen: a failed navigation must not lead to a second report
    } catch (error) {
      if (isApiError(error) && error.code === 'VALIDATION_FAILED' && error.details.length) {
        showErrors({ ...fieldErrors(error.details), form: error.message });
      } else if (isApiError(error) && error.code === 'NETWORK_ERROR') {
        setErrors({ form: `${error.message}。您填写的内容已保存在手机上，再点一次“提交”即可，不会重复提交。` });
      } else {
        setErrors({ form: isApiError(error) ? error.message : '提交没有成功，请再试一次' });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const typed = draft.content || draft.happenedAt || draft.concerned || draft.name || draft.phone;

  return (
    <View className='page report'>
      <Text className='h1'>我要反映</Text>
      {restored && (
        <View className='report__draft report__draft--restored' data-testid='draft-restored'>
          <Text className='muted'>已恢复这部手机上次没有提交的内容。</Text>
          <View className='link report__clear' {...buttonProps()} onClick={() => void clear()}>
            清空
          </View>
        </View>
      )}
      {/* The page it was opened from names what is questioned, as the officer reads it on the case. */}
      {subjectWords ? (
        <Text className='report__subject' data-testid='report-about'>
          您反映的是：{subjectWords}
        </Text>
      ) : (
        <>
          {subject?.powerStep && <Text className='report__subject'>反映的是权力事项流程中的“{subject.powerStep}”这一步</Text>}
          {subject?.powerItemId && !subject.powerStep && <Text className='report__subject'>反映的是一项村级权力事项</Text>}
          {subject?.disclosureId && (
            <Text className='report__subject'>
              反映的是一条公开内容{subject.disclosureRow !== undefined ? `的第 ${subject.disclosureRow + 1} 条明细` : ''}
            </Text>
          )}
        </>
      )}

      <View className='card'>
        <Text className='h2'>1. 您要反映的是：</Text>
        <ChoiceGroup
          id={fieldId('track')}
          label='您要反映的是哪一类事情'
          labelHidden
          layout='cards'
          options={TRACKS}
          value={draft.track}
          onChange={(v) => set('track', v)}
          testIdPrefix='track'
          error={errors.track}
          errorTestId='error-track'
        />
        <Text className='muted report__explain'>分不清也没关系，选一个就行，纪委干部会帮您核对。</Text>
      </View>

      <View className='card'>
        <Text className='h2'>2. 实名还是匿名？</Text>
        <ChoiceGroup
          id={fieldId('mode')}
          label='实名还是匿名'
          labelHidden
          layout='wide'
          options={MODES}
          value={draft.mode}
          onChange={(v) => set('mode', v)}
          testIdPrefix='mode'
          error={errors.mode}
          errorTestId='error-mode'
        />
        {draft.mode && <Text className='text report__explain'>{MODE_TEXT[draft.mode].line}</Text>}
        {draft.mode === 'anonymous' && (
          <Text className='text report__explain' data-testid='anonymous-no-notice'>
            匿名反映不会收到通知，请记好提交后给您的查询码，凭它查看进度。
          </Text>
        )}
        {draft.mode === 'real_name' && IS_H5 && notices?.smsNotifications && (
          <Text className='text report__explain' data-testid='sms-notice'>
            留了手机号的，办理有进展时会收到一条不含内容的短信。
          </Text>
        )}
        {draft.mode === 'real_name' && !IS_H5 && !!notices?.templates.length && (
          <Text className='text report__explain' data-testid='wechat-notice'>
            提交时微信会问您是否接收办理进展的通知，通知里不含反映的内容。
          </Text>
        )}
        {!draft.mode && (
          <Text className='muted report__explain'>
            实名：乡镇纪委必须告诉您是否受理并答复您。匿名：不留任何能认出您的信息，凭查询码查进度。
          </Text>
        )}
      </View>

      <View className='card'>
        <Text className='h2'>3. 反映哪一类问题？</Text>
        <ChoiceGroup
          id={fieldId('category')}
          label='反映哪一类问题'
          labelHidden
          options={CATEGORIES}
          value={draft.category}
          onChange={(v) => set('category', v)}
          testIdPrefix='category'
          error={errors.category}
          errorTestId='error-category'
        />
      </View>

      <View className='card'>
        <Text className='h2'>4. 发生了什么？</Text>
        <Field
          id={fieldId('content')}
          label='发生了什么'
          labelHidden
          hint='说清楚什么人、什么事、涉及多少钱或哪些东西。'
          multiline
          value={draft.content}
          maxlength={5000}
          placeholder='请在这里写下您看到或知道的情况'
          onInput={(v) => set('content', v)}
          focus={focusKey === 'content'}
          testId='content-input'
          error={errors.content}
          errorTestId='error-content'
        />
        <Field
          id={fieldId('happenedAt')}
          label='什么时候发生的？'
          optional
          value={draft.happenedAt}
          maxlength={50}
          placeholder='比如：2026年10月'
          onInput={(v) => set('happenedAt', v)}
          focus={focusKey === 'happenedAt'}
          testId='happened-input'
          error={errors.happenedAt}
          errorTestId='error-happenedAt'
        />
        <Field
          id={fieldId('concerned')}
          label='反映的是谁或哪个部门？'
          optional
          value={draft.concerned}
          maxlength={100}
          placeholder='比如：村委会、某某组长'
          onInput={(v) => set('concerned', v)}
          focus={focusKey === 'concerned'}
          testId='concerned-input'
          error={errors.concerned}
          errorTestId='error-concerned'
        />
      </View>

      <View className='card' data-testid='photos-card'>
        <Text className='h2'>有照片吗？（可以不加）</Text>
        <PrivacyConsent what='您加的照片'>
          <PhotoPicker onChange={setPhotoIds} onBusy={setPhotosSending} />
        </PrivacyConsent>
      </View>

      {draft.mode === 'real_name' && (
        <View className='card'>
          <Text className='h2'>5. 您的姓名和手机号</Text>
          <PrivacyConsent what='您的姓名和手机号' />
          <Field
            id={fieldId('name')}
            label='姓名'
            value={draft.name}
            maxlength={20}
            onInput={(v) => set('name', v)}
            focus={focusKey === 'name'}
            testId='name-input'
            error={errors.name}
            errorTestId='error-name'
          />
          <Field
            id={fieldId('phone')}
            label='手机号'
            type='number'
            value={draft.phone}
            maxlength={11}
            onInput={(v) => set('phone', v)}
            focus={focusKey === 'phone'}
            testId='phone-input'
            error={errors.phone}
            errorTestId='error-phone'
          >
            {verifiedPhone && draft.phone === verifiedPhone && (
              <Text className='report__verified' data-testid='phone-verified'>
                ✓ 已验证（微信手机号）
              </Text>
            )}
          </Field>
          {!IS_H5 && (
            <WechatPhoneButton
              onPhone={(phone) => {
                set('phone', phone);
                setVerifiedPhone(phone);
              }}
            />
          )}
        </View>
      )}

      <Text className='muted report__protect'>反映人受法律保护：任何人不得打击报复；被反映的人看不到您反映的内容和您的身份。</Text>
      {errors.form && (
        <View className='field-error report__form-error' data-testid='error-form' {...alertProps('report-form-error')}>
          {errors.form}
        </View>
      )}
      <View
        className={`btn btn--primary${submitting || photosSending ? ' btn--disabled' : ''}`}
        data-testid='submit-report'
        {...buttonProps()}
        onClick={() => void submit()}
      >
        {working ? '正在验算，请稍候……' : submitting ? '正在提交……' : '提交'}
      </View>
      {working && (
        <Text className='muted' data-testid='proof-of-work-note'>
          现在提交的人比较多，手机需要验算几秒钟，请不要离开本页。
        </Text>
      )}
      {typed && (
        <View className='report__draft'>
          <Text className='muted'>填写的内容会先保存在这部手机上，提交后自动删除。</Text>
          <View className='link report__clear' data-testid='clear-draft' {...buttonProps()} onClick={() => void clear()}>
            清空
          </View>
        </View>
      )}
    </View>
  );
}

export default withPageFont(ReportPage);
