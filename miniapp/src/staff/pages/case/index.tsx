import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  CASE_ACTIONS,
  contract,
  TEXT_CHECK_LABELS,
  TEXT_CHECK_SUGGESTS,
  TIMELINE_EVENT_TYPES,
  DUE_DATE_KINDS,
  REPORT_CATEGORIES,
  REPORT_CHANNELS,
  REPORT_MODES,
  REPORT_STATUSES,
  REPORT_TRACKS,
  RATING_REASONS,
  RATINGS,
  PHONE_VERIFICATIONS,
  type CaseDetail,
  type Rating,
  type ReportTrack,
} from '@mashang/shared';
import { useRef, useState } from 'react';
import { randomKey } from '../../../services/random-key';
import StatusView from '../../../components/StatusView';
import PhoneText from '../../../components/StatusView/PhoneText';
import Field from '../../../components/Field';
import Citation from '../../components/Citation';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import { chineseDate, chineseDateTime } from '../../../utils/format';
import Select from '../../components/Select';
import StaffBar from '../../components/StaffBar';
import TimeLeft from '../../components/TimeLeft';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import {
  ACTION_FORMS,
  actionBody,
  checkAction,
  EMPTY_ACTION_DRAFT,
  isStaffFormAction,
  type ActionDraft,
  type StaffFormAction,
} from './form';
import SupervisionCard from './supervision';
import CasePhotos from './photos';
import '../../staff.scss';
import './index.scss';

const TRACKS = Object.keys(REPORT_TRACKS) as ReportTrack[];
function problem(error: unknown): string {
  if (!isApiError(error)) return '操作没有成功，请再试一次';
  if (error.code === 'VALIDATION_FAILED' && error.details.length) return error.details.map((d) => d.message).join('；');
  return error.message;
}

/** The open action's form: its fields, and one submit. */
function ActionForm({
  action,
  detail,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  action: StaffFormAction;
  detail: CaseDetail;
  busy: boolean;
  error: string | null;
  onSubmit: (draft: ActionDraft) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<ActionDraft>(EMPTY_ACTION_DRAFT);
  const form = ACTION_FORMS[action];
  // Only the assign form needs the jurisdiction's staff.
  const handlers = useStaffApi(() => (action === 'assign' ? call(contract.case.handlers) : null), [action]);
  const townships = useStaffApi(() => (action === 'transfer_township' ? call(contract.case.townships) : null), [action]);
  const set = <K extends keyof ActionDraft>(key: K, value: ActionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <View className='case__form' data-testid='action-form'>
      <Text className='s-h2'>{CASE_ACTIONS[action]}</Text>
      {form.hint && <Text className='s-muted'>{form.hint}</Text>}
      {action === 'approve_extension' && detail.extensionRequestedDays !== null && (
        <Text className='s-text'>申请延期 {detail.extensionRequestedDays} 天。</Text>
      )}
      {action === 'assign' && (
        <View>
          <Text className='s-label'>承办人</Text>
          {!handlers.data && <StatusView loading={handlers.loading} error={handlers.error} onRetry={handlers.reload} />}
          {handlers.data && (
            <Select
              testId='action-form-assignee'
              options={handlers.data.items.map((h) => ({ value: String(h.id), label: `${h.displayName}（${h.regionName}）` }))}
              value={draft.assigneeId}
              placeholder='请选择承办人'
              onChange={(v) => set('assigneeId', v)}
            />
          )}
        </View>
      )}
      {action === 'transfer_township' && (
        <View>
          <Text className='s-label'>接收的乡镇</Text>
          {!townships.data && <StatusView loading={townships.loading} error={townships.error} onRetry={townships.reload} />}
          {townships.data && (
            <Select
              testId='action-form-township'
              options={townships.data.items.map((t) => ({ value: t.code, label: t.name }))}
              value={draft.townshipCode}
              placeholder='请选择乡镇'
              onChange={(v) => set('townshipCode', v)}
            />
          )}
        </View>
      )}
      {action === 'transfer_out' && (
        <Field
          id='action-form-to'
          tone='staff'
          label='接收单位'
          testId='action-form-to'
          value={draft.to}
          maxlength={50}
          placeholder='例如：县民政局'
          onInput={(v) => set('to', v)}
        />
      )}
      {action === 'request_extension' && (
        <Field
          id='action-form-days'
          tone='staff'
          label='延期天数'
          testId='action-form-days'
          type='number'
          value={draft.days}
          maxlength={2}
          placeholder='最多30天'
          onInput={(v) => set('days', v)}
        />
      )}
      {action === 'reclassify' && (
        <View>
          <Text className='s-label'>更正为</Text>
          <View className='s-chips'>
            {TRACKS.filter((t) => t !== detail.track).map((t) => (
              <Text
                key={t}
                className={`s-chip${draft.track === t ? ' s-chip--on' : ''}`}
                data-testid={`action-form-track-${t}`}
                onClick={() => set('track', t)}
              >
                {REPORT_TRACKS[t]}
              </Text>
            ))}
          </View>
        </View>
      )}
      {form.text && (
        <Field
          id='action-form-text'
          tone='staff'
          label={form.text.label}
          multiline
          testId='action-form-text'
          value={draft.text}
          maxlength={5000}
          placeholder={form.text.placeholder}
          onInput={(v) => set('text', v)}
        />
      )}
      {error && (
        <Text className='s-error' data-testid='action-error'>
          {error}
        </Text>
      )}
      <View>
        <Text
          className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`}
          data-testid='action-submit'
          onClick={() => onSubmit(draft)}
        >
          {busy ? '正在提交……' : `确认${CASE_ACTIONS[action]}`}
        </Text>
        <Text className='s-btn' data-testid='action-cancel' onClick={onCancel}>
          取消
        </Text>
      </View>
    </View>
  );
}

/** The real-name reporter's identity, only on an explicit, audited reveal. */
function Reveal({ reportNo }: { reportNo: string }) {
  const [asking, setAsking] = useState(false);
  const [identity, setIdentity] = useState<{ name: string; phone: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reveal = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setIdentity(await call(contract.case.reveal, { params: { reportNo } }));
      setAsking(false);
    } catch (e) {
      if (!handledAuthError(e)) setError(problem(e));
    } finally {
      setBusy(false);
    }
  };

  if (identity) {
    return (
      <View className='case__identity' data-testid='reporter-identity'>
        <Text>{identity.name} · </Text>
        <PhoneText text={identity.phone} />
      </View>
    );
  }
  return (
    <View>
      <Text className='s-muted'>实名反映人的姓名和电话已隐藏。</Text>
      {!asking && (
        <View>
          <Text className='s-btn' data-testid='reveal-button' onClick={() => setAsking(true)}>
            查看反映人身份
          </Text>
        </View>
      )}
      {asking && (
        <View className='case__confirm' data-testid='reveal-dialog'>
          <Text className='s-text'>
            查看反映人身份会记入审计日志（谁、何时、哪件反映），管理员可查，不可删除。只在办理确有需要时查看，并对反映人身份严格保密。确定查看吗？
          </Text>
          <Text
            className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`}
            data-testid='reveal-confirm'
            onClick={() => void reveal()}
          >
            确定查看并记录
          </Text>
          <Text className='s-btn' data-testid='reveal-cancel' onClick={() => setAsking(false)}>
            取消
          </Text>
        </View>
      )}
      {error && <Text className='s-error'>{error}</Text>}
    </View>
  );
}

/** A rating the reporter gave on the county's callback (回访), recorded under this county account's name. */
function CallbackRating({ reportNo, onRated }: { reportNo: string; onRated: (detail: CaseDetail) => void }) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef<string | null>(null);
  const submit = async () => {
    if (busy || !rating) return;
    setBusy(true);
    setError(null);
    try {
      key.current ??= await randomKey();
      onRated(
        await call(contract.case.callbackRating, {
          params: { reportNo },
          body: { rating, note: note.trim() || undefined, idempotencyKey: key.current },
        }),
      );
    } catch (e) {
      if (handledAuthError(e)) return;
      setError(problem(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='s-card' data-testid='callback-rating'>
      <Text className='s-h2'>回访评价</Text>
      <Text className='s-muted'>电话或上门回访反映人后，记录其对答复的评价；记录人为您本人。</Text>
      <View className='s-chips'>
        {(Object.entries(RATINGS) as [Rating, string][]).map(([value, label]) => (
          <Text
            key={value}
            className={`s-chip${rating === value ? ' s-chip--on' : ''}`}
            data-testid={`callback-${value}`}
            onClick={() => setRating(value)}
          >
            {label}
          </Text>
        ))}
      </View>
      <Field
        id='callback-note'
        tone='staff'
        label='反映人的原话'
        optional
        testId='callback-note'
        value={note}
        maxlength={500}
        onInput={setNote}
      />
      {error && <Text className='s-error'>{error}</Text>}
      <Text
        className={`s-btn s-btn--primary${busy || !rating ? ' s-btn--disabled' : ''}`}
        data-testid='callback-submit'
        onClick={() => void submit()}
      >
        {busy ? '正在记录……' : '记录回访评价'}
      </Text>
    </View>
  );
}

export default function CasePage() {
  const account = useAccount();
  const { params } = useRouter();
  const reportNo = params.no ?? '';
  const loaded = useStaffApi(() => (account && reportNo ? call(contract.case.get, { params: { reportNo } }) : null), [account, reportNo]);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [open, setOpen] = useState<StaffFormAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const actionKey = useRef<string | null>(null);

  // Each new answer from the server is copied into the state the page edits, during render (React's
  // "adjusting some state when a prop changes") rather than in an effect one render later.
  const [answer, setAnswer] = useState<typeof loaded.data>(null);
  if (loaded.data !== answer) {
    setAnswer(loaded.data);
    if (loaded.data) setDetail(loaded.data);
  }

  if (!account) return <View className='staff' />;
  if (!detail) {
    return (
      <View className='staff'>
        <StaffBar account={account} current='case' />
        <StatusView loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />
      </View>
    );
  }

  const submit = async (action: StaffFormAction, draft: ActionDraft) => {
    if (busy) return;
    const checked = checkAction(actionBody(action, draft));
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // One key per opened form: a retry after a lost answer does the step once.
      actionKey.current ??= await randomKey();
      const body = { ...checked.value, idempotencyKey: actionKey.current };
      const updated = await call(contract.case.act, { params: { reportNo: detail.reportNo }, body });
      actionKey.current = null;
      setDetail(updated);
      setOpen(null);
      setDone(`已${CASE_ACTIONS[action]}`);
    } catch (e) {
      if (handledAuthError(e)) return;
      setError(problem(e));
      // Anything but a form mistake may mean the case moved on (another handler, or a lost answer to
      // this very step): show its true state before anyone tries again.
      if (!(isApiError(e) && e.code === 'VALIDATION_FAILED')) loaded.reload();
    } finally {
      setBusy(false);
    }
  };

  const actions = detail.actions.filter(isStaffFormAction);
  return (
    <View className='staff case'>
      <StaffBar account={account} current='case' />
      <View className='s-card'>
        <View className='case__head'>
          <Text className='s-h1'>
            {detail.villageName} · {REPORT_CATEGORIES[detail.category]}
          </Text>
          <Text className='case__status' data-testid='case-status'>
            {REPORT_STATUSES[detail.status]}
          </Text>
        </View>
        <View className='case__facts'>
          <Text className='case__fact s-muted'>编号：{detail.reportNo}</Text>
          <Text className='case__fact s-muted'>类型：{REPORT_TRACKS[detail.track]}</Text>
          <Text className='case__fact s-muted'>方式：{REPORT_MODES[detail.mode]}</Text>
          <Text className='case__fact s-muted'>来源：{REPORT_CHANNELS[detail.channel]}</Text>
          <Text className='case__fact s-muted'>收到：{chineseDateTime(detail.receivedAt)}</Text>
          <Text className='case__fact s-muted'>层级：{detail.level === 'county' ? '县纪委' : '乡镇纪委'}</Text>
          {detail.assignee && <Text className='case__fact s-muted'>承办人：{detail.assignee}</Text>}
          {detail.rating && (
            <Text className='case__fact s-muted' data-testid='case-rating'>
              评价：{RATINGS[detail.rating]}
              {detail.ratingReasons.length > 0 && `（不满意的原因：${detail.ratingReasons.map((r) => RATING_REASONS[r]).join('、')}）`}
            </Text>
          )}
          {detail.escalated && <Text className='case__fact s-left s-left--overdue'>已上报县纪委</Text>}
        </View>
      </View>

      <View className='s-card'>
        <Text className='s-h2'>反映内容</Text>
        <Text className='case__content' data-testid='case-content'>
          {detail.content}
        </Text>
        <Text className='s-label'>被反映的人或部门</Text>
        <Text className='s-text' data-testid='case-concerned'>
          {detail.concerned || '未填写'}
        </Text>
        {detail.happenedAt && (
          <View>
            <Text className='s-label'>发生时间</Text>
            <Text className='s-text'>{detail.happenedAt}</Text>
          </View>
        )}
        {detail.citation && <Citation citation={detail.citation} />}
        {detail.textCheck && (
          <Text className='s-muted' data-testid='text-check'>
            微信内容检测：{TEXT_CHECK_SUGGESTS[detail.textCheck.suggest]}
            {detail.textCheck.label !== 100 && `（${TEXT_CHECK_LABELS[detail.textCheck.label] ?? '其他'}）`}，仅供参考，不影响受理和办理
          </Text>
        )}
        <CasePhotos reportNo={detail.reportNo} items={detail.attachments} />
        {detail.mode === 'real_name' && (
          <View>
            <Text className='s-label'>反映人</Text>
            {detail.reporterDataRemoved ? (
              <Text className='s-muted' data-testid='reporter-removed'>
                反映人信息已按保存期限删除
              </Text>
            ) : (
              <Reveal reportNo={detail.reportNo} />
            )}
            {detail.reporterPhoneVerified && !detail.reporterDataRemoved && (
              <Text className='s-muted' data-testid='phone-verified'>
                {PHONE_VERIFICATIONS[detail.reporterPhoneVerified]}
              </Text>
            )}
            {detail.reporterNotices.map((n) => (
              <Text key={`${n.phrase}-${n.sentOn}`} className='s-muted' data-testid='reporter-notice'>
                {`已通过${n.channel === 'wechat' ? '微信' : '短信'}通知反映人：${n.phrase}（${Number(n.sentOn.slice(5, 7))}月${Number(n.sentOn.slice(8, 10))}日）`}
              </Text>
            ))}
          </View>
        )}
      </View>

      <View className='s-card' data-testid='case-deadlines'>
        <Text className='s-h2'>期限</Text>
        {detail.deadlines.length === 0 && <Text className='s-muted'>没有进行中的期限。</Text>}
        {detail.deadlines.map((d) => (
          <View key={d.kind} className='case__deadline'>
            <Text className='s-text'>
              {DUE_DATE_KINDS[d.kind]}：{chineseDate(d.dueOn)}前{d.provisional ? '（预计）' : ''}
            </Text>
            <TimeLeft due={d} testId={`deadline-left-${d.kind}`} />
          </View>
        ))}
        {detail.extensionRequestedDays !== null && (
          <Text className='s-muted'>已申请延期 {detail.extensionRequestedDays} 天，待县纪委批准。</Text>
        )}
      </View>

      <View className='s-card' data-testid='case-actions'>
        <Text className='s-h2'>办理</Text>
        {done && (
          <Text className='s-ok' data-testid='action-done'>
            {done}
          </Text>
        )}
        {actions.length === 0 && <Text className='s-muted'>当前状态下没有可进行的操作。</Text>}
        <View>
          {actions.map((action) => (
            <Text
              key={action}
              className={`s-btn${action === 'accept' || action === 'reply' ? ' s-btn--primary' : ''}`}
              data-testid={`action-${action}`}
              onClick={() => {
                setOpen(action);
                actionKey.current = null;
                setError(null);
                setDone(null);
              }}
            >
              {CASE_ACTIONS[action]}
            </Text>
          ))}
        </View>
        {open && (
          <ActionForm
            key={open}
            action={open}
            detail={detail}
            busy={busy}
            error={error}
            onSubmit={(draft) => void submit(open, draft)}
            onCancel={() => {
              setOpen(null);
              setError(null);
            }}
          />
        )}
      </View>

      <SupervisionCard detail={detail} onChange={setDetail} />

      {account.role === 'county_supervisor' &&
        detail.status === 'replied' &&
        !detail.rating &&
        detail.level === 'township' &&
        detail.mode === 'real_name' && <CallbackRating reportNo={detail.reportNo} onRated={setDetail} />}

      <View className='s-card' data-testid='case-timeline'>
        <Text className='s-h2'>办理经过</Text>
        {detail.timeline.map((event, i) => (
          <View key={i} className='case__event'>
            <Text className='s-muted'>
              {chineseDateTime(event.at)} · {event.actor} ·{' '}
              {TIMELINE_EVENT_TYPES[event.type as keyof typeof TIMELINE_EVENT_TYPES] ?? event.type}
            </Text>
            {event.publicText && (
              <Text className='case__event-line s-text s-pre'>
                <Text className='s-tag s-tag--public'>反映人可见</Text>
                {event.publicText}
              </Text>
            )}
            {event.internalText && (
              <Text className='case__event-line s-text s-pre'>
                <Text className='s-tag s-tag--internal'>内部</Text>
                {event.internalText}
              </Text>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}
