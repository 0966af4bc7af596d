import { z } from 'zod';

/** 小微权力清单 categories, in the order a village page lists them. */
export const POWER_CATEGORIES = {
  major_decision: '重大事项决策',
  collective_assets: '集体资产资源处置',
  construction: '工程项目建设',
  finance: '财务管理',
  subsidy: '惠农惠民补贴',
  village_affairs: '村务管理',
  party_affairs: '党务管理',
  public_service: '便民服务',
} as const;
export type PowerCategory = keyof typeof POWER_CATEGORIES;
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
