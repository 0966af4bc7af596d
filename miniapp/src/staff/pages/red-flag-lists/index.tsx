import { Text, View } from '@tarojs/components';
import { contract, DISCLOSURE_TYPES, type DisclosureType } from '@mashang/shared';
import { useState } from 'react';
import Field from '../../../components/Field';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import Select from '../../components/Select';
import StaffBar from '../../components/StaffBar';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import '../../staff.scss';
import { lineOfField, parseLines } from './parse-lines';

/** What a save answered, in words the officer can act on: each refused line named. */
function errorText(error: unknown, rows: Array<{ line: number }>): string {
  if (!isApiError(error)) return '保存没有成功，请检查网络后重试';
  if (error.details.length === 0) return error.message;
  return error.details
    .map((d) => {
      const line = lineOfField(d.field, rows);
      return line ? `第${line}行：${d.message}` : d.message;
    })
    .join('；');
}

/** Pasted lines, saved through one route; shows what was saved or which lines to fix. */
function PastedList(props: {
  title: string;
  hint: string;
  testId: string;
  save: (rows: Array<{ line: number; cells: string[] }>) => Promise<{ entries: number }>;
}) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async () => {
    const rows = parseLines(text);
    try {
      const saved = await props.save(rows);
      setResult({ ok: true, text: `已保存${saved.entries}人，比对已重新进行` });
    } catch (error) {
      if (handledAuthError(error)) return;
      setResult({ ok: false, text: errorText(error, rows) });
    }
  };
  return (
    <View className='s-card'>
      <Text className='s-h2'>{props.title}</Text>
      <Field
        tone='staff'
        id={`${props.testId}-text`}
        label={props.title}
        labelHidden
        hint={props.hint}
        multiline
        value={text}
        maxlength={-1}
        onInput={setText}
        testId={`${props.testId}-text`}
      />
      <Text className='s-btn s-btn--primary' onClick={() => void submit()} data-testid={`${props.testId}-save`}>
        保存（替换原有名单）
      </Text>
      {result && (
        <Text className={result.ok ? 's-ok' : 's-error'} data-testid={`${props.testId}-result`}>
          {result.text}
        </Text>
      )}
    </View>
  );
}

/**
 * The lists 大数据比对 compares against: the township keeps each village's cadre roster (with
 * relatives) and the deceased list; the county sets each subsidy's standard amount.
 */
export default function RedFlagListsPage() {
  const account = useAccount();
  const [village, setVillage] = useState('');
  const [type, setType] = useState<DisclosureType>('subsidy_list');
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const [standardResult, setStandardResult] = useState<{ ok: boolean; text: string } | null>(null);
  const villages = useStaffApi(() => (account?.role === 'township_handler' ? call(contract.case.villages) : null), [account]);
  if (!account) return <View className='staff' />;

  const saveStandard = async () => {
    try {
      await call(contract.redFlag.saveStandard, { body: { type, minAmount: Number(min), maxAmount: Number(max) } });
      setStandardResult({ ok: true, text: `已保存：${DISCLOSURE_TYPES[type]}每人 ${min}–${max} 元，比对已重新进行` });
    } catch (error) {
      if (handledAuthError(error)) return;
      setStandardResult({ ok: false, text: isApiError(error) ? (error.details[0]?.message ?? error.message) : '保存没有成功，请重试' });
    }
  };

  return (
    <View className='staff'>
      <StaffBar account={account} current='red-flag-lists' />
      <Text className='s-h1'>比对名单</Text>
      {account.role === 'township_handler' && (
        <View>
          <View className='s-card'>
            <Text className='s-label'>村</Text>
            <Select
              options={(villages.data?.items ?? []).map((v) => ({ value: v.code, label: v.name }))}
              value={village}
              placeholder='请选择村'
              onChange={setVillage}
              testId='roster-village'
            />
          </View>
          <PastedList
            title='村干部及其亲属名单'
            hint='每行一人：姓名、身份证号、职务或亲属关系（如「村委会主任王某之子」），可从 Excel 直接复制粘贴。'
            testId='roster'
            save={(rows) =>
              call(contract.redFlag.saveRoster, {
                body: {
                  villageCode: village,
                  entries: rows.map(({ cells: [name = '', idNumber = '', ...position] }) => ({
                    name,
                    idNumber,
                    position: position.join(''),
                  })),
                },
              })
            }
          />
          <PastedList
            title='去世人员名单'
            hint='每行一人：姓名、身份证号、去世日期（如 2025-03-02），可从 Excel 直接复制粘贴。'
            testId='deceased'
            save={(rows) =>
              call(contract.redFlag.saveDeceased, {
                body: { entries: rows.map(({ cells: [name = '', idNumber = '', diedOn = ''] }) => ({ name, idNumber, diedOn })) },
              })
            }
          />
        </View>
      )}
      {account.role === 'county_supervisor' && (
        <View className='s-card'>
          <Text className='s-h2'>补贴发放标准</Text>
          <Text className='s-muted'>名单中每人的金额超出这个范围时，会提示乡镇核实。</Text>
          <Select
            options={(['subsidy_list', 'dibao_list'] as const).map((t) => ({ value: t, label: DISCLOSURE_TYPES[t] }))}
            value={type}
            placeholder='请选择名单类型'
            onChange={(v) => setType(v as DisclosureType)}
            testId='standard-type'
          />
          <Field
            tone='staff'
            id='standard-min'
            label='每人最低金额（元）'
            type='digit'
            value={min}
            onInput={setMin}
            testId='standard-min'
          />
          <Field
            tone='staff'
            id='standard-max'
            label='每人最高金额（元）'
            type='digit'
            value={max}
            onInput={setMax}
            testId='standard-max'
          />
          <Text className='s-btn s-btn--primary' onClick={() => void saveStandard()} data-testid='standard-save'>
            保存标准
          </Text>
          {standardResult && <Text className={standardResult.ok ? 's-ok' : 's-error'}>{standardResult.text}</Text>}
        </View>
      )}
    </View>
  );
}
