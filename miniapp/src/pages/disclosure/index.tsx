import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { contract, DISCLOSURE_KINDS, DISCLOSURE_TYPES } from '@mashang/shared';
import { useEffect } from 'react';
import StatusView from '../../components/StatusView';
import { useApi } from '../../hooks/use-api';
import { call } from '../../services/api';
import { chineseDate, pageUrl } from '../../utils/format';
import './index.scss';

/**
 * A disclosure with its table. On a 375px screen a wide table is unreadable for an older reader,
 * so each row becomes a card of "column: value" lines, with its own 「对此有疑问」 action.
 */
export default function DisclosurePage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { data, error, loading, reload } = useApi(
    () => (Number.isInteger(id) && id > 0 ? call(contract.village.disclosure, { params: { id } }) : null),
    [id],
  );

  useEffect(() => {
    if (data) void Taro.setNavigationBarTitle({ title: DISCLOSURE_KINDS[data.kind] });
  }, [data]);

  if (!data) {
    return (
      <View className='page'>
        <StatusView loading={loading} error={error} onRetry={reload} />
        {!loading && !error && <Text className='text'>链接不完整，请回到村页面重新打开。</Text>}
      </View>
    );
  }

  const question = (row?: number) =>
    void Taro.navigateTo({
      url: pageUrl('report', { code: data.villageCode, disclosureId: data.id, disclosureRow: row }),
    });

  return (
    <View className='page disclosure'>
      <View className='card'>
        <Text className='muted'>
          {DISCLOSURE_KINDS[data.kind]} · {DISCLOSURE_TYPES[data.type]}
        </Text>
        <Text className='h1' data-testid='disclosure-title'>
          {data.title}
        </Text>
        <Text className='muted'>
          {data.period} · {chineseDate(data.publishedAt)}公布
        </Text>
        {data.body && <Text className='text disclosure__body'>{data.body}</Text>}
      </View>

      {data.table && (
        <View data-testid='disclosure-table'>
          <Text className='h2 disclosure__rows-title'>明细（共{data.table.rows.length}条）</Text>
          {data.table.rows.map((row, r) => (
            <View key={r} className='card disclosure__row' data-testid='disclosure-row'>
              <Text className='disclosure__row-no'>第 {r + 1} 条</Text>
              {data.table!.columns.map((col, c) => (
                <View key={c} className='disclosure__pair'>
                  <Text className='disclosure__label'>{col}</Text>
                  <Text className='disclosure__value'>{row[c] || '—'}</Text>
                </View>
              ))}
              <View className='btn btn--secondary disclosure__ask' data-testid='row-question' onClick={() => question(r)}>
                对此有疑问
              </View>
            </View>
          ))}
        </View>
      )}

      <View className='btn btn--primary' data-testid='report-button' onClick={() => question()}>
        对这条公开有疑问，我要反映
      </View>
    </View>
  );
}
