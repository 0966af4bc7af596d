import { readFileSync } from 'node:fs';
import { DUE_DATE_KINDS, type DueDateKind } from '@mashang/shared';
import { z } from 'zod';

const UnitSchema = z.enum(['workday', 'calendar']);

/** The event that starts a deadline's clock. */
export const DeadlineStartSchema = z.enum(['received', 'accepted', 'transferred_in', 'concluded', 'replied', 'review_requested']);
export type DeadlineStart = z.infer<typeof DeadlineStartSchema>;

const DeadlineRuleSchema = z.object({
  label: z.string().min(1),
  days: z.number().int().positive().max(365),
  unit: UnitSchema,
  from: DeadlineStartSchema,
  /** A statutory duty owed to real-name reporters only; see `anonymousFollowsRealNameClock`. */
  appliesTo: z.enum(['real_name', 'all']).default('all'),
  /** False for a clock that runs only if a handler takes that path (sending a case up counts from receipt). */
  automatic: z.boolean().default(true),
});
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

const RegimeSchema = z
  .object({
    label: z.string().min(1),
    basis: z.string().min(1),
    deadlines: z.partialRecord(z.enum(Object.keys(DUE_DATE_KINDS) as [DueDateKind, ...DueDateKind[]]), DeadlineRuleSchema),
    extension: z
      .object({ deadline: z.string(), maxDays: z.number().int().positive(), unit: UnitSchema, times: z.number().int().positive() })
      .nullable(),
  })
  .refine((r) => 'acceptance' in r.deadlines, { error: 'every regime needs an acceptance deadline' })
  .refine((r) => !r.extension || r.extension.deadline in r.deadlines, { error: 'extension names an unknown deadline' });
export type Regime = z.infer<typeof RegimeSchema>;

const PeriodSchema = z.object({ unit: UnitSchema });

export const DeadlineRulesSchema = z.object({
  regimes: z.object({ accusation: RegimeSchema, petition: RegimeSchema }),
  /** Anonymous reports have no statutory feedback duty; we hold them to the same clock anyway. */
  anonymousFollowsRealNameClock: z.boolean(),
  /** A period in calendar days whose last day is a holiday or weekend ends on the next working day. */
  calendarPeriodEndingOnHolidayMovesToNextWorkday: z.boolean(),
  reminders: PeriodSchema.extend({ before: z.number().int().min(0).max(30) }),
  escalation: PeriodSchema.extend({ afterOverdue: z.number().int().min(0).max(60) }),
});
export type DeadlineRules = z.infer<typeof DeadlineRulesSchema>;
export type RegimeName = keyof DeadlineRules['regimes'];

export const DEFAULT_DEADLINE_RULES_FILE = new URL('../../../../config/deadline-rules.json', import.meta.url).pathname;

/** Reads and validates a rules file; a mistake names the file and the field. */
export function loadDeadlineRules(file: string): DeadlineRules {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read deadline rules ${file}: ${(error as Error).message}`);
  }
  const parsed = DeadlineRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid deadline rules in ${file}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
