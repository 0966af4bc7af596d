import { readFileSync } from 'node:fs';
import { type DeadlineRules, DeadlineRulesSchema } from '@mashang/shared';

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
