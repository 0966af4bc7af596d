/**
 * Rules of a process chart (流程图), shared by the chart editor, the server and the drawing, so all
 * three agree on what a valid chart is and on how its steps are numbered.
 *
 * A valid chart:
 * - has at least one step; every step has a unique id and a name;
 * - has exactly one start, the first step of the list: every other step has an arrow into it (only
 *   a return, 退回 → 重新提交, may lead back to the start), and the start reaches every step;
 * - labels every arrow leaving a step that has more than one way forward (审核通过 / 审核不通过);
 * - ends only where an end is marked: a step with no way forward must be flagged `end`, and a step
 *   flagged `end` has no way forward;
 * - has an end, and lets a case reach one from every step (no loop a case can never leave);
 * - has no arrow from a step to itself, to a missing step, or twice between the same two steps.
 */

/** The parts of a step the rules read; drafts in the editor and stored charts both fit. */
export interface ChartStepLike {
  id: string;
  label: string;
  end?: boolean;
}

export interface ChartArrowLike {
  from: string;
  to: string;
  label?: string;
}

export interface ChartLike {
  nodes: readonly ChartStepLike[];
  edges: readonly ChartArrowLike[];
}

/** One thing wrong with a chart, in words a township clerk can act on, and where it is. */
export interface ChartProblem {
  message: string;
  /** Path inside the chart, as a validation error names a field: `['nodes', 2, 'label']`, `['edges', 0]`. */
  path: (string | number)[];
  /** The step the problem is about, when it is about one. */
  nodeId?: string;
  /** The arrow the problem is about (its index in `edges`), when it is about one. */
  edgeIndex?: number;
}

const blank = (s: string | undefined): boolean => !s || s.trim() === '';

/** How a step is named in a message: its name, or its place in the list while it has none. */
function stepName(chart: ChartLike, id: string): string {
  const index = chart.nodes.findIndex((n) => n.id === id);
  const node = chart.nodes[index];
  if (!node) return `「${id}」`;
  return blank(node.label) ? `第${index + 1}个步骤（还没有名称）` : `「${node.label.trim()}」`;
}

/** Arrows that connect two existing, different steps, each pair once: the ones the rules and the drawing use. */
export function usableEdges(chart: ChartLike): number[] {
  const ids = new Set(chart.nodes.map((n) => n.id));
  const seen = new Set<string>();
  const usable: number[] = [];
  chart.edges.forEach((e, i) => {
    const key = `${e.from}\u0000${e.to}`;
    if (!ids.has(e.from) || !ids.has(e.to) || e.from === e.to || seen.has(key)) return;
    seen.add(key);
    usable.push(i);
  });
  return usable;
}

/** Where a case begins: the first step of the list. Arrows may lead back to it (退回 → 重新提交). */
export function startOf(chart: ChartLike): string | null {
  return chart.nodes[0]?.id ?? null;
}

function outgoing(chart: ChartLike, edges: number[]): Map<string, number[]> {
  const out = new Map<string, number[]>(chart.nodes.map((n) => [n.id, []]));
  for (const i of edges) out.get(chart.edges[i]!.from)!.push(i);
  return out;
}

/**
 * Arrows that go back to a step already on the way (退回, 整改后重新报送): found by a walk from the
 * start (then from any step it misses) that follows arrows in their listed order. Without them the
 * chart reads top to bottom.
 */
export function backEdges(chart: ChartLike): Set<number> {
  const edges = usableEdges(chart);
  const out = outgoing(chart, edges);
  const state = new Map<string, 'active' | 'done'>();
  const back = new Set<number>();
  // An explicit stack: charts are small, but a deep recursion is never worth the risk.
  const visit = (root: string) => {
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 'active');
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const list = out.get(top.id)!;
      if (top.next >= list.length) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      const i = list[top.next++]!;
      const to = chart.edges[i]!.to;
      const s = state.get(to);
      if (s === 'active') back.add(i);
      else if (!s) {
        state.set(to, 'active');
        stack.push({ id: to, next: 0 });
      }
    }
  };
  for (const n of chart.nodes) if (!state.has(n.id)) visit(n.id);
  return back;
}

/**
 * The steps in the order a case walks them, for numbering: the start first, and each step after
 * every step that leads to it (returns aside). Where the way forks, the main line comes first: the
 * branch with the longer way still to go (so 审核通过 before 审核不通过 → 退回), then the order the
 * arrows are listed in. In a chart still being drafted, steps the start cannot reach follow the
 * same rules after it. Each id comes once.
 */
export function stepOrder(chart: ChartLike): string[] {
  const back = backEdges(chart);
  const forward = usableEdges(chart).filter((i) => !back.has(i));
  const out = outgoing(chart, forward);
  const indegree = new Map<string, number>(chart.nodes.map((n) => [n.id, 0]));
  for (const i of forward) indegree.set(chart.edges[i]!.to, indegree.get(chart.edges[i]!.to)! + 1);

  // Longest way still to go from each step, over the forward arrows (a DAG).
  const remaining = new Map<string, number>();
  const lengthFrom = (id: string): number => {
    const known = remaining.get(id);
    if (known !== undefined) return known;
    remaining.set(id, 0); // guards against a cycle, which `forward` does not have
    const value = Math.max(0, ...out.get(id)!.map((i) => 1 + lengthFrom(chart.edges[i]!.to)));
    remaining.set(id, value);
    return value;
  };
  const successors = (id: string) =>
    out
      .get(id)!
      .map((i, k) => ({ to: chart.edges[i]!.to, k }))
      .sort((a, b) => lengthFrom(b.to) - lengthFrom(a.to) || a.k - b.k)
      .map((s) => s.to);

  // Preference: a depth-first walk that takes the main line first, from the start and then from any
  // other step nothing leads to (a chart being drafted may have several).
  const rank = new Map<string, number>();
  const walk = (root: string) => {
    const stack = [root];
    while (stack.length) {
      const id = stack.pop()!;
      if (rank.has(id)) continue;
      rank.set(id, rank.size);
      stack.push(...successors(id).reverse());
    }
  };
  const sources = [...indegree.keys()].filter((id) => indegree.get(id) === 0);
  for (const id of sources) walk(id);

  // Kahn's order over the forward arrows, always taking the most preferred step that is ready.
  const ready = [...sources];
  const order: string[] = [];
  while (ready.length) {
    ready.sort((a, b) => rank.get(a)! - rank.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const i of out.get(id)!) {
      const to = chart.edges[i]!.to;
      indegree.set(to, indegree.get(to)! - 1);
      if (indegree.get(to) === 0) ready.push(to);
    }
  }
  return order;
}

/** Each step's number (1, 2, …) in walk order. */
export function stepNumbers(chart: ChartLike): Map<string, number> {
  return new Map(stepOrder(chart).map((id, i) => [id, i + 1]));
}

/** Everything wrong with a chart, each problem once, in the order a person would fix them. */
export function validateChart(chart: ChartLike): ChartProblem[] {
  const problems: ChartProblem[] = [];
  if (chart.nodes.length === 0) return [{ message: '流程图至少要有一个步骤', path: ['nodes'] }];

  // Steps: names and ids.
  const firstWithId = new Map<string, number>();
  chart.nodes.forEach((node, i) => {
    if (blank(node.id)) problems.push({ message: `第${i + 1}个步骤缺少编号`, path: ['nodes', i, 'id'] });
    else if (firstWithId.has(node.id))
      problems.push({ message: `${stepName(chart, node.id)}与另一个步骤的编号重复`, path: ['nodes', i, 'id'], nodeId: node.id });
    else firstWithId.set(node.id, i);
    if (blank(node.label)) problems.push({ message: `第${i + 1}个步骤还没有填写名称`, path: ['nodes', i, 'label'], nodeId: node.id });
  });

  // Arrows: both ends exist, not to itself, not twice, and any label given is not blank.
  const pairs = new Map<string, number>();
  chart.edges.forEach((edge, i) => {
    const at = { path: ['edges', i], edgeIndex: i };
    if (!firstWithId.has(edge.from))
      problems.push({ message: `第${i + 1}条去向的起点步骤不存在，请重新选择`, ...at, path: ['edges', i, 'from'] });
    if (!firstWithId.has(edge.to))
      problems.push({ message: `第${i + 1}条去向的终点步骤不存在，请重新选择`, ...at, path: ['edges', i, 'to'] });
    if (!firstWithId.has(edge.from) || !firstWithId.has(edge.to)) return;
    if (edge.from === edge.to) {
      problems.push({ message: `${stepName(chart, edge.from)}不能连回它自己`, ...at, nodeId: edge.from });
      return;
    }
    const key = `${edge.from}\u0000${edge.to}`;
    if (pairs.has(key))
      problems.push({ message: `从${stepName(chart, edge.from)}到${stepName(chart, edge.to)}的去向重复了，请删去一条`, ...at });
    else pairs.set(key, i);
  });

  const edges = usableEdges(chart);
  const out = outgoing(chart, edges);

  // One start: the first step. Every other step has a way in, and the start reaches it.
  const start = chart.nodes[0]!.id;
  const pointedAt = new Set(edges.map((i) => chart.edges[i]!.to));
  const reached = reachable([start], (id) => out.get(id)!.map((i) => chart.edges[i]!.to));
  chart.nodes.forEach((node, index) => {
    if (index === 0 || firstWithId.get(node.id) !== index) return;
    if (!pointedAt.has(node.id)) {
      problems.push({
        message: `${stepName(chart, node.id)}没有箭头指向它：流程只能从第一步${stepName(chart, start)}开始。请给它接上来的箭头，或把它移到第一步`,
        path: ['nodes', index],
        nodeId: node.id,
      });
    } else if (!reached.has(node.id)) {
      problems.push({
        message: `从第一步${stepName(chart, start)}走不到${stepName(chart, node.id)}：请给它接上来的箭头`,
        path: ['nodes', index],
        nodeId: node.id,
      });
    }
  });

  // Branches are labelled.
  for (const node of chart.nodes) {
    const leaving = out.get(node.id) ?? [];
    if (leaving.length < 2) continue;
    for (const i of leaving) {
      const edge = chart.edges[i]!;
      if (blank(edge.label)) {
        problems.push({
          message: `${stepName(chart, node.id)}有${leaving.length}条去向，请写明去${stepName(chart, edge.to)}的条件（如“审核通过”）`,
          path: ['edges', i, 'label'],
          edgeIndex: i,
          nodeId: node.id,
        });
      }
    }
  }

  // Ends: only marked steps stop, and marked steps do stop.
  chart.nodes.forEach((node, index) => {
    if (firstWithId.get(node.id) !== index) return;
    const leaving = out.get(node.id)!.length;
    if (leaving === 0 && !node.end) {
      problems.push({
        message: `${stepName(chart, node.id)}之后没有下一步：如果流程到这里结束，请把它标为“结束步骤”；否则请给它加上去向`,
        path: ['nodes', index, 'end'],
        nodeId: node.id,
      });
    }
    if (leaving > 0 && node.end) {
      problems.push({
        message: `${stepName(chart, node.id)}标为结束步骤，却还有去向：请取消“结束步骤”，或删去它的去向`,
        path: ['nodes', index, 'end'],
        nodeId: node.id,
      });
    }
  });

  // No trap: from every step some end can be reached.
  const ends = chart.nodes.filter((n) => n.end && out.get(n.id)?.length === 0).map((n) => n.id);
  if (ends.length === 0) {
    if (!problems.some((p) => p.path.at(-1) === 'end'))
      problems.push({ message: '流程还没有结束步骤：请把流程走完的那一步标为“结束步骤”', path: ['nodes'] });
    return problems;
  }
  const into = new Map<string, string[]>(chart.nodes.map((n) => [n.id, []]));
  for (const i of edges) into.get(chart.edges[i]!.to)!.push(chart.edges[i]!.from);
  const canFinish = reachable(ends, (id) => into.get(id)!);
  chart.nodes.forEach((node, index) => {
    if (firstWithId.get(node.id) !== index || canFinish.has(node.id)) return;
    problems.push({
      message: `从${stepName(chart, node.id)}往下走到不了结束步骤，事情会在这里打转：请给这一段加上通往结束的去向`,
      path: ['nodes', index],
      nodeId: node.id,
    });
  });
  return problems;
}

function reachable(from: string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  while (queue.length) {
    for (const to of next(queue.shift()!)) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}
