import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { contract, DISCLOSURE_KINDS, DISCLOSURE_TYPES } from '@mashang/shared';
import { useEffect, useState } from 'react';
import StatusView from '../../components/StatusView';
import { useApi } from '../../hooks/use-api';
import { call, routeUrl } from '../../services/api';
import { openSpreadsheet } from '../../services/spreadsheet-files';
import { chineseDate, pageUrl } from '../../utils/format';
import { periodText } from '../../utils/period';
import './index.scss';

/**
 * A disclosure with its table. On a 375px screen a wide table is unreadable for an older reader,
 * so each row becomes a card of "column: value" lines, with its own 「对此有疑问」 action. Who drafted
 * and who co-signed it are named with their dates; a correction shows its reasons, a withdrawal its
 * reason in place of the content.
 */
export default function DisclosurePage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { data, error, loading, reload } = useApi(
    () => (Number.isInteger(id) && id > 0 ? call(contract.village.disclosure, { params: { id } }) : null),
    [id],
  );
  const [downloadError, setDownloadError] = useState<string | null>(null);

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

  // The question cites the version read, so a later correction does not change what was questioned.
  const question = (row?: number) =>
    void Taro.navigateTo({
      url: pageUrl('report', { code: data.villageCode, disclosureId: data.id, disclosureVersion: data.versionNo, disclosureRow: row }),
    });

  const download = () => {
    setDownloadError(null);
    openSpreadsheet(routeUrl(contract.village.disclosureTable, { params: { id: data.id } }), `${data.title}.xlsx`).catch((e: unknown) =>
      setDownloadError(e instanceof Error ? `没有下载成功：${e.message}` : '没有下载成功，请再试一次'),
    );
  };

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
          {periodText(data.period)} · {chineseDate(data.publishedAt)}公布
        </Text>
        {(data.publisher || data.cosigner) && (
          <Text className='disclosure__signs' data-testid='disclosure-signatures'>
            {data.publisher && `村报账员 ${data.publisher.name} ${chineseDate(data.publisher.at)}起草`}
            {data.publisher && data.cosigner && ' · '}
            {data.cosigner && `村务监督委员会 ${data.cosigner.name} ${chineseDate(data.cosigner.at)}会签`}
          </Text>
        )}
        {data.body && <Text className='text disclosure__body'>{data.body}</Text>}
      </View>

      {data.withdrawal && (
        <View className='card disclosure__notice disclosure__notice--withdrawn' data-testid='disclosure-withdrawn'>
          <Text className='disclosure__notice-title'>已撤回</Text>
          <Text className='text'>
            {chineseDate(data.withdrawal.at)}撤回，原因：{data.withdrawal.reason}
          </Text>
          <Text className='muted'>撤回的内容不再显示。对撤回有疑问，可以点下面的按钮反映。</Text>
        </View>
      )}

      {data.corrections.length > 0 && (
        <View className='card disclosure__notice' data-testid='disclosure-corrected'>
          <Text className='disclosure__notice-title'>已更正</Text>
          <Text className='muted'>这是第{data.versionNo}版。每次更正的原因：</Text>
          {data.corrections.map((c) => (
            <Text key={c.versionNo} className='text disclosure__correction' data-testid='correction'>
              {chineseDate(c.publishedAt)}（第{c.versionNo}版）：{c.reason}
            </Text>
          ))}
        </View>
      )}

      {data.table && (
        <View data-testid='disclosure-table'>
          <Text className='h2 disclosure__rows-title'>明细（共{data.table.rows.length}条）</Text>
          <View className='disclosure__download' data-testid='download-table' onClick={download}>
            <Text className='link'>下载表格（Excel）</Text>
          </View>
          {downloadError && <Text className='field-error'>{downloadError}</Text>}
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
