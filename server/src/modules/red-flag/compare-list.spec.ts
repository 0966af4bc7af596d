import { describe, expect, it } from '@jest/globals';
import { type ComparisonData, compareList } from './compare-list.js';

const NOTHING: ComparisonData = { otherLists: [], roster: [], deceased: [], standard: null };
const list = (people: Array<string | null>, amounts: Array<number | null> = people.map(() => 120_000)) => ({
  disclosureId: 7,
  versionNo: 2,
  people,
  amounts,
});

describe('comparing a recipient list', () => {
  it('raises nothing on a clean list', () => {
    const data: ComparisonData = {
      otherLists: [{ disclosureId: 9, villageName: '西河村', title: '补贴名单', rowIndex: 0, idHash: 'someone-else' }],
      roster: [{ idHash: 'cadre', detail: '东山村 村委会主任' }],
      deceased: [{ idHash: 'gone', detail: '2025-03-02' }],
      standard: { minFen: 10_000, maxFen: 150_000 },
    };
    expect(compareList(list(['a', 'b', null]), data)).toEqual([]);
  });

  it('flags the second line of the same person in one list', () => {
    expect(compareList(list(['a', 'b', 'a']), NOTHING)).toEqual([
      { key: 'duplicate_in_list:7:2:2', kind: 'duplicate_in_list', rowIndex: 2, evidence: '同一身份证号在本名单第1行已经出现' },
    ]);
  });

  it('flags a person on another village’s list of the same kind and period', () => {
    const data = {
      ...NOTHING,
      otherLists: [{ disclosureId: 9, villageName: '西河村', title: '2026年第三季度补贴名单', rowIndex: 4, idHash: 'b' }],
    };
    expect(compareList(list(['a', 'b']), data)).toEqual([
      {
        key: 'duplicate_across_villages:7:2:1:9-4',
        kind: 'duplicate_across_villages',
        rowIndex: 1,
        evidence: '同一人也在西河村《2026年第三季度补贴名单》第5行领取',
      },
    ]);
  });

  it('flags cadres, the deceased, and amounts outside the county standard', () => {
    const data: ComparisonData = {
      otherLists: [],
      roster: [{ idHash: 'a', detail: '东山村 村委会主任王某之子' }],
      deceased: [{ idHash: 'c', detail: '2025-03-02' }],
      standard: { minFen: 10_000, maxFen: 150_000 },
    };
    expect(compareList(list(['a', 'b', 'c'], [120_000, 180_000, null]), data).map((f) => [f.kind, f.rowIndex, f.evidence])).toEqual([
      ['cadre_roster', 0, '领取人在村干部名单上：东山村 村委会主任王某之子'],
      ['deceased', 2, '领取人在去世人员名单上，去世日期 2025-03-02'],
      ['amount_outside_standard', 1, '金额 1800.00 元，县定标准为 100.00–1500.00 元'],
    ]);
  });
});
