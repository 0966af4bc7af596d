import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { contract, DISCLOSURE_KINDS, DISCLOSURE_TYPES, type Disclosure, type TableLine } from '@mashang/shared';
import { useEffect, useState } from 'react';
import Attachments from '../../components/Attachments';
import StatusView from '../../components/StatusView';
import { useApi } from '../../hooks/use-api';
import { call, routeUrl } from '../../services/api';
import { openSpreadsheet } from '../../services/spreadsheet-files';
import { chineseDate, pageUrl } from '../../utils/format';
import { periodText } from '../../utils/period';
import { FinanceSummary, TableLines } from './table';
import './index.scss';

const positive = (value?: string) => (value !== undefined && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : null);

/** The published version before `versionNo`: the first publication is version 1, every later one a correction. */
function versionBefore(d: Disclosure, versionNo: number): number {
  return Math.max(1, ...d.corrections.map((c) => c.versionNo).filter((n) => n < versionNo));
}

/** Back to the current version: back where the reader came from it, else in place of this page. */
function openCurrent(id: number, code?: string) {
  const pages = Taro.getCurrentPages();
  const previous = pages.length > 1 ? pages[pages.length - 2] : undefined;
  if (previous && /(^|\/)pages\/disclosure\/index$/.test(previous.route ?? '')) void Taro.navigateBack();
  else void Taro.redirectTo({ url: pageUrl('disclosure', { id, code }) });
}

/**
 * A disclosure with its table. On a 375px screen a wide table is unreadable for an older reader,
 * so each row becomes a card of "column: value" lines, with its own 「对此有疑问」 action; a finance
 * disclosure opens with its 收入 / 支出 / 结余. Who drafted
 * and who co-signed it are named with their dates; a correction shows its reasons, a withdrawal its
 * reason in place of the content. With `version=N` it shows an earlier published version instead,
 * saying plainly that it was corrected and linking back to the current one.
 */
export default function DisclosurePage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const asked = positive(params.version);
  const current = useApi(() => (valid ? call(contract.village.disclosure, { params: { id } }) : null), [id]);
  // Asked for at once, beside the current one: on a weak network one wait, not two.
  const earlier = useApi(
    () => (valid && asked ? call(contract.village.disclosureVersion, { params: { id, versionNo: asked } }) : null),
    [id, asked],
  );
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const data = current.data;

  useEffect(() => {
    if (data) void Taro.setNavigationBarTitle({ title: DISCLOSURE_KINDS[data.kind] });
  }, [data]);

  if (!data) {
    return (
      <View className='page'>
        <StatusView loading={current.loading} error={current.error} onRetry={current.reload} />
        {!current.loading && !current.error && <Text className='text'>链接不完整，请回到村页面重新打开。</Text>}
      </View>
    );
  }

  // An earlier version is shown only while the disclosure stands; a withdrawn one shows no content at all.
  const showsEarlier = asked !== null && asked !== data.versionNo && !data.withdrawal;
  if (showsEarlier && !earlier.data) {
    return (
      <View className='page'>
        <StatusView loading={earlier.loading} error={earlier.error} onRetry={earlier.reload} />
        {!earlier.loading && (
          <View className='btn btn--secondary' data-testid='current-version-link' onClick={() => openCurrent(data.id, params.code)}>
            看现行的第{data.versionNo}版
          </View>
        )}
      </View>
    );
  }
  const old = showsEarlier ? earlier.data : null;
  const shown = old ?? data;
  // The correction that replaced the version shown, when it is an earlier one.
  const replacedBy = old ? data.corrections.find((c) => c.versionNo > old.versionNo) : undefined;

  // The question cites the version read, so a later correction does not change what was questioned.
  const question = (line?: TableLine) =>
    void Taro.navigateTo({
      url: pageUrl('report', {
        code: data.villageCode,
        disclosureId: data.id,
        disclosureVersion: shown.versionNo,
        disclosureRow: line?.index,
      }),
    });

  const download = () => {
    setDownloadError(null);
    openSpreadsheet(routeUrl(contract.village.disclosureTable, { params: { id: data.id } }), `${data.title}.xlsx`).catch((e: unknown) =>
      setDownloadError(e instanceof Error ? `没有下载成功：${e.message}` : '没有下载成功，请再试一次'),
    );
  };

  return (
    <View className='page disclosure'>
      {old && (
        <View className='card disclosure__notice' data-testid='disclosure-earlier'>
          <Text className='disclosure__notice-title'>这是更正前的旧内容</Text>
          <Text className='text' data-testid='disclosure-earlier-text'>
            这是第{old.versionNo}版，{replacedBy ? `已于${chineseDate(replacedBy.publishedAt)}更正，` : '已更正，'}现行为第{data.versionNo}
            版。
          </Text>
          {replacedBy && <Text className='muted disclosure__gap'>更正原因：{replacedBy.reason}</Text>}
          <View
            className='btn btn--secondary disclosure__current'
            data-testid='current-version-link'
            onClick={() => openCurrent(data.id, params.code)}
          >
            看现行的第{data.versionNo}版
          </View>
        </View>
      )}

      <View className='card'>
        <Text className='muted'>
          {DISCLOSURE_KINDS[data.kind]} · {DISCLOSURE_TYPES[data.type]}
        </Text>
        <Text className='h1' data-testid='disclosure-title'>
          {shown.title}
        </Text>
        <Text className='muted'>
          {periodText(shown.period)} · {chineseDate(shown.publishedAt)}公布
        </Text>
        {(shown.publisher || shown.cosigner) && (
          <Text className='disclosure__signs' data-testid='disclosure-signatures'>
            {shown.publisher && `村报账员 ${shown.publisher.name} ${chineseDate(shown.publisher.at)}起草`}
            {shown.publisher && shown.cosigner && ' · '}
            {shown.cosigner && `村务监督委员会 ${shown.cosigner.name} ${chineseDate(shown.cosigner.at)}会签`}
          </Text>
        )}
        {data.kind === 'finance' && shown.table && <FinanceSummary table={shown.table} />}
        {shown.body && <Text className='text disclosure__body'>{shown.body}</Text>}
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

      {!old && data.corrections.length > 0 && (
        <View className='card disclosure__notice' data-testid='disclosure-corrected'>
          <Text className='disclosure__notice-title'>已更正</Text>
          <Text className='muted'>{data.withdrawal ? '' : `现在显示的是第${data.versionNo}版。`}每次更正的原因：</Text>
          {data.corrections.map((c) => (
            <View key={c.versionNo} className='disclosure__correction' data-testid='correction'>
              <Text className='text'>
                {chineseDate(c.publishedAt)}更正为第{c.versionNo}版，原因：{c.reason}
              </Text>
              {!data.withdrawal && (
                <Text
                  className='link disclosure__earlier-link'
                  data-testid='earlier-version-link'
                  onClick={() =>
                    void Taro.navigateTo({
                      url: pageUrl('disclosure', { id: data.id, code: params.code, version: versionBefore(data, c.versionNo) }),
                    })
                  }
                >
                  看更正前的第{versionBefore(data, c.versionNo)}版
                </Text>
              )}
            </View>
          ))}
        </View>
      )}

      {shown.table && (
        <View data-testid='disclosure-table'>
          {/* The download is the current table: an earlier version is read here only. */}
          {!old && (
            <View className='disclosure__download' data-testid='download-table' onClick={download}>
              <Text className='link'>下载表格（Excel）</Text>
            </View>
          )}
          {downloadError && <Text className='field-error'>{downloadError}</Text>}
          <TableLines table={shown.table} oldVersion={old?.versionNo ?? null} onQuestion={question} />
        </View>
      )}
      <Attachments disclosureId={data.id} items={shown.attachments} />

      <View className='btn btn--primary disclosure__report' data-testid='report-button' onClick={() => question()}>
        对这条公开有疑问，我要反映
      </View>
      {old && (
        <View
          className='btn btn--secondary disclosure__current'
          data-testid='current-version-link-end'
          onClick={() => openCurrent(data.id, params.code)}
        >
          看现行的第{data.versionNo}版
        </View>
      )}
    </View>
  );
}
