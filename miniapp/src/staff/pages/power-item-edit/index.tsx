import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { contract, type PowerUpdateOffer, type StaffPowerItem } from '@mashang/shared';
import { useState } from 'react';
import ProcessChart from '../../../components/ProcessChart';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import { chineseDateTime } from '../../../utils/format';
import { rowOfField } from '../../components/ChartEditor/chart-draft';
import PowerItemForm, { PHONE_CHART_WIDTH } from '../../components/PowerItemForm';
import { type ContentDraft, contentDraftOf, contentOf, openProblems } from '../../components/PowerItemForm/content-draft';
import StaffBar from '../../components/StaffBar';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { fieldProblems, problemText } from '../../problem';
import { readsPowerList } from '../../power';
import '../../staff.scss';
import './index.scss';

const CONFLICT = '这项内容刚被别人修改过。请刷新页面，在最新内容上修改。';

/** 「县里更新了模板」: what the county changed, field by field, and the choice to take it or keep the village's own. */
function Offer({
  offer,
  canEdit,
  busy,
  onAccept,
  onDecline,
}: {
  offer: PowerUpdateOffer;
  canEdit: boolean;
  busy: boolean;
  onAccept: () => void;
  onDecline: () => void;
}) {
  const chartChanged = offer.changes.some((c) => c.field === 'chart');
  return (
    <View className='s-card item-offer' data-testid='template-offer'>
      <View className='item-offer__what'>
        <Text className='s-h2'>县里更新了模板</Text>
        <Text className='s-text'>
          本村现在用的是第{offer.fromVersion}版，县里已更新到第{offer.toVersion}版。县里改了这些：
        </Text>
        {offer.changes.map((c) => (
          <View key={c.field} className='item-offer__change' data-testid={`offer-change-${c.field}`}>
            <Text className='item-offer__field'>{c.label}</Text>
            {c.lines.map((line, i) => (
              <Text key={i} className='s-text item-offer__line'>
                · {line}
              </Text>
            ))}
            {c.villageAdjusted && <Text className='item-offer__warn'>本村改过这一项：接受后，这一项改为县里的新内容。</Text>}
          </View>
        ))}
        <Text className='s-muted'>
          县里没有改的内容，接受后仍保留本村的写法。不接受也可以：村页面保持现在的内容，县里再更新时会再提示。
        </Text>
        {canEdit && (
          <View>
            <Text className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`} data-testid='accept-update' onClick={onAccept}>
              接受县里的更新
            </Text>
            <Text className={`s-btn${busy ? ' s-btn--disabled' : ''}`} data-testid='decline-update' onClick={onDecline}>
              保留本村的，不接受
            </Text>
          </View>
        )}
      </View>
      {chartChanged && (
        <View className='item-offer__preview'>
          <Text className='s-label'>接受后的流程图</Text>
          <ProcessChart nodes={offer.result.chart.nodes} edges={offer.result.chart.edges} width={PHONE_CHART_WIDTH} />
        </View>
      )}
    </View>
  );
}

/**
 * One item of a village's list: the offer of a newer template version if there is one, and the
 * village's copy to adjust, public as soon as it is saved.
 */
export default function PowerItemEditPage() {
  const { params } = useRouter();
  const id = Number(params.id) || null;
  const account = useAccount();
  const allowed = account ? readsPowerList(account.role) : false;
  const loaded = useStaffApi(() => (allowed && id ? call(contract.powerList.item, { params: { id } }) : null), [allowed, id]);
  const [item, setItem] = useState<StaffPowerItem | null>(null);
  const [draft, setDraft] = useState<ContentDraft>(() => contentDraftOf(null));
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (next: StaffPowerItem) => {
    setItem(next);
    setDraft(contentDraftOf(next.content));
    setRefused({});
    setTried(false);
  };
  const [answer, setAnswer] = useState<typeof loaded.data>(null);
  if (loaded.data !== answer) {
    setAnswer(loaded.data);
    if (loaded.data) show(loaded.data);
  }

  if (!account) return <View className='staff' />;
  if (!allowed || !item) {
    return (
      <View className='staff'>
        <StaffBar account={account} current='power-item-edit' />
        <Text className='s-h1'>本村权力事项</Text>
        {!allowed && <Text className='s-text'>这一页只对县、乡镇纪委和村级账号开放。</Text>}
        {allowed && <StatusView loading={loaded.loading} error={loaded.error ?? (id ? null : undefined)} onRetry={loaded.reload} />}
      </View>
    );
  }

  const run = async (work: () => Promise<StaffPowerItem>, done: string) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      show(await work());
      setMessage({ ok: true, text: done });
    } catch (e) {
      if (handledAuthError(e)) return;
      if (isApiError(e) && e.code === 'EDIT_CONFLICT') setMessage({ ok: false, text: CONFLICT });
      else {
        const byRow = fieldProblems(e, (field) => rowOfField(draft.chart, field));
        setRefused(byRow);
        setMessage({ ok: false, text: byRow[''] ?? problemText(e) });
      }
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    setTried(true);
    const open = openProblems(draft);
    if (open > 0) {
      setMessage({ ok: false, text: `还有${open}处要改，请按红字提示修改后再保存。` });
      return;
    }
    void run(
      () => call(contract.powerList.saveItem, { params: { id: item.id }, body: { ...contentOf(draft), version: item.version } }),
      '已保存，村页面上已是新的内容。',
    );
  };
  const decide = (accept: boolean) => {
    const offer = item.offer;
    if (!offer) return;
    const body = { version: item.version, templateVersion: offer.toVersion };
    void run(
      () => call(accept ? contract.powerList.acceptUpdate : contract.powerList.declineUpdate, { params: { id: item.id }, body }),
      accept ? `已接受县里的第${offer.toVersion}版，村页面上已更新。` : '已保留本村的内容。县里再更新时会再提示。',
    );
  };

  return (
    <View className='staff staff--wide'>
      <StaffBar account={account} current='power-item-edit' />
      <Text className='s-h1' data-testid='item-title'>
        {item.village.name} · {item.content.title}
      </Text>
      <Text className='s-muted' data-testid='item-source'>
        {item.template ? `采用县里的模板“${item.template.title}”第${item.template.followsVersion}版` : '本村自有事项'}
        {item.adjusted ? '，本村已调整' : ''}
        {item.updatedAt ? ` · ${chineseDateTime(item.updatedAt)}修改` : ''}
      </Text>
      {message && (
        <Text className={message.ok ? 's-ok' : 's-error'} data-testid='item-message'>
          {message.text}
        </Text>
      )}
      {item.offer && (
        <Offer offer={item.offer} canEdit={item.canEdit} busy={busy} onAccept={() => decide(true)} onDecline={() => decide(false)} />
      )}
      <PowerItemForm draft={draft} onChange={setDraft} refused={refused} showFieldProblems={tried} readOnly={!item.canEdit} />
      {item.canEdit && (
        <View className='s-card'>
          <Text className='s-muted'>保存后村页面立即显示新的内容。</Text>
          <Text className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`} data-testid='save-item' onClick={save}>
            保存本村的调整
          </Text>
        </View>
      )}
    </View>
  );
}
