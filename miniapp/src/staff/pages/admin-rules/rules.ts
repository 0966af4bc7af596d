import {
  contract,
  DUE_DATE_KINDS,
  type DeadlineRule,
  type DeadlineRules,
  type DeadlineStart,
  type DueDateKind,
  isStaffDuty,
  type RegimeName,
} from '@mashang/shared';

/**
 * The rules' schema, reached through the contract: importing `DeadlineRulesSchema` by name here
 * splits its module out of the shared bundle in the main package and makes that package grow.
 */
const RulesSchema = contract.admin.setDeadlineRules.body;

export const REGIMES: RegimeName[] = ['accusation', 'petition'];

const STARTS: Record<DeadlineStart, string> = {
  received: '收到反映之日',
  accepted: '受理之日',
  transferred_in: '转来之日',
  concluded: '办结之日',
  replied: '答复之日',
  review_requested: '申请复查之日',
};

export function unitText(unit: 'workday' | 'calendar'): string {
  return unit === 'workday' ? '个工作日' : '天';
}

/** One deadline in plain words: 「告知是否受理：自收到反映之日起 15 个工作日内（实名反映）」. */
export function describeDeadline(kind: DueDateKind, rule: DeadlineRule, days: number | string = rule.days): string {
  const notes = [rule.appliesTo === 'real_name' ? '只对实名反映' : '', rule.automatic ? '' : '只在办理中走到这一步时计时'].filter(Boolean);
  return `${DUE_DATE_KINDS[kind]}：自${STARTS[rule.from]}起 ${days} ${unitText(rule.unit)}内${notes.length ? `（${notes.join('；')}）` : ''}`;
}

/** The deadlines of a regime, in the order of DUE_DATE_KINDS. */
export function deadlinesOf(rules: DeadlineRules, regime: RegimeName): [DueDateKind, DeadlineRule][] {
  const deadlines = rules.regimes[regime].deadlines;
  return (Object.keys(DUE_DATE_KINDS) as DueDateKind[]).filter((k) => deadlines[k]).map((k) => [k, deadlines[k]!]);
}

/** The editable numbers as typed, keyed `days.<regime>.<kind>`, `extension.<regime>`, `reminders`, `escalation`. */
export type RulesDraft = Record<string, string>;

export function draftOf(rules: DeadlineRules): RulesDraft {
  const draft: RulesDraft = {};
  for (const regime of REGIMES) {
    for (const [kind, rule] of deadlinesOf(rules, regime)) draft[`days.${regime}.${kind}`] = String(rule.days);
    const extension = rules.regimes[regime].extension;
    if (extension) draft[`extension.${regime}`] = String(extension.maxDays);
  }
  draft.reminders = String(rules.reminders.before);
  draft.escalation = String(rules.escalation.afterOverdue);
  return draft;
}

/** The draft key a schema path (`regimes.accusation.deadlines.acceptance.days`, with or without `body.`) points at. */
export function draftKeyOf(path: string): string | null {
  const p = path.replace(/^body\./, '').split('.');
  if (p[0] === 'regimes' && p[2] === 'deadlines' && p[3]) return `days.${p[1]}.${p[3]}`;
  if (p[0] === 'regimes' && p[2] === 'extension') return `extension.${p[1]}`;
  if (p[0] === 'reminders') return 'reminders';
  if (p[0] === 'escalation') return 'escalation';
  return null;
}

/**
 * The whole rules object with the draft's numbers put in, checked by the shared schema;
 * or the problems, keyed like the draft ('' for the rules as a whole).
 */
export function applyDraft(
  rules: DeadlineRules,
  draft: RulesDraft,
): { ok: true; rules: DeadlineRules } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const num = (key: string): number => {
    const text = (draft[key] ?? '').trim();
    if (!/^\d+$/.test(text)) {
      errors[key] = '请填写整数';
      return NaN;
    }
    return Number(text);
  };
  const next: DeadlineRules = structuredCloneRules(rules);
  for (const regime of REGIMES) {
    const target = next.regimes[regime];
    for (const [kind] of deadlinesOf(rules, regime)) target.deadlines[kind]!.days = num(`days.${regime}.${kind}`);
    if (target.extension) target.extension.maxDays = num(`extension.${regime}`);
  }
  next.reminders.before = num('reminders');
  next.escalation.afterOverdue = num('escalation');
  if (Object.keys(errors).length) return { ok: false, errors };

  const checked = RulesSchema.safeParse(next);
  if (checked.success) return { ok: true, rules: checked.data };
  for (const issue of checked.error.issues) {
    const key = draftKeyOf(issue.path.map(String).join('.')) ?? '';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A deep copy (plain JSON data), so the rules in force on screen stay as loaded. */
function structuredCloneRules(rules: DeadlineRules): DeadlineRules {
  return JSON.parse(JSON.stringify(rules)) as DeadlineRules;
}

/**
 * How a period stands against the statutory one: called 法定 only when it is the statutory period
 * itself; a shorter one says so and names the statutory length; a longer one cannot be saved.
 */
export function statutoryNote(
  statutory: DeadlineRules,
  regime: RegimeName,
  kind: DueDateKind,
  days: string,
): { text: string; tone: 'statutory' | 'shorter' | 'longer' | 'own' } {
  const law = statutory.regimes[regime].deadlines[kind];
  if (!law) return { text: '本县增设的期限', tone: 'own' };
  const n = Number(days);
  const lawText = `${law.days}${unitText(law.unit)}`;
  if (!Number.isInteger(n) || n === law.days) return { text: `法定期限：${lawText}`, tone: 'statutory' };
  // The reporter's own windows (to ask for 复查) may only be lengthened; the staff's only shortened.
  if (!isStaffDuty(kind)) {
    if (n > law.days) return { text: `本县延长（法定为${lawText}）`, tone: 'shorter' };
    return { text: `反映人的期限不能短于法定的${lawText}`, tone: 'longer' };
  }
  if (n < law.days) return { text: `本县缩短（法定为${lawText}）`, tone: 'shorter' };
  return { text: `不能长于法定的${lawText}`, tone: 'longer' };
}
