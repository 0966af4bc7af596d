import { describe, expect, it } from '@jest/globals';
import { checkDraft, emptyState, retype, sortProblems } from './form';

describe('disclosure editor form', () => {
  it('leaves blank rows out and names a refused cell at the row the publisher typed it in', () => {
    const state = {
      ...retype(emptyState('2026-11-28'), 'other'),
      kind: 'village' as const,
      title: '村务公开',
      rows: [
        ['1', '修路', '已完工'],
        ['', '', ' '],
        ['2', '电话13812345678', ''],
      ],
    };
    const checked = checkDraft(state);
    if (!checked.ok) throw new Error('the draft should pass the shared schema');
    expect(checked.draft.table?.rows).toEqual([
      ['1', '修路', '已完工'],
      ['2', '电话13812345678', ''],
    ]);
    const problems = sortProblems(
      [
        { field: 'body.table.rows.1.1', message: '有完整的手机号' },
        { field: 'body.title', message: '标题中有完整的手机号' },
        { field: 'body.somethingElse', message: '别的' },
      ],
      checked.sentRows,
      '公开内容里有完整的身份证号或手机号',
    );
    expect(problems.cells).toEqual({ '2.1': '有完整的手机号' });
    expect(problems.fields.title).toBe('标题中有完整的手机号');
    expect(problems.form).toBe('公开内容里有完整的身份证号或手机号；别的');
  });

  it('keeps what sits under a column of the same name when the type changes', () => {
    const income = { ...retype(emptyState('2026-11-28'), 'income_expense'), rows: [['2026-10-08', '修路', '', '1200.00', '王会计', '']] };
    const party = retype(income, 'party_work');
    expect(party.columns).toEqual(['日期', '事项', '内容', '负责人']);
    expect(party.rows).toEqual([['2026-10-08', '', '', '']]);
  });
});
