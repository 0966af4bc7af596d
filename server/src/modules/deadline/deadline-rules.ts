import { readFileSync } from 'node:fs';
import { type DeadlineRules, DeadlineRulesSchema, type DueDateKind, type FieldError, isStaffDuty } from '@mashang/shared';

export type { DeadlineRule, DeadlineRules, DeadlineStart, RegimeName } from '@mashang/shared';

export const DEFAULT_DEADLINE_RULES_FILE = new URL('../../../../config/deadline-rules.json', import.meta.url).pathname;

/** Reads and validates a rules file; a mistake names the file and the field. */
export function loadDeadlineRules(file: string): DeadlineRules {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read deadline rules ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = DeadlineRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid deadline rules in ${file}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

const UNIT_WORDS = { workday: '个工作日', calendar: '天' } as const;

/**
 * Where a county's rules would give more time than the statutory ones: a county may shorten a
 * statutory period but never lengthen it, drop it, count it in other units or from a later event,
 * nor allow a longer (or any unlisted) extension. Each problem names its field, in words.
 */
export function longerThanStatutory(rules: DeadlineRules, statutory: DeadlineRules): FieldError[] {
  const problems: FieldError[] = [];
  for (const name of Object.keys(statutory.regimes) as (keyof DeadlineRules['regimes'])[]) {
    const law = statutory.regimes[name];
    const county = rules.regimes[name];
    const at = `body.regimes.${name}`;
    for (const [kind, rule] of Object.entries(law.deadlines)) {
      if (!rule) continue;
      const field = `${at}.deadlines.${kind}`;
      const own = county.deadlines[kind as keyof typeof county.deadlines];
      const what = `${law.label}的「${rule.label}」`;
      if (!own) {
        problems.push({ field, message: `${what}是法定期限，不能删去` });
        continue;
      }
      if (own.unit !== rule.unit) {
        problems.push({
          field: `${field}.unit`,
          message: `${what}法定按${rule.unit === 'workday' ? '工作日' : '自然日'}计算，不能改变计算方法`,
        });
      } else if (isStaffDuty(kind as DueDateKind) && own.days > rule.days) {
        problems.push({
          field: `${field}.days`,
          message: `${what}法定为${rule.days}${UNIT_WORDS[rule.unit]}，只能缩短，不能改为${own.days}${UNIT_WORDS[own.unit]}`,
        });
      }
      if (own.from !== rule.from) problems.push({ field: `${field}.from`, message: `${what}的起算点是法定的，不能改变` });
      if (rule.appliesTo === 'all' && own.appliesTo !== 'all')
        problems.push({ field: `${field}.appliesTo`, message: `${what}对所有反映都适用，不能只用于实名反映` });
      if (rule.automatic && !own.automatic)
        problems.push({ field: `${field}.automatic`, message: `${what}应自动开始计时，不能改为不计时` });
    }
    const extension = county.extension;
    if (extension) {
      const allowed = law.extension;
      if (!allowed) {
        problems.push({ field: `${at}.extension`, message: `${law.label}没有法定的延期，不能增加延期` });
      } else if (extension.deadline !== allowed.deadline || extension.unit !== allowed.unit) {
        problems.push({ field: `${at}.extension`, message: `${law.label}的延期只能用于法定的期限，按法定的方法计算` });
      } else {
        if (extension.maxDays > allowed.maxDays)
          problems.push({
            field: `${at}.extension.maxDays`,
            message: `${law.label}法定最多延期${allowed.maxDays}${UNIT_WORDS[allowed.unit]}，不能改为${extension.maxDays}`,
          });
        if (extension.times > allowed.times)
          problems.push({
            field: `${at}.extension.times`,
            message: `${law.label}法定最多延期${allowed.times}次，不能改为${extension.times}次`,
          });
      }
    }
  }
  if (!statutory.calendarPeriodEndingOnHolidayMovesToNextWorkday && rules.calendarPeriodEndingOnHolidayMovesToNextWorkday) {
    problems.push({ field: 'body.calendarPeriodEndingOnHolidayMovesToNextWorkday', message: '期限最后一天遇节假日不能顺延' });
  }
  return problems;
}

/**
 * Where a county's rules would take away a right of the reporter: the reporter's own windows (to ask
 * for 复查, to rate an answer) may be lengthened but never shortened, and the ways to contest an answer
 * and the clock anonymous reports follow stay as the statutory file has them. Each problem names its field.
 */
export function reporterRightsTaken(rules: DeadlineRules, statutory: DeadlineRules): FieldError[] {
  const problems: FieldError[] = [];
  for (const name of Object.keys(statutory.regimes) as (keyof DeadlineRules['regimes'])[]) {
    const law = statutory.regimes[name];
    const county = rules.regimes[name];
    const at = `body.regimes.${name}`;
    const windows: { field: string; label: string; law: { days: number; unit: 'workday' | 'calendar' }; own?: { days: number } }[] = [
      { field: `${at}.rating.days`, label: '评价期限', law: law.rating, own: county.rating },
    ];
    for (const [kind, rule] of Object.entries(law.deadlines)) {
      if (!rule || isStaffDuty(kind as DueDateKind)) continue;
      windows.push({ field: `${at}.deadlines.${kind}.days`, label: rule.label, law: rule, own: county.deadlines[kind as DueDateKind] });
    }
    for (const w of windows) {
      // A dropped window or one in other units is refused by longerThanStatutory.
      if (w.own && w.own.days < w.law.days)
        problems.push({
          field: w.field,
          message: `${law.label}的「${w.label}」是反映人的权利，法定为${w.law.days}${UNIT_WORDS[w.law.unit]}，只能延长，不能缩短为${w.own.days}${UNIT_WORDS[w.law.unit]}`,
        });
    }
    if (county.rating.unit !== law.rating.unit)
      problems.push({
        field: `${at}.rating.unit`,
        message: `${law.label}的「评价期限」法定按${law.rating.unit === 'workday' ? '工作日' : '自然日'}计算，不能改变计算方法`,
      });
    for (const key of Object.keys(law.contest) as (keyof DeadlineRules['regimes']['petition']['contest'])[]) {
      if (JSON.stringify(county.contest[key]) !== JSON.stringify(law.contest[key]))
        problems.push({
          field: `${at}.contest.${key}`,
          message:
            key === 'steps'
              ? `${law.label}法定可以申请${law.contest.steps.join('、') || '（无）'}，不能取消或改变`
              : `${law.label}申请复查、复核的途径和说明是法定的，不能改变`,
        });
    }
  }
  if (rules.anonymousFollowsRealNameClock !== statutory.anonymousFollowsRealNameClock)
    problems.push({ field: 'body.anonymousFollowsRealNameClock', message: '匿名反映按实名反映的期限办理，不能改变' });
  return problems;
}
