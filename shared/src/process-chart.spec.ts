import { describe, expect, it } from '@jest/globals';
import { backEdges, type ChartLike, stepOrder, validateChart } from './process-chart.js';
import { EditableChartSchema } from './schemas/power-list.js';

// 村级财务开支审批: two reviews that can send the voucher back, and a return to the start.
const FINANCE: ChartLike = {
  nodes: [
    { id: 'n1', label: '经办人取得合规票据' },
    { id: 'n2', label: '村务监督委员会审核' },
    { id: 'n3', label: '村主要负责人审批' },
    { id: 'n4', label: '报账员报账' },
    { id: 'n5', label: '镇“三资”代理服务中心审核' },
    { id: 'n6', label: '入账支付' },
    { id: 'n7', label: '按月公开', end: true },
    { id: 'n8', label: '退回经办人补正' },
  ],
  edges: [
    { from: 'n1', to: 'n2' },
    { from: 'n2', to: 'n3', label: '审核通过' },
    { from: 'n2', to: 'n8', label: '审核不通过' },
    { from: 'n3', to: 'n4' },
    { from: 'n4', to: 'n5' },
    { from: 'n5', to: 'n6', label: '审核通过' },
    { from: 'n5', to: 'n8', label: '审核不通过' },
    { from: 'n8', to: 'n1', label: '补正后重新报送' },
    { from: 'n6', to: 'n7' },
  ],
};

const messages = (chart: ChartLike) => validateChart(chart).map((p) => p.message);
const withEdges = (edges: ChartLike['edges'], nodes = FINANCE.nodes): ChartLike => ({ nodes, edges });

describe('validateChart', () => {
  it('accepts a chart with one start, labelled branches, a return and a marked end', () => {
    expect(validateChart(FINANCE)).toEqual([]);
    expect(validateChart({ nodes: [{ id: 'a', label: '当场办结', end: true }], edges: [] })).toEqual([]);
  });

  it('starts at the first step, and names any other step with no way in', () => {
    const chart = withEdges(FINANCE.edges.filter((e) => e.to !== 'n4'));
    const problems = validateChart(chart);
    expect(problems[0]).toEqual({
      message: '「报账员报账」没有箭头指向它：流程只能从第一步「经办人取得合规票据」开始。请给它接上来的箭头，或把它移到第一步',
      path: ['nodes', 3],
      nodeId: 'n4',
    });
    // What hangs below it cannot be reached either.
    expect(problems.filter((p) => p.message.startsWith('从第一步「经办人取得合规票据」走不到')).map((p) => p.nodeId)).toEqual([
      'n5',
      'n6',
      'n7',
    ]);
  });

  it('wants an end somewhere', () => {
    const loop: ChartLike = {
      nodes: [
        { id: 'a', label: '受理' },
        { id: 'b', label: '审核' },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
    };
    expect(messages(loop)).toEqual(['流程还没有结束步骤：请把流程走完的那一步标为“结束步骤”']);
  });

  it('names a step the start cannot reach', () => {
    const chart: ChartLike = {
      nodes: [
        { id: 'a', label: '申请' },
        { id: 'b', label: '办结', end: true },
        { id: 'c', label: '复核' },
        { id: 'd', label: '复核通过' },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'c', to: 'd' },
        { from: 'd', to: 'c', label: '再审' },
        { from: 'd', to: 'b', label: '通过' },
      ],
    };
    expect(messages(chart)).toEqual([
      '从第一步「申请」走不到「复核」：请给它接上来的箭头',
      '从第一步「申请」走不到「复核通过」：请给它接上来的箭头',
    ]);
  });

  it('asks for the condition on every unlabelled way out of a step with several', () => {
    const chart = withEdges(FINANCE.edges.map((e) => (e.from === 'n5' && e.to === 'n8' ? { from: 'n5', to: 'n8' } : e)));
    expect(validateChart(chart)).toEqual([
      {
        message: '「镇“三资”代理服务中心审核」有2条去向，请写明去「退回经办人补正」的条件（如“审核通过”）',
        path: ['edges', 6, 'label'],
        edgeIndex: 6,
        nodeId: 'n5',
      },
    ]);
    // A label of spaces is no label.
    const spaces = withEdges(FINANCE.edges.map((e) => (e.from === 'n2' && e.to === 'n3' ? { ...e, label: '  ' } : e)));
    expect(messages(spaces)).toEqual(['「村务监督委员会审核」有2条去向，请写明去「村主要负责人审批」的条件（如“审核通过”）']);
  });

  it('lets only marked end steps stop, and marked ends must stop', () => {
    const unmarked = { nodes: FINANCE.nodes.map((n) => ({ ...n, end: false })), edges: FINANCE.edges };
    expect(messages(unmarked)).toEqual(['「按月公开」之后没有下一步：如果流程到这里结束，请把它标为“结束步骤”；否则请给它加上去向']);
    const endTooEarly = { nodes: FINANCE.nodes.map((n) => (n.id === 'n6' ? { ...n, end: true } : n)), edges: FINANCE.edges };
    expect(messages(endTooEarly)).toEqual(['「入账支付」标为结束步骤，却还有去向：请取消“结束步骤”，或删去它的去向']);
  });

  it('finds a loop a case can never leave', () => {
    const chart: ChartLike = {
      nodes: [
        { id: 'a', label: '申请' },
        { id: 'b', label: '初审' },
        { id: 'c', label: '补材料' },
        { id: 'd', label: '办结', end: true },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'd', label: '材料齐全' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'b' },
      ],
    };
    expect(messages(chart)).toEqual([
      '「申请」有2条去向，请写明去「初审」的条件（如“审核通过”）',
      '从「初审」往下走到不了结束步骤，事情会在这里打转：请给这一段加上通往结束的去向',
      '从「补材料」往下走到不了结束步骤，事情会在这里打转：请给这一段加上通往结束的去向',
    ]);
  });

  it('wants names, unique ids, and arrows between two different existing steps, once', () => {
    const chart: ChartLike = {
      nodes: [
        { id: 'a', label: '申请' },
        { id: 'b', label: ' ' },
        { id: 'a', label: '重复' },
        { id: 'c', label: '办结', end: true },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'c' },
        { from: 'a', to: 'zz' },
      ],
    };
    expect(messages(chart)).toEqual([
      '第2个步骤还没有填写名称',
      '「申请」与另一个步骤的编号重复',
      '从第2个步骤（还没有名称）到「办结」的去向重复了，请删去一条',
      '「办结」不能连回它自己',
      '第5条去向的终点步骤不存在，请重新选择',
    ]);
    expect(messages({ nodes: [], edges: [] })).toEqual(['流程图至少要有一个步骤']);
  });
});

describe('stepOrder', () => {
  it('numbers the main line first and the return last (not 6 → 8 → 7)', () => {
    expect(stepOrder(FINANCE)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8']);
    expect([...backEdges(FINANCE)]).toEqual([7]);
  });

  it('puts the longer branch first whatever order the branches were listed in', () => {
    const chart: ChartLike = {
      nodes: [
        { id: 's', label: '农户申请' },
        { id: 'no', label: '书面告知不符合的理由', end: true },
        { id: 'ok', label: '村内公示' },
        { id: 'end', label: '乡镇审批', end: true },
      ],
      edges: [
        { from: 's', to: 'no', label: '不符合' },
        { from: 's', to: 'ok', label: '符合' },
        { from: 'ok', to: 'end' },
      ],
    };
    expect(stepOrder(chart)).toEqual(['s', 'ok', 'end', 'no']);
  });

  it('numbers a step after every step that leads to it', () => {
    // 审核 either goes straight on to 公示, or through 补充调查 first: 补充调查 must come before 公示.
    const chart: ChartLike = {
      nodes: [
        { id: 'a', label: '申请' },
        { id: 'b', label: '审核' },
        { id: 'd', label: '公示' },
        { id: 'c', label: '补充调查' },
        { id: 'e', label: '办结', end: true },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'd', label: '材料齐全' },
        { from: 'b', to: 'c', label: '需调查' },
        { from: 'c', to: 'd' },
        { from: 'd', to: 'e' },
      ],
    };
    expect(stepOrder(chart)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('numbers every step once even in a chart being drafted', () => {
    const draft: ChartLike = {
      nodes: [
        { id: 'x', label: '孤立步骤' },
        { id: 'a', label: '受理' },
        { id: 'b', label: '审核' },
        { id: 'a', label: '重复编号' },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
    };
    expect(stepOrder(draft).sort()).toEqual(['a', 'b', 'x']);
  });
});

describe('EditableChartSchema', () => {
  it('reports each problem at its place in the chart, as a form names its fields', () => {
    const result = EditableChartSchema.safeParse({
      nodes: [
        { id: 'a', label: '申请' },
        { id: 'b', label: '办结' },
      ],
      edges: [{ from: 'a', to: 'b', label: '' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      { path: ['nodes', 1, 'end'], message: '「办结」之后没有下一步：如果流程到这里结束，请把它标为“结束步骤”；否则请给它加上去向' },
    ]);
  });

  it('drops empty conditions and actors, and trims names', () => {
    const result = EditableChartSchema.parse({
      nodes: [
        { id: 'a', label: ' 申请 ', actor: '' },
        { id: 'b', label: '办结', end: true },
      ],
      edges: [{ from: 'a', to: 'b', label: ' ' }],
    });
    expect(result).toEqual({
      nodes: [
        { id: 'a', label: '申请', actor: undefined, risks: [] },
        { id: 'b', label: '办结', actor: undefined, risks: [], end: true },
      ],
      edges: [{ from: 'a', to: 'b', label: undefined }],
    });
  });
});
