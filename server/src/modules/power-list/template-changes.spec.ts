import { describe, expect, it } from '@jest/globals';
import type { StoredPowerItemContent } from '@mashang/shared';
import { describeUpdate, mergeUpdate, sameContent } from './template-changes.js';

const V1: StoredPowerItemContent = {
  category: 'finance',
  title: '村级财务开支审批',
  basis: '《农村集体经济组织财务制度》',
  responsible: '村报账员',
  publicity: ['每笔支出的时间、事由及金额'],
  chart: {
    nodes: [
      { id: 'a', label: '取得票据', actor: '经办人', risks: [] },
      { id: 'b', label: '监委会审核', risks: ['审核流于形式'] },
      { id: 'c', label: '按月公开', risks: [], end: true },
    ],
    edges: [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c', label: '审核通过' },
    ],
  },
};

function v2(): StoredPowerItemContent {
  return {
    ...V1,
    category: 'major_decision',
    publicity: ['每笔支出的时间、事由及金额', '经办人、审批人'],
    chart: {
      nodes: [
        { id: 'a', label: '取得合规票据', risks: [] },
        { id: 'b', label: '监委会审核', risks: ['事后补签'] },
        { id: 'r', label: '退回补正', risks: [] },
        { id: 'c', label: '按月公开', risks: [], end: true },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c', label: '通过' },
        { from: 'b', to: 'r', label: '不通过' },
        { from: 'r', to: 'a' },
      ],
    },
  };
}

describe('what a village reads of a template update', () => {
  it('says in words what changed in each field the county changed', () => {
    expect(describeUpdate(V1, V1, v2())).toEqual([
      { field: 'category', label: '类别', lines: ['由“财务管理”改为“重大事项决策”'], villageAdjusted: false },
      { field: 'publicity', label: '必须公开的内容', lines: ['新增：经办人、审批人'], villageAdjusted: false },
      {
        field: 'chart',
        label: '流程图',
        lines: [
          '步骤“取得票据”改名为“取得合规票据”',
          '“取得合规票据”不再写明办理人',
          '“监委会审核”新增廉政风险点：事后补签',
          '“监委会审核”删去廉政风险点：审核流于形式',
          '新增步骤“退回补正”',
          '“监委会审核” → “按月公开”的条件改为“通过”',
          '新增去向：“监委会审核” → “退回补正”（不通过）',
          '新增去向：“退回补正” → “取得合规票据”',
        ],
        villageAdjusted: false,
      },
    ]);
  });

  it('says a removed step once, not again for each of its arrows', () => {
    expect(describeUpdate(v2(), v2(), V1).find((c) => c.field === 'chart')?.lines).toEqual([
      '步骤“取得合规票据”改名为“取得票据”',
      '“取得票据”的办理人改为：经办人',
      '“监委会审核”新增廉政风险点：审核流于形式',
      '“监委会审核”删去廉政风险点：事后补签',
      '删去步骤“退回补正”',
      '“监委会审核” → “按月公开”的条件改为“审核通过”',
    ]);
  });

  it('marks the fields the village had changed too', () => {
    const ours = { ...V1, category: 'village_affairs' as const, responsible: '村民委员会主任' };
    expect(describeUpdate(ours, V1, v2()).map((c) => [c.field, c.villageAdjusted])).toEqual([
      ['category', true],
      ['publicity', false],
      ['chart', false],
    ]);
  });
});

describe('accepting a template update', () => {
  it('takes the fields the county changed and keeps the village’s own elsewhere', () => {
    const ours = { ...V1, responsible: '村民委员会主任', category: 'village_affairs' as const };
    const merged = mergeUpdate(ours, V1, v2());
    expect(merged).toEqual({ ...v2(), responsible: '村民委员会主任' });
  });

  it('compares content whatever the key order or an empty actor', () => {
    const reordered: StoredPowerItemContent = JSON.parse(
      JSON.stringify({
        chart: V1.chart,
        publicity: V1.publicity,
        responsible: V1.responsible,
        basis: V1.basis,
        title: V1.title,
        category: V1.category,
      }),
    ) as StoredPowerItemContent;
    reordered.chart.nodes[1] = { ...reordered.chart.nodes[1]!, actor: '' };
    expect(sameContent(reordered, V1)).toBe(true);
    expect(sameContent(v2(), V1)).toBe(false);
  });
});
