import {
  type ChartEdge,
  type ChartNode,
  POWER_CATEGORIES,
  POWER_CONTENT_FIELDS,
  type PowerContentField,
  type PowerUpdateChange,
  type ProcessChart,
  type StoredPowerItemContent,
} from '@mashang/shared';

const FIELDS = Object.keys(POWER_CONTENT_FIELDS) as PowerContentField[];

/** A field's value in one canonical form, so that equal content compares equal whatever its key order or defaults. */
function canonical(content: StoredPowerItemContent, field: PowerContentField): string {
  if (field !== 'chart') return JSON.stringify(content[field]);
  const { nodes, edges } = content.chart;
  return JSON.stringify({
    nodes: nodes.map((n) => ({ id: n.id, label: n.label, actor: n.actor || null, risks: n.risks ?? [], end: n.end === true })),
    edges: edges.map((e) => ({ from: e.from, to: e.to, label: e.label || null })),
  });
}

export function sameField(a: StoredPowerItemContent, b: StoredPowerItemContent, field: PowerContentField): boolean {
  return canonical(a, field) === canonical(b, field);
}

export function sameContent(a: StoredPowerItemContent, b: StoredPowerItemContent): boolean {
  return FIELDS.every((f) => sameField(a, b, f));
}

/**
 * The copy once a newer template version is accepted: every field the county changed between the
 * version the copy follows (`base`) and the one offered comes from the county; every other field
 * stays as the village has it, adjustments included.
 */
export function mergeUpdate(
  current: StoredPowerItemContent,
  base: StoredPowerItemContent,
  offered: StoredPowerItemContent,
): StoredPowerItemContent {
  const merged = { ...current };
  for (const field of FIELDS) {
    if (!sameField(base, offered, field)) Object.assign(merged, { [field]: offered[field] });
  }
  return merged;
}

/** What the county changed from `base` to `offered`, field by field, in words a village clerk reads. */
export function describeUpdate(
  current: StoredPowerItemContent,
  base: StoredPowerItemContent,
  offered: StoredPowerItemContent,
): PowerUpdateChange[] {
  return FIELDS.filter((field) => !sameField(base, offered, field)).map((field) => ({
    field,
    label: POWER_CONTENT_FIELDS[field],
    lines: fieldLines(field, base, offered),
    villageAdjusted: !sameField(current, base, field),
  }));
}

function fieldLines(field: PowerContentField, base: StoredPowerItemContent, offered: StoredPowerItemContent): string[] {
  switch (field) {
    case 'category':
      return [`由“${POWER_CATEGORIES[base.category]}”改为“${POWER_CATEGORIES[offered.category]}”`];
    case 'publicity': {
      const added = offered.publicity.filter((p) => !base.publicity.includes(p)).map((p) => `新增：${p}`);
      const removed = base.publicity.filter((p) => !offered.publicity.includes(p)).map((p) => `删去：${p}`);
      return added.length || removed.length ? [...added, ...removed] : ['顺序有调整'];
    }
    case 'chart':
      return chartLines(base.chart, offered.chart);
    default:
      return [`原来：${base[field]}`, `现在：${offered[field]}`];
  }
}

function chartLines(before: ProcessChart, after: ProcessChart): string[] {
  const lines: string[] = [];
  const was = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const name = (id: string) => `“${now.get(id)?.label ?? was.get(id)?.label ?? id}”`;

  for (const node of after.nodes) {
    const old = was.get(node.id);
    if (!old) {
      lines.push(`新增步骤${name(node.id)}`);
      continue;
    }
    lines.push(...stepLines(old, node));
  }
  for (const node of before.nodes) if (!now.has(node.id)) lines.push(`删去步骤“${node.label}”`);

  const key = (e: ChartEdge) => `${e.from}\u0000${e.to}`;
  const oldEdges = new Map(before.edges.map((e) => [key(e), e]));
  const newEdges = new Map(after.edges.map((e) => [key(e), e]));
  const arrow = (e: ChartEdge) => `${name(e.from)} → ${name(e.to)}`;
  for (const edge of after.edges) {
    const old = oldEdges.get(key(edge));
    if (!old) lines.push(`新增去向：${arrow(edge)}${edge.label ? `（${edge.label}）` : ''}`);
    else if ((old.label || '') !== (edge.label || ''))
      lines.push(edge.label ? `${arrow(edge)}的条件改为“${edge.label}”` : `${arrow(edge)}不再写条件`);
  }
  for (const edge of before.edges) {
    // A removed step's arrows went with it; saying so again would only be noise.
    if (!newEdges.has(key(edge)) && now.has(edge.from) && now.has(edge.to)) lines.push(`删去去向：${arrow(edge)}`);
  }
  return lines.length ? lines : ['步骤的先后顺序有调整'];
}

function stepLines(old: ChartNode, node: ChartNode): string[] {
  const lines: string[] = [];
  const name = `“${node.label}”`;
  if (old.label !== node.label) lines.push(`步骤“${old.label}”改名为${name}`);
  if ((old.actor || '') !== (node.actor || '')) lines.push(node.actor ? `${name}的办理人改为：${node.actor}` : `${name}不再写明办理人`);
  const oldRisks = old.risks ?? [];
  const newRisks = node.risks ?? [];
  for (const r of newRisks) if (!oldRisks.includes(r)) lines.push(`${name}新增廉政风险点：${r}`);
  for (const r of oldRisks) if (!newRisks.includes(r)) lines.push(`${name}删去廉政风险点：${r}`);
  if (!old.end && node.end) lines.push(`${name}改为结束步骤`);
  if (old.end && !node.end) lines.push(`${name}不再是结束步骤`);
  return lines;
}
