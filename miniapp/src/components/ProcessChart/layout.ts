/**
 * Layered layout of a process chart (流程图) for a narrow phone screen, drawn top to bottom with
 * plain boxes and orthogonal lines, so it renders with Views in the mini program and in H5 alike.
 *
 * - Back edges (a step returning to an earlier one, e.g. 审核不通过 → 退回) are found by a DFS and
 *   routed up a lane on the left.
 * - The remaining edges form a DAG; each node's layer is its longest path from a start node.
 * - Edges to the next layer go straight down (with an elbow when columns differ); edges that skip
 *   layers go down a lane on the right. Lines run only through gaps and lanes, never over a box.
 */

export interface ChartNodeInput {
  id: string;
  label: string;
  actor?: string;
  risks?: string[];
}

export interface ChartEdgeInput {
  from: string;
  to: string;
  label?: string;
}

export interface Point {
  x: number;
  y: number;
}

export interface LayoutOptions {
  /** Width available for the whole chart, in px. */
  width: number;
  /** Font size of a step's label, in px; used to estimate how many lines it wraps to. */
  fontSize: number;
  lineHeight: number;
  /** Vertical space between layers, where arrows and their labels go. */
  gap: number;
  /** Horizontal space between boxes of one layer. */
  columnGap: number;
  /** Width of one lane for a back or skip edge. */
  laneWidth: number;
  /** Inner padding of a box. */
  padding: number;
}

export interface LayoutNode extends ChartNodeInput {
  risks: string[];
  layer: number;
  /** Position within its layer, from the left. */
  column: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export type EdgeKind = 'forward' | 'skip' | 'back';

export interface LayoutEdge extends ChartEdgeInput {
  kind: EdgeKind;
  /** Polyline of horizontal and vertical segments; the arrowhead sits at the last point. */
  points: Point[];
  /** Top-left corner of the label, when the edge has one. */
  labelAt?: Point;
}

export interface ChartLayout {
  width: number;
  height: number;
  layers: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  width: 343,
  fontSize: 16,
  lineHeight: 22,
  gap: 56,
  columnGap: 12,
  laneWidth: 12,
  padding: 10,
};

/** Lines a label wraps to in a box of `innerWidth`: CJK characters count one em, others half. */
export function estimateLines(text: string, innerWidth: number, fontSize: number): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! <= 0xff ? fontSize * 0.55 : fontSize;
  return Math.max(1, Math.ceil(width / Math.max(innerWidth, fontSize)));
}

/** Edges that close a cycle, found by DFS from the nodes in their given order. */
export function findBackEdges(nodes: ChartNodeInput[], edges: ChartEdgeInput[]): Set<number> {
  const out = new Map<string, number[]>();
  nodes.forEach((n) => out.set(n.id, []));
  edges.forEach((e, i) => out.get(e.from)?.push(i));
  const state = new Map<string, 'active' | 'done'>();
  const back = new Set<number>();
  const visit = (id: string) => {
    state.set(id, 'active');
    for (const i of out.get(id) ?? []) {
      const to = edges[i]!.to;
      const s = state.get(to);
      if (s === 'active') back.add(i);
      else if (!s) visit(to);
    }
    state.set(id, 'done');
  };
  // Start from nodes nothing points at (the real starts), then anything left over.
  const pointedAt = new Set(edges.filter((e) => e.from !== e.to).map((e) => e.to));
  for (const n of nodes) if (!pointedAt.has(n.id) && !state.has(n.id)) visit(n.id);
  for (const n of nodes) if (!state.has(n.id)) visit(n.id);
  return back;
}

export function layoutChart(
  chart: { nodes: ChartNodeInput[]; edges: ChartEdgeInput[] },
  options: Partial<LayoutOptions> = {},
): ChartLayout {
  const o = { ...DEFAULT_LAYOUT, ...options };
  const ids = new Set(chart.nodes.map((n) => n.id));
  const edges = chart.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const back = findBackEdges(chart.nodes, edges);

  // Longest-path layering over the acyclic part (Kahn order).
  const layerOf = new Map<string, number>(chart.nodes.map((n) => [n.id, 0]));
  const indegree = new Map<string, number>(chart.nodes.map((n) => [n.id, 0]));
  const forward = edges.filter((_, i) => !back.has(i) && edges[i]!.from !== edges[i]!.to);
  forward.forEach((e) => indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1));
  const queue = chart.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of forward) {
      if (e.from !== id) continue;
      layerOf.set(e.to, Math.max(layerOf.get(e.to) ?? 0, (layerOf.get(id) ?? 0) + 1));
      indegree.set(e.to, (indegree.get(e.to) ?? 0) - 1);
      if (indegree.get(e.to) === 0) queue.push(e.to);
    }
  }
  const layerCount = Math.max(0, ...layerOf.values()) + 1;

  // Order within a layer: by the mean column of predecessors (keeps branches under their source).
  const layers: string[][] = Array.from({ length: layerCount }, () => []);
  chart.nodes.forEach((n) => layers[layerOf.get(n.id)!]!.push(n.id));
  const columnOf = new Map<string, number>();
  layers.forEach((layer, li) => {
    if (li > 0) {
      const rank = (id: string) => {
        const preds = forward.filter((e) => e.to === id && layerOf.get(e.from) === li - 1);
        if (!preds.length) return Number.MAX_SAFE_INTEGER;
        return preds.reduce((sum, e) => sum + (columnOf.get(e.from) ?? 0) / Math.max(1, layers[li - 1]!.length - 1 || 1), 0) / preds.length;
      };
      const order = new Map(layer.map((id, i) => [id, i]));
      layer.sort((a, b) => rank(a) - rank(b) || order.get(a)! - order.get(b)!);
    }
    layer.forEach((id, ci) => columnOf.set(id, ci));
  });

  // Lanes: one per back edge on the left, one per skip edge on the right.
  const edgeKinds: EdgeKind[] = edges.map((e, i) =>
    back.has(i) || e.from === e.to ? 'back' : layerOf.get(e.to)! - layerOf.get(e.from)! > 1 ? 'skip' : 'forward',
  );
  const backCount = edgeKinds.filter((k) => k === 'back').length;
  const skipCount = edgeKinds.filter((k) => k === 'skip').length;
  const leftMargin = backCount ? backCount * o.laneWidth + 6 : 0;
  const rightMargin = skipCount ? skipCount * o.laneWidth + 6 : 0;
  const inner = Math.max(120, o.width - leftMargin - rightMargin);

  // Boxes: equal columns per layer, heights from the estimated wrapped text.
  const byId = new Map<string, LayoutNode>();
  // Room above the first layer for back edges that return to it.
  let y = backCount ? Math.round(o.gap * 0.3) + backCount * 4 + 2 : 0;
  layers.forEach((layer, li) => {
    const n = layer.length;
    const w = Math.floor((inner - o.columnGap * (n - 1)) / n);
    const nodes = layer.map((id, ci) => {
      const src = chart.nodes.find((c) => c.id === id)!;
      const textWidth = w - 2 * o.padding;
      let lines = estimateLines(src.label, textWidth, o.fontSize);
      if (src.actor) lines += estimateLines(src.actor, textWidth, o.fontSize * 0.85);
      const risks = src.risks ?? [];
      if (risks.length) lines += 1; // the 廉政风险点 marker
      const node: LayoutNode = {
        ...src,
        risks,
        layer: li,
        column: ci,
        x: leftMargin + ci * (w + o.columnGap),
        y,
        w,
        h: lines * o.lineHeight + 2 * o.padding,
      };
      byId.set(id, node);
      return node;
    });
    const layerHeight = Math.max(...nodes.map((nd) => nd.h));
    // Boxes of one layer share a height, so branches line up.
    nodes.forEach((nd) => (nd.h = layerHeight));
    y += layerHeight + o.gap;
  });
  const height = Math.max(0, y - o.gap);

  // Each layer's top and bottom, so lines cross gaps clear of every box.
  const layerTop: number[] = [];
  const layerBottom: number[] = [];
  byId.forEach((nd) => {
    layerTop[nd.layer] = Math.min(layerTop[nd.layer] ?? Infinity, nd.y);
    layerBottom[nd.layer] = Math.max(layerBottom[nd.layer] ?? -Infinity, nd.y + nd.h);
  });

  let backLane = 0;
  let skipLane = 0;
  const cx = (nd: LayoutNode) => nd.x + Math.round(nd.w / 2);
  const laid: LayoutEdge[] = edges.map((e, i) => {
    const s = byId.get(e.from)!;
    const t = byId.get(e.to)!;
    const kind = edgeKinds[i]!;
    const label = e.label ? { label: e.label } : {};
    if (kind === 'forward') {
      const sx = cx(s);
      const tx = cx(t);
      const gapTop = layerBottom[s.layer]!;
      const mid = gapTop + Math.round(o.gap / 2);
      const points =
        sx === tx
          ? [{ x: sx, y: s.y + s.h }, { x: tx, y: t.y }]
          : [{ x: sx, y: s.y + s.h }, { x: sx, y: mid }, { x: tx, y: mid }, { x: tx, y: t.y }];
      return { ...e, ...label, kind, points, ...(e.label ? { labelAt: { x: tx + 6, y: mid + 2 } } : {}) };
    }
    if (kind === 'skip') {
      const lane = o.width - rightMargin + 6 + skipLane++ * o.laneWidth + Math.round(o.laneWidth / 2);
      const sx = s.x + Math.round((s.w * 3) / 4);
      const tx = t.x + Math.round((t.w * 3) / 4);
      const outY = layerBottom[s.layer]! + Math.round(o.gap * 0.3);
      const inY = layerTop[t.layer]! - Math.round(o.gap * 0.3);
      const points = laneRoute(sx, s.y + s.h, outY, lane, inY, tx, t.y);
      return { ...e, ...label, kind, points, ...(e.label ? { labelAt: { x: sx + 6, y: outY + 2 } } : {}) };
    }
    // Back edge (or a step looping on itself): out of the bottom, up the left lane, into the top.
    const k = backLane++;
    const lane = 6 + k * o.laneWidth;
    const sx = s.x + Math.round(s.w / 4);
    const tx = t.x + Math.round(t.w / 4);
    const outY = layerBottom[s.layer]! + Math.round(o.gap * 0.3) + k * 4;
    const inY = layerTop[t.layer]! - Math.round(o.gap * 0.3) - k * 4;
    const points = laneRoute(sx, s.y + s.h, outY, lane, inY, tx, t.y);
    return { ...e, ...label, kind, points, ...(e.label ? { labelAt: { x: lane + 6, y: outY + 2 } } : {}) };
  });

  return {
    width: o.width,
    height: Math.max(height, ...laid.flatMap((e) => e.points.map((p) => p.y))),
    layers: layerCount,
    nodes: chart.nodes.map((n) => byId.get(n.id)!),
    edges: laid,
  };
}

/** Down out of the source, across to a side lane, along it, across, and down into the target. */
function laneRoute(sx: number, sy: number, outY: number, lane: number, inY: number, tx: number, ty: number) {
  return [
    { x: sx, y: sy },
    { x: sx, y: outY },
    { x: lane, y: outY },
    { x: lane, y: inY },
    { x: tx, y: inY },
    { x: tx, y: ty },
  ];
}
