import { describe, expect, it } from '@jest/globals';
import { DEMO_POWER_ITEMS } from '../../../../server/src/demo/demo-data';
import {
  CHART_TEXT,
  type ChartEdgeInput,
  type ChartLayout,
  type ChartNodeInput,
  layoutChart,
  type Point,
  type Rect,
  wrapText,
} from './layout';

type Chart = { nodes: ChartNodeInput[]; edges: ChartEdgeInput[] };

// 四议两公开 with a review by the township that can send the proposal back to the start.
const FOUR_DISCUSSIONS: Chart = {
  nodes: [
    { id: 'a', label: '村党组织提议' },
    { id: 'b', label: '村两委会议商议', risks: ['未经集体研究，个人说了算'] },
    { id: 'c', label: '镇党委审核' },
    { id: 'd', label: '党员大会审议' },
    { id: 'e', label: '村民代表会议决议' },
    { id: 'f', label: '决议公开' },
    { id: 'g', label: '实施结果公开', end: true },
  ],
  edges: [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'c' },
    { from: 'c', to: 'd', label: '审核通过' },
    { from: 'c', to: 'a', label: '审核不通过' },
    { from: 'd', to: 'e' },
    { from: 'e', to: 'f' },
    { from: 'f', to: 'g' },
  ],
};

/** Three ways out of one step, long conditions, a skip and two returns: the worst a county is likely to draw. */
const CROWDED: Chart = {
  nodes: [
    { id: 's', label: '群众提出申请并提交有关材料', actor: '申请人' },
    { id: 'c', label: '村委会初审', actor: '村民委员会', risks: ['推诿不受理'] },
    { id: 'x', label: '当场办结', end: true },
    { id: 'm', label: '补充材料' },
    { id: 'r', label: '村民代表会议评议', risks: ['优亲厚友'] },
    { id: 't', label: '乡镇审核', risks: ['把关不严'] },
    { id: 'p', label: '公示七天' },
    { id: 'e', label: '办结归档', end: true },
  ],
  edges: [
    { from: 's', to: 'c' },
    { from: 'c', to: 'x', label: '简单事项' },
    { from: 'c', to: 'm', label: '材料不全' },
    { from: 'c', to: 'r', label: '需要集体研究决定' },
    { from: 'm', to: 's', label: '补齐后重新提交' },
    { from: 'r', to: 't' },
    { from: 't', to: 'p', label: '审核通过' },
    { from: 't', to: 'r', label: '审核不通过，重新评议' },
    { from: 'p', to: 'e' },
    { from: 'r', to: 'e', label: '不予办理' },
  ],
};

const inside = (p: Point, r: Rect) => p.x > r.x && p.x < r.x + r.w && p.y > r.y && p.y < r.y + r.h;

/** Whether an axis-parallel segment runs through the inside of a rectangle (touching its border is not crossing). */
function crosses(a: Point, b: Point, r: Rect): boolean {
  if (a.x === b.x) return a.x > r.x && a.x < r.x + r.w && Math.max(a.y, b.y) > r.y && Math.min(a.y, b.y) < r.y + r.h;
  return a.y > r.y && a.y < r.y + r.h && Math.max(a.x, b.x) > r.x && Math.min(a.x, b.x) < r.x + r.w;
}

const overlap = (p: Rect, q: Rect) => p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;

/** Every way a drawing can go wrong that the rectangles show; empty when the chart is clean. */
function faults(layout: ChartLayout): string[] {
  const out: string[] = [];
  const labels = layout.edges.filter((e) => e.labelBox).map((e) => ({ name: e.label!, box: e.labelBox! }));
  layout.nodes.forEach((a, i) =>
    layout.nodes.forEach((b, j) => {
      if (i < j && overlap(a, b)) out.push(`box ${a.label} overlaps box ${b.label}`);
    }),
  );
  for (const l of labels) {
    for (const n of layout.nodes) if (overlap(l.box, n)) out.push(`label ${l.name} overlaps box ${n.label}`);
    for (const m of labels) if (m !== l && overlap(l.box, m.box)) out.push(`label ${l.name} overlaps label ${m.name}`);
  }
  for (const e of layout.edges) {
    const name = `${e.from}→${e.to}`;
    const from = layout.nodes.find((n) => n.id === e.from)!;
    const to = layout.nodes.find((n) => n.id === e.to)!;
    const [first, last] = [e.points[0]!, e.points[e.points.length - 1]!];
    if (first.x <= from.x || first.x >= from.x + from.w || (first.y !== from.y && first.y !== from.y + from.h))
      out.push(`${name} does not leave from its box`);
    if (last.x <= to.x || last.x >= to.x + to.w || (last.y !== to.y && last.y !== to.y + to.h))
      out.push(`${name} does not arrive at its box`);
    for (let k = 1; k < e.points.length; k++) {
      const [a, b] = [e.points[k - 1]!, e.points[k]!];
      if (a.x !== b.x && a.y !== b.y) out.push(`${name} has a slanted segment`);
      for (const n of layout.nodes) if (crosses(a, b, n)) out.push(`${name} crosses box ${n.label}`);
      for (const l of labels) if (crosses(a, b, l.box)) out.push(`${name} crosses label ${l.name}`);
      for (const p of [a, b]) if (p.x < 0 || p.x > layout.width || p.y < 0 || p.y > layout.height) out.push(`${name} leaves the chart`);
    }
    if (inside(last, from)) out.push(`${name} ends inside its source`);
    const tail = e.points[e.points.length - 2]!;
    if (tail.x !== last.x || Math.abs(tail.y - last.y) < 12) out.push(`${name} has no room for its arrowhead`);
  }
  return out;
}

/** A made-up chart: a main line, side branches that rejoin or end, and returns; random but repeatable. */
function randomChart(seed: number): Chart {
  let state = seed;
  const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const words = ['申请', '村委会审核', '镇审核并出具书面意见', '公示', '集体研究', '补正', '县级审定', '办结', '退回', '入户调查核实情况'];
  const n = 3 + Math.floor(rand() * 8);
  const nodes: ChartNodeInput[] = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`,
    label: words[Math.floor(rand() * words.length)]!,
    risks: rand() < 0.4 ? ['风险'] : [],
  }));
  const edges: ChartEdgeInput[] = [];
  for (let i = 0; i + 1 < n; i++) edges.push({ from: `n${i}`, to: `n${i + 1}` });
  const extra = Math.floor(rand() * 4);
  for (let k = 0; k < extra; k++) {
    const a = Math.floor(rand() * n);
    const b = Math.floor(rand() * n);
    if (a !== b && !edges.some((e) => e.from === `n${a}` && e.to === `n${b}`)) edges.push({ from: `n${a}`, to: `n${b}` });
  }
  const outs = new Map<string, number>();
  for (const e of edges) outs.set(e.from, (outs.get(e.from) ?? 0) + 1);
  for (const e of edges) if ((outs.get(e.from) ?? 0) > 1) e.label = rand() < 0.5 ? '通过' : '不通过，退回重新办理';
  nodes[n - 1]!.end = true;
  return { nodes, edges };
}

describe('layoutChart', () => {
  it.each([
    ['四议两公开 with a return to the start', FOUR_DISCUSSIONS],
    ['a crowded chart', CROWDED],
    ...DEMO_POWER_ITEMS.map((item) => [item.title, item.chart] as [string, Chart]),
  ])('draws %s with no line through a box or a label, and nothing on top of anything', (_, chart) => {
    for (const width of [311, 343, 536]) expect(faults(layoutChart(chart, { width }))).toEqual([]);
  });

  it('draws made-up charts as cleanly', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const chart = randomChart(seed);
      expect({ seed, faults: faults(layoutChart(chart, { width: 311 })) }).toEqual({ seed, faults: [] });
    }
  });

  it('numbers steps in the order a case walks them, the return last', () => {
    const finance = DEMO_POWER_ITEMS.find((i) => i.title === '村级财务开支审批')!.chart;
    const layout = layoutChart(finance, { width: 311 });
    const byNumber = [...layout.nodes].sort((a, b) => a.number - b.number).map((n) => n.label);
    expect(byNumber).toEqual([
      '经办人取得合规票据',
      '村务监督委员会审核',
      '村主要负责人审批',
      '报账员报账',
      '镇“三资”代理服务中心审核',
      '入账支付',
      '按月公开',
      '退回经办人补正',
    ]);
    expect(layout.nodes.find((n) => n.id === 'n7')?.titleLines.join('')).toBe('7. 按月公开');
  });

  it('reads top to bottom: every forward arrow points down, every return up, and returns are marked', () => {
    const layout = layoutChart(FOUR_DISCUSSIONS, { width: 343 });
    for (const e of layout.edges) {
      const [first, last] = [e.points[0]!, e.points[e.points.length - 1]!];
      if (e.kind === 'forward') expect(last.y).toBeGreaterThan(first.y);
      else expect(last.y).toBeLessThan(first.y);
    }
    expect(layout.edges.filter((e) => e.kind === 'back').map((e) => e.label)).toEqual(['审核不通过']);
    const top = (id: string) => layout.nodes.find((n) => n.id === id)!.y;
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(top)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(top).sort((p, q) => p - q));
  });

  it('keeps a chart within a phone’s width, with every text at least 16 px', () => {
    for (const item of DEMO_POWER_ITEMS) {
      const layout = layoutChart(item.chart, { width: 311 });
      expect({ title: item.title, width: layout.width }).toEqual({ title: item.title, width: 311 });
    }
    expect(
      Math.min(
        ...Object.entries(CHART_TEXT)
          .filter(([k]) => k.endsWith('Font'))
          .map(([, v]) => v),
      ),
    ).toBeGreaterThanOrEqual(16);
  });

  it('breaks long names into lines that fit their box, never starting a line with a comma', () => {
    expect(wrapText('验收不合格，限期整改', 5 * 16, 16)).toEqual(['验收不合格，', '限期整改']);
    const layout = layoutChart(
      {
        nodes: [
          { id: 'a', label: '短', end: false },
          { id: 'b', label: '一个非常非常长的步骤名称需要换好几行才能放得下', end: true },
        ],
        edges: [{ from: 'a', to: 'b' }],
      },
      { width: 200 },
    );
    const [short, long] = layout.nodes;
    expect(long!.titleLines.length).toBeGreaterThan(1);
    expect(long!.h).toBeGreaterThan(short!.h);
  });
});
