import { describe, expect, it } from '@jest/globals';
import type { DeadlineRules } from '@mashang/shared';
import { statutoryNote } from './rules';

const statutory = {
  regimes: {
    petition: {
      deadlines: {
        handling: { label: '办理答复', days: 60, unit: 'calendar', from: 'accepted', appliesTo: 'all', automatic: true },
        review_request: { label: '申请复查', days: 30, unit: 'calendar', from: 'replied', appliesTo: 'all', automatic: true },
      },
    },
  },
} as unknown as DeadlineRules;

describe('statutoryNote', () => {
  it('lets a staff period be shortened and a reporter window only lengthened', () => {
    expect(statutoryNote(statutory, 'petition', 'handling', '45')).toEqual({ text: '本县缩短（法定为60天）', tone: 'shorter' });
    expect(statutoryNote(statutory, 'petition', 'handling', '90').tone).toBe('longer');
    expect(statutoryNote(statutory, 'petition', 'review_request', '45')).toEqual({ text: '本县延长（法定为30天）', tone: 'shorter' });
    expect(statutoryNote(statutory, 'petition', 'review_request', '1')).toEqual({ text: '反映人的期限不能短于法定的30天', tone: 'longer' });
  });
});
