import { describe, expect, it } from '@jest/globals';
import { ENDED_STATUSES } from './ended-states.js';

describe('ENDED_STATUSES', () => {
  it('are the states nothing but a note follows, as the retention migration lists them', () => {
    expect([...ENDED_STATUSES].sort()).toEqual(['closed', 'declined', 'duplicate', 'invalid', 'transferred']);
  });
});
