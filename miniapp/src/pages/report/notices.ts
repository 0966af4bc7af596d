import Taro from '@tarojs/taro';
import { contract, type NotificationTemplates, type ReportMode } from '@mashang/shared';
import { useEffect, useState } from 'react';
import { call } from '../../services/api';
import { callAsReporter, ensureSession } from '../../services/reporter-session';

/** Read when asked (the build writes the platform in; tests switch it). */
const isWeapp = () => process.env.TARO_ENV === 'weapp';
/** WeChat shows at most three templates in one prompt. */
const MAX_TEMPLATES = 3;

/** The template id → accept / reject / ban / filter answers, as `requestSubscribeMessage` gives them. */
export type SubscribeResults = Record<string, string>;

/**
 * For a real-name report only: what the server can notify by (WeChat templates, SMS). A public list,
 * fetched without any token. Choosing 实名 signs nobody in: a sign-in made then would stay on the
 * server even if the villager switched to 匿名, its time seconds before the anonymous report's.
 */
export function useNoticeSettings(mode: ReportMode | null): { settings: NotificationTemplates | null } {
  const [settings, setSettings] = useState<NotificationTemplates | null>(null);
  const realName = mode === 'real_name';
  useEffect(() => {
    if (!realName) return;
    let live = true;
    call(contract.notification.templates).then(
      (answer) => live && setSettings(answer),
      () => undefined, // no notices offered; the report is filed all the same
    );
    return () => {
      live = false;
    };
  }, [realName]);
  return { settings };
}

/**
 * Mini program, real name, inside the submit tap (after the subscribe prompt was opened): the silent
 * WeChat sign-in, so the report lands in 我的反映. Never for an anonymous report. When WeChat cannot be
 * reached the report is filed without a session and followed by its query code.
 */
export async function signInForFiling(mode: ReportMode | null): Promise<void> {
  if (!isWeapp() || mode !== 'real_name') return;
  try {
    await ensureSession();
  } catch {
    // Filed without a session.
  }
}

/**
 * Mini program, real name: opens WeChat's subscribe prompt for the progress templates. Must be called
 * synchronously inside the submit tap, before any network call, or WeChat refuses to show it. Resolves
 * with the answers, or null when nothing was asked or the prompt failed (the report is filed anyway).
 */
export function askForNotices(mode: ReportMode | null, settings: NotificationTemplates | null): Promise<SubscribeResults | null> {
  if (!isWeapp() || mode !== 'real_name' || !settings?.templates.length) return Promise.resolve(null);
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
