import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  contract,
  DUE_DATE_KINDS,
  formatQueryCode,
  normalizeQueryCode,
  OfflineReportSchema,
  REPORT_CATEGORIES,
  REPORT_MODES,
  REPORT_TRACKS,
  type ReportCategory,
  type ReportMode,
  type ReportReceipt,
  type ReportTrack,
} from '@mashang/shared';
import { useRef, useState } from 'react';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import { randomKey } from '../../../services/random-key';
import { chineseDate } from '../../../utils/format';
import Select from '../../components/Select';
import StaffBar from '../../components/StaffBar';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { chinaToday, staffUrl } from '../../utils';
import '../../staff.scss';
import './index.scss';

type Channel = 'letter' | 'phone' | 'visit';
const CHANNELS: Record<Channel, string> = { letter: '来信', phone: '来电', visit: '来访' };

interface Draft {
  channel: Channel | null;
  receivedOn: string;
  villageCode: string;
  track: ReportTrack | null;
  mode: ReportMode | null;
  category: ReportCategory | null;
  content: string;
  concerned: string;
  happenedAt: string;
  name: string;
  phone: string;
}

function Choices<T extends string>({
  options,
  value,
  onPick,
  testPrefix,
}: {
  options: Record<T, string>;
  value: T | null;
  onPick: (v: T) => void;
  testPrefix: string;
}) {
  return (
    <View className='s-chips'>
      {(Object.entries(options) as [T, string][]).map(([key, label]) => (
        <Text
          key={key}
          className={`s-chip${value === key ? ' s-chip--on' : ''}`}
          data-testid={`${testPrefix}-${key}`}
          onClick={() => onPick(key)}
        >
          {label}
        </Text>
      ))}
    </View>
  );
}

/** Records a report received by letter, phone or visit; its clock starts on the day it arrived. */
export default function RecordPage() {
  const account = useAccount();
  const [draft, setDraft] = useState<Draft>(() => ({
    channel: null,
    receivedOn: chinaToday(),
    villageCode: account && account.regionCode.length === 12 ? account.regionCode : '',
    track: null,
    mode: null,
    category: null,
    content: '',
    concerned: '',
    happenedAt: '',
    name: '',
    phone: '',
  }));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null);
  const keyRef = useRef<string | null>(null);
  const villages = useStaffApi(() => (account ? call(contract.case.villages) : null), [account]);

  // A jurisdiction of one village needs no choice: set during render when the list arrives (React's
  // "adjusting some state when a prop changes") rather than in an effect one render later.
  const [answer, setAnswer] = useState<typeof villages.data>(null);
  if (villages.data !== answer) {
    setAnswer(villages.data);
    const only = villages.data?.items.length === 1 ? villages.data.items[0]!.code : null;
    if (only) setDraft((d) => (d.villageCode ? d : { ...d, villageCode: only }));
  }

  if (!account) return <View className='staff' />;
  // An edit makes it a new submission with a new key, as on the villager's form.
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    keyRef.current = null;
    setDraft((d) => ({ ...d, [key]: value }));
  };
  // A county's villages come from several townships: name the township too.
  const showTownship = new Set(villages.data?.items.map((v) => v.townshipName)).size > 1;

  const submit = async () => {
    if (busy) return;
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    if (!keyRef.current) keyRef.current = await randomKey();
    const body = {
      idempotencyKey: keyRef.current,
      channel: draft.channel ?? undefined,
      receivedOn: draft.receivedOn.trim(),
      villageCode: draft.villageCode.trim(),
      track: draft.track ?? undefined,
      mode: draft.mode ?? undefined,
      category: draft.category ?? undefined,
      content: draft.content,
      concerned: optional(draft.concerned),
      happenedAt: optional(draft.happenedAt),
      reporter: draft.mode === 'real_name' ? { name: draft.name, phone: draft.phone } : undefined,
    };
    if (!draft.villageCode) {
      setError('请选择村');
      return;
    }
    if (!draft.track) {
      setError('请选择类型：检举控告或问题反映');
      return;
    }
    const checked = OfflineReportSchema.safeParse(body);
    if (!checked.success) {
      setError(checked.error.issues[0]!.message);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setReceipt(await call(contract.case.recordOffline, { body: checked.data }));
      keyRef.current = null;
    } catch (e) {
      if (handledAuthError(e)) return;
      if (isApiError(e) && e.code === 'VALIDATION_FAILED' && e.details.length) setError(e.details.map((d) => d.message).join('；'));
      else setError(isApiError(e) ? e.message : '登记没有成功，请再试一次');
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <View className='staff record'>
        <StaffBar account={account} current='record' />
        <View className='s-card' data-testid='record-receipt'>
          <Text className='s-h1'>已登记</Text>
          <Text className='s-text'>
            编号：<Text data-testid='record-report-no'>{receipt.reportNo}</Text>
          </Text>
          <Text className='s-label'>请把查询码交给反映人（只显示这一次，系统不保存明文）：</Text>
          <View className='record__code' data-testid='record-query-code'>
            {/* Groups of five never break inside. */}
            {formatQueryCode(normalizeQueryCode(receipt.queryCode) ?? receipt.queryCode)
              .split(' ')
              .map((group, i) => (
                <Text key={i} className='record__group'>
                  {i > 0 ? ' ' : ''}
                  {group}
                </Text>
              ))}
          </View>
          <Text className='s-muted'>来信的可抄写寄回，来电的可读给对方听，来访的可当面写给对方。</Text>
          <Text className='s-label'>期限</Text>
          {receipt.dueDates.map((d) => (
            <Text key={d.kind} className='s-text'>
              {DUE_DATE_KINDS[d.kind]}：{d.provisional ? '预计' : ''}
              {chineseDate(d.dueOn)}前
            </Text>
          ))}
          <View>
            <Text
              className='s-btn s-btn--primary'
              onClick={() => void Taro.redirectTo({ url: staffUrl('case', { no: receipt.reportNo }) })}
            >
              打开这件反映
            </Text>
            <Text className='s-btn' onClick={() => void Taro.redirectTo({ url: staffUrl('record') })}>
              再登记一件
            </Text>
          </View>
        </View>
      </View>
    );
  }

  return (
    <View className='staff record'>
      <StaffBar account={account} current='record' />
      <Text className='s-h1'>登记来信、来电、来访</Text>
      <View className='s-card'>
        <Text className='s-label'>来源</Text>
        <Choices options={CHANNELS} value={draft.channel} onPick={(v) => set('channel', v)} testPrefix='record-channel' />
        <Text className='s-label'>收到日期（期限从这天起算）</Text>
        <View className='s-box'>
          <Input
            className='s-input'
            data-testid='record-received-on'
            value={draft.receivedOn}
            maxlength={10}
            placeholder='2026-11-27'
            onInput={(e) => set('receivedOn', e.detail.value)}
          />
        </View>
        <Text className='s-label'>村</Text>
        {!villages.data && <StatusView loading={villages.loading} error={villages.error} onRetry={villages.reload} />}
        {villages.data && (
          <Select
            testId='record-village'
            options={villages.data.items.map((v) => ({ value: v.code, label: showTownship ? `${v.townshipName} · ${v.name}` : v.name }))}
            value={draft.villageCode}
            placeholder='请选择村'
            onChange={(v) => set('villageCode', v)}
          />
        )}
        <Text className='s-label'>类型</Text>
        <Choices options={REPORT_TRACKS} value={draft.track} onPick={(v) => set('track', v)} testPrefix='record-track' />
        <Text className='s-label'>实名或匿名</Text>
        <Choices options={REPORT_MODES} value={draft.mode} onPick={(v) => set('mode', v)} testPrefix='record-mode' />
        <Text className='s-label'>问题类别</Text>
        <Choices options={REPORT_CATEGORIES} value={draft.category} onPick={(v) => set('category', v)} testPrefix='record-category' />
        <Text className='s-label'>反映内容</Text>
        <View className='s-box s-box--area'>
          <Textarea
            className='s-textarea'
            data-testid='record-content'
            value={draft.content}
            maxlength={5000}
            placeholder='按来信、来电或来访记录如实填写'
            onInput={(e) => set('content', e.detail.value)}
          />
        </View>
        <Text className='s-label'>被反映的人或部门（可不填）</Text>
        <View className='s-box'>
          <Input
            className='s-input'
            data-testid='record-concerned'
            value={draft.concerned}
            maxlength={100}
            onInput={(e) => set('concerned', e.detail.value)}
          />
        </View>
        <Text className='s-label'>发生时间（可不填）</Text>
        <View className='s-box'>
          <Input
            className='s-input'
            data-testid='record-happened'
            value={draft.happenedAt}
            maxlength={50}
            onInput={(e) => set('happenedAt', e.detail.value)}
          />
        </View>
        {draft.mode === 'real_name' && (
          <View>
            <Text className='s-label'>反映人姓名</Text>
            <View className='s-box'>
              <Input
                className='s-input'
                data-testid='record-name'
                value={draft.name}
                maxlength={20}
                onInput={(e) => set('name', e.detail.value)}
              />
            </View>
            <Text className='s-label'>反映人手机号</Text>
            <View className='s-box'>
              <Input
                className='s-input'
                data-testid='record-phone'
                type='number'
                value={draft.phone}
                maxlength={11}
                onInput={(e) => set('phone', e.detail.value)}
              />
            </View>
          </View>
        )}
        {error && (
          <Text className='s-error' data-testid='record-error'>
            {error}
          </Text>
        )}
        <View
          className={`s-btn s-btn--primary s-btn--block${busy ? ' s-btn--disabled' : ''}`}
          data-testid='record-submit'
          onClick={() => void submit()}
        >
          {busy ? '正在登记……' : '登记'}
        </View>
      </View>
    </View>
  );
}
