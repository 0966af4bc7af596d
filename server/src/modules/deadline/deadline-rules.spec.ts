import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_DEADLINE_RULES_FILE, type DeadlineRules, loadDeadlineRules } from './deadline-rules.js';

function fileWith(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rules-')), 'rules.json');
  writeFileSync(file, content);
  return file;
}

describe('loadDeadlineRules', () => {
  it('loads the shipped rules of both regimes', () => {
    const rules = loadDeadlineRules(DEFAULT_DEADLINE_RULES_FILE);
    expect(rules.regimes.accusation.deadlines.acceptance).toMatchObject({ days: 15, unit: 'workday' });
    expect(rules.regimes.petition.deadlines.handling).toMatchObject({ days: 60, unit: 'calendar', from: 'accepted' });
    expect(rules.regimes.petition.extension).toMatchObject({ maxDays: 30, times: 1 });
  });

  it('names the field of a mistake', () => {
    const rules = JSON.parse(JSON.stringify(loadDeadlineRules(DEFAULT_DEADLINE_RULES_FILE))) as DeadlineRules;
    rules.regimes.petition.deadlines.handling!.days = -60;
    expect(() => loadDeadlineRules(fileWith(JSON.stringify(rules)))).toThrow(/regimes\.petition\.deadlines\.handling\.days/);
  });

  it('refuses a file that is not JSON', () => {
    expect(() => loadDeadlineRules(fileWith('{ days: 15'))).toThrow(/Cannot read deadline rules/);
  });
});
