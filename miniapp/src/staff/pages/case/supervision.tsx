import { Text, View } from '@tarojs/components';
import { contract, type CaseDetail, type Supervision } from '@mashang/shared';
import { useRef, useState } from 'react';
import Field, { ChoiceGroup } from '../../../components/Field';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import { randomKey } from '../../../services/random-key';
import { chineseDate, chineseDateTime } from '../../../utils/format';
import TimeLeft from '../../components/TimeLeft';
import { handledAuthError } from '../../hooks/use-staff-api';
import { chinaToday } from '../../utils';

type SupervisionAction = CaseDetail['supervisionActions'][number];

/** Days the county may give the township to answer a 督办; the server allows tomorrow to 30 days on. */
const ANSWER_DAYS = ['3', '5', '7', '10', '15', '30'] as const;

const FORMS: Record<SupervisionAction, { title: string; label: string; hint: string; min: number; submit: string }> = {
  supervise: {
    title: '督办',
    label: '督办要求',
    hint: '写明要乡镇做什么、怎样回复；乡镇须在期限内回复，逾期双方都会看到。反映人只看到“县纪委已督办”，看不到这里的内容。',
    min: 10,
    submit: '发出督办',
  },
  urge: {
    title: '催办',
    label: '催办内容',
    hint: '提醒乡镇抓紧办理：记入办理经过并提醒乡镇，不另设期限。',
    min: 2,
    submit: '发出催办',
  },
  answer: {
    title: '回复督办',
    label: '回复内容',
    hint: '写明按督办要求做了什么、结果如何；县纪委看到回复后督办即办结。',
    min: 10,
    submit: '提交回复',
  },
};

/** `YYYY-MM-DD`, `days` after today in China. */
export function daysFromToday(days: number, today = chinaToday()): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** What the township must answer, or has answered; a 催办 is a dated line. */
function SupervisionLine({ item }: { item: Supervision }) {
  return (
    <View className='case__supervision' data-testid={`supervision-${item.kind}`}>
      <Text className='s-muted'>
        {chineseDateTime(item.at)} · {item.by} · {item.kind === 'supervise' ? '督办' : '催办'}
      </Text>
      <Text className='s-text s-pre'>{item.text}</Text>
      {item.due && (
        <View>
          <TimeLeft due={item.due} full testId='supervision-due' />
        </View>
      )}
      {item.answer && (
        <View className='case__supervision-answer' data-testid='supervision-answer'>
          <Text className='s-muted'>
            {chineseDateTime(item.answer.at)} · {item.answer.by} · 回复
          </Text>
          <Text className='s-text s-pre'>{item.answer.text}</Text>
        </View>
      )}
      {item.kind === 'supervise' && !item.answer && item.endedAt && (
        <Text className='s-muted' data-testid='supervision-ended'>
          {chineseDateTime(item.endedAt)} 督办终止：案件已不在原乡镇办理或已办结，不再计时（原因见办理经过）。
        </Text>
      )}
      {item.kind === 'supervise' && !item.answer && !item.endedAt && <Text className='s-muted'>等待乡镇纪委回复。</Text>}
    </View>
  );
}

/** The form of one of 督办, 催办 or 回复督办, each sent once under its own idempotency key. */
function SupervisionForm({
  action,
  reportNo,
  onDone,
  onCancel,
}: {
  action: SupervisionAction;
  reportNo: string;
  onDone: (detail: CaseDetail) => void;
  onCancel: () => void;
}) {
  const form = FORMS[action];
  const [text, setText] = useState('');
  const [days, setDays] = useState<(typeof ANSWER_DAYS)[number]>('7');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  const dueOn = daysFromToday(Number(days));

  const submit = async () => {
    if (busy) return;
    if (text.trim().length < form.min) {
      setError(`${form.label}至少${form.min}个字`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      key.current ??= await randomKey();
      const params = { reportNo };
      const body = { text: text.trim(), idempotencyKey: key.current };
      const detail =
        action === 'supervise'
          ? await call(contract.case.supervise, { params, body: { ...body, dueOn } })
          : action === 'urge'
            ? await call(contract.case.urge, { params, body })
            : await call(contract.case.answerSupervision, { params, body });
      key.current = null;
      onDone(detail);
    } catch (e) {
      if (handledAuthError(e)) return;
      setError(isApiError(e) ? (e.details[0]?.message ?? e.message) : '没有提交成功，请再试一次');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='case__form' data-testid='supervision-form'>
      <Text className='s-h2'>{form.title}</Text>
      <Field
        id={`supervision-${action}-text`}
        tone='staff'
        label={form.label}
        hint={form.hint}
        multiline
        maxlength={action === 'urge' ? 500 : action === 'supervise' ? 1000 : 2000}
        value={text}
        onInput={setText}
        error={error}
        testId='supervision-text'
        errorTestId='error-supervision-text'
      />
      {action === 'supervise' && (
        <ChoiceGroup
          id='supervision-days'
          tone='staff'
          label={`回复期限：${chineseDate(dueOn)}前`}
          options={ANSWER_DAYS.map((d) => ({ value: d, title: `${d}天内` }))}
          value={days}
          onChange={setDays}
          testIdPrefix='supervision-days'
        />
      )}
      <View>
        <Text
          className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`}
          data-testid='supervision-submit'
          onClick={() => void submit()}
        >
          {busy ? '正在提交……' : form.submit}
        </Text>
        <Text className='s-btn' data-testid='supervision-cancel' onClick={onCancel}>
          取消
        </Text>
      </View>
    </View>
  );
}

/**
 * The county's 督办 and 催办 on a case and the township's answers, with the buttons this account may
 * use now: the county on an escalated or overdue case, the township to answer an open 督办.
 */
export default function SupervisionCard({ detail, onChange }: { detail: CaseDetail; onChange: (detail: CaseDetail) => void }) {
  const [open, setOpen] = useState<SupervisionAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!detail.supervisions.length && !detail.supervisionActions.length) return null;
  return (
    <View className='s-card' data-testid='case-supervision'>
      <Text className='s-h2'>督办与催办</Text>
      {done && (
        <Text className='s-ok' data-testid='supervision-done'>
          {done}
        </Text>
      )}
      {detail.supervisions.map((item) => (
        <SupervisionLine key={item.id} item={item} />
      ))}
      {!open && (
        <View>
          {detail.supervisionActions.map((action) => (
            <Text
              key={action}
              className={`s-btn${action === 'urge' ? '' : ' s-btn--primary'}`}
              data-testid={`supervision-open-${action}`}
              onClick={() => {
                setOpen(action);
                setDone(null);
              }}
            >
              {FORMS[action].title}
            </Text>
          ))}
        </View>
      )}
      {open && (
        <SupervisionForm
          key={open}
          action={open}
          reportNo={detail.reportNo}
          onCancel={() => setOpen(null)}
          onDone={(updated) => {
            setDone(`已${FORMS[open].title}`);
            setOpen(null);
            onChange(updated);
          }}
        />
      )}
    </View>
  );
}
