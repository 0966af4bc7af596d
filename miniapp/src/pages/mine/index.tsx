import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { contract, REPORT_CATEGORIES, REPORT_STATUSES, type MyReportSummary } from '@mashang/shared';
import { villagerRoutes } from '@mashang/shared/labels';
import { useCallback, useEffect, useState } from 'react';
import { IS_H5, buttonProps } from '../../components/Field/a11y';
import { withPageFont } from '../../components/PageFont';
import StatusView from '../../components/StatusView';
import { useApi } from '../../hooks/use-api';
import { call } from '../../services/api';
import { ApiError, isApiError } from '../../services/http';
import { callAsReporter, currentSession, signOut } from '../../services/reporter-session';
import { chineseDate, pageUrl } from '../../utils/format';
import PhoneSignIn from './phone-sign-in';
import './index.scss';

const PAGE_SIZE = 20;

type State =
  | { kind: 'signed-out' }
  | { kind: 'loading' }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'list'; items: MyReportSummary[]; total: number; more: boolean };

/** One report in the list: where it is and what comes next; the report's number is never shown. */
function ReportRow({ report }: { report: MyReportSummary }) {
  const open = () => void Taro.navigateTo({ url: pageUrl('mine/detail', { ref: report.ref }) });
  const status = REPORT_STATUSES[report.status];
  return (
    <View
      className='card mine__row'
      data-testid='my-report'
      {...buttonProps()}
      {...(IS_H5 ? {} : { ariaLabel: `${report.villageName}，${REPORT_CATEGORIES[report.category]}，${status}，点按查看` })}
      onClick={open}
    >
      <View className='mine__row-top'>
        <Text className='mine__status' data-testid='my-report-status'>
          {status}
        </Text>
        <Text className='mine__arrow' aria-hidden='true'>
          查看 ›
        </Text>
      </View>
      <Text className='text'>
        {report.villageName} · {REPORT_CATEGORIES[report.category]}
      </Text>
      <Text className='muted mine__line'>{chineseDate(report.receivedAt)}收到</Text>
      {report.next.text && (
        <Text className='text mine__next' data-testid='my-report-next'>
          接下来：{report.next.text}
        </Text>
      )}
    </View>
  );
}

function LookupLink() {
  return (
    <View
      className='btn btn--secondary'
      data-testid='mine-lookup'
      {...buttonProps()}
      onClick={() => void Taro.navigateTo({ url: pageUrl('lookup') })}
    >
      查询反映进度
    </View>
  );
}

/** 匿名反映 are not here, and never can be: the query code is their only way back. */
function AnonymousNote() {
  return <Text className='muted mine__anon'>匿名反映不和任何人关联，这里不会列出，请凭提交时给您的查询码查看进度。</Text>;
}

/**
 * 我的反映: the reporter's own real-name reports. The mini program signs in silently with the WeChat
 * identity; H5 asks for the phone and an SMS code. Tapping a report opens it as the query-code lookup shows it.
 */
function MinePage() {
  const [state, setState] = useState<State>(() => (IS_H5 && !currentSession() ? { kind: 'signed-out' } : { kind: 'loading' }));
  // H5: whether the server can send codes at all (SMS configured); if not, the query code is the way.
  const settings = useApi(() => (state.kind === 'signed-out' ? call(contract.notification.templates) : null), [state.kind]);

  const load = useCallback(async (offset: number, before: MyReportSummary[]) => {
    if (IS_H5 && !currentSession()) return setState({ kind: 'signed-out' });
    if (!before.length) setState({ kind: 'loading' });
    try {
      const page = await callAsReporter(villagerRoutes.reporterAccount.myReports, { query: { offset, limit: PAGE_SIZE } });
      const items = [...before, ...page.items];
      setState({ kind: 'list', items, total: page.total, more: items.length < page.total && page.items.length > 0 });
    } catch (error) {
      const expired = isApiError(error) && error.code === 'REPORTER_SESSION_EXPIRED';
      if (IS_H5 && expired) return setState({ kind: 'signed-out' });
      setState({ kind: 'failed', error: isApiError(error) ? error : new ApiError('INTERNAL') });
    }
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the list is asked for once the page opens
    if (state.kind === 'loading') void load(0, []);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on opening; later loads are the reader's taps
  }, []);

  const leave = async () => {
    await signOut();
    if (IS_H5) setState({ kind: 'signed-out' });
    else await Taro.navigateBack().catch(() => Taro.reLaunch({ url: pageUrl('lookup') }));
  };

  return (
    <View className='page mine'>
      <Text className='h1'>我的反映</Text>
      {!IS_H5 && <Text className='muted mine__why'>只用您的微信身份列出您本人实名提交的反映，不会用于别的用途。</Text>}

      {state.kind === 'signed-out' && (
        <>
          {settings.data?.phoneLogin === false ? (
            <View className='card' data-testid='phone-login-off'>
              <Text className='text'>现在还不能用手机号查看。请凭提交时给您的查询码查看进度。</Text>
            </View>
          ) : (
            <PhoneSignIn onSignedIn={() => void load(0, [])} />
          )}
          <AnonymousNote />
          <LookupLink />
        </>
      )}

      {state.kind === 'loading' && <StatusView loading />}
      {state.kind === 'failed' && (
        <>
          <StatusView error={state.error} onRetry={() => void load(0, [])} />
          <AnonymousNote />
          <LookupLink />
        </>
      )}

      {state.kind === 'list' && state.items.length === 0 && (
        <View data-testid='mine-empty'>
          <View className='card'>
            <Text className='h2'>还没有您实名提交的反映</Text>
            <Text className='text'>这里只列出您实名提交的反映。</Text>
            <AnonymousNote />
          </View>
          <LookupLink />
        </View>
      )}

      {state.kind === 'list' && state.items.length > 0 && (
        <View data-testid='mine-list'>
          <Text className='muted mine__count'>共{state.total}件，最近的在前面；点一件查看办理经过和答复。</Text>
          {state.items.map((report) => (
            <ReportRow key={report.ref} report={report} />
          ))}
          {state.more && (
            <View
              className='btn btn--secondary'
              data-testid='mine-more'
              {...buttonProps()}
              onClick={() => void load(state.items.length, state.items)}
            >
              再看{Math.min(PAGE_SIZE, state.total - state.items.length)}件
            </View>
          )}
          <AnonymousNote />
        </View>
      )}

      {(state.kind === 'list' || state.kind === 'failed') && (
        <View className='mine__leave'>
          <View className='link' data-testid='mine-sign-out' {...buttonProps()} onClick={() => void leave()}>
            {IS_H5 ? '退出（在别人的手机上看完请点这里）' : '退出'}
          </View>
        </View>
      )}
    </View>
  );
}

export default withPageFont(MinePage);
