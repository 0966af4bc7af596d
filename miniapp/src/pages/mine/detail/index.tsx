import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ReportStatusView } from '@mashang/shared';
import { villagerRoutes } from '@mashang/shared/labels';
import { useEffect, useState } from 'react';
import { buttonProps } from '../../../components/Field/a11y';
import { withPageFont } from '../../../components/PageFont';
import StatusView from '../../../components/StatusView';
import ReportDetail, { type ReporterActions } from '../../../components/StatusView/ReportDetail';
import { ApiError, isApiError } from '../../../services/http';
import { callAsReporter } from '../../../services/reporter-session';
import { pageUrl } from '../../../utils/format';

const REF = /^[2-9A-HJKMNP-Z]{10}$/;

function failure(error: unknown): string {
  if (isApiError(error) && error.code === 'VALIDATION_FAILED' && error.details.length) return error.details[0]!.message;
  return isApiError(error) ? error.message : '没有成功，请再试一次';
}

/**
 * One of the reporter's own reports from 我的反映, shown as the query-code lookup shows it; the
 * session stands in for the query code when rating, asking for review or adding information.
 */
function MyReportPage() {
  const { params } = useRouter();
  const ref = params.ref && REF.test(params.ref) ? params.ref : null;
  const [view, setView] = useState<ReportStatusView | null>(null);
  const [error, setError] = useState<ApiError | null>(ref ? null : new ApiError('REPORT_NOT_FOUND'));
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!ref) return;
    let live = true;
    callAsReporter(villagerRoutes.reporterAccount.myReport, { params: { ref } }).then(
      (found) => live && setView(found),
      (failed: unknown) => live && setError(isApiError(failed) ? failed : new ApiError('INTERNAL')),
    );
    return () => {
      live = false;
    };
  }, [ref, attempt]);

  const actions: ReporterActions | undefined = ref
    ? {
        rate: (rating, reasons, comment) =>
          callAsReporter(villagerRoutes.reporterAccount.rate, {
            params: { ref },
            body: { rating, ...(reasons.length ? { reasons } : {}), ...(comment ? { comment } : {}) },
          }),
        requestReview: (reason) => callAsReporter(villagerRoutes.reporterAccount.requestReview, { params: { ref }, body: { reason } }),
        addInfo: (text) => callAsReporter(villagerRoutes.reporterAccount.addInfo, { params: { ref }, body: { text } }),
      }
    : undefined;

  const back = () => void Taro.redirectTo({ url: pageUrl('mine') });

  if (error) {
    const signedOut = error.code === 'REPORTER_SESSION_EXPIRED';
    return (
      <View className='page'>
        <Text className='h1'>我的反映</Text>
        {signedOut || error.code === 'REPORT_NOT_FOUND' ? (
          <View className='card' data-testid='error'>
            <Text className='text'>{signedOut ? '登录已过期，请回到「我的反映」重新查看。' : '没有找到这件反映。'}</Text>
          </View>
        ) : (
          <StatusView
            error={error}
            onRetry={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          />
        )}
        <View className='btn btn--secondary' data-testid='back-to-mine' {...buttonProps()} onClick={back}>
          回到我的反映
        </View>
      </View>
    );
  }

  return (
    <View className='page'>
      <Text className='h1'>我的反映</Text>
      {view ? <ReportDetail view={view} actions={actions} onChange={setView} failure={failure} /> : <StatusView loading />}
    </View>
  );
}

export default withPageFont(MyReportPage);
