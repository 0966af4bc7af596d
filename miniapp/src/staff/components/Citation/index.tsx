import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Citation as CitationData } from '@mashang/shared';
import { pageUrl } from '../../../utils/format';
import './index.scss';

/** What a report opened from a table line or a chart step questions, in words, with a way to open it. */
export default function Citation({ citation }: { citation: CitationData }) {
  const open = () =>
    void Taro.navigateTo({
      // A line since corrected opens as the reporter read it: that version, with the way to the current one.
      url:
        citation.kind === 'disclosure'
          ? pageUrl('disclosure', { id: citation.disclosureId, version: citation.superseded ? citation.versionNo : undefined })
          : pageUrl('power-item', { id: citation.powerItemId }),
    });
  return (
    <View className='citation' data-testid='case-citation'>
      {citation.words && (
        <Text className='citation__title' data-testid='case-citation-words'>
          反映的是：{citation.words}
        </Text>
      )}
      {citation.kind === 'disclosure' ? (
        <View>
          <Text className='citation__title'>
            对公开内容《{citation.title}》（第{citation.versionNo}版）{citation.row ? '中这一行' : ''}的疑问
          </Text>
          {citation.row && (
            <View className='citation__row'>
              {citation.columns.map((column, i) => (
                <Text key={column} className='citation__cell'>
                  {column}：{citation.row?.[i] || '—'}
                </Text>
              ))}
            </View>
          )}
          {citation.superseded && <Text className='citation__note'>反映之后，这条公开内容已更正或撤回；以上是反映人当时看到的内容。</Text>}
        </View>
      ) : (
        <Text className='citation__title'>
          对权力事项《{citation.title}》{citation.step ? `流程中“${citation.step}”这一步` : ''}的疑问
        </Text>
      )}
      <Text className='citation__open' onClick={open} data-testid='case-citation-open'>
        查看原文
      </Text>
    </View>
  );
}
