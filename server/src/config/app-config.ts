import { resolve } from 'node:path';
import { z } from 'zod';
import type { DisclosureCalendar } from '@mashang/shared';
import { DEFAULT_DEADLINE_RULES_FILE, type DeadlineRules, loadDeadlineRules } from '../modules/deadline/deadline-rules.js';
import { DEFAULT_DISCLOSURE_CALENDAR_FILE, loadDisclosureCalendar } from '../modules/publishing/disclosure-calendar-file.js';

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
    DEMO_DATA: z.enum(['true', 'false']).default('false'),
    H5_DIR: z.string().optional(),
    UPLOAD_DIR: z.string().min(1).default('./data/uploads'),
    DEADLINE_RULES_FILE: z.string().optional(),
    DISCLOSURE_CALENDAR_FILE: z.string().optional(),
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['HASH_SECRET', 'DATA_ENCRYPTION_KEY', 'PUBLIC_BASE_URL'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
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
  /** Behind a reverse proxy, rate limits must key on the client address it forwards. */
  trustProxy: boolean;
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
    demoData: e.DEMO_DATA === 'true',
    h5Dir: resolve(e.H5_DIR ?? new URL('../../../miniapp/dist/h5', import.meta.url).pathname),
    uploadDir: resolve(e.UPLOAD_DIR),
    deadlineRules: loadRules(e.DEADLINE_RULES_FILE ?? DEFAULT_DEADLINE_RULES_FILE),
    disclosureCalendar: loadCalendar(e.DISCLOSURE_CALENDAR_FILE ?? DEFAULT_DISCLOSURE_CALENDAR_FILE),
    sweepIntervalSeconds: e.SWEEP_INTERVAL_SECONDS,
    trustProxy: e.TRUST_PROXY === 'true',
  };
}

export function usesDevSecrets(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.HASH_SECRET || !env.DATA_ENCRYPTION_KEY;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
