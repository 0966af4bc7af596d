import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { contract, SubsidyLookupSchema, VillageCodeSchema, type SubsidyLine } from '@mashang/shared';
import { useEffect, useState } from 'react';
import Field, { focusField } from '../../components/Field';
import { alertProps } from '../../components/Field/a11y';
import { call } from '../../services/api';
import { isApiError } from '../../services/http';
import { chineseDate, pageUrl } from '../../utils/format';
import { withPageFont } from '../../components/PageFont';
import { periodText } from '../../utils/period';
import './index.scss';

export const NOTHING_FOUND = '没有查到与您姓名和身份证号都相符的公开记录';

interface Problems {
  name?: string;
  idNumber?: string;
  form?: string;
}

function problemsOf(error: unknown): Problems {
  if (isApiError(error) && error.code === 'RATE_LIMITED') return { form: '查询次数太多了，请等一分钟后再查。' };
  if (isApiError(error) && error.code === 'VALIDATION_FAILED' && error.details.length) {
    const out: Problems = {};
    for (const d of error.details) {
      if (d.field.endsWith('name')) out.name = d.message;
      else if (d.field.endsWith('idNumber')) out.idNumber = d.message;
      else out.form = d.message;
    }
    return out;
  }
  return { form: isApiError(error) ? error.message : '没有查成功，请再试一次' };
}

/**
 * 码上查: a villager checks what the village's published lists say was paid to them, by name and full
 * ID number (sent in the body, never in a link, and kept only on this page). The answer shows the
 * lines as published, masked; a miss of any kind reads the same.
 */
function SubsidyPage() {
  const { params } = useRouter();
  const code = VillageCodeSchema.safeParse(params.code).success ? params.code! : null;
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [lines, setLines] = useState<SubsidyLine[] | null>(null);
  const [busy, setBusy] = useState(false);
  /** The first field a refused lookup sends the villager to. */
  const [focus, setFocus] = useState<'name' | 'idNumber' | null>(null);

  useEffect(() => {
    if (focus) focusField(focus === 'name' ? 'subsidy-name' : 'subsidy-id');
  }, [focus]);

  // The answer lands below the form: bring it up, so nobody thinks nothing happened.
  useEffect(() => {
    if (lines && typeof Taro.pageScrollTo === 'function')
      Taro.pageScrollTo({ selector: '#subsidy-answer', duration: 200 }).catch(() => undefined);
  }, [lines]);

  if (!code) {
    return (
      <View className='page'>
        <View className='card'>
          <Text className='h2'>没有认出是哪个村</Text>
          <Text className='text'>请重新扫一扫村里公示栏上“码上监督”海报的二维码，再点“码上查”。</Text>
        </View>
      </View>
    );
  }

  const lookup = async () => {
    if (busy) return;
    setLines(null);
    const checked = SubsidyLookupSchema.safeParse({ name, idNumber });
    if (!checked.success) {
      const out: Problems = {};
      for (const issue of checked.error.issues) {
        const field = String(issue.path[0]) as keyof Problems;
        out[field] ??= issue.message;
      }
      setProblems(out);
      setFocus(out.name ? 'name' : 'idNumber');
      return;
    }
    setBusy(true);
    setProblems({});
    try {
      const { items } = await call(contract.village.subsidyLookup, { params: { code }, body: checked.data });
      setLines(items);
    } catch (error) {
      setProblems(problemsOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page subsidy'>
      <Text className='h1'>码上查</Text>
      <Text className='text subsidy__intro'>查一查村里公开的补贴、低保名单上有没有您，发了多少钱。</Text>
      <View className='card'>
        <Field
          id='subsidy-name'
          label='姓名'
          value={name}
          maxlength={20}
          placeholder='请输入姓名'
          onInput={(v) => {
            setName(v);
            setFocus(null);
          }}
          focus={focus === 'name'}
          testId='subsidy-name'
          error={problems.name}
          errorTestId='error-name'
        />
        <Field
          id='subsidy-id'
          label='身份证号'
          type={process.env.TARO_ENV === 'weapp' ? 'idcard' : 'text'}
          value={idNumber}
          maxlength={18}
          placeholder='18位身份证号'
          onInput={(v) => {
            setIdNumber(v);
            setFocus(null);
          }}
          focus={focus === 'idNumber'}
          testId='subsidy-id'
          error={problems.idNumber}
          errorTestId='error-idNumber'
        />
        {problems.form && (
          <View className='field-error' data-testid='subsidy-error' {...alertProps('subsidy-error')}>
            {problems.form}
          </View>
        )}
        <View
          className={`btn btn--primary subsidy__go${busy ? ' btn--disabled' : ''}`}
          data-testid='subsidy-submit'
          onClick={() => void lookup()}
        >
          {busy ? '正在查询……' : '查询'}
        </View>
        <Text className='muted subsidy__note'>姓名和身份证号只用来核对，不会保存，也不会告诉别人。查到的身份证号按公开时一样遮挡。</Text>
      </View>

      <View id='subsidy-answer' />
      {lines && lines.length === 0 && (
        <View className='card' data-testid='subsidy-none'>
          <Text className='text'>{NOTHING_FOUND}。</Text>
          <Text className='muted subsidy__note'>请核对姓名和身份证号。如果您应该领到补贴却不在名单上，可以点下面“我要反映”。</Text>
          <View
            className='btn btn--secondary subsidy__go'
            data-testid='subsidy-report'
            onClick={() => void Taro.navigateTo({ url: pageUrl('report', { code }) })}
          >
            我要反映
          </View>
        </View>
      )}
      {lines && lines.length > 0 && (
        <View data-testid='subsidy-results'>
          <Text className='h2 subsidy__found'>查到 {lines.length} 条</Text>
          {lines.map((line, i) => (
            <View key={i} className='card subsidy__line' data-testid='subsidy-line'>
              <Text className='subsidy__title'>{line.title}</Text>
              <Text className='muted'>
                {periodText(line.period)} · {chineseDate(line.publishedAt)}公布
              </Text>
              {line.columns.map((column, c) => (
                <View key={c} className='subsidy__pair'>
                  <Text className='subsidy__key'>{column}</Text>
                  <Text className='subsidy__value'>{line.row[c] || '—'}</Text>
                </View>
              ))}
              <View
                className='link subsidy__open'
                onClick={() => void Taro.navigateTo({ url: pageUrl('disclosure', { id: line.disclosureId, code }) })}
              >
                查看这份名单 ›
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

export default withPageFont(SubsidyPage);
