import { z } from 'zod';
import { Secret } from './secret.js';

/**
 * The env keys of progress notices and SMS (modules/notification, modules/sms), kept here so
 * app-config.ts only spreads them in. WeChat's own keys are W's, in app-config.ts.
 */
export const NOTIFICATION_ENV_KEYS = {
  /** One-time subscribe template ids; a template left unset is not asked for. */
  WECHAT_TEMPLATE_ACCEPTED: z.string().trim().min(1).max(128).optional(),
  WECHAT_TEMPLATE_ANSWERED: z.string().trim().min(1).max(128).optional(),
  WECHAT_TEMPLATE_REVIEWED: z.string().trim().min(1).max(128).optional(),
  /**
   * The keywords of the three templates, in order: the status (`phrase`), the line (`thing`) and the
   * date (`date` or `time`). Pick three templates with the same layout in the admin console.
   */
  WECHAT_TEMPLATE_KEYWORDS: z
    .string()
    .trim()
    .regex(/^phrase\d+,thing\d+,(date|time)\d+$/, { error: 'must be "phrase<n>,thing<n>,date<n>" (or time<n>)' })
    .default('phrase1,thing2,date3'),
  /** How often the outbox worker looks for due jobs; 0 turns it off (tests run it by hand, as they do the sweep). */
  OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).optional(),
  SMS_PROVIDER: z.enum(['tencent', 'demo', 'off']).optional(),
  /** Sign-in codes sent in all, across instances, per hour and per day: a cap on what SMS pumping can cost. */
  SMS_CODES_PER_HOUR: z.coerce.number().int().min(1).default(500),
  SMS_CODES_PER_DAY: z.coerce.number().int().min(1).default(5000),
  SMS_API_BASE: z.url({ protocol: /^https?$/ }).default('https://sms.tencentcloudapi.com'),
  SMS_REGION: z.string().trim().default('ap-guangzhou'),
  SMS_SECRET_ID: z.string().trim().optional(),
  SMS_SECRET_KEY: z.string().trim().optional(),
  SMS_SDK_APP_ID: z.string().trim().optional(),
  SMS_SIGN_NAME: z.string().trim().optional(),
  /** Template for a progress notice, parameters {1} status (已受理) and {2} date (11月28日). */
  SMS_TEMPLATE_PROGRESS: z.string().trim().optional(),
  /** Template for a sign-in code, parameters {1} the code and {2} the minutes it is valid. */
  SMS_TEMPLATE_CODE: z.string().trim().optional(),
};

type NotificationEnv = z.output<z.ZodObject<typeof NOTIFICATION_ENV_KEYS>> & {
  NODE_ENV: string;
  DEMO_DATA: string;
};

const TENCENT_KEYS = [
  'SMS_SECRET_ID',
  'SMS_SECRET_KEY',
  'SMS_SDK_APP_ID',
  'SMS_SIGN_NAME',
  'SMS_TEMPLATE_PROGRESS',
  'SMS_TEMPLATE_CODE',
] as const;

/** Refuses a Tencent provider without its keys, and the demo provider (which logs codes) in production. */
export function refineNotificationEnv(env: NotificationEnv, ctx: z.RefinementCtx): void {
  if (env.SMS_PROVIDER === 'tencent') {
    for (const key of TENCENT_KEYS)
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when SMS_PROVIDER=tencent' });
  }
  if (env.NODE_ENV === 'production' && env.SMS_PROVIDER === 'demo')
    ctx.addIssue({ code: 'custom', path: ['SMS_PROVIDER'], message: 'must not be demo in production: it writes sign-in codes to the log' });
}

export interface TencentSmsConfig {
  apiBase: string;
  region: string;
  secretId: string;
  secretKey: Secret;
  sdkAppId: string;
  signName: string;
  templates: { progress: string; code: string };
}

export interface SmsConfig {
  /** `demo` sends nothing and logs a masked line (default with DEMO_DATA=true); `off` (default otherwise) sends nothing at all. */
  provider: 'tencent' | 'demo' | 'off';
  tencent: TencentSmsConfig | null;
  /** Sign-in codes sent in all, per hour and per day; beyond them phone sign-in is unavailable until the window turns. */
  codesPerHour: number;
  codesPerDay: number;
}

export interface NotificationConfig {
  templates: { accepted: string | null; answered: string | null; reviewed: string | null };
  /** The keywords of the templates: status, line, date. */
  keywords: { status: string; line: string; date: string };
  outboxIntervalSeconds: number;
}

export function notificationConfigOf(e: NotificationEnv): { notifications: NotificationConfig; sms: SmsConfig } {
  const [status = 'phrase1', line = 'thing2', date = 'date3'] = e.WECHAT_TEMPLATE_KEYWORDS.split(',');
  const provider = e.SMS_PROVIDER ?? (e.DEMO_DATA === 'true' ? 'demo' : 'off');
  return {
    notifications: {
      templates: {
        accepted: e.WECHAT_TEMPLATE_ACCEPTED ?? null,
        answered: e.WECHAT_TEMPLATE_ANSWERED ?? null,
        reviewed: e.WECHAT_TEMPLATE_REVIEWED ?? null,
      },
      keywords: { status, line, date },
      // Off in tests unless asked for: they run the worker by hand at the time they set.
      outboxIntervalSeconds: e.OUTBOX_INTERVAL_SECONDS ?? (e.NODE_ENV === 'test' ? 0 : 5),
    },
    sms: {
      provider,
      codesPerHour: e.SMS_CODES_PER_HOUR,
      codesPerDay: e.SMS_CODES_PER_DAY,
      tencent:
        provider === 'tencent'
          ? {
              apiBase: e.SMS_API_BASE.replace(/\/+$/, ''),
              region: e.SMS_REGION,
              secretId: e.SMS_SECRET_ID!,
              secretKey: new Secret(e.SMS_SECRET_KEY!),
              sdkAppId: e.SMS_SDK_APP_ID!,
              signName: e.SMS_SIGN_NAME!,
              templates: { progress: e.SMS_TEMPLATE_PROGRESS!, code: e.SMS_TEMPLATE_CODE! },
            }
          : null,
    },
  };
}
