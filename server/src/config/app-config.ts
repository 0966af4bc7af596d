import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { DisclosureCalendar } from '@mashang/shared';
import { DEFAULT_DEADLINE_RULES_FILE, type DeadlineRules, loadDeadlineRules } from '../modules/deadline/deadline-rules.js';
import { DEFAULT_DISCLOSURE_CALENDAR_FILE, loadDisclosureCalendar } from '../modules/publishing/disclosure-calendar-file.js';
import {
  NOTIFICATION_ENV_KEYS,
  type NotificationConfig,
  type SmsConfig,
  notificationConfigOf,
  refineNotificationEnv,
} from './notification-config.js';
import { Secret } from './secret.js';

/** Development-only stand-ins, so a newcomer runs the product with nothing configured. */
const DEV_HASH_SECRET = 'dev-only-hash-secret-do-not-use-in-production-0000';
const DEV_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^(mysql:\/\/|sqlite:)/, { error: 'must start with mysql:// or sqlite:' })
      .default('sqlite:./data/mashang.db'),
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    HASH_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
    DATA_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, { error: 'must be 32 bytes in base64' })
      .optional(),
    LOOKUP_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
    LOGIN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
    REPORTS_FREE_PER_ADDRESS: z.coerce.number().int().min(0).max(100_000).default(10),
    REPORTS_FREE_PER_VILLAGE: z.coerce.number().int().min(0).max(100_000).default(30),
    REPORT_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
    PROOF_OF_WORK_DIFFICULTY: z.coerce.number().int().min(1).max(24).default(16),
    IDEMPOTENCY_REPLAY_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    DEMO_DATA: z.enum(['true', 'false']).default('false'),
    H5_DIR: z.string().optional(),
    UPLOAD_DIR: z.string().min(1).default('./data/uploads'),
    DEADLINE_RULES_FILE: z.string().optional(),
    DISCLOSURE_CALENDAR_FILE: z.string().optional(),
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((v, ctx) => {
        const parsed = parseTrustProxy(v);
        if (typeof parsed === 'string') {
          ctx.addIssue({ code: 'custom', message: parsed });
          return z.NEVER;
        }
        return parsed;
      }),
    API_DOCS: z.enum(['true', 'false']).optional(),
    SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
    ...NOTIFICATION_ENV_KEYS,
    RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(365),
    WECHAT_TEXT_CHECK: z.enum(['on', 'off']).default('off'),
    WECHAT_APP_ID: z.string().trim().optional(),
    WECHAT_APP_SECRET: z.string().trim().optional(),
    WECHAT_API_BASE: z.url({ protocol: /^https?$/ }).default('https://api.weixin.qq.com'),
  })
  .superRefine((env, ctx) => {
    refineNotificationEnv(env, ctx);
    // Half a WeChat configuration is a mistake, not "WeChat off".
    if (!env.WECHAT_APP_ID !== !env.WECHAT_APP_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['WECHAT_APP_SECRET'],
        message: 'WECHAT_APP_ID and WECHAT_APP_SECRET are set together or not at all',
      });
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['HASH_SECRET', 'DATA_ENCRYPTION_KEY', 'PUBLIC_BASE_URL'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
    if (env.DEMO_DATA === 'true')
      ctx.addIssue({
        code: 'custom',
        path: ['DEMO_DATA'],
        message: 'must not be true in production: demo accounts have published passwords',
      });
  });

export type DatabaseConfig = { type: 'sqlite'; file: string } | { type: 'mysql'; url: string };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  database: DatabaseConfig;
  publicBaseUrl: string;
  hashSecret: string;
  dataEncryptionKey: Buffer;
  lookupLimitPerMinute: number;
  loginLimitPerMinute: number;
  intake: IntakeLimits;
  demoData: boolean;
  /** Where the H5 build lives; the server serves it at `/`. */
  h5Dir: string;
  /** Where uploaded photos and files are kept on local disk (absolute). */
  uploadDir: string;
  deadlineRules: DeadlineRules;
  /** The shipped 三务公开 calendar; a county may set its own. */
  disclosureCalendar: DisclosureCalendar;
  /** How often the deadline sweep runs; 0 turns it off (tests run it by hand). */
  sweepIntervalSeconds: number;
  /** Days after a case ended before its reporter's personal data is removed (the case itself stays). */
  retentionDays: number;
  /** Whether real-name mini-program reports go through WeChat's text check (off: report text reaches no third party). */
  wechatTextCheck: boolean;
  /**
   * Which X-Forwarded-For hops to believe, so rate limits key on the client address a reverse proxy
   * forwards: none (`false`), the last N hops, or only hops from these proxy addresses / CIDRs.
   */
  trustProxy: TrustProxy;
  /** Whether `/api/docs` and `/api/openapi.json` are served (always outside production; `API_DOCS=true` there). */
  apiDocs: boolean;
  /** Progress notices: subscribe templates and the outbox worker (config/notification-config.ts). */
  notifications: NotificationConfig;
  sms: SmsConfig;
  wechat: WechatConfig;
}

/** The mini program's WeChat platform access; see modules/wechat. */
export interface WechatConfig {
  /** `https://api.weixin.qq.com`, or a stand-in server in tests. */
  apiBase: string;
  /** The app id and secret; null turns every WeChat feature off (it answers WECHAT_UNAVAILABLE). */
  app: { id: string; secret: Secret } | null;
}

export type TrustProxy = false | number | string[];

/** How many reports are filed freely before a proof of work is asked, and how long a receipt can be replayed. */
export interface IntakeLimits {
  /** Reports one client address files in ten minutes without a proof of work (a village meeting behind one NAT). */
  freePerAddress: number;
  /** Reports one village receives in ten minutes, from all addresses, without a proof of work. */
  freePerVillage: number;
  /** Filing attempts, answered or challenged, one address may make in a minute before it is refused. */
  attemptsPerMinute: number;
  /** Leading zero bits asked once past the free rate: about a second or two on an old phone at 16. */
  proofOfWorkDifficulty: number;
  /** How long a retry with the same idempotency key gets the receipt back. */
  replayHours: number;
}

/** proxy-addr's names for address ranges, accepted beside addresses and CIDRs. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry) || isIP(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (!version || rest.length || !bits || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}

/** `TRUST_PROXY` as Fastify's `trustProxy`, or the reason it is refused. */
export function parseTrustProxy(value: string): TrustProxy | string {
  const v = value.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true')
    return 'must be a hop count (e.g. 1) or the proxy addresses (e.g. 10.0.0.5,10.1.0.0/16), not "true": trusting any X-Forwarded-For would let every client pick the address its rate limits count';
  if (/^\d+$/.test(v)) return Number(v) <= 10 ? Number(v) : 'a hop count must be between 1 and 10';
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (bad.length) return `not a proxy address or CIDR: ${bad.join(', ')}`;
  return entries;
}

export class ConfigError extends Error {}

function loadRules(file: string): DeadlineRules {
  try {
    return loadDeadlineRules(file);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function loadCalendar(file: string): DisclosureCalendar {
  try {
    return loadDisclosureCalendar(file);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function parseDatabaseUrl(url: string): DatabaseConfig {
  return url.startsWith('mysql://') ? { type: 'mysql', url } : { type: 'sqlite', file: url.slice('sqlite:'.length) };
}

/** Reads and validates the environment once; the only place that touches `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    database: parseDatabaseUrl(e.DATABASE_URL),
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    hashSecret: e.HASH_SECRET ?? DEV_HASH_SECRET,
    dataEncryptionKey: Buffer.from(e.DATA_ENCRYPTION_KEY ?? DEV_DATA_KEY, 'base64'),
    lookupLimitPerMinute: e.LOOKUP_LIMIT_PER_MINUTE,
    loginLimitPerMinute: e.LOGIN_LIMIT_PER_MINUTE,
    intake: {
      freePerAddress: e.REPORTS_FREE_PER_ADDRESS,
      freePerVillage: e.REPORTS_FREE_PER_VILLAGE,
      attemptsPerMinute: e.REPORT_ATTEMPTS_PER_MINUTE,
      proofOfWorkDifficulty: e.PROOF_OF_WORK_DIFFICULTY,
      replayHours: e.IDEMPOTENCY_REPLAY_HOURS,
    },
    demoData: e.DEMO_DATA === 'true',
    h5Dir: resolve(e.H5_DIR ?? new URL('../../../miniapp/dist/h5', import.meta.url).pathname),
    uploadDir: resolve(e.UPLOAD_DIR),
    deadlineRules: loadRules(e.DEADLINE_RULES_FILE ?? DEFAULT_DEADLINE_RULES_FILE),
    disclosureCalendar: loadCalendar(e.DISCLOSURE_CALENDAR_FILE ?? DEFAULT_DISCLOSURE_CALENDAR_FILE),
    sweepIntervalSeconds: e.SWEEP_INTERVAL_SECONDS,
    retentionDays: e.RETENTION_DAYS,
    wechatTextCheck: e.WECHAT_TEXT_CHECK === 'on',
    trustProxy: e.TRUST_PROXY,
    apiDocs: e.NODE_ENV !== 'production' || e.API_DOCS === 'true',
    ...notificationConfigOf(e),
    wechat: {
      apiBase: e.WECHAT_API_BASE.replace(/\/+$/, ''),
      app: e.WECHAT_APP_ID && e.WECHAT_APP_SECRET ? { id: e.WECHAT_APP_ID, secret: new Secret(e.WECHAT_APP_SECRET) } : null,
    },
  };
}

export function usesDevSecrets(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.HASH_SECRET || !env.DATA_ENCRYPTION_KEY;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
