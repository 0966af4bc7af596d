import { Text, View } from '@tarojs/components';
import { contract } from '@mashang/shared';
import { useMemo, useState } from 'react';
import StatusView from '../../../components/StatusView';
import { call } from '../../../services/api';
import { openFile } from '../../../services/spreadsheet-files';
import Select from '../../components/Select';
import StaffBar from '../../components/StaffBar';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { problemText } from '../../problem';
import { type PosterChoice, posterPath, townshipsOf } from './posters';
import '../../staff.scss';
import './index.scss';

/**
 * Township and county staff print the QR posters for the notice boards: a whole township (one A4
 * page per village) or one village, as a PDF or, in a browser, as a print page.
 */
export default function PostersPage() {
  const account = useAccount();
  const allowed = account?.role === 'township_handler' || account?.role === 'county_supervisor';
  const villages = useStaffApi(() => (allowed ? call(contract.case.villages) : null), [allowed]);
  const townships = useMemo(() => townshipsOf(villages.data?.items ?? []), [villages.data]);
  const [townshipCode, setTownshipCode] = useState('');
  const [villageCode, setVillageCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!account) return <View className='staff' />;

  // A township handler has one township; a county supervisor picks one.
  const township = townships.length === 1 ? townships[0] : townships.find((t) => t.code === townshipCode);
  const village = township?.villages.find((v) => v.code === villageCode);
  const choice: PosterChoice | null = village ? { village: village.code } : township ? { township: township.code } : null;
  const subject = village ? `${township?.name ?? ''}${village.name}` : (township?.name ?? '');

  const download = async () => {
    if (!choice || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await openFile(posterPath('pdf', choice), `${subject}二维码海报.pdf`, { kind: 'pdf', staff: true });
    } catch (e) {
      if (!handledAuthError(e)) setProblem(`海报没有下载成功：${problemText(e)}`);
    } finally {
      setBusy(false);
    }
  };
  // The print page is a plain page of the server, sent with the session cookie: H5 only.
  const openPrintPage = () => {
    if (choice) window.open(posterPath('html', choice), '_blank', 'noopener');
  };

  return (
    <View className='staff posters'>
      <StaffBar account={account} current='posters' />
      <Text className='s-h1'>打印二维码海报</Text>
      {!allowed && <Text className='s-text'>这一页只对乡镇纪委和县纪委开放。</Text>}
      {allowed && (
        <View className='s-card'>
          {!villages.data && <StatusView loading={villages.loading} error={villages.error} onRetry={villages.reload} />}
          {villages.data && townships.length === 0 && <Text className='s-text'>辖区内还没有村。</Text>}
          {townships.length > 1 && (
            <View className='posters__field'>
              <Text className='s-label'>乡镇</Text>
              <Select
                options={townships.map((t) => ({ value: t.code, label: `${t.name}（${t.villages.length}个村）` }))}
                value={townshipCode}
                placeholder='请选择乡镇'
                onChange={(code) => {
                  setTownshipCode(code);
                  setVillageCode('');
                }}
                testId='poster-township'
              />
            </View>
          )}
          {township && (
            <View className='posters__field'>
              <Text className='s-label'>村</Text>
              <Select
                options={township.villages.map((v) => ({ value: v.code, label: v.name }))}
                value={villageCode}
                placeholder={`全部${township.villages.length}个村（每村一张）`}
                allowEmpty
                onChange={setVillageCode}
                testId='poster-village'
              />
            </View>
          )}
          {choice && (
            <View className='posters__actions'>
              <Text className='s-text' data-testid='poster-summary'>
                {village ? `${subject}：1张海报` : `${subject}：${township?.villages.length ?? 0}张海报，每村一张`}
              </Text>
              <Text
                className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`}
                onClick={() => void download()}
                data-testid='poster-pdf'
              >
                {busy ? '正在生成…' : '下载 PDF'}
              </Text>
              {process.env.TARO_ENV === 'h5' && (
                <Text className='s-btn' onClick={openPrintPage} data-testid='poster-print'>
                  打开打印页
                </Text>
              )}
            </View>
          )}
          {problem && (
            <Text className='s-error' data-testid='poster-problem'>
              {problem}
            </Text>
          )}
          <Text className='s-muted posters__hint'>
            A4
            纸打印，每张海报印有村名、本村二维码（边长9厘米，1.5米外可扫）、扫码后能做的事、乡镇举报电话和对反映人的保护承诺。请张贴在村务公开栏等显眼处。
          </Text>
        </View>
      )}
    </View>
  );
}
