import { type ProcessChart, validateChart } from '@mashang/shared';

/** A step as the editor holds it: risk points as text, one per line. */
export interface StepDraft {
  id: string;
  label: string;
  actor: string;
  risks: string;
  end: boolean;
}

/** A way from one step to another; `key` stays with the row while its ends change. */
export interface BranchDraft {
  key: string;
  from: string;
  to: string;
  label: string;
}

export interface ChartDraft {
  steps: StepDraft[];
  branches: BranchDraft[];
  /** Next number for a new branch row's key. */
  nextKey: number;
}

/** What the editor's chart is in the shape the API and the drawing take. */
export interface DraftChart {
  nodes: { id: string; label: string; actor?: string; risks: string[]; end?: boolean }[];
  edges: { from: string; to: string; label?: string }[];
}

export function draftOf(chart: ProcessChart | null): ChartDraft {
  const nodes = chart?.nodes ?? [];
  const edges = chart?.edges ?? [];
  return {
    steps: nodes.map((n) => ({ id: n.id, label: n.label, actor: n.actor ?? '', risks: (n.risks ?? []).join('\n'), end: n.end === true })),
    branches: edges.map((e, i) => ({ key: `b${i}`, from: e.from, to: e.to, label: e.label ?? '' })),
    nextKey: edges.length,
  };
}

export function chartOf(draft: ChartDraft): DraftChart {
  return {
    nodes: draft.steps.map((s) => ({
      id: s.id,
      label: s.label.trim(),
      ...(s.actor.trim() ? { actor: s.actor.trim() } : {}),
      risks: s.risks
        .split('\n')
        .map((r) => r.trim())
        .filter(Boolean),
      ...(s.end ? { end: true } : {}),
    })),
    edges: draft.branches.map((b) => ({ from: b.from, to: b.to, ...(b.label.trim() ? { label: b.label.trim() } : {}) })),
  };
}

/** An id no step of the draft has: s1, s2, … (ids of saved steps are kept, so questions about a step still find it). */
function freshId(draft: ChartDraft): string {
  const taken = new Set(draft.steps.map((s) => s.id));
  for (let n = draft.steps.length + 1; ; n++) if (!taken.has(`s${n}`)) return `s${n}`;
}

export function addStep(draft: ChartDraft): ChartDraft {
  return { ...draft, steps: [...draft.steps, { id: freshId(draft), label: '', actor: '', risks: '', end: false }] };
}

/** Removes a step and every branch to or from it. */
export function removeStep(draft: ChartDraft, id: string): ChartDraft {
  return { ...draft, steps: draft.steps.filter((s) => s.id !== id), branches: draft.branches.filter((b) => b.from !== id && b.to !== id) };
}

/** Moves a step one place up (-1) or down (+1) in the list; the first step is where the process starts. */
export function moveStep(draft: ChartDraft, id: string, by: -1 | 1): ChartDraft {
  const i = draft.steps.findIndex((s) => s.id === id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= draft.steps.length) return draft;
  const steps = [...draft.steps];
  [steps[i], steps[j]] = [steps[j]!, steps[i]!];
  return { ...draft, steps };
}

export function updateStep(draft: ChartDraft, id: string, change: Partial<Omit<StepDraft, 'id'>>): ChartDraft {
  return { ...draft, steps: draft.steps.map((s) => (s.id === id ? { ...s, ...change } : s)) };
}

/** A new branch row, from the last step to nowhere yet. */
export function addBranch(draft: ChartDraft): ChartDraft {
  const from = draft.steps[draft.steps.length - 1]?.id ?? '';
  return { ...draft, branches: [...draft.branches, { key: `b${draft.nextKey}`, from, to: '', label: '' }], nextKey: draft.nextKey + 1 };
}

export function removeBranch(draft: ChartDraft, key: string): ChartDraft {
  return { ...draft, branches: draft.branches.filter((b) => b.key !== key) };
}

export function updateBranch(draft: ChartDraft, key: string, change: Partial<Omit<BranchDraft, 'key'>>): ChartDraft {
  return { ...draft, branches: draft.branches.map((b) => (b.key === key ? { ...b, ...change } : b)) };
}

/** The chart's problems, each put where the editor shows it: beside a step, beside a branch, or above both. */
export interface DraftProblems {
  general: string[];
  steps: Record<string, string[]>;
  branches: Record<string, string[]>;
  count: number;
}

/** Problems by the shared rules (the server's too), placed on the rows they are about. */
export function problemsOf(draft: ChartDraft): DraftProblems {
  const out: DraftProblems = { general: [], steps: {}, branches: {}, count: 0 };
  for (const problem of validateChart(chartOf(draft))) {
    out.count++;
    const [part, index] = problem.path;
    const branch = problem.edgeIndex !== undefined || part === 'edges' ? draft.branches[problem.edgeIndex ?? Number(index)] : undefined;
    const step = part === 'nodes' && typeof index === 'number' ? draft.steps[index] : undefined;
    if (branch) (out.branches[branch.key] ??= []).push(problem.message);
    else if (step) (out.steps[step.id] ??= []).push(problem.message);
    else out.general.push(problem.message);
  }
  return out;
}

/**
 * Where a field error from the server belongs: `body.chart.nodes.2.label` beside the third step,
 * `body.chart.edges.0` beside the first branch, other fields by their name (`title`).
 */
export function rowOfField(draft: ChartDraft, field: string): string | null {
  const match = /^body\.chart\.(nodes|edges)\.(\d+)/.exec(field);
  if (match) {
    const i = Number(match[2]);
    const step = match[1] === 'nodes' ? draft.steps[i] : undefined;
    const branch = match[1] === 'edges' ? draft.branches[i] : undefined;
    return step ? `step:${step.id}` : branch ? `branch:${branch.key}` : null;
  }
  const name = /^body\.([a-z]+)/.exec(field)?.[1];
  return name && name !== 'chart' && name !== 'version' ? name : null;
}
