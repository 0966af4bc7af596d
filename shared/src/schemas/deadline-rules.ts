import { z } from 'zod';
import { DueDateKindSchema } from './report.js';

const UnitSchema = z.enum(['workday', 'calendar']);

/** The event that starts a deadline's clock. */
export const DeadlineStartSchema = z.enum(['received', 'accepted', 'transferred_in', 'concluded', 'replied', 'review_requested']);
export type DeadlineStart = z.infer<typeof DeadlineStartSchema>;

export const DeadlineRuleSchema = z.object({
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

/**
 * How a reporter may contest an answer: each step (复查, then 复核) is decided by the level above the
 * one that gave the answer before it, asked within the `review_request` period. A step whose level
 * is above the county is outside this system: the reporter is told where to turn instead.
 */
export const ContestSchema = z.object({
  basis: z.string().min(1),
  /** The steps in order, by name; none when the result cannot be contested within the system. */
  steps: z.array(z.string().min(1).max(10)).max(3),
  /** The levels above the county, nearest first, named as the reporter should look for them. */
  beyond: z.array(z.string().min(1)).min(1),
  /** What the reporter reads for a step outside this system: `{level}` and `{step}` are filled in. */
  beyondText: z.string().min(1),
  /** What the reporter reads when no step is left, or null to say nothing. */
  noStepText: z.string().min(1).nullable(),
});
export type Contest = z.infer<typeof ContestSchema>;

export const RegimeSchema = z
  .object({
    label: z.string().min(1),
    basis: z.string().min(1),
    deadlines: z.partialRecord(DueDateKindSchema, DeadlineRuleSchema),
    extension: z
      .object({ deadline: DueDateKindSchema, maxDays: z.number().int().positive(), unit: UnitSchema, times: z.number().int().positive() })
      .nullable(),
    /** How long the reporter has to rate an answer; a case still unrated at its end is closed. (Default: rules saved before it existed.) */
    rating: z.object({ days: z.number().int().positive().max(365), unit: UnitSchema }).default({ days: 30, unit: 'calendar' }),
    contest: ContestSchema.default({
      basis: '《信访工作条例》',
      steps: [],
      beyond: ['上一级机关'],
      beyondText: '如对答复不满意，请向{level}申请{step}',
      noStepText: null,
    }),
  })
  .refine((r) => 'acceptance' in r.deadlines, { error: '每类事项都要有受理期限（acceptance）' })
  // A 督办's date is set by the county on each case, within limits of its own: no rule gives it one.
  .refine((r) => !('supervision' in r.deadlines), { error: '回复督办的期限由县纪委在督办时确定，不能写进期限规则' })
  .refine((r) => !r.extension || r.extension.deadline in r.deadlines, { error: '延期针对的期限不存在' });
export type Regime = z.infer<typeof RegimeSchema>;

const PeriodSchema = z.object({ unit: UnitSchema });

/** The statutory deadlines as data: the file `config/deadline-rules.json`, or a county's own version. */
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

export const CountyDeadlineRulesSchema = z.object({
  countyCode: z.string(),
  /** False while the county follows the shipped rules. */
  overridden: z.boolean(),
  rules: DeadlineRulesSchema,
  /** The shipped, statutory rules: a county may shorten a period of these, never lengthen it. */
  statutory: DeadlineRulesSchema,
});
