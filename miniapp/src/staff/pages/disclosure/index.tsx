import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  CommentBodySchema,
  contract,
  DISCLOSURE_KINDS,
  DISCLOSURE_TYPES,
  ReasonBodySchema,
  VERSION_ACTIONS,
  VERSION_STATUSES,
  type DisclosureVersion,
  type StaffDisclosure,
} from '@mashang/shared';
import { useRef, useState } from 'react';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import { chineseDate, chineseDateTime, pageUrl } from '../../../utils/format';
import { periodText } from '../../../utils/period';
import DisclosureTags from '../../components/DisclosureTags';
import StaffBar from '../../components/StaffBar';
import TableView from '../../components/TableView';
import { disclosureActions, type DisclosureAction } from '../../disclosure';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { problemText } from '../../problem';
import { staffUrl } from '../../utils';
import '../../staff.scss';
import './index.scss';

/** The actions that ask for a text first, with how that form reads. */
type FormAction = 'cosign' | 'send_back' | 'correct' | 'withdraw' | 'require_correction';

function formText(action: FormAction, open: DisclosureVersion | null) {
  const withdrawal = open?.action === 'withdraw';
  switch (action) {
    case 'cosign':
      return {
        title: withdrawal ? '同意撤回' : '会签',
        hint: withdrawal
          ? '会签后这条公开立即撤回，村民会看到撤回的原因。'
          : open?.action === 'correct'
            ? '会签后更正立即生效，村民会看到“已更正”和更正原因。'
            : '会签后立即向村民公开，村民扫码就能看到。请确认内容无误。',
        confirm: withdrawal ? '确认同意撤回' : '确认会签，向村民公开',
      };
    case 'send_back':
      return {
        title: withdrawal ? '不同意撤回' : '退回修改',
        hint: withdrawal ? '这条公开继续保持公开。请写明意见：' : '写明哪里要改，报账员改好后会重新提交：',
        label: '意见',
        placeholder: withdrawal ? '为什么不同意撤回' : '例如：第3行面积与台账不符，请核对',
        confirm: withdrawal ? '确认不同意' : '确认退回',
      };
    case 'correct':
      return {
        title: '更正',
        hint: '更正会生成新的一版，原来公开的内容保留可查。会签后生效，村民会看到更正原因。',
        label: '更正原因（村民能看到）',
        placeholder: '例如：第5行补贴面积填错，应为3.5亩',
        confirm: '开始更正',
      };
    case 'withdraw':
      return {
        title: '撤回',
        hint: '撤回要监委会会签。撤回后内容不再显示，撤回原因会一直公开。',
        label: '撤回原因（村民能看到）',
        placeholder: '例如：重复公开，以10月的公开为准',
        confirm: '提交撤回申请',
      };
    case 'require_correction':
      return {
        title: '要求更正',
        hint: '村里会看到“需更正”和您的意见，更正经监委会会签后生效。',
        label: '要更正什么',
        placeholder: '例如：名单中有两人重复领取，请核实后更正',
        confirm: '确认要求更正',
      };
  }
}

const DONE: Record<FormAction | 'submit', (open: DisclosureVersion | null) => string> = {
  submit: () => '已提交村务监督委员会会签',
  cosign: (open) => (open?.action === 'withdraw' ? '已会签，这条公开已撤回' : '已会签，村民现在能看到了'),
  send_back: (open) => (open?.action === 'withdraw' ? '已退回，这条公开继续保持公开' : '已退回报账员修改'),
  correct: () => '已开始更正',
  withdraw: () => '已提交撤回申请，等待监委会会签',
  require_correction: () => '已要求村里更正',
};

/** One version's content: what it says, who wrote it, who reviewed it. */
function VersionBody({ v }: { v: DisclosureVersion }) {
  return (
    <View className='pub__version-body'>
      {v.reason && (
        <Text className='s-text pub__reason'>
          {VERSION_ACTIONS[v.action]}原因：{v.reason}
        </Text>
      )}
      <Text className='s-h2'>{v.title}</Text>
      <Text className='s-muted'>公开期间：{periodText(v.period)}</Text>
      {v.body && <Text className='s-text s-pre pub__body'>{v.body}</Text>}
      {v.table && v.table.rows.length > 0 && <TableView table={v.table} testId={`version-${v.versionNo}-table`} />}
    </View>
  );
}

function Signatures({ v }: { v: DisclosureVersion }) {
  return (
    <View className='pub__signs'>
      <Text className='s-muted pub__sign'>
        {v.draftedBy} {chineseDateTime(v.draftedAt)} 起草{v.submittedAt ? `，${chineseDateTime(v.submittedAt)} 提交` : ''}
      </Text>
      {v.reviewedBy && v.reviewedAt && (
        <Text className='s-muted pub__sign'>
          {v.reviewedBy} {chineseDateTime(v.reviewedAt)} {v.status === 'published' ? '会签' : '退回'}
        </Text>
      )}
      {v.reviewComment && (
        <Text className='s-text pub__comment' data-testid='review-comment'>
          监委会意见：{v.reviewComment}
        </Text>
      )}
    </View>
  );
}

/**
 * A disclosure as staff see it: the open draft and the actions the account's role may take on it now,
 * every version, and the history. The village supervisor co-signs here on a phone: the two buttons
 * stay at the bottom of the screen while the draft is read.
 */
export default function StaffDisclosurePage() {
  const account = useAccount();
  const { params } = useRouter();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const loaded = useStaffApi(() => (account && valid ? call(contract.publishing.get, { params: { id } }) : null), [account, id]);
  const [d, setD] = useState<StaffDisclosure | null>(null);
  const [form, setForm] = useState<FormAction | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [openVersions, setOpenVersions] = useState<number[]>([]);

  // Each answer from the server becomes the state the page shows, during render (not one effect later).
  const [answer, setAnswer] = useState<typeof loaded.data>(null);
  if (loaded.data !== answer) {
    setAnswer(loaded.data);
    if (loaded.data) setD(loaded.data);
  }

  // Back from the editor: show the saved draft.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) loaded.reload();
    shown.current = true;
  });

  if (!account) return <View className='staff' />;
  if (!d) {
    return (
      <View className='staff'>
        <StaffBar account={account} current='disclosure' />
        <StatusView loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />
        {!valid && <Text className='s-text'>链接不完整，请回到三务公开列表重新打开。</Text>}
      </View>
    );
  }

  const open = d.open;
  const actions = disclosureActions(account.role, d);
  const can = (a: DisclosureAction) => actions.includes(a);
  const published = d.versions.filter((v) => v.status === 'published' && v.action !== 'withdraw');
  const current = published[published.length - 1] ?? null;
  const withdrawal =
    d.status === 'withdrawn' ? ([...d.versions].reverse().find((v) => v.action === 'withdraw' && v.status === 'published') ?? null) : null;
  const others = [...d.versions].filter((v) => v.versionNo !== open?.versionNo).reverse();
  const reviewing = can('cosign');

  const start = (action: FormAction) => {
    setForm(action);
    setText('');
    setError(null);
    setDone(null);
  };

  const run = async (action: FormAction | 'submit') => {
    if (busy) return;
    let request: () => Promise<StaffDisclosure>;
    const params = { id: d.id };
    if (action === 'send_back' || action === 'require_correction') {
      const checked = CommentBodySchema.safeParse({ comment: text });
      if (!checked.success) return setError(checked.error.issues[0]!.message);
      request = () =>
        call(action === 'send_back' ? contract.publishing.sendBack : contract.publishing.requireCorrection, { params, body: checked.data });
    } else if (action === 'correct' || action === 'withdraw') {
      const checked = ReasonBodySchema.safeParse({ reason: text });
      if (!checked.success) return setError(checked.error.issues[0]!.message);
      request = () =>
        call(action === 'correct' ? contract.publishing.correct : contract.publishing.withdraw, { params, body: checked.data });
    } else {
      request = () => call(action === 'cosign' ? contract.publishing.cosign : contract.publishing.submit, { params });
    }
    setBusy(true);
    setError(null);
    try {
      const before = d.open;
      const updated = await request();
      setD(updated);
      setForm(null);
      setText('');
      setDone(DONE[action](before));
      // A correction is written in the editor, on a copy of what is published.
      if (action === 'correct') void Taro.navigateTo({ url: staffUrl('disclosure-edit', { id: d.id }) });
    } catch (e) {
      if (handledAuthError(e)) return;
      setError(problemText(e));
      // Someone else may have acted first (the other village account, or a lost answer): show the true state.
      if (!(isApiError(e) && e.code === 'VALIDATION_FAILED')) loaded.reload();
    } finally {
      setBusy(false);
    }
  };

  const formView = form && (
    <View className='pub__form' data-testid='action-form'>
      <Text className='s-h2'>{formText(form, open).title}</Text>
      <Text className='s-text'>{formText(form, open).hint}</Text>
      {form !== 'cosign' && (
        <View>
          <Text className='s-label'>{formText(form, open).label}</Text>
          <View className='s-box s-box--area'>
            <Textarea
              className='s-textarea'
              data-testid='action-text'
              value={text}
              maxlength={500}
              placeholder={formText(form, open).placeholder}
              onInput={(e) => setText(e.detail.value)}
            />
          </View>
        </View>
      )}
      {error && (
        <Text className='s-error' data-testid='action-error'>
          {error}
        </Text>
      )}
      <View className='pub__buttons'>
        <Text
          className={`s-btn s-btn--primary pub__big${busy ? ' s-btn--disabled' : ''}`}
          data-testid='action-confirm'
          onClick={() => void run(form)}
        >
          {busy ? '正在提交……' : formText(form, open).confirm}
        </Text>
        <Text className='s-btn pub__big' data-testid='action-cancel' onClick={() => setForm(null)}>
          取消
        </Text>
      </View>
    </View>
  );

  return (
    <View className={`staff pub${reviewing ? ' pub--docked' : ''}`}>
      <StaffBar account={account} current='disclosure' />
      <View className='s-card'>
        <Text className='s-muted'>
          {d.villageName} · {DISCLOSURE_KINDS[d.kind]} · {DISCLOSURE_TYPES[d.type]}
        </Text>
        <Text className='s-h1' data-testid='disclosure-title'>
          {(current ?? open)?.title ?? ''}
        </Text>
        <DisclosureTags
          status={d.status}
          openStatus={open?.status ?? null}
          openAction={open?.action ?? null}
          correctionRequired={d.correctionRequired !== null}
        />
        {current && d.status === 'published' && (
          <Text className='s-muted pub__line'>
            现在公开的是第{current.versionNo}版（{periodText(current.period)}）
            {current.reviewedAt ? `，${chineseDate(current.reviewedAt)}会签` : ''}
          </Text>
        )}
        {withdrawal && (
          <Text className='s-muted pub__line' data-testid='withdrawal'>
            {withdrawal.reviewedAt ? `${chineseDate(withdrawal.reviewedAt)}撤回` : '已撤回'}，原因：{withdrawal.reason}
          </Text>
        )}
        {d.status !== 'unpublished' && (
          <Text
            className='s-link pub__public'
            data-testid='public-link'
            onClick={() => void Taro.navigateTo({ url: pageUrl('disclosure', { id: d.id, code: d.villageCode }) })}
          >
            看村民看到的页面
          </Text>
        )}
      </View>

      {d.correctionRequired && (
        <View className='s-warning' data-testid='correction-required-note'>
          <Text className='s-warning__title'>乡镇要求更正</Text>
          <Text className='s-text'>{d.correctionRequired}</Text>
          {account.role === 'village_publisher' && !open && <Text className='s-text'>请点下面的「更正」，改好后提交监委会会签。</Text>}
        </View>
      )}

      {done && (
        <Text className='s-ok pub__done' data-testid='action-done'>
          {done}
        </Text>
      )}
      {error && !form && (
        <Text className='s-error' data-testid='action-error'>
          {error}
        </Text>
      )}

      {(can('edit') || can('submit') || can('correct') || can('withdraw') || can('require_correction')) && (
        <View className='s-card' data-testid='disclosure-actions'>
          <Text className='s-h2'>办理</Text>
          {open?.status === 'returned' && <Text className='s-text'>监委会退回了这一稿，请按意见修改后重新提交。</Text>}
          {!form && (
            <View className='pub__buttons'>
              {can('edit') && (
                <Text
                  className='s-btn pub__big'
                  data-testid='action-edit'
                  onClick={() => void Taro.navigateTo({ url: staffUrl('disclosure-edit', { id: d.id }) })}
                >
                  修改稿子
                </Text>
              )}
              {can('submit') && (
                <Text
                  className={`s-btn s-btn--primary pub__big${busy ? ' s-btn--disabled' : ''}`}
                  data-testid='action-submit'
                  onClick={() => void run('submit')}
                >
                  提交监委会会签
                </Text>
              )}
              {can('correct') && (
                <Text
                  className={`s-btn pub__big${d.correctionRequired ? ' s-btn--primary' : ''}`}
                  data-testid='action-correct'
                  onClick={() => start('correct')}
                >
                  更正
                </Text>
              )}
              {can('withdraw') && (
                <Text className='s-btn pub__big' data-testid='action-withdraw' onClick={() => start('withdraw')}>
                  撤回
                </Text>
              )}
              {can('require_correction') && (
                <Text
                  className='s-btn s-btn--primary pub__big'
                  data-testid='action-require_correction'
                  onClick={() => start('require_correction')}
                >
                  要求更正
                </Text>
              )}
            </View>
          )}
          {formView}
        </View>
      )}

      {open && (
        <View className='s-card pub__open' data-testid='open-version'>
          <Text className='s-h2'>
            {d.status === 'unpublished' ? '稿子' : open.action === 'withdraw' ? '撤回申请' : '更正稿'}（第{open.versionNo}版 ·{' '}
            {VERSION_STATUSES[open.status]}）
          </Text>
          <Signatures v={open} />
          {open.action === 'withdraw' ? <Text className='s-text pub__reason'>撤回原因：{open.reason}</Text> : <VersionBody v={open} />}
        </View>
      )}

      {others.length > 0 && (
        <View className='s-card' data-testid='versions'>
          <Text className='s-h2'>各版本</Text>
          {others.map((v) => {
            const expanded = openVersions.includes(v.versionNo);
            return (
              <View key={v.versionNo} className='pub__version' data-testid='version'>
                <View
                  className='pub__version-head'
                  onClick={() => setOpenVersions((list) => (expanded ? list.filter((n) => n !== v.versionNo) : [...list, v.versionNo]))}
                >
                  <Text className='s-text'>
                    第{v.versionNo}版 · {VERSION_ACTIONS[v.action]} ·{' '}
                    {v.action === 'withdraw' && v.status === 'published' ? '已生效' : VERSION_STATUSES[v.status]}
                    {v.versionNo === current?.versionNo && d.status === 'published' ? '（现在公开的）' : ''}
                  </Text>
                  <Text className='s-link pub__toggle'>{expanded ? '收起' : '展开'}</Text>
                </View>
                <Signatures v={v} />
                {expanded && <VersionBody v={v} />}
              </View>
            );
          })}
        </View>
      )}

      <View className='s-card' data-testid='history'>
        <Text className='s-h2'>经过</Text>
        {d.history.map((h, i) => (
          <View key={i} className='pub__event'>
            <Text className='s-muted'>
              {chineseDateTime(h.at)} · {h.actor} · {h.action}
            </Text>
            {h.comment && <Text className='s-text s-pre'>{h.comment}</Text>}
          </View>
        ))}
      </View>

      {reviewing && (
        <View className='pub__dock' data-testid='review-dock'>
          {form ? (
            formView
          ) : (
            <View className='pub__dock-buttons'>
              <Text className='s-btn pub__dock-btn' data-testid='action-send_back' onClick={() => start('send_back')}>
                {open?.action === 'withdraw' ? '不同意' : '退回修改'}
              </Text>
              <Text className='s-btn s-btn--primary pub__dock-btn' data-testid='action-cosign' onClick={() => start('cosign')}>
                {open?.action === 'withdraw' ? '同意撤回' : '会签，同意公开'}
              </Text>
            </View>
          )}
        </View>
      )}
    </View>
  );
}
