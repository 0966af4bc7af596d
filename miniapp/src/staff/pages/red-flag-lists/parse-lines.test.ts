import { describe, expect, it } from '@jest/globals';
import { lineOfField, parseLines } from './parse-lines';

describe('pasted lists', () => {
  it('reads tabs from Excel, spaces and commas, and skips empty lines keeping line numbers', () => {
    const rows = parseLines(
      '王大山\t341821199003074538\t村委会主任\n\n李小河, 341821196502031213, 村委会主任之子\n赵春花 11010519491231002X 2025-03-02',
    );
    expect(rows).toEqual([
      { line: 1, cells: ['王大山', '341821199003074538', '村委会主任'] },
      { line: 3, cells: ['李小河', '341821196502031213', '村委会主任之子'] },
      { line: 4, cells: ['赵春花', '11010519491231002X', '2025-03-02'] },
    ]);
    expect(lineOfField('body.entries.1.idNumber', rows)).toBe(3);
    expect(lineOfField('body.villageCode', rows)).toBeNull();
  });
});
