/**
 * Layout of a process chart (流程图) for a phone screen, drawn top to bottom with plain boxes and
 * lines of horizontal and vertical segments, so it renders with Views in the mini program and in
 * H5 alike.
 *
 * dagre (`@dagrejs/dagre`) does the graph layout: it ranks the steps, orders each rank to keep
 * crossings few, and places the boxes, a room for each condition (label) next to the step it
 * belongs to, and the bends of long edges, so that nothing overlaps within a rank. Returns (退回)
 * are handed to dagre turned around, so the chart reads downwards. On dagre's placement the lines
 * are drawn by a fixed rule that keeps them off every box and label:
 * - a line leaves a box through its bottom (a return: its top) and enters through its top (a
 *   return: its bottom), at a port of its own;
 * - it crosses a rank only where dagre kept room for it: a bend of a long edge, or the left edge
 *   of its own label's room, whose text stands to the right of the line;
 * - it runs sideways only in the gaps between ranks, where there are no boxes and no labels, each
 *   sideways run on a track of its own.
 * Steps are numbered in the order a case walks them (`stepNumbers` from shared). Box widths shrink
 * only as far as the chart needs to fit the screen; a chart that still does not fit scrolls.
 */
import { type EdgeLabel, type GraphLabel, graphlib, layout as dagreLayout, type NodeLabel } from '@dagrejs/dagre';
import { backEdges, stepNumbers, usableEdges } from '@mashang/shared';

export interface ChartNodeInput {
  id: string;
  label: string;
  actor?: string;
  risks?: string[];
  end?: boolean;
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

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LayoutNode extends ChartNodeInput, Rect {
  risks: string[];
  /** The step's number in walk order, from 1. */
  number: number;
  /** The lines of "N. label" as drawn, each within the box. */
  titleLines: string[];
  actorLines: string[];
  /** The risk marker as it fits the box, when the step has risk points. */
  riskText: string | null;
}

/** A return (退回) goes back up the chart and is drawn in its own colour. */
export type EdgeKind = 'forward' | 'back';

export interface LayoutEdge extends ChartEdgeInput {
  kind: EdgeKind;
  /** Polyline of horizontal and vertical segments from the source box to the target box; the arrowhead sits at the last point. */
  points: Point[];
  /** Where the label's text stands, right of the line, when the edge has one. */
  labelBox?: Rect;
  labelLines?: string[];
}

export interface ChartLayout {
  width: number;
  height: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

/** Text sizes in px; none under 16, so older villagers can read a chart without zooming. */
export const CHART_TEXT = {
  titleFont: 17,
  titleLine: 24,
  actorFont: 16,
  actorLine: 22,
  riskFont: 16,
  riskLine: 22,
  labelFont: 16,
  labelLine: 22,
} as const;

/** Box geometry, px. */
export const CHART_BOX = { padX: 8, padY: 6, border: 2 } as const;

const NODE_MAX_W = 240;
const NODE_MIN_W = 112;
/** Boxes side by side narrow to this before anything else gives way. */
const SHARED_MIN_W = 128;
const NODE_SEP = 16;
const EDGE_SEP = 12;
/** A label wraps beyond this many px of text; on a crowded chart, down to the second. */
const LABEL_MAX_TEXT = 6 * CHART_TEXT.labelFont;
const LABEL_MIN_TEXT = 4 * CHART_TEXT.labelFont;
/** Space between a line and its label's text, and left of the line within the room kept for both. */
const LABEL_GAP = 6;
const LINE_ROOM = 2;
const LABEL_PAD_X = 4;
/** Gaps between ranks: room above the first track, between tracks, and below the last for an arrowhead. */
const TRACK_TOP = 14;
const TRACK_STEP = 8;
const TRACK_BOTTOM = 16;
const PORT_SPACING = 16;
const PORT_MARGIN = 10;

/** Characters that may not begin a line (Chinese line-breaking rules). */
const NO_LINE_START = new Set('，。、；：？！）》”’」』】,.;:?!)]'.split(''));

function charWidth(ch: string, fontSize: number): number {
  return ch.codePointAt(0)! <= 0xff ? fontSize * 0.6 : fontSize;
}

export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch, fontSize);
  return w;
}

/**
 * Breaks text into lines no wider than `maxWidth`, as the chart draws them (each line on its own,
 * never wrapped again by the renderer). Closing punctuation stays at the end of the line before;
 * the first `keepFirst` characters stay together (a step's number with the start of its name).
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, keepFirst = 1): string[] {
  const chars = [...text.trim()];
  if (chars.length === 0) return [''];
  const lines: string[] = [];
  let line: string[] = [];
  let width = 0;
  for (const [i, ch] of chars.entries()) {
    const w = charWidth(ch, fontSize);
    if (line.length > 0 && i >= keepFirst && width + w > maxWidth && !NO_LINE_START.has(ch)) {
      lines.push(line.join(''));
      line = [];
      width = 0;
    }
    line.push(ch);
    width += w;
  }
  lines.push(line.join(''));
  return lines;
}

/** Lines of text in a box of `maxWidth`, as many as it needs and evened out, so no line is left with one character. */
function balancedWrap(text: string, maxWidth: number, fontSize: number, keepFirst = 1): string[] {
  const first = wrapText(text, maxWidth, fontSize, keepFirst);
  if (first.length === 1) return first;
  const even = Math.ceil(textWidth(text, fontSize) / first.length);
  for (let w = even; w <= maxWidth; w += fontSize / 2) {
    const lines = wrapText(text, w, fontSize, keepFirst);
    if (lines.length === first.length) return lines;
  }
  return first;
}

const widest = (lines: string[], fontSize: number) => Math.max(0, ...lines.map((l) => textWidth(l, fontSize)));

interface Measured {
  titleLines: string[];
  actorLines: string[];
  riskText: string | null;
  h: number;
}

const RISK_TEXTS = ['⚠ 廉政风险点', '⚠ 风险点'];

function measureNode(node: ChartNodeInput, number: number, w: number): Measured {
  const inner = w - 2 * (CHART_BOX.padX + CHART_BOX.border);
  const prefix = `${number}. `;
  const titleLines = balancedWrap(`${prefix}${node.label}`, inner, CHART_TEXT.titleFont, prefix.length + 2);
  const actorLines = node.actor ? balancedWrap(node.actor, inner, CHART_TEXT.actorFont) : [];
  const risky = (node.risks ?? []).length > 0;
  const riskText = risky ? (RISK_TEXTS.find((t) => textWidth(t, CHART_TEXT.riskFont) <= inner) ?? RISK_TEXTS[1]!) : null;
  const h =
    titleLines.length * CHART_TEXT.titleLine +
    actorLines.length * CHART_TEXT.actorLine +
    (risky ? CHART_TEXT.riskLine : 0) +
    2 * (CHART_BOX.padY + CHART_BOX.border);
  return { titleLines, actorLines, riskText, h };
}

interface LabelSize {
  lines: string[];
  w: number;
  h: number;
}

function measureLabel(label: string, maxWidth: number): LabelSize {
  const lines = balancedWrap(label, maxWidth, CHART_TEXT.labelFont);
  return { lines, w: Math.ceil(widest(lines, CHART_TEXT.labelFont)) + 2 * LABEL_PAD_X, h: lines.length * CHART_TEXT.labelLine };
}

interface Usable {
  index: number;
  edge: ChartEdgeInput;
  back: boolean;
  /** In the downward orientation dagre sees: a return is turned around. */
  top: string;
  bottom: string;
}

interface Placed {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface DagreResult {
  width: number;
  /** Steps, by id. */
  nodes: Map<string, Placed>;
  /** Every box dagre placed, steps and label rooms, by id. */
  all: Map<string, Placed>;
  /**
   * Per usable edge, downwards: the centre of its top box, the point at each rank it crosses (for a
   * labelled edge, at its label's rank, where its line runs), and the centre of its bottom box.
   */
  stops: Map<number, Point[]>;
  /** Per labelled edge: where its line crosses its label's rank. */
  labels: Map<number, Point>;
}

/**
 * dagre 3 copies a rank ordering with `structuredClone` when two orderings tie. The mini program's
 * JS engine (like jsdom) has none; an ordering is arrays of ids, which JSON copies exactly. zod
 * already needs `globalThis` there, so this asks nothing new of the engine.
 */
function ensureStructuredClone(): void {
  const root = globalThis as { structuredClone?: (value: unknown) => unknown };
  if (typeof root.structuredClone !== 'function') root.structuredClone = (value) => JSON.parse(JSON.stringify(value)) as unknown;
}

/** The id of the room kept for an edge's label: no step id starts with a control character. */
const labelId = (index: number) => `\u0001label${index}`;
/** How strongly a label keeps to the step its condition is about: the branching step (or, for a return, the step returning). */
const LABEL_PULL = 8;

/** dagre's alignments of boxes over one another; undefined: the balance of all four. */
type Align = 'UL' | 'UR' | 'DL' | 'DR';

function runDagre(
  nodes: ChartNodeInput[],
  edges: Usable[],
  widths: Map<string, number>,
  heights: Map<string, number>,
  labels: Map<number, LabelSize>,
  align: Align | undefined,
): DagreResult {
  const g = new graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  g.setGraph({
    rankdir: 'TB',
    nodesep: NODE_SEP,
    edgesep: EDGE_SEP,
    ranksep: TRACK_TOP + TRACK_BOTTOM,
    marginx: 0,
    marginy: 0,
    ...(align ? { align } : {}),
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: widths.get(n.id)!, height: heights.get(n.id)! });
  const weight = (e: Usable) => (e.back ? 1 : 2);
  for (const e of edges) {
    const label = labels.get(e.index);
    if (!label) {
      g.setEdge(e.top, e.bottom, { minlen: 1, weight: weight(e) }, String(e.index));
      continue;
    }
    // A labelled edge passes through a room of its own for the line and, right of it, the label's
    // text; the room stays next to the step the condition belongs to.
    const room = labelId(e.index);
    g.setNode(room, { width: label.w + LABEL_GAP + LINE_ROOM, height: label.h });
    g.setEdge(e.top, room, { minlen: 1, weight: e.back ? weight(e) : LABEL_PULL }, `${e.index}a`);
    g.setEdge(room, e.bottom, { minlen: 1, weight: e.back ? LABEL_PULL : weight(e) }, `${e.index}b`);
  }
  ensureStructuredClone();
  dagreLayout(g);
  const all = new Map<string, Placed>();
  for (const id of g.nodes()) {
    const v = g.node(id);
    all.set(id, { x: v.x!, y: v.y!, w: v.width, h: v.height });
  }
  const bends = (v: string, w: string, name: string) => (g.edge({ v, w, name }).points ?? []).slice(1, -1);
  const centre = (id: string) => ({ x: all.get(id)!.x, y: all.get(id)!.y });
  const stops = new Map<number, Point[]>();
  const labelAt = new Map<number, Point>();
  for (const e of edges) {
    if (!labels.has(e.index)) {
      stops.set(e.index, [centre(e.top), ...bends(e.top, e.bottom, String(e.index)), centre(e.bottom)]);
      continue;
    }
    const room = all.get(labelId(e.index))!;
    const line = { x: room.x - room.w / 2 + LINE_ROOM, y: room.y };
    labelAt.set(e.index, line);
    stops.set(e.index, [
      centre(e.top),
      ...bends(e.top, labelId(e.index), `${e.index}a`),
      line,
      ...bends(labelId(e.index), e.bottom, `${e.index}b`),
      centre(e.bottom),
    ]);
  }
  return { width: g.graph().width ?? 0, nodes: new Map(nodes.map((n) => [n.id, all.get(n.id)!])), all, stops, labels: labelAt };
}

const key = (y: number) => Math.round(y * 10);

/** Spreads ports along a side: each as near its wish as it can be, at least PORT_SPACING apart, inside [lo, hi]. */
function placePorts(wishes: number[], lo: number, hi: number): number[] {
  const order = wishes.map((x, i) => ({ x: Math.min(hi, Math.max(lo, x)), i })).sort((a, b) => a.x - b.x || a.i - b.i);
  const n = order.length;
  const spacing = n > 1 ? Math.min(PORT_SPACING, (hi - lo) / (n - 1)) : 0;
  const xs = order.map((o) => o.x);
  // Push right to make room, then back left from the far end: each stays within [lo + k·spacing, hi - (n-1-k)·spacing].
  for (let k = 1; k < n; k++) xs[k] = Math.max(xs[k]!, xs[k - 1]! + spacing);
  if (n) xs[n - 1] = Math.min(xs[n - 1]!, hi);
  for (let k = n - 2; k >= 0; k--) xs[k] = Math.min(xs[k]!, xs[k + 1]! - spacing);
  const out: number[] = new Array<number>(n);
  order.forEach((o, k) => (out[o.i] = Math.round(xs[k]!)));
  return out;
}

export interface LayoutOptions {
  /** Width available for the whole chart, in px. */
  width: number;
}

export function layoutChart(chart: { nodes: ChartNodeInput[]; edges: ChartEdgeInput[] }, options: LayoutOptions): ChartLayout {
  // Steps with a repeated id would be one box to dagre: only the first is drawn.
  const seen = new Set<string>();
  const nodes = chart.nodes.filter((n) => !seen.has(n.id) && seen.add(n.id));
  if (nodes.length === 0) return { width: options.width, height: 0, nodes: [], edges: [] };
  const shape = { nodes, edges: chart.edges };
  const back = backEdges(shape);
  const numbers = stepNumbers(shape);
  const usable: Usable[] = usableEdges(shape).map((index) => {
    const edge = chart.edges[index]!;
    const isBack = back.has(index);
    return { index, edge, back: isBack, top: isBack ? edge.to : edge.from, bottom: isBack ? edge.from : edge.to };
  });
  interface Attempt {
    result: DagreResult;
    measured: Map<string, Measured>;
    labels: Map<number, LabelSize>;
    shared: number;
    labelMax: number;
    align: Align | undefined;
  }
  const attempt = (alone: number, shared: number, labelMax: number, align: Align | undefined, sharing: Set<string>): Attempt => {
    const widths = new Map(nodes.map((n) => [n.id, sharing.has(n.id) ? shared : alone]));
    const measured = new Map(nodes.map((n) => [n.id, measureNode(n, numbers.get(n.id)!, widths.get(n.id)!)]));
    const labels = new Map(usable.filter((e) => e.edge.label?.trim()).map((e) => [e.index, measureLabel(e.edge.label!.trim(), labelMax)]));
    const result = runDagre(nodes, usable, widths, new Map([...measured].map(([id, m]) => [id, m.h])), labels, align);
    return { result, measured, labels, shared, labelMax, align };
  };

  // The widest boxes that fit. A chart in one column fits at once. Otherwise: the boxes that share
  // a rank narrow, dagre's four alignments are tried for the narrowest drawing, then conditions
  // wrap sooner, then every box narrows while that still helps (narrower boxes wrap their text onto
  // more lines). Which boxes share a rank does not depend on the widths. What still does not fit
  // scrolls sideways.
  const available = Math.max(options.width, NODE_MIN_W);
  const widest = Math.min(NODE_MAX_W, available);
  const fits = (r: Attempt) => r.result.width <= available - 2;
  let best = attempt(widest, widest, LABEL_MAX_TEXT, undefined, new Set());
  if (!fits(best)) {
    const perRank = new Map<number, number>();
    best.result.all.forEach((p) => perRank.set(key(p.y), (perRank.get(key(p.y)) ?? 0) + 1));
    const sharing = new Set(nodes.filter((n) => perRank.get(key(best.result.nodes.get(n.id)!.y))! > 1).map((n) => n.id));
    const shared = sharing.size ? SHARED_MIN_W : widest;
    for (const align of [undefined, 'UR', 'UL', 'DR', 'DL'] as const) {
      const next = attempt(widest, shared, LABEL_MAX_TEXT, align, sharing);
      if (next.result.width < best.result.width - 1 || fits(next)) best = next;
      if (fits(best)) break;
    }
    // Room to spare: give the boxes side by side some of it back.
    for (let w = shared + 24; fits(best) && sharing.size && w <= widest; w += 24) {
      const wider = attempt(widest, w, LABEL_MAX_TEXT, best.align, sharing);
      if (!fits(wider)) break;
      best = wider;
    }
    for (
      let labelMax = LABEL_MAX_TEXT - CHART_TEXT.labelFont;
      !fits(best) && labelMax >= LABEL_MIN_TEXT;
      labelMax -= CHART_TEXT.labelFont
    ) {
      best = attempt(widest, best.shared, labelMax, best.align, sharing);
    }
    for (let w = widest - 24; !fits(best) && w >= NODE_MIN_W; w -= 24) {
      const narrower = attempt(w, Math.min(w, sharing.size ? NODE_MIN_W : w), best.labelMax, best.align, sharing);
      if (narrower.result.width > best.result.width - 4) break;
      best = narrower;
    }
  }
  const { result, measured, labels } = best;
  const laidOut = result;
  const placed = laidOut.nodes;

  // Ranks, top to bottom, with the half height of what stands in each.
  const half = new Map<number, number>();
  const grow = (y: number, h: number) => half.set(key(y), Math.max(half.get(key(y)) ?? 0, h / 2));
  laidOut.all.forEach((p) => grow(p.y, p.h));
  laidOut.stops.forEach((pts) => pts.forEach((p) => grow(p.y, 0)));
  // dagre puts a rank of bends between any two ranks of boxes; with nothing to steer around, those
  // are left out, and a line crossing one simply runs on through the gap.
  const ranks = [...half.keys()].filter((k) => half.get(k)! > 0).sort((a, b) => a - b);
  const rankOf = new Map(ranks.map((k, i) => [k, i]));

  // Each usable edge as the x at which it crosses each rank from its top box's rank to its bottom box's.
  interface Route {
    e: Usable;
    /** The rank of each stop: the top box, each rank crossed, the bottom box (consecutive ranks). */
    ranks: number[];
    xs: number[];
  }
  const routes: Route[] = usable.map((e) => {
    const stops = laidOut.stops.get(e.index)!.filter((p) => rankOf.has(key(p.y)));
    return { e, ranks: stops.map((p) => rankOf.get(key(p.y))!), xs: stops.map((p) => p.x) };
  });

  // Ports: where each line leaves or enters a box, as near as can be to where the line goes next.
  const sides = new Map<string, { route: Route; end: 'first' | 'last'; wish: number }[]>();
  const addPort = (side: string, route: Route, end: 'first' | 'last', wish: number) => {
    const list = sides.get(side) ?? [];
    list.push({ route, end, wish });
    sides.set(side, list);
  };
  for (const r of routes) {
    addPort(`${r.e.top}:bottom`, r, 'first', r.xs[1]!);
    addPort(`${r.e.bottom}:top`, r, 'last', r.xs[r.xs.length - 2]!);
  }
  for (const [side, list] of sides) {
    const box = placed.get(side.slice(0, side.lastIndexOf(':')))!;
    const xs = placePorts(
      list.map((p) => p.wish),
      box.x - box.w / 2 + PORT_MARGIN,
      box.x + box.w / 2 - PORT_MARGIN,
    );
    list.forEach((p, i) => (p.route.xs[p.end === 'first' ? 0 : p.route.xs.length - 1] = xs[i]!));
  }
  for (const r of routes) r.xs = r.xs.map((x) => Math.round(x));

  // Tracks: each sideways run in a gap gets its own height there.
  const tracks = new Map<number, Map<Route, number>>();
  const gapRuns = new Map<number, { route: Route; lo: number; hi: number }[]>();
  for (const r of routes) {
    for (let k = 0; k + 1 < r.xs.length; k++) {
      const [a, b] = [r.xs[k]!, r.xs[k + 1]!];
      if (a === b) continue;
      const gap = r.ranks[k]!;
      const list = gapRuns.get(gap) ?? [];
      list.push({ route: r, lo: Math.min(a, b), hi: Math.max(a, b) });
      gapRuns.set(gap, list);
    }
  }
  const trackCount = new Map<number, number>();
  for (const [gap, runs] of gapRuns) {
    runs.sort((p, q) => p.lo - q.lo || p.hi - q.hi);
    const ends: number[] = [];
    const assigned = new Map<Route, number>();
    for (const run of runs) {
      let t = ends.findIndex((end) => end + 6 < run.lo);
      if (t < 0) t = ends.length;
      ends[t] = run.hi;
      assigned.set(run.route, t);
    }
    tracks.set(gap, assigned);
    trackCount.set(gap, ends.length);
  }

  // Heights: ranks keep their size; each gap is as tall as its tracks need.
  const rankTop: number[] = [];
  const rankMid: number[] = [];
  let y = 0;
  ranks.forEach((k, i) => {
    const h = half.get(k)!;
    rankTop[i] = y;
    rankMid[i] = y + h;
    y += 2 * h;
    if (i < ranks.length - 1) y += TRACK_TOP + Math.max(0, (trackCount.get(i) ?? 1) - 1) * TRACK_STEP + TRACK_BOTTOM;
  });
  const height = Math.ceil(y);
  const gapTop = (gap: number) => rankTop[gap]! + 2 * half.get(ranks[gap]!)!;
  const trackY = (gap: number, route: Route) => Math.round(gapTop(gap) + TRACK_TOP + (tracks.get(gap)?.get(route) ?? 0) * TRACK_STEP);

  // Boxes, centred in their rank.
  const extents = [...placed.values()].flatMap((p) => [p.x - p.w / 2, p.x + p.w / 2]);
  laidOut.labels.forEach((p, index) => extents.push(p.x + LABEL_GAP + labels.get(index)!.w));
  const left = Math.min(...extents, ...routes.flatMap((r) => r.xs));
  const right = Math.max(...extents, ...routes.flatMap((r) => r.xs));
  const width = Math.max(available, Math.ceil(right - left));
  const shift = Math.round((width - (right - left)) / 2 - left);

  const laidNodes: LayoutNode[] = nodes.map((n) => {
    const p = placed.get(n.id)!;
    const m = measured.get(n.id)!;
    const rank = rankOf.get(key(p.y))!;
    return {
      ...n,
      risks: n.risks ?? [],
      number: numbers.get(n.id)!,
      titleLines: m.titleLines,
      actorLines: m.actorLines,
      riskText: m.riskText,
      x: Math.round(p.x - p.w / 2) + shift,
      y: Math.round(rankMid[rank]! - p.h / 2),
      w: Math.round(p.w),
      h: Math.round(p.h),
    };
  });
  const box = new Map(laidNodes.map((n) => [n.id, n]));

  const laidEdges: LayoutEdge[] = routes.map((r) => {
    const top = box.get(r.e.top)!;
    const bottom = box.get(r.e.bottom)!;
    const points: Point[] = [{ x: r.xs[0]! + shift, y: top.y + top.h }];
    for (let k = 0; k + 1 < r.xs.length; k++) {
      const ty = trackY(r.ranks[k]!, r);
      points.push({ x: r.xs[k]! + shift, y: ty }, { x: r.xs[k + 1]! + shift, y: ty });
    }
    points.push({ x: r.xs[r.xs.length - 1]! + shift, y: bottom.y });
    const simple = simplify(points);
    const edge: LayoutEdge = { ...r.e.edge, kind: r.e.back ? 'back' : 'forward', points: r.e.back ? simple.reverse() : simple };
    const label = labels.get(r.e.index);
    const at = laidOut.labels.get(r.e.index);
    if (label && at) {
      const rank = rankOf.get(key(at.y))!;
      const lineX = Math.round(at.x) + shift;
      edge.label = r.e.edge.label!.trim();
      edge.labelLines = label.lines;
      edge.labelBox = { x: lineX + LABEL_GAP, y: Math.round(rankMid[rank]! - label.h / 2), w: label.w, h: label.h };
    }
    return edge;
  });

  return { width, height, nodes: laidNodes, edges: laidEdges };
}

/** Drops repeated points and the middle of three points on one line. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const before = out[out.length - 2];
    if (before && last && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}
