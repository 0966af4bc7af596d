import Taro from '@tarojs/taro';
import { contract, type NotificationTemplates, type ReportMode } from '@mashang/shared';
import { useEffect, useState } from 'react';
import { call } from '../../services/api';
import { callAsReporter, currentSession, ensureSession } from '../../services/reporter-session';

/** Read when asked (the build writes the platform in; tests switch it). */
const isWeapp = () => process.env.TARO_ENV === 'weapp';
/** WeChat shows at most three templates in one prompt. */
const MAX_TEMPLATES = 3;

/** The template id → accept / reject / ban / filter answers, as `requestSubscribeMessage` gives them. */
export type SubscribeResults = Record<string, string>;

/**
 * For a real-name report only: what the server can notify by (WeChat templates, SMS), and in the mini
 * program a silent sign-in, so the report lands in 我的反映 and the phone button can be used.
 * An anonymous report asks nothing and signs nobody in.
 */
export function useNoticeSettings(mode: ReportMode | null): { settings: NotificationTemplates | null; signedIn: boolean } {
  const [settings, setSettings] = useState<NotificationTemplates | null>(null);
  const [signedIn, setSignedIn] = useState(() => !!currentSession());
  const realName = mode === 'real_name';
  useEffect(() => {
    if (!realName) return;
    let live = true;
    call(contract.notification.templates).then(
      (answer) => live && setSettings(answer),
      () => undefined, // no notices offered; the report is filed all the same
    );
    if (isWeapp()) {
      ensureSession().then(
        (session) => live && setSignedIn(!!session),
        () => live && setSignedIn(false), // WeChat not reachable: filed without a session, followed by the query code
      );
    }
    return () => {
      live = false;
    };
  }, [realName]);
  return { settings, signedIn };
}

/**
 * Mini program, real name: opens WeChat's subscribe prompt for the progress templates. Must be called
 * synchronously inside the submit tap, before any network call, or WeChat refuses to show it. Resolves
 * with the answers, or null when nothing was asked or the prompt failed (the report is filed anyway).
 */
export function askForNotices(mode: ReportMode | null, settings: NotificationTemplates | null): Promise<SubscribeResults | null> {
  if (!isWeapp() || mode !== 'real_name' || !settings?.templates.length || !currentSession()) return Promise.resolve(null);
  const tmplIds = settings.templates.slice(0, MAX_TEMPLATES).map((t) => t.templateId);
  try {
    // Taro's type also asks for Alipay's `entityIds`; WeChat takes `tmplIds` alone.
    return Taro.requestSubscribeMessage({ tmplIds } as unknown as Taro.requestSubscribeMessage.Option).then(
      (answer) => {
        const results: SubscribeResults = {};
        for (const id of tmplIds) {
          const value = (answer as unknown as Record<string, unknown>)[id];
          if (typeof value === 'string') results[id] = value;
        }
        return Object.keys(results).length ? results : null;
      },
      () => null, // 20004 the user's main switch is off, 20005 banned, …: no notices
    );
  } catch {
    return Promise.resolve(null);
  }
}

/** After filing: tells the server which notices the reporter allowed for this report. A failure costs only the notices. */
export async function postGrants(ref: string, results: SubscribeResults | null): Promise<void> {
  if (!results) return;
  try {
    await callAsReporter(contract.notification.grantSubscriptions, { params: { ref }, body: { results } });
  } catch {
    // The report stands; the reporter follows it in 我的反映.
  }
}
