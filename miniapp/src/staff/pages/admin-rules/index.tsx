import { Input, Text, View } from '@tarojs/components';
import { contract, DUE_DATE_KINDS, type RouteResponse } from '@mashang/shared';
import { useState } from 'react';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import StaffBar from '../../components/StaffBar';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { fieldProblems } from '../../problem';
import { applyDraft, deadlinesOf, describeDeadline, draftKeyOf, draftOf, REGIMES, statutoryNote, unitText, type RulesDraft } from './rules';
import '../../staff.scss';
import './index.scss';

type CountyRules = RouteResponse<typeof contract.admin.deadlineRules>;

function NumberField({ value, testId, onInput }: { value: string; testId: string; onInput: (v: string) => void }) {
  return (
    <View className='s-box rules__number'>
      <Input className='s-input' type='number' maxlength={3} data-testid={testId} value={value} onInput={(e) => onInput(e.detail.value)} />
    </View>
  );
}

/** The county's deadline rules in plain words, with their numbers editable, saved whole; and back to the shipped rules. */
export default function AdminRulesPage() {
  const account = useAccount();
  const allowed = account?.role === 'admin';
  const loaded = useStaffApi(() => (allowed ? call(contract.admin.deadlineRules) : null), [allowed]);
  const [current, setCurrent] = useState<CountyRules | null>(null);
  const [draft, setDraft] = useState<RulesDraft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const show = (rules: CountyRules) => {
    setCurrent(rules);
    setDraft(draftOf(rules.rules));
    setErrors({});
  };
  // Each new answer from the server is copied into the state the page edits, during render (React's
  // "adjusting some state when a prop changes") rather than in an effect one render later.
  const [answer, setAnswer] = useState<typeof loaded.data>(null);
  if (loaded.data !== answer) {
    setAnswer(loaded.data);
    if (loaded.data) show(loaded.data);
  }

  if (!account) return <View className='staff' />;
  const set = (key: string) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const error = (key: string) => errors[key] && <Text className='s-error'>{errors[key]}</Text>;

  const run = async (work: () => Promise<CountyRules>, message: string) => {
    if (busy) return;
    setBusy(true);
    setDone(null);
    try {
      show(await work());
      setAsking(false);
      setDone(message);
    } catch (e) {
      if (!handledAuthError(e)) setErrors(fieldProblems(e, draftKeyOf));
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    if (!current) return;
    const applied = applyDraft(current.rules, draft);
    if (!applied.ok) {
      setErrors(applied.errors);
      setDone(null);
      return;
    }
    setErrors({});
    void run(() => call(contract.admin.setDeadlineRules, { body: applied.rules }), '已保存。新规则适用于保存之后开始计时的期限。');
  };
  const reset = () => void run(() => call(contract.admin.resetDeadlineRules), '已恢复为系统内置规则。');

  if (!allowed || !current) {
    return (
      <View className='staff'>
        <StaffBar account={account} current='admin-rules' />
        <Text className='s-h1'>办理时限规则</Text>
        {!allowed && <Text className='s-text'>这一页只对系统管理员开放。</Text>}
        {allowed && <StatusView loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />}
      </View>
    );
  }

  const { rules } = current;
  return (
    <View className='staff staff--wide rules'>
      <StaffBar account={account} current='admin-rules' />
      <Text className='s-h1'>办理时限规则</Text>
      <View className='s-card'>
        {current.overridden ? (
          <Text className='rules__state rules__state--own' data-testid='rules-overridden'>
            本县使用自定义规则（与系统内置规则不同）
          </Text>
        ) : (
          <Text className='rules__state' data-testid='rules-shipped'>
            本县使用系统内置规则
          </Text>
        )}
        <Text className='rules__note' data-testid='rules-note'>
          修改只对保存之后开始计时的期限生效；已经在计时的期限不变。
        </Text>
      </View>

      {REGIMES.map((regime) => {
        const r = rules.regimes[regime];
        return (
          <View key={regime} className='s-card' data-testid={`rules-regime-${regime}`}>
            <Text className='s-h2'>{r.label}</Text>
            <Text className='s-muted'>依据：{r.basis}</Text>
            {deadlinesOf(rules, regime).map(([kind, rule]) => (
              <View key={kind} className='rules__line'>
                <Text className='rules__text'>{describeDeadline(kind, rule, draft[`days.${regime}.${kind}`] || '?')}</Text>
                {(() => {
                  const note = statutoryNote(current.statutory, regime, kind, draft[`days.${regime}.${kind}`] ?? '');
                  return (
                    <Text className={`rules__law rules__law--${note.tone}`} data-testid={`rules-law-${regime}-${kind}`}>
                      {note.text}
                    </Text>
                  );
                })()}
                <View className='rules__edit'>
                  <NumberField
                    value={draft[`days.${regime}.${kind}`] ?? ''}
                    testId={`rules-days-${regime}-${kind}`}
                    onInput={set(`days.${regime}.${kind}`)}
                  />
                  <Text className='rules__unit'>{unitText(rule.unit)}</Text>
                </View>
                {error(`days.${regime}.${kind}`)}
              </View>
            ))}
            {r.extension ? (
              <View className='rules__line'>
                <Text className='rules__text'>
                  延期：{DUE_DATE_KINDS[r.extension.deadline]}可延期 {r.extension.times} 次，每次最多 {draft[`extension.${regime}`] || '?'}{' '}
                  {unitText(r.extension.unit)}，需县纪委批准
                </Text>
                <View className='rules__edit'>
                  <NumberField
                    value={draft[`extension.${regime}`] ?? ''}
                    testId={`rules-extension-${regime}`}
                    onInput={set(`extension.${regime}`)}
                  />
                  <Text className='rules__unit'>{unitText(r.extension.unit)}</Text>
                </View>
                {error(`extension.${regime}`)}
              </View>
            ) : (
              <Text className='rules__line rules__text'>延期：不可延期</Text>
            )}
          </View>
        );
      })}

      <View className='s-card' data-testid='rules-general'>
        <Text className='s-h2'>提醒和提级</Text>
        <View className='rules__line'>
          <Text className='rules__text'>
            到期提醒：期限到期前 {draft.reminders || '?'} {unitText(rules.reminders.unit)}提醒承办人
          </Text>
          <View className='rules__edit'>
            <NumberField value={draft.reminders ?? ''} testId='rules-reminders' onInput={set('reminders')} />
            <Text className='rules__unit'>{unitText(rules.reminders.unit)}</Text>
          </View>
          {error('reminders')}
        </View>
        <View className='rules__line'>
          <Text className='rules__text'>
            逾期提级：逾期 {draft.escalation || '?'} {unitText(rules.escalation.unit)}仍未办理的，提级到县纪委督办
          </Text>
          <View className='rules__edit'>
            <NumberField value={draft.escalation ?? ''} testId='rules-escalation' onInput={set('escalation')} />
            <Text className='rules__unit'>{unitText(rules.escalation.unit)}</Text>
          </View>
          {error('escalation')}
        </View>
        <Text className='s-muted rules__fixed'>
          {rules.anonymousFollowsRealNameClock ? '匿名反映也按实名反映的期限办理。' : '匿名反映不受实名反映的反馈期限约束。'}
          {rules.calendarPeriodEndingOnHolidayMovesToNextWorkday
            ? '按自然日计算的期限，最后一天是节假日或周末的，顺延到下一个工作日。'
            : ''}
        </Text>
      </View>

      <View className='s-card'>
        {errors[''] && (
          <Text className='s-error' data-testid='rules-error'>
            {errors['']}
          </Text>
        )}
        {Object.keys(errors).some((k) => k !== '') && <Text className='s-error'>有数字需要改正，见上方红字。</Text>}
        {done && (
          <Text className='s-ok' data-testid='rules-done'>
            {done}
          </Text>
        )}
        <View>
          <Text className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`} data-testid='rules-submit' onClick={save}>
            {busy ? '正在保存……' : '保存修改'}
          </Text>
          {current.overridden && !asking && (
            <Text className='s-btn' data-testid='rules-reset' onClick={() => setAsking(true)}>
              恢复默认
            </Text>
          )}
        </View>
        {asking && (
          <View className='rules__confirm' data-testid='rules-reset-dialog'>
            <Text className='s-text'>恢复为系统内置规则？本县自定义的数字将不再使用；已经在计时的期限不变。</Text>
            <Text className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`} data-testid='rules-reset-confirm' onClick={reset}>
              确定恢复默认
            </Text>
            <Text className='s-btn' data-testid='rules-reset-cancel' onClick={() => setAsking(false)}>
              取消
            </Text>
          </View>
        )}
      </View>
    </View>
  );
}
