import { describe, expect, it } from '@jest/globals';
import { findBackEdges, layoutChart, type ChartLayout } from './layout';

// 四议两公开 with a review step that can send the proposal back.
const chart = {
  nodes: [
    { id: 'a', label: '村党组织提议' },
    { id: 'b', label: '村两委会议商议', risks: ['未经集体研究，个人说了算'] },
    { id: 'c', label: '镇党委审核' },
    { id: 'd', label: '党员大会审议' },
    { id: 'e', label: '村民代表会议决议' },
    { id: 'f', label: '决议公开' },
    { id: 'g', label: '实施结果公开' },
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

function overlaps(layout: ChartLayout): boolean {
  return layout.nodes.some((a, i) =>
    layout.nodes.some((b, j) => i < j && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h),
  );
}

describe('layoutChart', () => {
  it('puts a chain in consecutive layers, top to bottom', () => {
    const layout = layoutChart(chart, { width: 343 });
    expect(layout.nodes.map((n) => n.layer)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (let i = 1; i < layout.nodes.length; i++) expect(layout.nodes[i]!.y).toBeGreaterThan(layout.nodes[i - 1]!.y + layout.nodes[i - 1]!.h);
  });

  it('finds the return edge and routes it up a lane left of the boxes, arriving at the target from above', () => {
    expect([...findBackEdges(chart.nodes, chart.edges)]).toEqual([3]);
    const layout = layoutChart(chart, { width: 343 });
    const back = layout.edges.find((e) => e.label === '审核不通过')!;
    expect(back.kind).toBe('back');
    const target = layout.nodes.find((n) => n.id === 'a')!;
    const end = back.points[back.points.length - 1]!;
    expect(end.y).toBe(target.y);
    expect(end.x).toBeGreaterThan(target.x);
    const laneX = Math.min(...back.points.map((p) => p.x));
    expect(laneX).toBeLessThan(Math.min(...layout.nodes.map((n) => n.x)));
    expect(back.labelAt).toBeDefined();
    expect(layout.nodes.every((n) => n.y >= 0)).toBe(true);
  });

  it('draws only horizontal and vertical segments, inside the chart', () => {
    const layout = layoutChart(chart, { width: 343 });
    for (const edge of layout.edges) {
      for (let i = 1; i < edge.points.length; i++) {
        const [p, q] = [edge.points[i - 1]!, edge.points[i]!];
        expect(p.x === q.x || p.y === q.y).toBe(true);
      }
      for (const p of edge.points) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(layout.width);
        expect(p.y).toBeLessThanOrEqual(layout.height);
      }
    }
  });

  it('places branches side by side in one layer without overlapping', () => {
    const branching = {
      nodes: [
        { id: 's', label: '农户申请' },
        { id: 'ok', label: '符合条件，公示' },
        { id: 'no', label: '不符合，书面告知理由' },
        { id: 'end', label: '乡镇审批' },
      ],
      edges: [
        { from: 's', to: 'ok', label: '符合' },
        { from: 's', to: 'no', label: '不符合' },
        { from: 'ok', to: 'end' },
      ],
    };
    const layout = layoutChart(branching, { width: 343 });
    const ok = layout.nodes.find((n) => n.id === 'ok')!;
    const no = layout.nodes.find((n) => n.id === 'no')!;
    expect(ok.layer).toBe(1);
    expect(no.layer).toBe(1);
    expect(ok.y).toBe(no.y);
    expect(ok.x).not.toBe(no.x);
    expect(overlaps(layout)).toBe(false);
    expect(layout.edges.filter((e) => e.kind === 'forward')).toHaveLength(3);
    const toNo = layout.edges.find((e) => e.to === 'no')!;
    expect(toNo.points.length).toBe(4); // an elbow from the source's column to the branch's
    expect(toNo.labelAt).toBeDefined();
  });

  it('routes an edge that skips layers down a lane right of the boxes', () => {
    const skipping = {
      nodes: [
        { id: 'a', label: '申请' },
        { id: 'b', label: '初审' },
        { id: 'c', label: '复审' },
        { id: 'd', label: '办结' },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'd' },
        { from: 'a', to: 'd', label: '简易程序' },
      ],
    };
    const layout = layoutChart(skipping, { width: 343 });
    const skip = layout.edges.find((e) => e.label === '简易程序')!;
    expect(skip.kind).toBe('skip');
    const laneX = Math.max(...skip.points.map((p) => p.x));
    expect(laneX).toBeGreaterThan(Math.max(...layout.nodes.map((n) => n.x + n.w)));
    expect(laneX).toBeLessThanOrEqual(343);
  });

  it('makes a box taller when its label wraps', () => {
    const layout = layoutChart(
      { nodes: [{ id: 'a', label: '短' }, { id: 'b', label: '一个非常非常长的步骤名称需要换好几行才能放得下的那种' }], edges: [{ from: 'a', to: 'b' }] },
      { width: 200 },
    );
    expect(layout.nodes[1]!.h).toBeGreaterThan(layout.nodes[0]!.h);
  });
});
