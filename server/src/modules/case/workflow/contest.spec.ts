import { describe, expect, it } from '@jest/globals';
import { DEFAULT_DEADLINE_RULES_FILE, loadDeadlineRules } from '../../deadline/deadline-rules.js';
import { type ClosingFacts, mayClose, nextContest } from './contest.js';

const rules = loadDeadlineRules(DEFAULT_DEADLINE_RULES_FILE);
const petition = rules.regimes.petition.contest;
const accusation = rules.regimes.accusation.contest;

describe('the path to contest an answer, from the rules file', () => {
  it('sends a petition answered by the township to the county for 复查, then tells the reporter where to ask for 复核', () => {
    expect(nextContest(petition, 'township', 0)).toEqual({ kind: 'in_system', step: '复查', level: 'county' });
    expect(nextContest(petition, 'county', 1)).toEqual({ kind: 'outside', step: '复核', text: '请向市级信访工作机构申请复核' });
  });

  it('sends a petition the county answered first straight outside, and a 复核 a level higher again', () => {
    expect(nextContest(petition, 'county', 0)).toEqual({ kind: 'outside', step: '复查', text: '请向市级信访工作机构申请复查' });
    expect(nextContest({ ...petition, steps: ['复查', '复核'] }, 'county', 1).kind).toBe('outside');
  });

  it('never offers a step beyond the last one: no loop of reviews', () => {
    expect(nextContest(petition, 'township', 2)).toEqual({ kind: 'none', text: null });
    expect(nextContest(accusation, 'county', 1)).toEqual({ kind: 'none', text: '如对复查结果仍有异议，可以向市纪委监委反映' });
  });
});

describe('filing an answered case away', () => {
  const facts = (over: Partial<ClosingFacts>): ClosingFacts => ({
    status: 'replied',
    rating: null,
    next: { kind: 'in_system', step: '复查', level: 'county' },
    ratingEnded: false,
    reviewEnded: false,
    ...over,
  });

  it('closes once the reporter is content, or the period to rate ended unrated', () => {
    expect(mayClose(facts({ rating: 'satisfied' }))).toBe(true);
    expect(mayClose(facts({ rating: 'basically_satisfied' }))).toBe(true);
    expect(mayClose(facts({}))).toBe(false);
    expect(mayClose(facts({ ratingEnded: true }))).toBe(true);
  });

  it('keeps a case rated 不满意 open while the reporter may still ask here, and not after', () => {
    expect(mayClose(facts({ rating: 'unsatisfied' }))).toBe(false);
    expect(mayClose(facts({ rating: 'unsatisfied', reviewEnded: true }))).toBe(true);
    expect(mayClose(facts({ rating: 'unsatisfied', next: { kind: 'outside', step: '复核', text: '…' } }))).toBe(true);
    expect(mayClose(facts({ rating: 'unsatisfied', next: { kind: 'none', text: null } }))).toBe(true);
  });

  it('closes nothing that is not answered', () => {
    expect(mayClose(facts({ status: 'under_review', rating: 'satisfied' }))).toBe(false);
  });
});
