import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { contract, DISCLOSURE_KINDS, DISCLOSURE_TYPES, DisclosureKindSchema, VillageCodeSchema } from '@mashang/shared';
import StatusView from '../../components/StatusView';
import { useApi } from '../../hooks/use-api';
import { call } from '../../services/api';
import { chineseDate, pageUrl } from '../../utils/format';
import { periodText } from '../../utils/period';
import './index.scss';

export default function DisclosuresPage() {
  const { params } = useRouter();
  const code = VillageCodeSchema.safeParse(params.code).success ? params.code! : null;
  const kindParsed = DisclosureKindSchema.safeParse(params.kind);
  const kind = kindParsed.success ? kindParsed.data : undefined;
  const { data, error, loading, reload } = useApi(
    () => (code ? call(contract.village.disclosures, { params: { code }, query: { kind } }) : null),
    [code, kind],
  );

  return (
    <View className='page'>
      <Text className='h1'>{kind ? DISCLOSURE_KINDS[kind] : '三务公开'}</Text>
      {!code && <Text className='text'>链接不完整，请回到村页面重新打开。</Text>}
      <StatusView loading={loading} error={error} onRetry={reload} />
      {data && (
        <View className='card'>
          {data.items.length === 0 && <Text className='text'>还没有公开内容。</Text>}
          {data.items.map((d) => (
            <View
              key={d.id}
              className='link-row'
              data-testid='disclosure-link'
              onClick={() => void Taro.navigateTo({ url: pageUrl('disclosure', { id: d.id, code }) })}
            >
              <View>
                <Text className='text'>
                  {d.withdrawn && <Text className='tag tag--withdrawn'>已撤回</Text>}
                  {d.corrected && !d.withdrawn && <Text className='tag tag--corrected'>已更正</Text>}
                  {d.title}
                </Text>
                <Text className='muted disclosures__meta'>
                  {DISCLOSURE_TYPES[d.type]} · {periodText(d.period)} · {chineseDate(d.publishedAt)}公布
                </Text>
              </View>
              <Text className='link-row__arrow'>›</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
