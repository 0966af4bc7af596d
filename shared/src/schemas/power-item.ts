import { z } from 'zod';
import { POWER_CATEGORIES, type PowerCategory } from '../labels.js';

export const PowerCategorySchema = z.enum(Object.keys(POWER_CATEGORIES) as [PowerCategory, ...PowerCategory[]]);

/** A step of a process chart; `risks` are the 廉政风险点 at that step; `end` marks a step where the process ends. */
export const ChartNodeSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  actor: z.string().optional(),
  risks: z.array(z.string()).default([]),
  end: z.boolean().optional(),
});
export type ChartNode = z.infer<typeof ChartNodeSchema>;

/** An arrow; a labelled edge is a branch such as 审核不通过 → 退回. */
export const ChartEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  label: z.string().optional(),
});
export type ChartEdge = z.infer<typeof ChartEdgeSchema>;

export const ProcessChartSchema = z
  .object({
    nodes: z.array(ChartNodeSchema).min(1),
    edges: z.array(ChartEdgeSchema),
  })
  .refine(
    (chart) => {
      const ids = new Set(chart.nodes.map((n) => n.id));
      return chart.edges.every((e) => ids.has(e.from) && ids.has(e.to));
    },
    { error: '流程图的连线指向了不存在的步骤' },
  );
export type ProcessChart = z.infer<typeof ProcessChartSchema>;

export const PowerItemSummarySchema = z.object({
  id: z.number().int(),
  category: PowerCategorySchema,
  title: z.string(),
});
export type PowerItemSummary = z.infer<typeof PowerItemSummarySchema>;

export const PowerItemSchema = PowerItemSummarySchema.extend({
  villageCode: z.string(),
  basis: z.string(),
  responsible: z.string(),
  publicity: z.array(z.string()),
  chart: ProcessChartSchema,
});
export type PowerItem = z.infer<typeof PowerItemSchema>;

export const PowerCategoryGroupSchema = z.object({
  category: PowerCategorySchema,
  items: z.array(PowerItemSummarySchema),
});
export type PowerCategoryGroup = z.infer<typeof PowerCategoryGroupSchema>;
