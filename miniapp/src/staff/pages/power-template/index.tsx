import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { contract, type PowerTemplate } from '@mashang/shared';
import { useState } from 'react';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import { chineseDateTime } from '../../../utils/format';
import { rowOfField } from '../../components/ChartEditor/chart-draft';
import PowerItemForm from '../../components/PowerItemForm';
import { type ContentDraft, contentDraftOf, contentOf, openProblems } from '../../components/PowerItemForm/content-draft';
import StaffBar from '../../components/StaffBar';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { fieldProblems } from '../../problem';
import { readsPowerList, writesTemplates } from '../../power';
import { staffUrl } from '../../utils';
import '../../staff.scss';

/**
 * A county template, written or changed by the county supervisor; every save is a new version, which
 * the villages that adopted the template are offered. Others of the county read it here.
 */
export default function PowerTemplatePage() {
  const { params } = useRouter();
  const id = Number(params.id) || null;
  const account = useAccount();
  const allowed = account ? readsPowerList(account.role) : false;
  const canWrite = account ? writesTemplates(account.role) : false;
  const loaded = useStaffApi(() => (allowed && id ? call(contract.powerList.template, { params: { id } }) : null), [allowed, id]);
  const [template, setTemplate] = useState<PowerTemplate | null>(null);
  const [draft, setDraft] = useState<ContentDraft>(() => contentDraftOf(null));
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (t: PowerTemplate) => {
    setTemplate(t);
    setDraft(contentDraftOf(t.content));
    setRefused({});
  };
  // Each answer from the server is copied into the state the page edits, during render.
  const [answer, setAnswer] = useState<typeof loaded.data>(null);
  if (loaded.data !== answer) {
    setAnswer(loaded.data);
    if (loaded.data) show(loaded.data);
  }

  if (!account) return <View className='staff' />;
  const edit = (next: ContentDraft) => {
    setDraft(next);
    setMessage(null);
  };

  const save = async () => {
    if (busy) return;
    setTried(true);
    const open = openProblems(draft);
    if (open > 0) {
      setMessage({ ok: false, text: `还有${open}处要改，请按红字提示修改后再保存。` });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const body = contentOf(draft);
      const saved = template
        ? await call(contract.powerList.updateTemplate, { params: { id: template.id }, body: { ...body, version: template.version } })
        : await call(contract.powerList.createTemplate, { body });
      if (!template) {
        await Taro.redirectTo({ url: staffUrl('power-template', { id: saved.id, saved: 1 }) });
        return;
      }
      const changed = saved.version !== template.version;
      show(saved);
      setMessage({
        ok: true,
        text: changed
          ? `已保存为第${saved.version}版。采用这个模板的${saved.adoptedBy}个村会看到“县里更新了模板”，由村里决定是否接受。`
          : '内容没有变化，没有生成新版本。',
      });
    } catch (e) {
      if (handledAuthError(e)) return;
      if (isApiError(e) && e.code === 'EDIT_CONFLICT')
        setMessage({ ok: false, text: '这个模板刚被别人修改过。请刷新页面，在最新内容上修改。' });
      else {
        const byRow = fieldProblems(e, (field) => rowOfField(draft.chart, field));
        setRefused(byRow);
        setMessage({ ok: false, text: byRow[''] ?? '有内容没有通过检查，请按红字提示修改。' });
      }
    } finally {
      setBusy(false);
    }
  };

  const title = template ? template.content.title : '新建模板';
  if (!allowed || (id && !template) || (!id && !canWrite)) {
    return (
      <View className='staff'>
        <StaffBar account={account} current='power-template' />
        <Text className='s-h1'>{title}</Text>
        {!allowed && <Text className='s-text'>这一页只对县、乡镇纪委和村级账号开放。</Text>}
        {allowed && !id && !canWrite && <Text className='s-text'>模板由县纪委编写。</Text>}
        {allowed && id && <StatusView loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />}
      </View>
    );
  }

  return (
    <View className='staff staff--wide'>
      <StaffBar account={account} current='power-template' />
      <Text className='s-h1' data-testid='template-title'>
        {title}
      </Text>
      {template && (
        <Text className='s-muted' data-testid='template-version'>
          第{template.version}版 · {template.adoptedBy}个村采用
          {template.notYetUpdated > 0 ? `，其中${template.notYetUpdated}个村还没处理最新版` : ''}
          {template.versions.length > 0
            ? ` · 最近由${template.versions[template.versions.length - 1]!.by}于${chineseDateTime(template.versions[template.versions.length - 1]!.at)}修改`
            : ''}
        </Text>
      )}
      {params.saved && !message && <Text className='s-ok'>已保存。各村可以在本村的权力清单里采用这个模板。</Text>}
      <PowerItemForm draft={draft} onChange={edit} refused={refused} showFieldProblems={tried} readOnly={!canWrite} />
      {canWrite && (
        <View className='s-card'>
          {message && (
            <Text className={message.ok ? 's-ok' : 's-error'} data-testid='save-message'>
              {message.text}
            </Text>
          )}
          <Text className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`} data-testid='save-template' onClick={() => void save()}>
            {template ? '保存为新版本' : '保存模板'}
          </Text>
        </View>
      )}
    </View>
  );
}
